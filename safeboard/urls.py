from django.urls import include, path

urlpatterns = [
    path("", include("safeboard.core.urls")),
    path("p/<slug:slug>/performance/", include("safeboard.performance.urls")),
]
