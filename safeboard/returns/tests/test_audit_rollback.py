"""A change whose audit event cannot be written is not made."""

import pytest
from django.db import DatabaseError

from safeboard.core.tests.audit_failure import audit_write_fails, database_rows
from safeboard.returns import services
from safeboard.returns.models import IngestStatus
from safeboard.returns.tests.factories import ReturnIngestFactory


def test_refusing_a_return_whose_audit_write_fails_is_rolled_back(cast, monkeypatch):
    ingest = ReturnIngestFactory(
        partnership=cast.partnership, status=IngestStatus.RUNNING, errors=[], progress=40
    )
    before = database_rows()
    audit_write_fails(monkeypatch)
    with pytest.raises(DatabaseError):
        services.ingest_refuse(ingest_id=ingest.pk, problem="The file is not a CIN census.")
    assert database_rows() == before
