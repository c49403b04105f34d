"""A change whose audit event cannot be written is not made."""

import pytest
from django.core import mail
from django.db import DatabaseError

from safeboard.annual import services
from safeboard.core.tests.audit_failure import audit_write_fails, database_rows


def test_sending_a_report_for_sign_off_whose_audit_write_fails_is_rolled_back(
    cast, report, monkeypatch, django_capture_on_commit_callbacks
):
    """The report stays a draft, and nobody is emailed of a change that was not made."""
    before = database_rows()
    audit_write_fails(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DatabaseError):
        services.report_submit(actor=cast.business_unit, report=report, expected_version=1)
    assert database_rows() == before
    assert mail.outbox == []
