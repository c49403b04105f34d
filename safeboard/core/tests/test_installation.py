"""The installation as an operator meets it: the deploy check and the commands."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from safeboard.core.models import AuditEvent, Membership, Partnership, Person
from safeboard.core.second_factor import has_second_factor
from safeboard.demo import seed

ROOT = Path(__file__).resolve().parents[3]


def test_the_deploy_check_passes_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "SAFEBOARD_ENV": "production",
        "SECRET_KEY": "a-production-secret-" + "k" * 40,
        "ALLOWED_HOSTS": "safeboard.example.org",
        "SAFEBOARD_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' need, not production's
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "SAFEBOARD_ENV": "production", "SAFEBOARD_DATA_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_the_demo_loads_the_seed_partnerships(db):
    call_command("demo", stdout=io.StringIO())
    southampton = Partnership.objects.get(slug="southampton")
    assert Partnership.objects.count() == 4
    assert southampton.la_codes.get().code == "E06000045"
    police = southampton.agencies.get(short_name="Police")
    assert police.partnerships.count() == 4  # one force serves all four
    assert southampton.glossary.get(term="MASH").meaning == "Multiagency Safeguarding Hub"
    assert southampton.glossary.get(former_term="LSCB").term == "Safeguarding children partnership"


def test_the_demo_has_a_person_for_every_role_who_can_sign_in(db, client):
    call_command("demo", stdout=io.StringIO())
    for key, *_ in seed.PEOPLE:
        assert client.login(username=f"{key}@example.org", password=seed.DEMO_PASSWORD), key
    founder = Person.objects.get(email="business-unit@example.org")
    assert list(
        Membership.objects.filter(person=founder, is_active=True).values_list(
            "partnership__slug", flat=True
        )
    ) == ["southampton"]
    assert AuditEvent.objects.filter(action="agency.create").count() == len(seed.AGENCIES)


def test_a_demo_person_signs_in_with_the_code_safeboard_totp_prints(db):
    call_command("demo", stdout=io.StringIO())
    assert all(has_second_factor(person) for person in Person.objects.all())
    client = Client()
    answer = client.post(
        "/accounts/sign-in/",
        {"username": "business-unit@example.org", "password": seed.DEMO_PASSWORD},
    )
    code = io.StringIO()
    call_command("totp", "business-unit@example.org", stdout=code)
    answer = client.post(answer.url, {"code": code.getvalue().strip()}, follow=True)
    assert answer.redirect_chain[-1][0] == "/p/southampton/"


def test_the_demo_tells_people_how_to_get_their_code(db):
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "SAFEBOARD_ENV=demo .venv/bin/safeboard totp EMAIL" in out.getvalue()


def test_the_demo_loads_only_into_an_empty_database(db):
    out = io.StringIO()
    call_command("demo", stdout=out)
    with pytest.raises(CommandError, match="only into an empty one"):
        call_command("demo", stdout=out)
    call_command("demo", "--if-empty", stdout=out)
    assert Partnership.objects.count() == 4


def test_the_demo_refuses_outside_the_demo_configuration(db, settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="never in production"):
        call_command("demo")


def test_the_safeboard_command_runs_management_commands():
    result = subprocess.run(
        [sys.executable, "-m", "safeboard.cli", "help", "demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "Southampton" in result.stdout


def test_the_founder_sets_up_the_first_partnership(db, client, monkeypatch):
    monkeypatch.setenv("FOUNDER_PASSWORD", "a long founding passphrase")
    call_command(
        "founder",
        "--email",
        "Ann@Example.org",
        "--first-name",
        "Ann",
        "--last-name",
        "Lee",
        stdout=io.StringIO(),
    )
    assert client.login(username="ann@example.org", password="a long founding passphrase")
    answer = client.post(
        "/partnerships/new/",
        {
            "name": "Southampton SCP",
            "slug": "southampton",
            "region": "E12000008",
            "la_code": "E06000045",
            "la_code_from_year": "2017-18",
        },
    )
    assert answer.status_code == 302 and answer.url == "/p/southampton/"


def test_the_founder_needs_a_proper_password(db, monkeypatch):
    monkeypatch.setenv("FOUNDER_PASSWORD", "short")
    with pytest.raises(CommandError, match="too short"):
        call_command(
            "founder", "--email", "ann@example.org", "--first-name", "Ann", "--last-name", "Lee"
        )
