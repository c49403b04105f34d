from django.urls import path

from . import views

app_name = "returns"

urlpatterns = [
    path("", views.ingest_list_page, name="ingest-list"),
    path("upload/", views.ingest_upload, name="ingest-upload"),
    path("results/", views.results_page, name="results"),
    path("<int:pk>/", views.ingest_detail, name="ingest-detail"),
]
