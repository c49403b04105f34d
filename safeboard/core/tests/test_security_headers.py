"""The headers and cookies a partner's security team checks, as production sends them."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_SECURITY = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "ALLOWED_HOSTS",
    "SECURE_PROXY_SSL_HEADER",
]


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """The security settings production really has, read from the settings module."""
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {PRODUCTION_SECURITY!r}}}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safeboard.settings",
        "SAFEBOARD_ENV": "production",
        "SECRET_KEY": "a-production-secret-" + "k" * 40,
        "ALLOWED_HOSTS": "safeboard.example.org",
        "SAFEBOARD_DATA_DIR": str(tmp_path_factory.mktemp("data")),
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return {**found, "SECURE_PROXY_SSL_HEADER": tuple(found["SECURE_PROXY_SSL_HEADER"])}


@pytest.fixture
def https(production):
    with override_settings(**production):
        # As production sees a request: from the TLS-terminating proxy in front of it.
        yield Client(HTTP_HOST="safeboard.example.org", HTTP_X_FORWARDED_PROTO="https")


def test_production_asks_browsers_to_use_https_for_a_year(https):
    answer = https.get("/accessibility/")
    assert answer["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_production_sends_plain_http_to_https(production):
    with override_settings(**production):
        answer = Client(HTTP_HOST="safeboard.example.org").get("/accessibility/")
    assert answer.status_code == 301 and answer.url.startswith("https://")


def test_the_form_cookie_is_secure_httponly_and_same_site(https, db):
    cookie = https.get("/accounts/sign-in/").cookies["csrftoken"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_session_cookie_is_secure_httponly_and_same_site(https, cast):
    answer = https.post(
        "/accounts/sign-in/",
        {"username": cast.viewer.username, "password": "correct horse battery staple"},
    )
    cookie = answer.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 12 * 60 * 60


def test_browsers_neither_guess_types_nor_frame_the_pages(client, db):
    answer = client.get("/accessibility/")
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["X-Frame-Options"] == "DENY"


def test_the_content_security_policy_allows_only_our_own_scripts_and_styles(client, db):
    policy = client.get("/accounts/sign-in/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy


def test_nothing_shown_to_a_signed_in_person_is_kept_in_a_cache(client, cast):
    assert "no-store" not in client.get("/accessibility/").get("Cache-Control", "")
    client.force_login(cast.viewer)
    for url in ("/p/southampton/", "/p/southampton/people/", "/accessibility/"):
        assert "no-store" in client.get(url)["Cache-Control"], url
    export = client.get("/p/southampton/people/?export=csv")
    assert "no-store" in export["Cache-Control"]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline script"),
    (re.compile(r"<style(?![^>]*\bnonce=)[\s>]", re.I), "an inline stylesheet without the nonce"),
    (re.compile(r"\sstyle=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "an event handler attribute"),
]


def test_no_template_has_inline_script_or_style_the_policy_would_block():
    found = []
    for template in (ROOT / "safeboard").rglob("templates/**/*.html"):
        text = template.read_text()
        found += [f"{template.relative_to(ROOT)}: {what}" for rx, what in INLINE if rx.search(text)]
    assert found == []
