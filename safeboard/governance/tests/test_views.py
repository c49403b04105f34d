import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safeboard.governance import services
from safeboard.governance.models import AgendaItem, Attendance, MeetingStatus
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory, SeatFactory


def url(name, **kwargs):
    return reverse(f"governance:{name}", kwargs={"slug": "southampton", **kwargs})


@pytest.fixture
def board(cast):
    body = BodyFactory(partnership=cast.partnership, name="Main board")
    police = SeatFactory(body=body, agency=cast.police)
    uhs = SeatFactory(body=body, agency=cast.health)
    for day, uhs_presence in [
        (datetime.date(2017, 6, 1), "absent"),
        (datetime.date(2017, 9, 1), "attended"),
    ]:
        meeting = MeetingFactory(body=body, date=day)
        Attendance.objects.create(meeting=meeting, seat=police, presence="attended")
        Attendance.objects.create(meeting=meeting, seat=uhs, presence=uhs_presence)
    return body


def test_attendance_by_agency_shows_the_chart_and_its_table(client, cast, board):
    client.force_login(cast.viewer)
    page = client.get(url("attendance"), {"body": board.pk, "year": "2017-18"}).content.decode()
    assert 'role="img" aria-label="Attendance by agency at Main board, 2017-18' in page
    assert "1 of 2 agencies attended every meeting" in page
    assert "Below 75%" in page  # UHS, essential, at 50%
    assert ">50%<" in page and ">100%<" in page


def test_the_attendance_page_takes_a_fixed_number_of_queries(
    client, cast, board, django_assert_max_num_queries
):
    client.force_login(cast.viewer)
    with django_assert_max_num_queries(12):
        client.get(url("attendance"), {"body": board.pk})


def test_the_business_unit_records_attendance_for_each_seat(client, cast, board):
    meeting = MeetingFactory(body=board, date=datetime.date(2017, 12, 1), status=MeetingStatus.HELD)
    seats = list(board.seats.all())
    client.force_login(cast.business_unit)
    answer = client.post(
        url("attendance-record", pk=meeting.pk),
        {f"seat_{seats[0].pk}": "deputy", f"seat_{seats[1].pk}": "apologies"},
    )
    assert answer.status_code == 302
    assert sorted(meeting.attendance.values_list("presence", flat=True)) == ["apologies", "deputy"]


def test_a_paper_that_is_not_what_it_is_named_is_refused(client, cast, board):
    meeting = board.meetings.first()
    client.force_login(cast.business_unit)
    answer = client.post(
        url("agenda-add", pk=meeting.pk),
        {"title": "Dataset", "paper": SimpleUploadedFile("dataset.pdf", b"<html>not a pdf</html>")},
    )
    assert "must be a PDF" in answer.content.decode()
    assert not AgendaItem.objects.exists()


def test_the_meeting_page_shows_the_quorum_rule(client, cast, board):
    services.body_update(
        actor=cast.business_unit,
        body=board,
        expected_version=1,
        name=board.name,
        short_name="",
        parent=None,
        purpose=board.purpose,
        chair=None,
        frequency="quarterly",
        terms_of_reference="",
        quorum_seats=3,
        quorum_agencies=[cast.police],
    )
    client.force_login(cast.viewer)
    page = client.get(url("meeting", pk=board.meetings.first().pk)).content.decode()
    assert "At least 3 seats present, including Police." in page
    assert "Not quorate" in page


def test_the_bodies_and_meeting_pages_take_a_fixed_number_of_queries(
    client, cast, board, django_assert_max_num_queries
):
    for _ in range(5):
        BodyFactory(partnership=cast.partnership, parent=board)
        SeatFactory(body=board, agency=cast.police)
    client.force_login(cast.viewer)
    with django_assert_max_num_queries(10):
        client.get(url("bodies"))
    with django_assert_max_num_queries(20):
        client.get(url("meeting", pk=board.meetings.first().pk))


def test_synthetic_attendance_is_said_to_be_synthetic(client, cast, board):
    Attendance.objects.update(is_synthetic=True)
    client.force_login(cast.viewer)
    page = client.get(url("attendance"), {"body": board.pk}).content.decode()
    assert "synthetic demo data" in page
