from django.urls import include, path

urlpatterns = [
    path("", include("safeboard.core.urls")),
    path("", include("safeboard.annual.urls")),
]
