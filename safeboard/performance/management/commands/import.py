"""`safeboard import observations|population FILE --partnership SLUG`

Checks the whole file and writes it, or writes nothing and prints every bad row and
column, exiting non-zero. Importing the same file again changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeboard.core.models import Partnership
from safeboard.core.uploads import IMPORT_LIMIT, MB
from safeboard.performance.services import ImportRefused, file_import


class Command(BaseCommand):
    help = "Import performance observations or population estimates from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["observations", "population"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--partnership", required=True, help="The partnership's web name")

    def handle(self, *args, kind, file, partnership, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"There is no partnership “{partnership}”.")
        if not file.is_file():
            raise CommandError(f"There is no file {file}.")
        size = file.stat().st_size
        if size > IMPORT_LIMIT.max_bytes:
            raise CommandError(
                f"{file.name} is {size // MB:,} MB; Safeboard imports files of up to "
                f"{IMPORT_LIMIT.stated}: split it into smaller files."
            )
        try:
            with file.open("rb") as stream:
                outcome = file_import(
                    actor=None, partnership=found, kind=kind, name=file.name, stream=stream
                )
        except ImportRefused as refusal:
            for problem in refusal.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(refusal.problems)} problem(s) in {file.name}: nothing was imported."
            ) from refusal
        self.stdout.write(self.style.SUCCESS(f"{file.name}: {outcome.summary}"))
