from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("actions/", views.action_list_page, name="list"),
    path("actions/my-agency/", views.my_agency_actions, name="mine"),
    path("actions/overdue/", views.overdue_actions, name="overdue"),
    path("actions/by-theme/", views.by_theme, name="by-theme"),
    path("actions/settings/", views.tracker_settings, name="settings"),
    path("actions/new/", views.recommendation_create, name="recommendation-create"),
    path("actions/<int:pk>/", views.action_detail, name="detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="edit"),
    path("actions/<int:pk>/update/", views.action_record_update, name="record-update"),
    path("actions/<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("actions/<int:pk>/evidence/<int:file_pk>/", views.evidence_file, name="evidence-file"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation-edit"),
    path("plan/", views.plan, name="plan"),
    path("plan/priorities/new/", views.priority_create, name="priority-create"),
    path(
        "plan/priorities/<int:pk>/actions/new/",
        views.planned_action_create,
        name="planned-action-create",
    ),
]
