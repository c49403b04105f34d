"""On PostgreSQL, the database refuses to empty an audit table with TRUNCATE.

TRUNCATE removes rows without deleting them one by one, so the row triggers of 0003 never
see it: `TRUNCATE core_auditevent CASCADE`, or `manage.py flush`, would empty the trail.
A statement trigger refuses it, for the table's owner too. (The application's own role,
set up by `safeboard database_role`, may not truncate at all; SQLite has no TRUNCATE.)
"""

from django.db import migrations

AUDIT_TABLES = ("core_auditevent", "core_auditeventrecord")


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in AUDIT_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER audit_never_truncated BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION safeboard_audit_append_only()"
            )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in AUDIT_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS audit_never_truncated ON {table}")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_append_only")]

    operations = [migrations.RunPython(install, remove)]
