"""A change whose audit event cannot be written is not made."""

import pytest
from django.db import DatabaseError

from safeboard.core.tests.audit_failure import audit_write_fails, database_rows
from safeboard.governance import services
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory


def test_a_meeting_change_whose_audit_write_fails_is_rolled_back(cast, monkeypatch):
    meeting = MeetingFactory(body=BodyFactory(partnership=cast.partnership))
    before = database_rows()
    audit_write_fails(monkeypatch)
    with pytest.raises(DatabaseError):
        services.meeting_update(
            actor=cast.business_unit,
            meeting=meeting,
            expected_version=meeting.version,
            date=meeting.date,
            theme=meeting.theme,
            status="held",
            minutes="The board agreed its priorities.",
            decisions="Priorities agreed.",
        )
    assert database_rows() == before
