"""`safeboard report <partnership> <year> --format html|pdf|docx|json --out FILE [--published]`"""

from django.core.management.base import BaseCommand, CommandError

from safeboard.core.models import Partnership
from safeboard.core.periods import PeriodError, parse_year

from ...compose import compose
from ...models import AnnualReport, Edition
from ...output import RENDERERS, render


class Command(BaseCommand):
    help = "Write a partnership's annual report for a year: the board version unless --published."

    def add_arguments(self, parser):
        parser.add_argument(
            "partnership", help="The partnership's short web name, e.g. southampton"
        )
        parser.add_argument("year", help="The financial year, e.g. 2017-18")
        parser.add_argument("--format", choices=sorted(RENDERERS), default="html")
        parser.add_argument("--out", required=True, help="The file to write")
        parser.add_argument(
            "--published", action="store_true", help="The disclosure-controlled version"
        )

    def handle(self, *args, **options):
        report = self.find(options["partnership"], options["year"])
        edition = Edition.PUBLISHED if options["published"] else Edition.BOARD
        content = render(compose(report, edition=edition), options["format"])
        with open(options["out"], "wb") as out:
            out.write(content)
        self.stdout.write(f"Wrote {report} ({edition}) to {options['out']}.")

    def find(self, slug: str, label: str) -> AnnualReport:
        """The latest revision of the partnership's report for the year."""
        try:
            year = parse_year(label)
        except PeriodError as error:
            raise CommandError(str(error)) from error
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            raise CommandError(f"No partnership is called {slug!r}.")
        report = partnership.annual_reports.filter(year=year.start_year).first()
        if report is None:
            raise CommandError(f"{partnership} has no annual report for {year}.")
        return report
