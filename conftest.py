"""Settings every test shares: background jobs run at once, and hashing is quick.

`client` signs people in fully, second factor included (`core.testing.SignedInClient`).
`demo` gives a module's tests the demo, loaded once for the module (see `demo_loaded`).
"""

import copy
import shutil

import pytest


def shared_settings(files) -> dict:
    from django.conf import settings

    return {
        "TASKS": {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "DEMO": True,  # the test configuration (SAFEBOARD_ENV=test) is a demo one
        "MEDIA_ROOT": files,  # uploads in tests never reach the data folder
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    for name, value in shared_settings(tmp_path / "files").items():
        setattr(settings, name, value)


@pytest.fixture
def cast(db):
    """The named people of `safeboard.core.testing`: one per role, and an outsider."""
    from safeboard.core.testing import make_cast

    return make_cast()


@pytest.fixture
def client():
    """`client.force_login(person)` signs them in with their second factor given."""
    from safeboard.core.testing import SignedInClient

    return SignedInClient()


@pytest.fixture
def api_client():
    """Django REST framework's test client, whose `force_login` gives the second factor too."""
    from safeboard.core.testing import SignedInAPIClient

    return SignedInAPIClient()


@pytest.fixture(scope="session", autouse=True)
def migration_data(django_db_setup, django_db_blocker) -> str:
    """What migrations loaded (the indicator catalogue, for one), read as the test database
    is made, before any test empties it; the browser tests put it back after each."""
    from django.db import connection

    with django_db_blocker.unblock():
        return getattr(connection, "_test_serialized_contents", None) or (
            connection.creation.serialize_db_to_string()
        )


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module that asks for it, in a transaction that each
    test's own transaction nests inside and that is rolled back when the module is done,
    as Django's `setUpTestData` does for a class. Only a module whose every database test
    reads the demo asks for it: its other tests would find the demo there too."""
    from django.db import transaction
    from django.test.utils import override_settings

    from safeboard.demo import load

    files = tmp_path_factory.mktemp("demo") / "files"
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            with override_settings(**shared_settings(files)):
                people = load.load()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield people, files
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo_people(demo_loaded, db, settings):
    """The demo people `load.load()` returned, by key, copied afresh for each test, whose
    files folder starts with a copy of the files the demo wrote (its meetings' papers)."""
    people, files = demo_loaded
    if files.exists():
        shutil.copytree(files, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return copy.deepcopy(people)
