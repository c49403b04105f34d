"""The database's own hold on the audit trail: nobody empties it, and the application's own
role may only read it and add to it. PostgreSQL holds it; on SQLite the application alone
refuses, and `flush` refuses on both."""

import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from safeboard.core import audit, services
from safeboard.core.audit_database import audit_tables
from safeboard.core.models import AuditEvent, AuditEventRecord, GlossaryTerm

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


# Serialized: its own flush is followed by the test runner's without post_migrate, so the
# next test that restores what migrations loaded finds nothing there before it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
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


# The application's role


@pytest.fixture
def application_role(db, monkeypatch) -> Iterator[str]:
    """A role made by `safeboard database_role`, named for this run alone (roles belong to
    the whole server), and dropped at the end."""
    role = f"safeboard_test_{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("DATABASE_ROLE_PASSWORD", uuid.uuid4().hex)
    call_command("database_role", role, "--noinput", stdout=io.StringIO())
    yield role
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
        cursor.execute(f'DROP OWNED BY "{role}"')
        cursor.execute(f'DROP ROLE "{role}"')


@contextmanager
def acting_as(role: str) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{role}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


@on_postgresql
def test_the_application_role_reads_and_adds_to_the_trail_and_keeps_the_records(
    application_role, cast
):
    with acting_as(application_role):
        term = services.glossary_term_create(
            actor=cast.business_unit, partnership=cast.partnership, term="MASH", meaning="Hub"
        )
        row = AuditEvent.objects.get(action="glossary.create", target_id=str(term.pk))
        AuditEventRecord.objects.create(event=row, target_type="core.agency", target_id="1")
        assert not refusal(
            "UPDATE core_glossaryterm SET meaning = %s WHERE id = %s", ["Hubs", term.pk]
        )
        assert not refusal("DELETE FROM core_glossaryterm WHERE id = %s", [term.pk])
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()
    assert row.records.count() == 1


@on_postgresql
def test_the_application_role_may_not_change_remove_or_empty_the_trail(application_role, cast):
    row = event(cast)
    with acting_as(application_role):
        for table in audit_tables():
            for statement in (
                f"UPDATE {table} SET target_type = 'tampered'",  # noqa: S608
                f"DELETE FROM {table}",  # noqa: S608
                f"TRUNCATE {table} CASCADE",
            ):
                assert "permission denied" in refusal(statement), statement
            for statement in (
                f"ALTER TABLE {table} DISABLE TRIGGER audit_append_only",
                f"ALTER TABLE {table} DISABLE TRIGGER audit_never_truncated",
                f"ALTER TABLE {table} DISABLE TRIGGER ALL",
                f"DROP TRIGGER audit_append_only ON {table}",
                f"DROP TRIGGER audit_never_truncated ON {table}",
            ):
                assert "must be owner" in refusal(statement), statement
        for statement in flush_statements():
            assert "permission denied" in refusal(statement)
        assert "permission denied" in refusal("DELETE FROM django_migrations")
    assert AuditEvent.objects.filter(pk=row.pk).exists()
    assert audit_triggers_all_enabled()


@on_postgresql
def test_setting_up_the_role_again_keeps_its_rights_and_is_audited(application_role, cast):
    call_command("database_role", application_role, "--noinput", stdout=io.StringIO())
    assert AuditEvent.objects.filter(action="database.role.set_up").count() == 2
    with acting_as(application_role):
        assert "permission denied" in refusal("TRUNCATE core_auditevent")
        assert not refusal("SELECT count(*) FROM core_auditevent")


@on_postgresql
def test_the_owner_cannot_be_made_the_application_role(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
    with pytest.raises(CommandError, match=f"The role {owner} is"):
        call_command("database_role", owner, "--noinput")
    assert not AuditEvent.objects.filter(action="database.role.set_up").exists()


@on_postgresql
def test_a_role_that_may_act_as_the_owner_cannot_be_the_application_role(db):
    role = f"safeboard_test_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
        cursor.execute(f'CREATE ROLE "{role}" LOGIN')
        cursor.execute(f'GRANT "{owner}" TO "{role}"')
    try:
        with pytest.raises(CommandError, match=f"may act as, {owner}, who owns the tables"):
            call_command("database_role", role, "--noinput")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP ROLE "{role}"')


def test_a_role_name_must_be_a_plain_name(db):
    with pytest.raises(CommandError, match="lower-case letters, digits and underscores"):
        call_command("database_role", 'app"; DROP TABLE core_auditevent; --', "--noinput")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL has roles")
def test_on_sqlite_the_command_says_the_database_enforces_nothing(db):
    with pytest.raises(CommandError, match="On SQLite the database does not enforce"):
        call_command("database_role", "safeboard_app", "--noinput")
