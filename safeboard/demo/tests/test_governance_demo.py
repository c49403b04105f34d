"""The demo partnership carries the seed's bodies, membership, plan and themed meetings."""

import pytest
from django.urls import reverse

from safeboard.actions.models import Action, Priority, Status
from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear
from safeboard.governance import selectors
from safeboard.governance.models import Attendance, Body, Meeting


@pytest.fixture
def demo(demo_people):
    """The whole demo, as `make run` loads it."""
    return demo_people


@pytest.fixture
def southampton(demo, db):
    return Partnership.objects.get(slug="southampton")


def test_the_seeds_four_priorities_carry_their_a_to_f_actions(southampton):
    priorities = Priority.objects.filter(partnership=southampton, year=2017)
    assert [p.title for p in priorities] == [
        "Think Family",
        "Neglect",
        "Improving the Lives of Vulnerable Young People (LAC and MET)",
        "Improving Communication",
    ]
    counts = [
        p.number
        for p in priorities
        for _ in Action.objects.filter(
            recommendation__source_id=p.pk, recommendation__source_type__model="priority"
        )
    ]
    assert [counts.count(n) for n in (1, 2, 3, 4)] == [5, 4, 6, 5]
    assert Action.objects.filter(is_synthetic=False).count() == 0  # owners and dates: synthetic
    assert Action.objects.exclude(status=Status.COMPLETED).count() == 1


def test_the_seeds_bodies_and_main_board_membership(southampton):
    assert Body.objects.filter(partnership=southampton).count() == 8
    board = Body.objects.get(partnership=southampton, name="Main Board")
    seats = board.seats.all()
    assert seats.count() == 25
    not_essential = {s.agency.display_name for s in seats if not s.is_essential and s.agency}
    assert not_essential == {"SCAS", "NHS England", "CAFCASS"}


def test_one_themed_meeting_per_priority_with_synthetic_attendance(southampton):
    meetings = Meeting.objects.filter(
        body__partnership=southampton, body__name="Main Board"
    ).order_by("date")
    assert [m.theme.number for m in meetings] == [1, 2, 3, 4]
    assert not Attendance.objects.filter(is_synthetic=False).exists()
    board = Body.objects.get(partnership=southampton, name="Main Board")
    rates = selectors.body_attendance_rates(
        partnership=southampton, body=board, year=FinancialYear(2017)
    )
    full = [r.agency for r in rates if r.attended == r.meetings]
    assert len(full) > len(rates) / 2  # "the majority of agencies had 100% attendance"
    assert {r.agency for r in rates if r.below_threshold} == {"Secondary schools"}


@pytest.mark.parametrize(
    "name", ["governance:attendance", "governance:bodies", "actions:plan", "actions:by-theme"]
)
def test_the_demo_pages_show(client, demo, southampton, name):
    client.force_login(demo["agency-lead"])
    answer = client.get(reverse(name, kwargs={"slug": "southampton"}))
    assert answer.status_code == 200


def test_the_business_plan_page_shows_progress_by_priority(client, demo, southampton):
    client.force_login(demo["viewer"])
    page = client.get(reverse("actions:plan", kwargs={"slug": "southampton"})).content.decode()
    assert "4 of 5 planned actions completed; 1 overdue" in page
    assert "Synthetic owner and dates" in page
