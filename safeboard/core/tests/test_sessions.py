"""A session ends after 30 minutes without a request, and 12 hours after signing in."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from safeboard.core import services
from safeboard.core.middleware import session_has_ended

NINE_AM = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DASHBOARD = "/p/southampton/"


@pytest.fixture
def clock():
    with time_machine.travel(NINE_AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(client, cast, clock):
    client.force_login(cast.viewer)
    return client


def is_signed_in(client) -> bool:
    answer = client.get(DASHBOARD)
    return answer.status_code == 200


def test_a_session_survives_29_minutes_idle_again_and_again(signed_in, clock):
    for _ in range(4):
        clock.shift(timedelta(minutes=29))
        assert is_signed_in(signed_in)


def test_a_session_ends_after_30_minutes_without_a_request(signed_in, clock):
    clock.shift(timedelta(minutes=30, seconds=1))
    answer = signed_in.get(DASHBOARD, follow=True)
    assert answer.redirect_chain[0][0].startswith("/accounts/sign-in/")
    assert b"You have been signed out" in answer.content
    assert not is_signed_in(signed_in)


def test_a_session_ends_12_hours_after_signing_in_however_busy(signed_in, clock):
    for _ in range(12 * 3):
        clock.shift(timedelta(minutes=20))
        assert is_signed_in(signed_in)
    clock.shift(timedelta(seconds=1))
    assert not is_signed_in(signed_in)


def test_deactivating_a_person_ends_their_sessions(signed_in, cast):
    services.membership_deactivate(
        actor=cast.business_unit, membership=cast.viewer.memberships.get()
    )
    answer = signed_in.get(DASHBOARD)
    assert answer.status_code == 302 and answer.url.startswith("/accounts/sign-in/")


def test_a_session_whose_start_was_never_noted_has_ended():
    limits = {"now": 1000.0, "idle": 1800, "lifetime": 43200}
    assert session_has_ended(signed_in_at=None, seen_at=None, **limits)
    assert not session_has_ended(signed_in_at=900.0, seen_at=900.0, **limits)
    assert session_has_ended(signed_in_at=900.0, seen_at=-900.0, **limits)
    assert session_has_ended(signed_in_at=-42300.0, seen_at=999.0, **limits)
