"""The database's own hold on the audit trail, on PostgreSQL: triggers refuse to change,
remove or truncate audit rows (migrations 0003 and 0004). On SQLite the database enforces
none of this; the application alone refuses.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper

from .models import AppendOnlyModel

TRUNCATE_TRIGGER = "audit_never_truncated"


def audit_tables() -> list[str]:
    return sorted(
        model._meta.db_table for model in apps.get_models() if issubclass(model, AppendOnlyModel)
    )


def is_test_database(database: BaseDatabaseWrapper) -> bool:
    """The test runner connects to the database named as the test one (settings.py names it
    for every engine); an installation's own database is never named so."""
    return database.settings_dict["NAME"] == database.settings_dict["TEST"]["NAME"]


@contextmanager
def audit_truncation_allowed(database: BaseDatabaseWrapper) -> Iterator[None]:
    """Within the caller's transaction, lift the refusal to truncate the audit tables, as
    the tests must to empty their database: if the work fails, the rollback restores it."""
    if database.vendor != "postgresql":
        yield
        return
    if not database.in_atomic_block:
        raise RuntimeError("The refusal to truncate is lifted only within a transaction.")
    _switch_truncate_trigger(database, "DISABLE")
    yield
    _switch_truncate_trigger(database, "ENABLE")


def _switch_truncate_trigger(database: BaseDatabaseWrapper, switch: str) -> None:
    with database.cursor() as cursor:
        for table in audit_tables():
            cursor.execute(f"ALTER TABLE {table} {switch} TRIGGER {TRUNCATE_TRIGGER}")
