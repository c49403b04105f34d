from datetime import UTC, datetime, time

import pytest
from django.tasks import task

from safeboard.core import schedule
from safeboard.core.models import ScheduledRun

RUNS: list[str] = []


@task()
def remember() -> None:
    RUNS.append("ran")


@pytest.fixture
def one_job(monkeypatch):
    RUNS.clear()
    monkeypatch.setattr(schedule, "JOBS", {})
    schedule.daily("remember", at=time(7, 0))(remember)


def test_a_due_job_runs_once_however_many_workers_ask(db, one_job):
    morning = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert schedule.enqueue_due(morning) == ["remember"]
    assert schedule.enqueue_due(morning) == []  # a second worker, same slot
    assert RUNS == ["ran"]
    assert ScheduledRun.objects.get().slot == datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def test_before_its_time_the_job_belongs_to_yesterday(db, one_job):
    early = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
    schedule.enqueue_due(early)
    assert ScheduledRun.objects.get().slot.day == 26


def test_the_next_day_runs_again(db, one_job):
    schedule.enqueue_due(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    schedule.enqueue_due(datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    assert RUNS == ["ran", "ran"]


def test_the_daily_time_is_london_time(db, one_job):
    summer = datetime(2026, 7, 1, 6, 30, tzinfo=UTC)  # 07:30 in London
    schedule.enqueue_due(summer)
    assert ScheduledRun.objects.get().slot == datetime(2026, 7, 1, 6, 0, tzinfo=UTC)


def test_the_core_jobs_are_registered():
    from safeboard.core import tasks  # noqa: F401

    assert "prune-task-results" in schedule.JOBS


def test_a_job_every_quarter_hour_runs_once_in_each_quarter(db, monkeypatch):
    RUNS.clear()
    monkeypatch.setattr(schedule, "JOBS", {})
    schedule.every("remember", minutes=15)(remember)
    for minute in (1, 14, 16, 29):
        schedule.enqueue_due(datetime(2026, 11, 27, 9, minute, tzinfo=UTC))
    assert RUNS == ["ran", "ran"]
    assert sorted(run.slot.minute for run in ScheduledRun.objects.all()) == [0, 15]


def test_stopped_reads_of_returns_are_watched_every_quarter_hour():
    from safeboard.returns.tasks import resume_stopped_reads

    job = schedule.JOBS["returns-stopped-reads"]
    assert (job.task, job.latest_slot(datetime(2026, 11, 27, 9, 44, tzinfo=UTC)).minute) == (
        resume_stopped_reads,
        30,
    )
