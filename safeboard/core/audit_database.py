"""The database's own hold on the audit trail, on PostgreSQL.

Triggers refuse to change, remove or truncate audit rows (migrations 0003 and 0004), but the
role that owns a table may disable or drop its triggers. So the application connects as a
role of its own that owns nothing: it reads and writes the partnership's records, and may
only read and add to the audit trail. Migrations run as the owner. On SQLite the database
enforces none of this; the application alone refuses.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from . import audit
from .models import AppendOnlyModel, AuditEvent

TRUNCATE_TRIGGER = "audit_never_truncated"
# The application reads which migrations ran; only the owner runs them.
READ_ONLY_TABLES = ("django_migrations",)
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


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


def application_role_set_up(*, role: str, password: str = "") -> None:
    """Create (or bring up to date) the application's role: every right on the records,
    only SELECT and INSERT on the audit trail, and no ownership of any table. Run by the
    tables' owner (or a superuser) after each migration; the password is set when given
    (a new role needs one)."""
    if not ROLE_NAME.fullmatch(role):
        raise ValidationError(
            f"The role name {role!r} must be lower-case letters, digits and underscores, "
            "starting with a letter or underscore, at most 63 characters."
        )
    if connection.vendor != "postgresql":
        raise ValidationError(
            "Only PostgreSQL has database roles. On SQLite the database does not enforce "
            "that the audit trail is never changed: the application alone refuses it."
        )
    with transaction.atomic(), connection.cursor() as cursor:
        owner = _tables_owner(cursor)
        _role_ensure(cursor, role, password)
        _role_refuse_if_it_owns(cursor, role, owner)
        _role_grant(cursor, role, owner)
        audit.record(actor=None, action="database.role.set_up", label=role)


def _role_ensure(cursor, role: str, password: str) -> None:
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
    found = cursor.fetchone()
    if found is None and not password:
        raise ValidationError(f"The role {role} does not exist yet: give it a password.")
    if found is None:
        cursor.execute(f'CREATE ROLE "{role}" LOGIN PASSWORD %s', [password])
    elif found[0]:
        raise ValidationError(
            f"The role {role} is a superuser, whom no refusal holds: choose another role."
        )
    elif password:
        cursor.execute(f'ALTER ROLE "{role}" PASSWORD %s', [password])


def _tables_owner(cursor) -> str:
    cursor.execute(
        "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = %s",
        [AuditEvent._meta.db_table],
    )
    found = cursor.fetchone()
    if found is None:
        raise ValidationError("The database has no audit trail yet: run `safeboard migrate`.")
    return found[0]


def _role_refuse_if_it_owns(cursor, role: str, owner: str) -> None:
    cursor.execute(
        "SELECT pg_has_role(%s, %s, 'MEMBER'), EXISTS (SELECT 1 FROM pg_tables "
        "WHERE schemaname = current_schema() AND tableowner = %s)",
        [role, owner, role],
    )
    shares_the_owners_rights, owns_a_table = cursor.fetchone()
    if shares_the_owners_rights:
        raise ValidationError(
            f"The role {role} is, or may act as, {owner}, who owns the tables: the "
            "application needs a role of its own."
        )
    if owns_a_table:
        raise ValidationError(
            f"The role {role} owns tables of this database: the application's role may own "
            "none, since an owner can disable the audit trail's triggers."
        )


def _role_grant(cursor, role: str, owner: str) -> None:
    cursor.execute("SELECT current_database(), current_schema()")
    database, schema = cursor.fetchone()
    audit_trail = ", ".join(audit_tables())
    read_only = ", ".join(READ_ONLY_TABLES)
    for statement in (
        f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"',
        f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"',
        f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM "{role}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"',
        f'REVOKE UPDATE, DELETE ON {audit_trail} FROM "{role}"',
        f'REVOKE INSERT, UPDATE, DELETE ON {read_only} FROM "{role}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"',
        # Tables a later migration makes are open to the application at once; running
        # this command again after it narrows a new audit table to SELECT and INSERT.
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA "{schema}" '
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{role}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA "{schema}" '
        f'GRANT USAGE, SELECT ON SEQUENCES TO "{role}"',
    ):
        cursor.execute(statement)
