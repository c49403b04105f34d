from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("import/", views.import_file, name="import"),
    path("import/<int:pk>/", views.import_job, name="import-job"),
    path("import/template/<str:kind>.<str:fmt>", views.import_template, name="import-template"),
    path("indicators/<slug:code>/", views.indicator, name="indicator"),
    path("indicators/<slug:code>/choose/", views.indicator_choose, name="indicator-choose"),
    path("population/", views.population, name="population"),
]
