"""The core module's background jobs."""

from datetime import time, timedelta

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .schedule import daily

TASK_RESULTS_KEPT = timedelta(days=30)


@daily("prune-task-results", at=time(3, 30))
@task()
def prune_task_results() -> int:
    """Forget finished background jobs older than a month; return how many."""
    cutoff = timezone.now() - TASK_RESULTS_KEPT
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
