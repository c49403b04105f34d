"""A change whose audit event cannot be written is not made."""

from decimal import Decimal

import pytest
from django.db import DatabaseError

from safeboard.core.tests.audit_failure import audit_write_fails, database_rows
from safeboard.performance import services
from safeboard.performance.models import Indicator


def test_an_indicator_choice_whose_audit_write_fails_is_rolled_back(cast, monkeypatch):
    """Not even the choice's empty row, made before its values are written, is kept."""
    before = database_rows()
    audit_write_fails(monkeypatch)
    with pytest.raises(DatabaseError):
        services.indicator_choice_set(
            actor=cast.business_unit,
            partnership=cast.partnership,
            indicator=Indicator.objects.get(code="looked-after"),
            expected_version=1,
            target=Decimal(100),
            chosen_source="Police",
            is_published=True,
        )
    assert database_rows() == before
