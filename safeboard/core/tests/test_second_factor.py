"""Signing in takes a password and then a code; nobody reaches a page with only the first.

These tests use Django's plain `Client`, with which signing in is as a person meets it.
"""

import base64
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeboard.core import identity, second_factor
from safeboard.core.middleware import OPEN_BEFORE_SECOND_FACTOR
from safeboard.core.models import AuditEvent
from safeboard.core.testing import authenticator_for
from safeboard.tests.test_permission_matrix import EXPECTATIONS

PASSWORD = "correct horse battery staple"
CODE_STEP = "/accounts/code/"
SET_UP = "/accounts/code/set-up/"


def password_step(client: Client, person, next_url: str = "") -> str:
    answer = client.post(
        reverse("core:sign-in") + (f"?next={next_url}" if next_url else ""),
        {"username": person.username, "password": PASSWORD},
    )
    assert answer.status_code == 302, answer.content.decode()
    return answer.url


def code_from_page(html: str) -> str:
    """What a person's new authenticator app shows, from the key the page tells them."""
    secret = re.search(r'id="secret-key">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


@pytest.fixture
def half_signed_in(cast):
    """The business unit has given their password, and has an authenticator, but no code."""
    client = Client()
    authenticator_for(cast.business_unit)
    password_step(client, cast.business_unit)
    return client


def _url(name, ask, cast):
    kwargs = {key: value(cast) if callable(value) else value for key, value in ask.kwargs.items()}
    return reverse(name, kwargs=kwargs)


def test_a_person_without_their_code_reaches_no_page_but_the_code_step(half_signed_in, cast):
    for name, ask in EXPECTATIONS.items():
        if name in OPEN_BEFORE_SECOND_FACTOR:
            continue
        # Each page's own records (made by its expectations) are undone before the next.
        savepoint = transaction.savepoint_create()
        url = _url(name, ask, cast)
        answer = getattr(half_signed_in, ask.method)(url)
        transaction.savepoint_rollback(savepoint)
        assert answer.status_code == 302, url
        assert answer.url.startswith(CODE_STEP + "?next="), (url, answer.url)


def test_the_api_is_closed_to_a_session_without_its_code(half_signed_in):
    answer = half_signed_in.get("/api/v1/agencies/")
    assert answer.status_code == 302 and answer.url.startswith(CODE_STEP)


def test_public_pages_and_signing_out_stay_open_before_the_code(half_signed_in):
    for url in ("/accessibility/", "/privacy/", "/healthz", CODE_STEP):
        assert half_signed_in.get(url).status_code == 200, url
    assert half_signed_in.post(reverse("core:sign-out")).status_code == 302
    assert half_signed_in.get("/").url.startswith("/accounts/sign-in/")


def test_a_person_with_no_authenticator_is_sent_to_set_one_up(cast):
    client = Client()
    code_step = password_step(client, cast.viewer)
    answer = client.get(code_step)
    assert answer.status_code == 302 and answer.url.startswith(SET_UP)
    assert client.get("/p/southampton/").url.startswith(CODE_STEP)


def test_setting_up_the_app_confirms_it_and_shows_recovery_codes_once(cast):
    client = Client()
    password_step(client, cast.viewer)
    page = client.get(SET_UP).content.decode()
    assert "<svg" in page and "<title>QR code" in page
    answer = client.post(SET_UP, {"code": code_from_page(page), "next": "/p/southampton/"})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", answer.content.decode())
    assert answer.status_code == 200 and len(codes) == second_factor.RECOVERY_CODE_COUNT
    assert client.get("/p/southampton/").status_code == 200
    assert TOTPDevice.objects.get(user=cast.viewer).confirmed
    actions = set(
        AuditEvent.objects.filter(actor_id=cast.viewer.pk).values_list("action", flat=True)
    )
    assert {
        "person.second_factor.start",
        "person.second_factor.confirm",
        "person.recovery_codes.generate",
    } <= actions
    assert client.get(SET_UP).url.startswith(CODE_STEP)  # set up once: no second showing


def test_a_wrong_code_does_not_set_up_the_app(cast):
    client = Client()
    password_step(client, cast.viewer)
    client.get(SET_UP)
    answer = client.post(SET_UP, {"code": "000000"})
    assert b"The code is not right" in answer.content
    assert not TOTPDevice.objects.get(user=cast.viewer).confirmed
    assert client.get("/p/southampton/").url.startswith(CODE_STEP)


def test_digits_of_other_scripts_are_not_a_code(cast):
    client = Client()
    password_step(client, cast.viewer)
    client.get(SET_UP)
    answer = client.post(SET_UP, {"code": "\u00b2" * 6})  # six superscript twos
    assert answer.status_code == 200 and b"The code is not right" in answer.content
    assert not TOTPDevice.objects.get(user=cast.viewer).confirmed


def test_a_person_who_has_an_app_cannot_set_up_another_before_giving_its_code(half_signed_in):
    answer = half_signed_in.get(SET_UP)
    assert answer.status_code == 302 and answer.url.startswith(CODE_STEP)
    assert TOTPDevice.objects.count() == 1


def test_the_right_code_completes_signing_in_and_goes_where_they_were_going(cast):
    client = Client()
    device = authenticator_for(cast.business_unit)
    code_step = password_step(client, cast.business_unit, next_url="/p/southampton/agencies/")
    assert code_step == CODE_STEP + "?next=%2Fp%2Fsouthampton%2Fagencies%2F"
    answer = client.post(code_step, {"code": second_factor.current_code(device)})
    assert answer.status_code == 302 and answer.url == "/p/southampton/agencies/"
    assert client.get(answer.url).status_code == 200


def test_a_code_step_never_sends_a_person_to_another_site(cast):
    client = Client()
    device = authenticator_for(cast.business_unit)
    password_step(client, cast.business_unit)
    answer = client.post(
        CODE_STEP + "?next=https://evil.example/", {"code": second_factor.current_code(device)}
    )
    assert answer.url == "/"


def test_the_session_key_changes_at_the_password_and_at_the_code(cast):
    client = Client()
    device = authenticator_for(cast.business_unit)
    client.get(reverse("core:sign-in"))
    client.session.save()
    before = client.session.session_key
    code_step = password_step(client, cast.business_unit)
    after_password = client.cookies["sessionid"].value
    client.post(code_step, {"code": second_factor.current_code(device)})
    after_code = client.cookies["sessionid"].value
    assert len({before, after_password, after_code}) == 3


def test_guessing_codes_is_slowed_down(cast):
    device = authenticator_for(cast.business_unit)
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as clock:
        client = Client()
        code_step = password_step(client, cast.business_unit)
        right = second_factor.current_code(device)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        assert b"The code is not right" in client.post(code_step, {"code": wrong}).content
        assert b"too many wrong codes" in client.post(code_step, {"code": wrong}).content
        refused = client.post(code_step, {"code": right})
        assert refused.status_code == 200 and b"too many wrong codes" in refused.content
        clock.shift(timedelta(seconds=3))
        assert client.post(code_step, {"code": right}).status_code == 302


def test_a_recovery_code_signs_in_once(cast):
    authenticator_for(cast.business_unit)
    code, *others = second_factor.recovery_codes_generate(person=cast.business_unit)
    client = Client()
    code_step = password_step(client, cast.business_unit)
    answer = client.post(code_step, {"code": code.upper()}, follow=True)
    assert f"You have {len(others)} left".encode() in answer.content
    assert AuditEvent.objects.filter(action="person.recovery_code.use").count() == 1
    again = Client()
    code_step = password_step(again, cast.business_unit)
    assert b"The code is not right" in again.post(code_step, {"code": code}).content


def test_a_password_reset_neither_signs_in_nor_skips_the_code(cast):
    client = Client()
    authenticator_for(cast.viewer)
    uid = urlsafe_base64_encode(force_bytes(cast.viewer.pk))
    token = default_token_generator.make_token(cast.viewer)
    link = client.get(reverse("core:password-reset-confirm", args=[uid, token])).url
    new = "a brand new passphrase for me"
    answer = client.post(link, {"new_password1": new, "new_password2": new})
    assert answer.status_code == 302 and answer.url == "/accounts/password-reset/done/"
    assert client.get("/").url.startswith("/accounts/sign-in/")
    signed = client.post(
        reverse("core:sign-in"), {"username": cast.viewer.username, "password": new}
    )
    assert signed.url.startswith(CODE_STEP)
    assert client.get("/p/southampton/").url.startswith(CODE_STEP)


def test_a_reset_authenticator_must_be_set_up_again_even_in_a_signed_in_session(client, cast):
    client.force_login(cast.viewer)
    assert client.get("/p/southampton/").status_code == 200
    identity.second_factor_reset(actor=cast.business_unit, membership=cast.viewer.memberships.get())
    assert not second_factor.has_second_factor(cast.viewer)
    assert client.get("/p/southampton/").url.startswith(CODE_STEP)
    assert client.get(CODE_STEP).url.startswith(SET_UP)
    assert AuditEvent.objects.filter(action="person.second_factor.reset").count() == 1


def test_the_code_box_is_as_wide_as_a_code(cast):
    client = Client()
    password_step(client, cast.viewer)
    page = client.get(SET_UP).content.decode()
    (box,) = re.findall(r'<input[^>]*name="code"[^>]*>', page)
    assert 'class="govuk-input govuk-input--width-5"' in box
