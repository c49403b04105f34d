"""Periodic jobs, run by `safeboard worker`.

Each job has a daily time (Europe/London), or runs every so many minutes (a watch over
the background jobs themselves). Every worker checks the schedule each minute;
the first to record a run for a job's slot enqueues it, so however many workers run, a
job runs once per slot. A worker that was down catches up with the latest missed slot only.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

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


@dataclass(frozen=True)
class RepeatedJob:
    name: str
    every: timedelta
    task: Task

    def latest_slot(self, now: datetime) -> datetime:
        step = self.every.total_seconds()
        return datetime.fromtimestamp(now.timestamp() // step * step, tz=UTC)


JOBS: dict[str, DailyJob | RepeatedJob] = {}


def daily(name: str, *, at: time) -> Callable[[Task], Task]:
    """Register a task to run every day at a time."""

    def register(task: Task) -> Task:
        JOBS[name] = DailyJob(name=name, at=at, task=task)
        return task

    return register


def every(name: str, *, minutes: int) -> Callable[[Task], Task]:
    """Register a task to run every so many minutes."""

    def register(task: Task) -> Task:
        JOBS[name] = RepeatedJob(name=name, every=timedelta(minutes=minutes), task=task)
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
