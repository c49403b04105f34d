"""Browser tests: Debian's Chromium, headless, driven by Playwright against the live server.

Every page a journey visits is scanned with axe-core and checked for content security
policy violations; `page` here refuses to close on a page that was not scanned.
"""

import os

import pytest

from .axe import Scanner

# Playwright's sync API runs an event loop in this thread for the rest of the session; the
# tests' own database calls (making people, reading codes, flushing) stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(autouse=True)
def _migration_data_back(request, migration_data):
    """Django keeps what migrations loaded on the connection, to put it back after each
    test that empties the database. Once Playwright runs its event loop in this thread,
    the thread is served by a new connection without it, so it is put back from here."""
    from django.core.management import call_command
    from django.db import connection

    request.getfixturevalue("transactional_db")
    if not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = migration_data
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(migration_data)


@pytest.fixture
def scanner(page, live_server):
    """Checks each page a journey reaches; at the end, that none went unchecked."""
    scanner = Scanner(page, base_url=live_server.url)
    yield scanner
    scanner.assert_every_page_was_checked()


def pytest_collection_modifyitems(items):
    """The live server needs a transactional database, which is emptied after each test.
    Restore what migrations loaded (the indicator catalogue, for one) for the tests after."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
