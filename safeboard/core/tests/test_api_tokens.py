"""Personal API tokens: made by a signed-in person, shown once, stored hashed, expiring,
revocable, and every use of one audited."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from safeboard.core import services
from safeboard.core.models import ApiToken, AuditEvent

AGENCIES = "/api/v1/partnerships/southampton/agencies/"
MADE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def bearer(secret: str) -> dict:
    return {"authorization": f"Bearer {secret}"}


@pytest.fixture
def made(cast):
    with time_machine.travel(MADE, tick=False):
        return services.api_token_create(actor=cast.agency_lead, name="Returns upload")


def test_a_person_makes_a_token_and_sees_it_once(client, cast):
    client.force_login(cast.trainer)
    answer = client.post("/account/api-tokens/", {"name": "Bookings export", "days": "90"})
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    secret = answer.context["secret"]
    assert secret.startswith("sbt_") and secret in answer.content.decode()
    token = ApiToken.objects.get()
    assert token.person == cast.trainer and token.name == "Bookings export"
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in client.get("/account/api-tokens/").content.decode()


def test_a_token_expires_after_ninety_days_unless_told_otherwise(made):
    token, _ = made
    assert token.expires_at - token.created_at == timedelta(days=90)


def test_a_token_acts_as_its_person_and_each_use_is_audited(client, cast, made):
    token, secret = made
    with time_machine.travel(MADE + timedelta(days=1), tick=False):
        answer = client.get(AGENCIES, headers=bearer(secret))
    assert answer.status_code == 200 and answer.json()["count"] == 2
    use = AuditEvent.objects.get(action="api.token.use")
    assert use.actor_id == cast.agency_lead.pk
    assert use.partnership_id == cast.partnership.pk
    assert use.target_id == str(token.pk)
    assert use.target_label.endswith(f"GET {AGENCIES}")
    token.refresh_from_db()
    assert token.last_used_at == MADE + timedelta(days=1)


def test_a_refused_request_still_records_the_tokens_use(client, cast, made):
    _, secret = made
    answer = client.post(
        AGENCIES, {"name": "X", "sector": "other"}, "application/json", headers=bearer(secret)
    )
    assert answer.status_code == 403
    assert AuditEvent.objects.filter(action="api.token.use").count() == 1


def test_a_token_used_outside_the_persons_partnerships_names_none(client, cast, made):
    _, secret = made
    answer = client.get("/api/v1/partnerships/portsmouth/agencies/", headers=bearer(secret))
    assert answer.status_code == 404
    assert AuditEvent.objects.get(action="api.token.use").partnership_id is None


def test_a_token_stops_working_when_it_expires(client, made):
    _, secret = made
    with time_machine.travel(MADE + timedelta(days=90, seconds=1), tick=False):
        answer = client.get(AGENCIES, headers=bearer(secret))
    assert answer.status_code == 401
    assert "expired or been revoked" in answer.json()["message"]


def test_a_revoked_token_stops_working(client, cast, made):
    token, secret = made
    client.force_login(cast.agency_lead)
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 302
    client.logout()
    assert client.get(AGENCIES, headers=bearer(secret)).status_code == 401
    assert AuditEvent.objects.filter(action="api.token.revoke").count() == 1


def test_nobody_revokes_another_persons_token(cast, made):
    token, _ = made
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=cast.business_unit, token=token)


def test_a_token_with_the_right_prefix_but_another_secret_is_refused(client, made):
    _, secret = made
    forged = secret[: secret.rindex("_") + 1] + "x" * 43
    assert client.get(AGENCIES, headers=bearer(forged)).status_code == 401


def test_the_token_of_a_deactivated_person_is_refused(client, cast, made):
    _, secret = made
    services.membership_deactivate(
        actor=cast.business_unit, membership=cast.agency_lead.memberships.get()
    )
    assert client.get(AGENCIES, headers=bearer(secret)).status_code == 401


def test_a_token_cannot_be_made_to_last_more_than_a_year(cast):
    with pytest.raises(ValidationError, match="from 1 to 366 days"):
        services.api_token_create(actor=cast.viewer, name="Forever", days=3650)
