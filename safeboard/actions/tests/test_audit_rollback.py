"""A change whose audit event cannot be written is not made."""

import datetime

import pytest
import time_machine
from django.db import DatabaseError

from safeboard.actions import services
from safeboard.actions.models import Status
from safeboard.actions.tests.factories import ActionFactory, RecommendationFactory
from safeboard.core.tests.audit_failure import audit_write_fails, database_rows


@time_machine.travel(datetime.date(2018, 1, 15))
def test_an_update_on_an_action_whose_audit_write_fails_is_rolled_back(cast, monkeypatch):
    action = ActionFactory(
        recommendation=RecommendationFactory(partnership=cast.partnership),
        owner_agency=cast.police,
    )
    before = database_rows()
    audit_write_fails(monkeypatch)
    with pytest.raises(DatabaseError):
        services.action_record_update(
            actor=cast.business_unit,
            action=action,
            expected_version=action.version,
            on=datetime.date(2018, 1, 15),
            note="Toolkit reviewed with schools",
            status=Status.IN_PROGRESS,
            what_was_done="Toolkit reviewed",
            impact_on_children="",
            evidence="",
        )
    assert database_rows() == before
