"""`safeboard demo`: load the demo partnership (only into an empty database)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safeboard.demo import load, seed


class Command(BaseCommand):
    help = "Load the demo partnership built from Southampton LSCB's 2017/18 annual report."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database holds data already",
        )
        parser.add_argument(
            "--sign-in", action="store_true", help="Only print how to sign in as each demo person"
        )

    def handle(self, *args, **options):
        if not settings.DEMO:
            raise CommandError(
                "The demo loads only in the demo configuration (SAFEBOARD_ENV=demo, as "
                "make run sets it), never in production."
            )
        if not options["sign_in"]:
            if load.is_loaded():
                if not options["if_empty"]:
                    raise CommandError(
                        "The database already holds partnerships; "
                        "the demo loads only into an empty one."
                    )
            else:
                load.load()
                self.stdout.write(self.style.SUCCESS("The demo partnership has been loaded."))
        self.print_sign_in()

    def print_sign_in(self) -> None:
        self.stdout.write(
            "\nSign in at http://127.0.0.1:8000/ as any demo person, "
            f"with the password {seed.DEMO_PASSWORD},\n"
            "then run `SAFEBOARD_ENV=demo .venv/bin/safeboard totp EMAIL` for the six-digit code:"
        )
        for person in seed.PEOPLE:
            roles = ", ".join(r.label for r in person.roles)
            self.stdout.write(
                f"  {load.demo_email(person.key):32} {person.first_name} {person.last_name}, "
                f"{roles} ({person.partnership})"
            )
