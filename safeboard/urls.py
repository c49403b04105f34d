from django.urls import include, path

handler404 = "safeboard.core.api.errors.not_found"

urlpatterns = [
    path("", include("safeboard.core.urls")),
    path("api/v1/", include("safeboard.core.api.urls")),
    path("", include("safeboard.annual.urls")),
    path("p/<slug:slug>/returns/", include("safeboard.returns.urls")),
    path("", include("safeboard.reviews.urls")),
    path("p/<slug:slug>/performance/", include("safeboard.performance.urls")),
    path("p/<slug:slug>/", include("safeboard.actions.urls")),
    path("p/<slug:slug>/", include("safeboard.governance.urls")),
    path("api/v1/partnerships/<slug:slug>/", include("safeboard.actions.api_urls")),
    path("api/v1/partnerships/<slug:slug>/", include("safeboard.governance.api_urls")),
    path(
        "api/v1/partnerships/<slug:slug>/performance/",
        include("safeboard.performance.api_urls"),
    ),
    path("api/v1/", include("safeboard.reviews.api_urls")),
    path("api/v1/", include("safeboard.annual.api_urls")),
]
