"""Six wrong passwords lock a person out, whatever they type next, until the business unit
of their partnership unlocks them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from safeboard.core import services
from safeboard.core.models import AuditEvent
from safeboard.core.selectors import person_is_locked_out

PASSWORD = "correct horse battery staple"


def try_password(person, password: str, client: Client | None = None, **browser):
    return (client or Client()).post(
        reverse("core:sign-in"), {"username": person.username, "password": password}, **browser
    )


def lock_out(person) -> None:
    for _ in range(6):
        try_password(person, "not my password")


def test_the_sixth_wrong_password_locks_the_person_out(cast):
    for attempt in range(1, 6):
        assert try_password(cast.viewer, f"guess {attempt}").status_code == 200
    answer = try_password(cast.viewer, "guess 6")
    assert answer.status_code == 429
    assert b"Your account is locked" in answer.content
    assert b"business unit" in answer.content


def test_the_seventh_attempt_is_refused_even_with_the_right_password(cast):
    lock_out(cast.viewer)
    client = Client()
    answer = try_password(cast.viewer, PASSWORD, client)
    assert answer.status_code == 429 and b"Your account is locked" in answer.content
    assert client.get("/").url.startswith("/accounts/sign-in/")


def test_others_still_sign_in_while_one_person_is_locked_out(cast):
    lock_out(cast.viewer)
    elsewhere = {"REMOTE_ADDR": "192.0.2.7", "HTTP_USER_AGENT": "Firefox"}
    assert try_password(cast.trainer, PASSWORD, **elsewhere).status_code == 302


def test_six_wrong_passwords_in_a_row_from_one_browser_lock_that_browser_out(cast):
    """Trying one password against many people (password spraying) is stopped too."""
    spray = {"REMOTE_ADDR": "198.51.100.9", "HTTP_USER_AGENT": "curl"}
    for name in ("viewer", "trainer", "chair", "scrutineer", "cdop_member", "agency_lead"):
        try_password(getattr(cast, name), "Summer2026!", **spray)
    assert try_password(cast.subgroup_member, PASSWORD, **spray).status_code == 429
    assert not person_is_locked_out(person=cast.subgroup_member)
    assert try_password(cast.subgroup_member, PASSWORD).status_code == 302


def test_a_right_password_before_the_sixth_starts_the_count_again(cast):
    for _ in range(5):
        try_password(cast.viewer, "not my password")
    assert try_password(cast.viewer, PASSWORD).status_code == 302
    for _ in range(5):
        try_password(cast.viewer, "not my password")
    assert not person_is_locked_out(person=cast.viewer)


def test_the_business_unit_sees_the_lockout_and_unlocks_the_person(client, cast):
    lock_out(cast.viewer)
    client.force_login(cast.business_unit)
    membership = cast.viewer.memberships.get()
    page = client.get(reverse("core:person-detail", args=["southampton", membership.pk]))
    assert b"Locked" in page.content and b"Unlock" in page.content
    answer = client.post(
        reverse("core:person-unlock", args=["southampton", membership.pk]), follow=True
    )
    assert b"can sign in again" in answer.content
    assert AuditEvent.objects.get(action="person.lockout.clear").target_id == str(cast.viewer.pk)
    assert try_password(cast.viewer, PASSWORD).status_code == 302


def test_only_the_business_unit_unlocks(cast):
    lock_out(cast.viewer)
    with pytest.raises(PermissionDenied):
        services.lockout_clear(actor=cast.agency_lead, membership=cast.viewer.memberships.get())
    with pytest.raises(PermissionDenied):
        services.lockout_clear(actor=cast.outsider, membership=cast.viewer.memberships.get())
    assert person_is_locked_out(person=cast.viewer)


def test_unlocking_someone_who_is_not_locked_out_is_refused(cast):
    with pytest.raises(ValidationError, match="not locked out"):
        services.lockout_clear(actor=cast.business_unit, membership=cast.viewer.memberships.get())
    assert not AuditEvent.objects.filter(action="person.lockout.clear").exists()
