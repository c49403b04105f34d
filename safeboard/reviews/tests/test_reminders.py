"""Deadline reminders to the case review group, with a frozen clock."""

from datetime import date

import pytest
import time_machine
from django.core import mail

from safeboard.core import schedule
from safeboard.core.models import AuditEvent
from safeboard.reviews.models import ReminderSent
from safeboard.reviews.reminders import reminders_send
from safeboard.reviews.tasks import send_deadline_reminders
from safeboard.reviews.tests.factories import DecisionFactory, ReferralFactory


@pytest.fixture
def aware_on_thursday(cast):
    # Aware Thursday 8 March 2018: notification due Thursday 15 March.
    return ReferralFactory(
        partnership=cast.partnership,
        referring_agency=cast.police,
        reference="SR-2018-03",
        became_aware=date(2018, 3, 8),
    )


def send(today, capture):
    with capture(execute=True):
        return reminders_send(today=today)


def test_the_group_is_reminded_two_working_days_before_the_deadline(
    cast, aware_on_thursday, django_capture_on_commit_callbacks
):
    assert send(date(2018, 3, 13), django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[cast.case_review_member.email]]
    assert "Due 15 March 2018: 2 working days left" in mail.outbox[0].body
    assert "SR-2018-03" in mail.outbox[0].subject
    assert "infant" not in mail.outbox[0].body  # what happened stays on the restricted page
    sent = ReminderSent.objects.get()
    assert (sent.clock, sent.due, sent.recipients) == ("notification", date(2018, 3, 15), 1)
    assert AuditEvent.objects.filter(action="reviews.reminder.send").count() == 1


def test_and_again_on_the_day(cast, aware_on_thursday, django_capture_on_commit_callbacks):
    assert send(date(2018, 3, 14), django_capture_on_commit_callbacks) == 0
    assert send(date(2018, 3, 15), django_capture_on_commit_callbacks) == 1
    assert "due today" in mail.outbox[0].body


def test_a_reminder_goes_once_per_clock_per_day(
    cast, aware_on_thursday, django_capture_on_commit_callbacks
):
    send(date(2018, 3, 13), django_capture_on_commit_callbacks)
    assert send(date(2018, 3, 13), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1


def test_no_reminder_on_a_weekend(cast, django_capture_on_commit_callbacks):
    # Due Tuesday 20 March; Friday 16th is two working days before, and so is the weekend.
    ReferralFactory(
        partnership=cast.partnership, referring_agency=cast.police, became_aware=date(2018, 3, 13)
    )
    assert send(date(2018, 3, 17), django_capture_on_commit_callbacks) == 0
    assert send(date(2018, 3, 16), django_capture_on_commit_callbacks) == 1


def test_the_rapid_review_clock_is_reminded_once_notified(cast, django_capture_on_commit_callbacks):
    # Notified Friday 23 March 2018: rapid review due Tuesday 17 April, after Easter.
    ReferralFactory(
        partnership=cast.partnership,
        referring_agency=cast.police,
        became_aware=date(2018, 3, 22),
        notification_sent=date(2018, 3, 23),
    )
    assert send(date(2018, 4, 13), django_capture_on_commit_callbacks) == 1
    assert ReminderSent.objects.get().clock == "rapid_review"


def test_done_and_decided_referrals_are_not_reminded(cast, django_capture_on_commit_callbacks):
    ReferralFactory(
        partnership=cast.partnership,
        referring_agency=cast.police,
        became_aware=date(2018, 3, 8),
        notification_sent=date(2018, 3, 9),
        rapid_review_held=date(2018, 3, 20),
    )
    DecisionFactory(
        referral=ReferralFactory(
            partnership=cast.partnership,
            referring_agency=cast.police,
            became_aware=date(2018, 3, 8),
        )
    )
    assert send(date(2018, 3, 13), django_capture_on_commit_callbacks) == 0


def test_only_the_case_review_group_of_that_partnership_is_emailed(
    cast, aware_on_thursday, django_capture_on_commit_callbacks
):
    send(date(2018, 3, 13), django_capture_on_commit_callbacks)
    addresses = {address for message in mail.outbox for address in message.to}
    assert addresses == {cast.case_review_member.email}


def test_the_daily_job_reminds_on_the_frozen_day(
    cast, aware_on_thursday, django_capture_on_commit_callbacks
):
    assert "case-review-deadline-reminders" in schedule.JOBS
    with (
        time_machine.travel("2018-03-15 07:00 +0000", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_deadline_reminders.enqueue()
    assert ReminderSent.objects.get().day == date(2018, 3, 15)
    assert len(mail.outbox) == 1


def test_the_referral_page_lists_the_reminders_sent(
    cast, client, aware_on_thursday, django_capture_on_commit_callbacks
):
    send(date(2018, 3, 13), django_capture_on_commit_callbacks)
    client.force_login(cast.chair)
    page = client.get(aware_on_thursday.get_absolute_url()).content.decode()
    assert "13 March 2018: Notification to the national panel, due 15 March 2018" in page
