"""What the action tracker's services are audited as."""

from django.db import models

from safeboard.core.audit import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    RECOMMENDATION_CREATE = "recommendation.create", "Recommendation added"
    RECOMMENDATION_UPDATE = "recommendation.update", "Recommendation changed"
    ACTION_CREATE = "action.create", "Action added"
    ACTION_UPDATE = "action.update", "Action changed"
    ACTION_UPDATE_RECORD = "action.update.record", "Progress on an action recorded"
    ACTION_EVIDENCE_ADD = "action.evidence.add", "Evidence added to an action"
    ACTION_REMINDER_SEND = "action.reminder.send", "Reminder of an action sent"
    PRIORITY_CREATE = "priority.create", "Business plan priority added"
    PRIORITY_UPDATE = "priority.update", "Business plan priority changed"
    SETTINGS_UPDATE = "actions.settings.update", "Action tracker's settings changed"
