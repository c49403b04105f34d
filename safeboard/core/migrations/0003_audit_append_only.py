"""On PostgreSQL, the database itself refuses to change or remove an audit event
(or the list of records an access event names).

The application already refuses (`core.models.AppendOnlyModel`); the trigger holds against anything
that writes around it, such as a console session or a mistaken script. SQLite, the
embedded default for a single machine, keeps only the application's refusal.
"""

from django.db import migrations

INSTALL = """
CREATE FUNCTION safeboard_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Audit events are never changed or removed (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION safeboard_audit_append_only();

CREATE TRIGGER audit_append_only
    BEFORE UPDATE OR DELETE ON core_auditeventrecord
    FOR EACH ROW EXECUTE FUNCTION safeboard_audit_append_only();
"""

REMOVE = """
DROP TRIGGER IF EXISTS audit_append_only ON core_auditevent;
DROP TRIGGER IF EXISTS audit_append_only ON core_auditeventrecord;
DROP FUNCTION IF EXISTS safeboard_audit_append_only();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INSTALL, params=None)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REMOVE)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_api_tokens")]

    operations = [migrations.RunPython(install, remove)]
