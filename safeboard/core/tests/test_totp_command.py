"""`safeboard totp EMAIL` shows a demo person's code, and only in the demo."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from safeboard.core.testing import authenticator_for


def totp(username: str) -> str:
    out = io.StringIO()
    call_command("totp", username, stdout=out)
    return out.getvalue().strip()


def test_it_prints_the_code_that_signs_the_person_in(cast):
    authenticator_for(cast.viewer)
    client = Client()
    client.post(
        "/accounts/sign-in/",
        {"username": "viewer@example.org", "password": "correct horse battery staple"},
    )
    code = totp("Viewer@Example.org")
    assert len(code) == 6 and code.isdigit()
    assert client.post("/accounts/code/", {"code": code}).url == "/"


def test_it_refuses_outside_the_demo_configuration(cast, settings):
    authenticator_for(cast.viewer)
    settings.DEMO = False
    with pytest.raises(CommandError, match="never in production"):
        totp("viewer@example.org")


def test_it_says_when_nobody_has_that_username_or_no_app_is_set_up(cast):
    with pytest.raises(CommandError, match="Nobody signs in as"):
        totp("nobody@example.org")
    with pytest.raises(CommandError, match="has not set up"):
        totp("viewer@example.org")


@pytest.mark.parametrize(
    ("env", "demo"),
    [(None, False), ("development", False), ("production", False), ("demo", True), ("test", True)],
)
def test_only_the_demo_and_test_configurations_are_demo_ones(env, demo):
    """An unset SAFEBOARD_ENV must not open `totp`, which prints anyone's code."""
    given = {k: v for k, v in os.environ.items() if k != "SAFEBOARD_ENV"}
    if env is not None:
        given["SAFEBOARD_ENV"] = env
    given.setdefault("SECRET_KEY", "a-test-key-that-is-long-enough-for-django-checks")
    given.setdefault("ALLOWED_HOSTS", "localhost")
    answer = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import safeboard.settings as s; print(s.DEMO)"],
        env=given,
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.stdout.strip() == str(demo)
