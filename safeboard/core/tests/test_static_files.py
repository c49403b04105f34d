"""Static files as production serves them: collected under names that hash their content,
listed in a manifest that every page's `{% static %}` reads. A file the stylesheet names
but the asset build left out fails `collectstatic`, and without a manifest every page is
a server error."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]
# The static storage `settings.py` gives production.
PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<url>[^"]+)"')
CSS_REFERENCE = re.compile(r"url\(\"?(?P<url>[^\")]+)\"?\)")


def collect_as_production(data: Path) -> Path:
    """`safeboard collectstatic` run as production runs it, into a folder of its own."""
    if not (ROOT / "assets" / "build" / "safeboard.css").exists():
        pytest.fail("The assets are not built: run `make assets` (`make test` does).")
    env = {
        **os.environ,
        "SAFEBOARD_ENV": "production",
        "SECRET_KEY": "a-production-secret-" + "k" * 40,
        "ALLOWED_HOSTS": "safeboard.example.org",
        "SAFEBOARD_DATA_DIR": str(data),
        "STATIC_ROOT": str(data / "static"),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (data / "static" / "staticfiles.json").is_file(), "no manifest was written"
    return data / "static"


def stylesheet_of(page) -> str:
    found = STYLESHEET.search(page.content.decode())
    assert found, "the page links no stylesheet"
    return found["url"]


def files_named_in(stylesheet) -> list[str]:
    css = b"".join(stylesheet.streaming_content).decode()
    return [url for url in CSS_REFERENCE.findall(css) if not url.startswith("data:")]


# Collecting compresses every file, which takes a while: one test, so one collection.
def test_production_serves_its_pages_with_the_collected_files(client, cast, settings, tmp_path):
    settings.STATIC_ROOT = collect_as_production(tmp_path)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    settings.DEBUG = False

    sign_in = Client().get("/accounts/sign-in/")
    assert sign_in.status_code == 200
    assert re.fullmatch(r"/static/safeboard\.[0-9a-f]{12}\.css", stylesheet_of(sign_in))

    stylesheet = client.get(stylesheet_of(sign_in))
    assert stylesheet.status_code == 200
    named = files_named_in(stylesheet)
    assert named, "the stylesheet names no file: this test would prove nothing"
    for url in named:
        assert client.get(url).status_code == 200, url

    client.force_login(cast.business_unit)
    home = client.get("/", follow=True)
    assert home.status_code == 200
    assert home.redirect_chain == [(f"/p/{cast.partnership.slug}/", 302)]
