"""The statutory clocks of a serious incident, as plain functions of dates.

Notification to the national Child Safeguarding Practice Review Panel is due 5 working
days after the local authority became aware; the rapid review, 15 working days after the
notification was sent. Working days exclude weekends, England and Wales bank holidays and
the partnership's own closure days (`core.workingdays`).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from safeboard.core.workingdays import add_working_days, working_days_between

NOTIFICATION_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15


class ClockState(StrEnum):
    WAITING = "waiting"  # the clock has not started
    RUNNING = "running"
    DUE_TODAY = "due today"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"


# GOV.UK tag colours, so every page shows a state the same way.
TAG_COLOUR = {
    ClockState.WAITING: "grey",
    ClockState.RUNNING: "blue",
    ClockState.DUE_TODAY: "orange",
    ClockState.OVERDUE: "red",
    ClockState.MET: "green",
    ClockState.MISSED: "red",
}


@dataclass(frozen=True)
class Clock:
    name: str
    due: date | None  # None until the clock starts
    done: date | None
    days_left: int | None  # working days from today to the due date; negative once past
    state: ClockState
    waiting_for: str = ""  # what starts the clock, while it waits

    @property
    def is_open(self) -> bool:
        return self.state in (ClockState.RUNNING, ClockState.DUE_TODAY, ClockState.OVERDUE)

    @property
    def tag_colour(self) -> str:
        return TAG_COLOUR[self.state]

    @property
    def summary(self) -> str:
        """The clock in a few words, for a table cell or an email."""
        if self.state is ClockState.WAITING:
            return self.waiting_for
        if self.state in (ClockState.MET, ClockState.MISSED):
            state = self.state.value.capitalize()
            return f"{state}: due {self.due:%-d %B %Y}, done {self.done:%-d %B %Y}"
        return f"Due {self.due:%-d %B %Y}: {describe_days_left(self.days_left)}"


def describe_days_left(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left == 0:
        return "due today"
    if days_left < 0:
        return f"{-days_left} working day{'s' if days_left != -1 else ''} overdue"
    return f"{days_left} working day{'s' if days_left != 1 else ''} left"


def state_of(*, due: date, done: date | None, today: date) -> ClockState:
    """Met when done on or before the due date; missed when done later, or not done by it."""
    if done is not None:
        return ClockState.MET if done <= due else ClockState.MISSED
    if today == due:
        return ClockState.DUE_TODAY
    return ClockState.OVERDUE if today > due else ClockState.RUNNING


def running_clock(
    name: str, *, started: date, working_days: int, done: date | None, today: date, closures
) -> Clock:
    due = add_working_days(started, working_days, closures)
    state = state_of(due=due, done=done, today=today)
    days_left = working_days_between(today, due, closures) if done is None else None
    return Clock(name=name, due=due, done=done, days_left=days_left, state=state)


def notification_clock(
    *, became_aware: date, sent: date | None, today: date, closures: Iterable[date] = ()
) -> Clock:
    """Notification to the national panel: 5 working days from the LA becoming aware."""
    return running_clock(
        "Notification to the national panel",
        started=became_aware,
        working_days=NOTIFICATION_WORKING_DAYS,
        done=sent,
        today=today,
        closures=frozenset(closures),
    )


def rapid_review_clock(
    *,
    notification_sent: date | None,
    held: date | None,
    today: date,
    closures: Iterable[date] = (),
) -> Clock:
    """The rapid review: 15 working days from the notification being sent."""
    name = "Rapid review"
    if notification_sent is None:
        return Clock(
            name=name,
            due=None,
            done=held,
            days_left=None,
            state=ClockState.WAITING,
            waiting_for="Starts when the notification is sent",
        )
    return running_clock(
        name,
        started=notification_sent,
        working_days=RAPID_REVIEW_WORKING_DAYS,
        done=held,
        today=today,
        closures=frozenset(closures),
    )


def ofsted_and_secretary_of_state_to_be_told(*, looked_after: bool) -> bool:
    """A serious incident involving a looked-after child is also notified to Ofsted and
    the Secretary of State, besides the national panel."""
    return looked_after


def nearest_deadline(clocks: Iterable[Clock]) -> date | None:
    """The earliest due date among the clocks still running: what the open list sorts by."""
    dues = [clock.due for clock in clocks if clock.is_open and clock.due is not None]
    return min(dues) if dues else None
