import datetime

import pytest

from safeboard.core.periods import FinancialYear
from safeboard.core.sections import REGISTRY
from safeboard.governance.models import Attendance
from safeboard.governance.report import attendance, functions, membership
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory, SeatFactory


@pytest.fixture
def board(cast):
    body = BodyFactory(partnership=cast.partnership, name="Main board", purpose="Decides")
    BodyFactory(partnership=cast.partnership, name="CDOP", parent=body, purpose="Reviews deaths")
    police = SeatFactory(body=body, agency=cast.police, position="Chief Supt")
    uhs = SeatFactory(body=body, agency=cast.health, position="Director of Nursing")
    for day, presence in [
        (datetime.date(2017, 6, 1), "apologies"),
        (datetime.date(2018, 3, 1), "deputy"),
    ]:
        meeting = MeetingFactory(body=body, date=day)
        Attendance.objects.create(meeting=meeting, seat=police, presence="attended")
        Attendance.objects.create(meeting=meeting, seat=uhs, presence=presence)
    MeetingFactory(body=body, date=datetime.date(2018, 6, 1))  # next year: not counted
    return body


def test_attendance_by_agency_comes_from_the_attendance_records(cast, board):
    section = attendance(cast.partnership, FinancialYear(2017))
    [chart] = section.charts
    rows = [[c.value for c in row] for row in chart.table.rows]
    assert rows == [["Police", 2, 2, 100, "Yes"], ["UHS", 1, 2, 50, "Yes"]]
    assert chart.spec["data"]["values"][1] == {
        "agency": "UHS",
        "rate": 50.0,
        "group": "Essential, below threshold",
    }
    assert "1 of 2 agencies attended every meeting" in chart.description


def test_the_membership_table_lists_the_main_boards_seats(cast, board):
    rows = [
        [c.value for c in row]
        for row in membership(cast.partnership, FinancialYear(2017)).tables[0].rows
    ]
    assert rows == [
        ["Hampshire Constabulary", "Chief Supt"],
        ["University Hospital Southampton", "Director of Nursing"],
    ]


def test_the_functions_of_each_body_come_from_the_bodies(cast, board):
    rows = functions(cast.partnership, FinancialYear(2017)).tables[0].rows
    assert [(r[0].value, r[1].value, r[2].value) for r in rows] == [
        ("CDOP", "Main board", "Reviews deaths"),
        ("Main board", "", "Decides"),
    ]


def test_the_sections_are_registered_in_the_seeds_places():
    assert (REGISTRY["attendance"].order, REGISTRY["membership"].order) == (1100, 1200)
    assert REGISTRY["functions"].order == 1400
