"""A change whose audit event cannot be written is not made."""

import pytest
from django.db import DatabaseError

from safeboard.core import services
from safeboard.core.tests.audit_failure import audit_write_fails, database_rows


def test_a_glossary_change_whose_audit_write_fails_is_rolled_back(cast, monkeypatch):
    entry = services.glossary_term_create(
        actor=cast.business_unit, partnership=cast.partnership, term="MASH", meaning="Hub"
    )
    before = database_rows()
    audit_write_fails(monkeypatch)
    with pytest.raises(DatabaseError):
        services.glossary_term_update(
            actor=cast.business_unit,
            entry=entry,
            expected_version=entry.version,
            term="MASH",
            meaning="Multi-agency safeguarding hub",
            former_term="",
        )
    assert database_rows() == before
