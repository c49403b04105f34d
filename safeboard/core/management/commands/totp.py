"""`safeboard totp USERNAME`: a demo person's current code, so the demo can be signed into."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safeboard.core.models import Person
from safeboard.core.second_factor import confirmed_authenticator, current_code


class Command(BaseCommand):
    help = (
        "Print the six-digit code a demo person's authenticator app would show now. "
        "Only in the demo configuration, never in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The person's username (their email address)")

    def handle(self, *args, **options):
        if not settings.DEMO:
            raise CommandError(
                "safeboard totp works only in the demo configuration (SAFEBOARD_ENV=demo), "
                "never in production."
            )
        person = Person.objects.filter(username=options["username"].strip().lower()).first()
        if person is None:
            raise CommandError(f"Nobody signs in as {options['username']}.")
        device = confirmed_authenticator(person)
        if device is None:
            raise CommandError(f"{person} has not set up an authenticator app.")
        self.stdout.write(current_code(device))
