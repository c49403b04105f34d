"""`safeboard founder`: the first person of a new installation."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safeboard.core.services import founder_create


class Command(BaseCommand):
    help = (
        "Create the first person of a new installation. They then sign in and set up "
        "the first partnership. The password is asked for, or read from FOUNDER_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--job-title", default="")

    def handle(self, *args, **options):
        password = os.environ.get("FOUNDER_PASSWORD") or getpass.getpass("Password: ")
        try:
            person = founder_create(
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                job_title=options["job_title"],
                password=password,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{person} can now sign in and set up the first partnership at /partnerships/new/."
            )
        )
