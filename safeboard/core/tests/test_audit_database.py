"""The database's own hold on the audit trail: nobody empties it. PostgreSQL holds it; on
SQLite the application alone refuses, and `flush` refuses on both."""

import pytest
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from safeboard.core import audit
from safeboard.core.audit_database import audit_tables
from safeboard.core.models import AuditEvent

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="roles and triggers are PostgreSQL's"
)
TRIGGERS = {"audit_append_only", "audit_never_truncated"}


def event(cast) -> AuditEvent:
    return audit.record(
        actor=cast.business_unit, action="glossary.create", partnership_id=cast.partnership.pk
    )


def refusal(sql: str, params: list | None = None) -> str:
    """The database's refusal of one statement, or "" if it ran (and was rolled back)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            transaction.set_rollback(True)
    except DatabaseError as error:
        return str(error)
    return ""


def flush_statements() -> list[str]:
    """What Django's own `flush` would run: on PostgreSQL, one TRUNCATE of every table."""
    tables = connection.introspection.django_table_names(only_existing=True)
    return connection.ops.sql_flush(no_style(), tables)


def triggers_enabled() -> dict[str, set[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
            "WHERE NOT tgisinternal AND tgenabled = 'O'"
        )
        found: dict[str, set[str]] = {}
        for table, trigger in cursor.fetchall():
            found.setdefault(table, set()).add(trigger)
    return found


def audit_triggers_all_enabled() -> bool:
    enabled = triggers_enabled()
    return all(enabled.get(table, set()) >= TRIGGERS for table in audit_tables())


# flush


def test_flush_is_refused_outside_a_test_database_and_the_trail_stays(cast, monkeypatch):
    row = event(cast)
    monkeypatch.setitem(connection.settings_dict["TEST"], "NAME", "test_another_database")
    with pytest.raises(CommandError, match="it would empty the audit trail"):
        call_command("flush", "--noinput", verbosity=0)
    assert AuditEvent.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_flush_empties_a_test_database_trail_and_all(cast):
    with transaction.atomic():
        event(cast)
    call_command("flush", "--noinput", verbosity=0)
    assert not AuditEvent.objects.exists()
    if connection.vendor == "postgresql":  # the refusal to truncate is back
        assert audit_triggers_all_enabled()


# The owner


@on_postgresql
def test_every_audit_table_refuses_change_removal_and_truncation_by_trigger(db):
    assert audit_triggers_all_enabled()


@on_postgresql
def test_the_tables_owner_may_not_empty_the_audit_trail(cast):
    row = event(cast)
    for table in audit_tables():
        assert "TRUNCATE refused" in refusal(f"TRUNCATE {table} CASCADE")
    with connection.cursor() as cursor:
        # The test's own transaction holds deferred key checks, which would refuse a
        # TRUNCATE of their tables first; a flush in its own transaction has none.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for statement in flush_statements():
        assert "TRUNCATE refused" in refusal(statement)
    assert AuditEvent.objects.filter(pk=row.pk).exists()
