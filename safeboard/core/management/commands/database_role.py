"""`safeboard database_role ROLE`: the application's own database role, on PostgreSQL."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safeboard.core.audit_database import application_role_set_up


class Command(BaseCommand):
    help = (
        "Set up the role the application connects as: it reads and writes the records, "
        "may only read and add to the audit trail, and owns no table. Run it as the "
        "tables' owner (the role that migrates) after every migrate. A new role's password "
        "is read from DATABASE_ROLE_PASSWORD or asked for; an existing role keeps its own "
        "when none is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="the application's role, e.g. safeboard_app")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for a password: read it from DATABASE_ROLE_PASSWORD or keep it",
        )

    def handle(self, *args, **options):
        password = os.environ.get("DATABASE_ROLE_PASSWORD", "")
        if not password and options["interactive"]:
            password = getpass.getpass(f"Password for {options['role']} (empty to keep): ")
        try:
            application_role_set_up(role=options["role"], password=password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{options['role']} may read and write the records, and only read and add to "
                "the audit trail. Give the application a DATABASE_URL that signs in as it."
            )
        )
