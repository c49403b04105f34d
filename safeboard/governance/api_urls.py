from django.urls import path

from . import api

app_name = "governance-api"

urlpatterns = [
    path("bodies/", api.BodyListApi.as_view(), name="bodies"),
    path("arrangements/", api.ArrangementListApi.as_view(), name="arrangements"),
    path("meetings/", api.MeetingListApi.as_view(), name="meetings"),
    path("meetings/<int:pk>/", api.MeetingDetailApi.as_view(), name="meeting"),
]
