"""The case review module's background jobs."""

from datetime import time

from django.tasks import task
from django.utils import timezone

from safeboard.core.schedule import daily

from .reminders import reminders_send


@daily("case-review-deadline-reminders", at=time(7, 0))
@task()
def send_deadline_reminders() -> int:
    return reminders_send(today=timezone.localdate())
