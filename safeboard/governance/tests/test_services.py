import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from safeboard.actions.models import Priority
from safeboard.core.models import AuditEvent
from safeboard.core.uploads import check_upload
from safeboard.core.versioning import StaleEdit
from safeboard.governance import selectors, services
from safeboard.governance.models import MeetingStatus


@pytest.fixture
def board(cast):
    return services.body_create(
        actor=cast.business_unit,
        partnership=cast.partnership,
        name="Main board",
        purpose="The core decision making body",
        frequency="quarterly",
        quorum_seats=2,
        quorum_agencies=[cast.police],
    )


@pytest.fixture
def seats(cast, board):
    make = services.seat_create
    return {
        "police": make(
            actor=cast.business_unit, body=board, position="Chief Supt", agency=cast.police
        ),
        "uhs": make(actor=cast.business_unit, body=board, position="Director", agency=cast.health),
        "lay": make(
            actor=cast.business_unit,
            body=board,
            position="Lay member",
            agency=None,
            is_essential=False,
        ),
    }


@pytest.fixture
def themed(cast, board):
    theme = Priority.objects.create(
        partnership=cast.partnership, year=2017, number=2, title="Neglect"
    )
    return services.meeting_create(
        actor=cast.business_unit,
        body=board,
        date=datetime.date(2017, 9, 1),
        theme=theme,
        status=MeetingStatus.HELD,
    )


def test_only_the_business_unit_sets_up_bodies(cast):
    with pytest.raises(PermissionDenied):
        services.body_create(
            actor=cast.agency_lead,
            partnership=cast.partnership,
            name="X",
            purpose="Y",
            frequency="quarterly",
        )


def test_attendance_is_recorded_per_seat_and_a_second_recording_replaces_it(cast, themed, seats):
    services.attendance_record(
        actor=cast.business_unit,
        meeting=themed,
        presences={seats["police"].pk: "attended", seats["uhs"].pk: "apologies"},
    )
    services.attendance_record(
        actor=cast.business_unit, meeting=themed, presences={seats["uhs"].pk: "deputy"}
    )
    assert dict(themed.attendance.values_list("seat__position", "presence")) == {
        "Chief Supt": "attended",
        "Director": "deputy",
    }
    assert AuditEvent.objects.filter(action="meeting.attendance.record").count() == 2


def test_attendance_is_refused_for_a_meeting_not_held(cast, board, seats):
    planned = services.meeting_create(
        actor=cast.business_unit, body=board, date=datetime.date(2018, 9, 1)
    )
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=cast.business_unit, meeting=planned, presences={seats["police"].pk: "attended"}
        )


def test_quorum_follows_the_bodys_rule(cast, themed, seats):
    services.attendance_record(
        actor=cast.business_unit,
        meeting=themed,
        presences={
            seats["police"].pk: "absent",
            seats["uhs"].pk: "attended",
            seats["lay"].pk: "attended",
        },
    )
    found = selectors.meeting_quorum(meeting=themed)
    assert not found.met and found.missing_agencies == ["Police"]
    services.attendance_record(
        actor=cast.business_unit, meeting=themed, presences={seats["police"].pk: "deputy"}
    )
    assert selectors.meeting_quorum(meeting=themed).met


def test_the_business_unit_sees_who_has_and_has_not_sent_assurance(cast, themed, seats):
    services.assurance_submit(
        actor=cast.agency_lead, meeting=themed, agency=cast.police, statement="Joint training"
    )
    status = selectors.assurance_status(meeting=themed)
    assert [s.agency for s in status.received] == [cast.police]
    assert status.awaited == [cast.health]


def test_an_agency_lead_sends_assurance_for_their_own_agency_only(cast, themed, seats):
    with pytest.raises(PermissionDenied):
        services.assurance_submit(
            actor=cast.agency_lead, meeting=themed, agency=cast.health, statement="Not ours"
        )


def test_assurance_goes_to_themed_meetings_only(cast, board):
    plain = services.meeting_create(
        actor=cast.business_unit, body=board, date=datetime.date(2017, 9, 1)
    )
    with pytest.raises(ValidationError):
        services.assurance_submit(
            actor=cast.business_unit, meeting=plain, agency=cast.police, statement="x"
        )


def test_attendance_rates_come_from_held_meetings_in_the_year(cast, board, seats):
    def held(day, presences):
        meeting = services.meeting_create(
            actor=cast.business_unit, body=board, date=day, status=MeetingStatus.HELD
        )
        services.attendance_record(actor=cast.business_unit, meeting=meeting, presences=presences)

    held(datetime.date(2017, 6, 1), {seats["police"].pk: "attended", seats["uhs"].pk: "absent"})
    held(datetime.date(2017, 9, 1), {seats["police"].pk: "deputy", seats["uhs"].pk: "attended"})
    held(datetime.date(2018, 6, 1), {seats["police"].pk: "absent", seats["uhs"].pk: "absent"})
    rates = selectors.attendance_rates(
        user=cast.viewer, partnership=cast.partnership, body=board, year=2017
    )
    assert [(r.agency, r.attended, r.meetings) for r in rates] == [("Police", 2, 2), ("UHS", 1, 2)]
    assert rates[1].below_threshold  # 50% < the default 75%


def test_a_paper_is_kept_with_the_type_its_content_shows(cast, themed):
    upload = SimpleUploadedFile("agenda.docx", b"%PDF-1.5\nreally a pdf")
    item = services.agenda_item_add(
        actor=cast.business_unit, meeting=themed, title="Dataset", paper=check_upload(upload)
    )
    assert item.number == 1 and item.paper_type == "application/pdf"
    assert item.paper.read().startswith(b"%PDF")


def test_a_stale_meeting_edit_is_refused(cast, themed):
    services.meeting_update(
        actor=cast.business_unit,
        meeting=themed,
        expected_version=1,
        date=themed.date,
        theme=themed.theme,
        status="held",
        minutes="First",
        decisions="",
    )
    with pytest.raises(StaleEdit):
        services.meeting_update(
            actor=cast.business_unit,
            meeting=themed,
            expected_version=1,
            date=themed.date,
            theme=themed.theme,
            status="held",
            minutes="Second",
            decisions="",
        )


def test_an_escalation_is_resolved_with_what_was_decided(cast):
    escalation = services.escalation_create(
        actor=cast.business_unit,
        partnership=cast.partnership,
        raised_by="Health visitor",
        raised_by_agency=cast.health,
        about_agencies=[cast.police],
        concern="Strategy discussion not held",
        raised_on=datetime.date(2017, 10, 2),
    )
    with pytest.raises(ValidationError):
        services.escalation_update(
            actor=cast.business_unit,
            escalation=escalation,
            expected_version=1,
            handling="",
            resolved_on=datetime.date(2017, 10, 20),
            resolution="",
        )
    services.escalation_update(
        actor=cast.business_unit,
        escalation=escalation,
        expected_version=1,
        handling="Discussed with the DI",
        resolved_on=datetime.date(2017, 10, 20),
        resolution="Strategy discussion held",
    )
    assert escalation.resolved_on == datetime.date(2017, 10, 20)


def test_escalations_are_hidden_from_members_who_do_not_oversee(cast):
    services.escalation_create(
        actor=cast.business_unit,
        partnership=cast.partnership,
        raised_by="GP",
        raised_by_agency=None,
        about_agencies=[cast.police],
        concern="x",
        raised_on=datetime.date(2017, 10, 2),
    )
    assert selectors.escalation_list(user=cast.chair, partnership=cast.partnership).count() == 1
    assert (
        selectors.escalation_list(user=cast.agency_lead, partnership=cast.partnership).count() == 0
    )
