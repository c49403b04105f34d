from django.urls import path

from . import api

app_name = "performance-api"

urlpatterns = [
    path("indicators/", api.IndicatorListApi.as_view(), name="indicators"),
    path("indicators/<slug:code>/", api.IndicatorDetailApi.as_view(), name="indicator"),
    path(
        "indicators/<slug:code>/analytics/",
        api.IndicatorAnalyticsApi.as_view(),
        name="indicator-analytics",
    ),
    path("analytics/", api.AnalyticsListApi.as_view(), name="analytics"),
    path("observations/", api.ObservationListApi.as_view(), name="observations"),
    path("observations/<int:pk>/", api.ObservationDetailApi.as_view(), name="observation"),
    path("population/", api.PopulationListApi.as_view(), name="population"),
    path("disagreements/", api.DisagreementListApi.as_view(), name="disagreements"),
]
