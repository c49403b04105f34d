from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/new/", views.body_create, name="body-create"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body-edit"),
    path("bodies/<int:pk>/seats/new/", views.seat_create, name="seat-create"),
    path("bodies/<int:pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("seats/<int:pk>/edit/", views.seat_edit, name="seat-edit"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/agenda/new/", views.agenda_item_add, name="agenda-add"),
    path("meetings/<int:pk>/papers/<int:item_pk>/", views.paper, name="paper"),
    path("meetings/<int:pk>/attendance/", views.attendance_record, name="attendance-record"),
    path("meetings/<int:pk>/assurance/", views.assurance_submit, name="assurance-submit"),
    path("meetings/<int:pk>/pack/", views.pack_request, name="pack-request"),
    path("meetings/<int:pk>/pack/<int:pack_pk>/", views.pack_download, name="pack-download"),
    path("arrangements/", views.arrangement_list_page, name="arrangements"),
    path("arrangements/<slug:arrangement>/", views.arrangement_detail, name="arrangement"),
    path("attendance/", views.attendance_report, name="attendance"),
    path("governance/settings/", views.governance_settings, name="settings"),
    path("escalations/", views.escalation_list, name="escalations"),
    path("escalations/new/", views.escalation_create, name="escalation-create"),
    path("escalations/<int:pk>/", views.escalation_detail, name="escalation"),
    path("escalations/<int:pk>/edit/", views.escalation_edit, name="escalation-edit"),
]
