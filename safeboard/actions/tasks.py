"""The tracker's background jobs."""

from datetime import time

from django.tasks import task
from django.utils import timezone

from safeboard.core.schedule import daily

from . import selectors, services


@daily("action-reminders", at=time(7, 0))
@task()
def send_action_reminders() -> int:
    """Remind the owners of actions due within a week or overdue; return how many."""
    now = timezone.now()
    sent = 0
    for action in selectors.actions_due_for_reminder(now=now):
        services.reminder_send(action=action, now=now)
        sent += 1
    return sent
