"""A change whose audit event cannot be written is not made."""

from datetime import date

import pytest
from django.db import DatabaseError

from safeboard.core.tests.audit_failure import audit_write_fails, database_rows
from safeboard.reviews import services


def test_a_serious_incident_whose_audit_write_fails_is_not_recorded(cast, monkeypatch):
    before = database_rows()
    audit_write_fails(monkeypatch)
    with pytest.raises(DatabaseError):
        services.referral_create(
            actor=cast.business_unit,
            partnership=cast.partnership,
            reference="SR-2018-01",
            age_band="under_1",
            incident_date=date(2018, 3, 5),
            became_aware=date(2018, 3, 8),
            referring_agency=cast.police,
            what_happened="An infant was admitted with a head injury.",
            died_or_seriously_harmed=True,
            abuse_or_neglect=True,
            looked_after=False,
        )
    assert database_rows() == before
