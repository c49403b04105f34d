from django.urls import include, path

urlpatterns = [
    path("", include("safeboard.core.urls")),
    path("p/<slug:slug>/", include("safeboard.actions.urls")),
    path("p/<slug:slug>/", include("safeboard.governance.urls")),
]
