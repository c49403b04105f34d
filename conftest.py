"""Settings every test shares: background jobs run at once, and hashing is quick.

`client` signs people in fully, second factor included (`core.testing.SignedInClient`).
"""

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEMO = True  # the test configuration (SAFEBOARD_ENV=test) is a demo one
    settings.MEDIA_ROOT = tmp_path / "files"  # uploads in tests never reach the data folder
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
