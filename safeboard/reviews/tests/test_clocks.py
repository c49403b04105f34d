"""The statutory clocks, with plain dates."""

from datetime import date

from safeboard.reviews.clocks import (
    ClockState,
    describe_days_left,
    nearest_deadline,
    notification_clock,
    ofsted_and_secretary_of_state_to_be_told,
    rapid_review_clock,
)


def notification_due(became_aware: date, closures=()) -> date:
    clock = notification_clock(
        became_aware=became_aware, sent=None, today=became_aware, closures=closures
    )
    assert clock.due is not None
    return clock.due


def rapid_review_due(notification_sent: date) -> date:
    clock = rapid_review_clock(
        notification_sent=notification_sent, held=None, today=notification_sent
    )
    assert clock.due is not None
    return clock.due


def test_notification_is_due_five_working_days_after_a_thursday_awareness():
    # Thursday 8 March 2018: the weekend is skipped, so Thursday 15 March.
    assert notification_due(date(2018, 3, 8)) == date(2018, 3, 15)


def test_notification_on_the_friday_before_good_friday_skips_easter():
    # Good Friday 30 March and Easter Monday 2 April 2018 are bank holidays.
    assert notification_due(date(2018, 3, 23)) == date(2018, 4, 3)


def test_a_rapid_review_after_a_notification_on_the_friday_before_good_friday():
    assert rapid_review_due(date(2018, 3, 23)) == date(2018, 4, 17)


def test_notification_across_christmas_and_new_year():
    # Christmas Day (Monday), Boxing Day and New Year's Day 2018 are not working days.
    assert notification_due(date(2017, 12, 22)) == date(2018, 1, 3)


def test_a_rapid_review_across_christmas():
    assert rapid_review_due(date(2017, 12, 18)) == date(2018, 1, 11)


def test_a_local_closure_day_moves_the_deadline():
    assert notification_due(date(2018, 3, 8), closures=[date(2018, 3, 12)]) == date(2018, 3, 16)


def test_a_notification_sent_on_the_due_date_is_met():
    clock = notification_clock(
        became_aware=date(2018, 3, 8), sent=date(2018, 3, 15), today=date(2018, 5, 1)
    )
    assert clock.state is ClockState.MET
    assert clock.due == date(2018, 3, 15)


def test_a_notification_missed_by_one_day_is_missed():
    clock = notification_clock(
        became_aware=date(2018, 3, 8), sent=date(2018, 3, 16), today=date(2018, 5, 1)
    )
    assert clock.state is ClockState.MISSED


def test_a_rapid_review_held_one_day_late_is_missed():
    clock = rapid_review_clock(
        notification_sent=date(2018, 3, 23), held=date(2018, 4, 18), today=date(2018, 5, 1)
    )
    assert (clock.due, clock.state) == (date(2018, 4, 17), ClockState.MISSED)


def test_a_running_clock_counts_working_days_left():
    clock = notification_clock(became_aware=date(2018, 3, 8), sent=None, today=date(2018, 3, 9))
    assert (clock.state, clock.days_left) == (ClockState.RUNNING, 4)
    assert clock.summary == "Due 15 March 2018: 4 working days left"


def test_a_clock_on_its_due_date_is_due_today():
    clock = notification_clock(became_aware=date(2018, 3, 8), sent=None, today=date(2018, 3, 15))
    assert (clock.state, clock.days_left) == (ClockState.DUE_TODAY, 0)


def test_an_unmet_clock_past_its_date_is_overdue_by_working_days():
    clock = notification_clock(became_aware=date(2018, 3, 8), sent=None, today=date(2018, 3, 19))
    assert (clock.state, clock.days_left) == (ClockState.OVERDUE, -2)
    assert describe_days_left(clock.days_left) == "2 working days overdue"


def test_the_rapid_review_clock_waits_for_the_notification():
    clock = rapid_review_clock(notification_sent=None, held=None, today=date(2018, 3, 9))
    assert clock.state is ClockState.WAITING
    assert clock.due is None
    assert clock.summary == "Starts when the notification is sent"


def test_the_nearest_deadline_ignores_clocks_that_are_done_or_waiting():
    done = notification_clock(
        became_aware=date(2018, 3, 8), sent=date(2018, 3, 9), today=date(2018, 3, 12)
    )
    running = rapid_review_clock(
        notification_sent=date(2018, 3, 9), held=None, today=date(2018, 3, 12)
    )
    waiting = rapid_review_clock(notification_sent=None, held=None, today=date(2018, 3, 12))
    assert nearest_deadline([done, running, waiting]) == date(2018, 4, 3)  # after Easter
    assert nearest_deadline([done, waiting]) is None


def test_ofsted_and_the_secretary_of_state_are_told_about_looked_after_children_only():
    assert ofsted_and_secretary_of_state_to_be_told(looked_after=True)
    assert not ofsted_and_secretary_of_state_to_be_told(looked_after=False)
