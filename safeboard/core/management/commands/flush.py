"""`flush` empties a test database only: anywhere else it would empty the audit trail.

The tests that commit (the browser journeys) are emptied after each by Django's flush, which
on PostgreSQL truncates every table, the audit tables too; there the refusal to truncate
them is lifted for that one transaction.
"""

from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections, transaction

from safeboard.core.audit_database import audit_truncation_allowed, is_test_database

REFUSED = (
    "Safeboard refuses to flush this database: it would empty the audit trail, which is "
    "never changed or removed. To start again, make a new database and migrate it "
    "(for the embedded SQLite one, delete safeboard.sqlite3 from the data folder)."
)


class Command(flush.Command):
    help = "Empty a test database of every row. Refused for any other database."

    def handle(self, **options):
        database = connections[options["database"]]
        if not is_test_database(database):
            raise CommandError(REFUSED)
        with transaction.atomic(using=database.alias), audit_truncation_allowed(database):
            super().handle(**options)
