"""Periodic jobs, run by `safeboard worker`.

Each job has a daily time (Europe/London). Every worker checks the schedule each minute;
the first to record a run for a job's slot enqueues it, so however many workers run, a
job runs once per slot. A worker that was down catches up with the latest missed slot only.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.tasks import Task
from django.utils import timezone

from .models import ScheduledRun


@dataclass(frozen=True)
class DailyJob:
    name: str
    at: time
    task: Task

    def latest_slot(self, now: datetime) -> datetime:
        local = timezone.localtime(now)
        slot = timezone.make_aware(datetime.combine(local.date(), self.at))
        return slot if slot <= now else slot - timedelta(days=1)


JOBS: dict[str, DailyJob] = {}


def daily(name: str, *, at: time) -> Callable[[Task], Task]:
    """Register a task to run every day at a time."""

    def register(task: Task) -> Task:
        JOBS[name] = DailyJob(name=name, at=at, task=task)
        return task

    return register


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose latest slot has no run yet; return the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in JOBS.values():
        slot = job.latest_slot(now)
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=slot, enqueued_at=now)
                result = job.task.enqueue()
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another worker claimed this slot
        enqueued.append(job.name)
    return enqueued
