import datetime

import pytest
import time_machine
from django.core import mail

from safeboard.actions.models import Reminder, Status
from safeboard.actions.tasks import send_action_reminders
from safeboard.actions.tests.factories import ActionFactory, RecommendationFactory
from safeboard.core import schedule

MONDAY = datetime.datetime(2018, 1, 15, 7, 0, tzinfo=datetime.UTC)


@pytest.fixture
def owned(cast):
    def make(due: datetime.date, **fields):
        return ActionFactory(
            recommendation=RecommendationFactory(partnership=cast.partnership),
            owner_agency=cast.police,
            owner=cast.agency_lead,
            due_date=due,
            **fields,
        )

    return make


@pytest.fixture
def run_on(django_capture_on_commit_callbacks):
    """Run the daily job at a moment, sending what it sends when its transactions commit."""

    def run(moment):
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return send_action_reminders.call()

    return run


def test_owners_of_actions_due_within_a_week_or_overdue_are_emailed(owned, cast, run_on):
    due_soon = owned(datetime.date(2018, 1, 22))
    overdue = owned(datetime.date(2018, 1, 1))
    owned(datetime.date(2018, 1, 23))  # eight days off
    owned(datetime.date(2018, 1, 1), status=Status.COMPLETED)
    assert run_on(MONDAY) == 2
    kinds = dict(Reminder.objects.values_list("action_id", "kind"))
    assert kinds == {due_soon.pk: "due_soon", overdue.pk: "overdue"}
    assert {m.to[0] for m in mail.outbox} == {cast.agency_lead.email}
    assert any(m.subject.startswith("Overdue") for m in mail.outbox)
    assert f"/p/southampton/actions/{overdue.pk}/" in mail.outbox[0].body + mail.outbox[1].body


def test_an_action_is_reminded_once_a_week(owned, run_on):
    owned(datetime.date(2018, 1, 1))
    assert run_on(MONDAY) == 1
    assert run_on(MONDAY + datetime.timedelta(days=1)) == 0
    assert run_on(MONDAY + datetime.timedelta(days=6, hours=23)) == 0
    assert run_on(MONDAY + datetime.timedelta(days=7)) == 1
    assert Reminder.objects.count() == 2 and len(mail.outbox) == 2


def test_an_action_with_no_named_owner_is_not_emailed(cast, run_on):
    ActionFactory(
        recommendation=RecommendationFactory(partnership=cast.partnership),
        owner_agency=cast.police,
        due_date=datetime.date(2018, 1, 1),
    )
    assert run_on(MONDAY) == 0 and mail.outbox == []


def test_the_reminders_are_a_daily_job_of_the_worker():
    assert schedule.JOBS["action-reminders"].task is send_action_reminders
