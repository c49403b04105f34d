from django.urls import include, path

urlpatterns = [
    path("", include("safeboard.core.urls")),
    path("", include("safeboard.reviews.urls")),
]
