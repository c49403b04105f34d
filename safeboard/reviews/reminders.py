"""Deadline reminders to the case review group: two working days before each statutory
deadline, and on the day. Each is recorded, so a clock is reminded once a day at most,
however often the job runs."""

from dataclasses import dataclass
from datetime import date
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from safeboard.core import audit
from safeboard.core.models import Partnership, Role
from safeboard.core.notify import send_email
from safeboard.core.selectors import partnership_people_with_role
from safeboard.core.workingdays import is_working_day

from .clocks import Clock
from .models import Referral, ReminderClock, ReminderSent
from .selectors import clocks_of, closure_days_of

REMIND_AT_WORKING_DAYS_LEFT = (2, 0)


@dataclass(frozen=True)
class Reminder:
    referral: Referral
    clock: str  # a ReminderClock value
    deadline: Clock


def reminders_due(referrals, *, today: date, closures: frozenset[date]) -> list[Reminder]:
    """The clocks, among these referrals, that are two working days from their deadline or
    due today. Nothing on a day the office is closed: the reminder came the working day before."""
    if not is_working_day(today, closures):
        return []
    due = []
    for referral in referrals:
        clocks = clocks_of(referral, today=today, closures=closures)
        for name, clock in (
            (ReminderClock.NOTIFICATION, clocks.notification),
            (ReminderClock.RAPID_REVIEW, clocks.rapid_review),
        ):
            if clock.is_open and clock.days_left in REMIND_AT_WORKING_DAYS_LEFT:
                due.append(Reminder(referral=referral, clock=name, deadline=clock))
    return due


def case_review_group(partnership: Partnership) -> list[str]:
    group = partnership_people_with_role(partnership.pk, Role.CASE_REVIEW_MEMBER)
    return list(group.order_by("email").values_list("email", flat=True))


@transaction.atomic
def reminder_send(*, reminder: Reminder, today: date, recipients: list[str]) -> bool:
    """Email one reminder unless it was sent today already; True when sent."""
    referral = reminder.referral
    # Only an open clock is reminded, and an open clock has started: it has its due date.
    assert reminder.deadline.due is not None
    _, created = ReminderSent.objects.get_or_create(
        referral=referral,
        clock=reminder.clock,
        day=today,
        defaults={
            "due": reminder.deadline.due,
            "recipients": len(recipients),
            "sent_at": audit.now(),
        },
    )
    if not created:
        return False
    subject = f"{referral}: {reminder.deadline.name.lower()} {reminder.deadline.summary.lower()}"
    body = render_to_string(
        "reviews/email/deadline_reminder.txt",
        {"reminder": reminder, "base_url": settings.SAFEBOARD_BASE_URL},
    )
    audit.record(
        actor=None,
        action="reviews.reminder.send",
        target=referral,
        partnership_id=referral.partnership_id,
        changed=[reminder.clock],
    )
    for address in recipients:
        transaction.on_commit(partial(send_email, to=address, subject=subject, body=body))
    return True


def reminders_send(*, today: date) -> int:
    """Send every reminder due today, across partnerships; return how many were sent."""
    sent = 0
    for partnership in Partnership.objects.filter(is_active=True):
        referrals = Referral.objects.filter(
            partnership=partnership, decision__isnull=True
        ).select_related("partnership")
        due = reminders_due(referrals, today=today, closures=closure_days_of(partnership))
        if not due:
            continue
        recipients = case_review_group(partnership)
        sent += sum(
            reminder_send(reminder=reminder, today=today, recipients=recipients) for reminder in due
        )
    return sent
