"""What the governance services are audited as."""

from django.db import models

from safeboard.core.audit import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    BODY_CREATE = "body.create", "Body added"
    BODY_UPDATE = "body.update", "Body changed"
    SEAT_CREATE = "seat.create", "Seat on a body given"
    SEAT_UPDATE = "seat.update", "Seat on a body changed"
    MEETING_CREATE = "meeting.create", "Meeting added"
    MEETING_UPDATE = "meeting.update", "Meeting changed"
    MEETING_AGENDA_ADD = "meeting.agenda.add", "Agenda item added"
    MEETING_ATTENDANCE_RECORD = "meeting.attendance.record", "Attendance recorded"
    MEETING_ASSURANCE_SUBMIT = "meeting.assurance.submit", "Assurance submitted to a meeting"
    MEETING_PACK_REQUEST = "meeting.pack.request", "Meeting pack requested"
    MEETING_PACK_BUILD = "meeting.pack.build", "Meeting pack made"
    MEETING_PACK_FAIL = "meeting.pack.fail", "Meeting pack failed"
    ESCALATION_CREATE = "escalation.create", "Escalation raised"
    ESCALATION_UPDATE = "escalation.update", "Escalation changed"
    SETTINGS_UPDATE = "governance.settings.update", "Governance settings changed"
