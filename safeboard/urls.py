from django.urls import include, path

urlpatterns = [
    path("", include("safeboard.core.urls")),
    path("", include("safeboard.annual.urls")),
    path("p/<slug:slug>/returns/", include("safeboard.returns.urls")),
]
