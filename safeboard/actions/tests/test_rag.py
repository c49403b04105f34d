from datetime import date

import pytest

from safeboard.actions.rag import Rag, Thresholds, is_overdue, rag_status, rules

TODAY = date(2018, 1, 15)
DEFAULT = Thresholds()


def rag(*, status="in_progress", due, updated, thresholds=DEFAULT):
    return rag_status(
        status=status, due_date=due, last_update_on=updated, today=TODAY, thresholds=thresholds
    )


def test_an_overdue_action_is_red():
    assert rag(due=date(2018, 1, 14), updated=TODAY) == Rag.RED


def test_an_action_due_today_is_not_yet_overdue():
    assert rag(due=TODAY, updated=TODAY) == Rag.GREEN


def test_an_action_with_no_update_for_more_than_sixty_days_is_red_however_far_off():
    assert rag(due=date(2019, 1, 1), updated=date(2017, 11, 15)) == Rag.RED  # 61 days
    assert rag(due=date(2019, 1, 1), updated=date(2017, 11, 16)) == Rag.GREEN  # 60 days


def test_due_within_thirty_days_and_not_updated_for_thirty_is_amber():
    assert rag(due=date(2018, 2, 14), updated=date(2017, 12, 15)) == Rag.AMBER  # 31 days


def test_due_soon_but_updated_lately_is_green():
    assert rag(due=date(2018, 2, 14), updated=date(2017, 12, 16)) == Rag.GREEN  # 30 days


def test_not_updated_lately_but_due_later_is_green():
    assert rag(due=date(2018, 2, 15), updated=date(2017, 12, 1)) == Rag.GREEN  # 31 days off


@pytest.mark.parametrize("status", ["completed", "dropped"])
def test_a_closed_action_is_grey_even_when_overdue(status):
    assert rag(status=status, due=date(2017, 1, 1), updated=date(2016, 1, 1)) == Rag.GREY


def test_the_partnership_sets_its_own_thresholds():
    strict = Thresholds(stall_days=20, amber_due_within_days=60, amber_not_updated_days=10)
    assert rag(due=date(2019, 1, 1), updated=date(2017, 12, 25), thresholds=strict) == Rag.RED
    assert rag(due=date(2018, 3, 1), updated=date(2018, 1, 1), thresholds=strict) == Rag.AMBER


def test_the_rules_are_spelled_out_with_the_thresholds():
    words = dict(rules(Thresholds(stall_days=45)))
    assert "more than 45 days" in words[Rag.RED]
    assert "within 30 days" in words[Rag.AMBER]


def test_only_open_actions_past_their_date_are_overdue():
    assert is_overdue(status="not_started", due_date=date(2018, 1, 14), today=TODAY)
    assert not is_overdue(status="completed", due_date=date(2018, 1, 14), today=TODAY)
    assert not is_overdue(status="in_progress", due_date=TODAY, today=TODAY)
