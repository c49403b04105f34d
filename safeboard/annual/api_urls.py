from django.urls import path

from . import api
from . import urls as _pages  # noqa: F401 - registers the `fy` converter these addresses use

app_name = "annual-api"

urlpatterns = [
    path(
        "partnerships/<slug:slug>/annual-reports/<fy:year>/",
        api.BoardReportApi.as_view(),
        name="board-report",
    ),
    path("published/<slug:slug>/<fy:year>/", api.PublishedReportApi.as_view(), name="published"),
]
