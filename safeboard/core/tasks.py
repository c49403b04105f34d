"""The core module's background jobs."""

from datetime import time, timedelta

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import ScheduledRun
from .schedule import daily

TASK_RESULTS_KEPT = timedelta(days=30)


@daily("prune-task-results", at=time(3, 30))
@task()
def prune_task_results() -> int:
    """Forget finished background jobs, and the schedule's runs, older than a month; return
    how many jobs."""
    cutoff = timezone.now() - TASK_RESULTS_KEPT
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    # A job run every quarter of an hour would otherwise leave 35,000 rows a year.
    ScheduledRun.objects.filter(slot__lt=cutoff).delete()
    return deleted
