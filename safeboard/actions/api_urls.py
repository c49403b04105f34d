from django.urls import path

from . import api

app_name = "actions-api"

urlpatterns = [
    path("actions/", api.ActionListApi.as_view(), name="actions"),
    path("actions/<int:pk>/", api.ActionDetailApi.as_view(), name="action"),
    path("actions/<int:pk>/updates/", api.ActionUpdatesApi.as_view(), name="action-updates"),
    path("priorities/", api.PriorityListApi.as_view(), name="priorities"),
    path("recommendations/", api.RecommendationListApi.as_view(), name="recommendations"),
]
