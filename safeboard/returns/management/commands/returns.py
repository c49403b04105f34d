"""`safeboard returns generate|ingest`: synthetic returns, and reading a folder of returns.

    safeboard returns generate --size S --out /tmp/returns
    safeboard returns ingest --partnership southampton /tmp/returns
    safeboard returns recompute --partnership southampton [--la 852]

Ingest reads the files in several processes at once (one per core); each file is
accepted or refused whole, and every error of every refused file is listed; once any is
accepted, a recompute of the indicators is queued for the background worker. Recompute
writes them at once, as the performance dataset's observations.
"""

import multiprocessing
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeboard.core.models import Partnership

from ... import pipeline, services
from ...generate import SIZES, generate
from ...models import IngestStatus


def return_files(folder: Path) -> list[Path]:
    found = [p for p in folder.rglob("*") if p.suffix.lower() in (".xml", ".csv") and p.is_file()]
    return sorted(p for p in found if p.name != "councils.csv")


class Command(BaseCommand):
    help = "Generate synthetic statutory returns, or ingest a folder of returns."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        make = commands.add_parser("generate", help="write synthetic CIN census and SSDA903 files")
        make.add_argument("--size", choices=sorted(SIZES), required=True)
        make.add_argument("--out", type=Path, required=True)
        make.add_argument("--seed", type=int, default=2024)
        read = commands.add_parser("ingest", help="read every return file under a folder")
        read.add_argument("--partnership", required=True, help="the partnership's slug")
        read.add_argument("folder", type=Path)
        read.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1))
        again = commands.add_parser(
            "recompute", help="write the indicators computed from the accepted returns"
        )
        again.add_argument("--partnership", required=True, help="the partnership's slug")
        again.add_argument("--la", default="", help="one council's DfE number (default: all)")

    def handle(self, *args, action: str, **options) -> None:
        if action == "generate":
            totals = generate(options["size"], options["out"], options["seed"])
            self.stdout.write(
                f"Wrote {totals['files']} files ({totals['children']} CIN children) "
                f"under {options['out']}. All of it is synthetic."
            )
            return
        if action == "recompute":
            self.recompute(options["partnership"], options["la"])
            return
        self.ingest(options["partnership"], options["folder"], options["processes"])

    def _partnership(self, slug: str) -> Partnership:
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            raise CommandError(f"There is no partnership “{slug}”.")
        return partnership

    def recompute(self, slug: str, la: str) -> None:
        run = services.recompute(partnership=self._partnership(slug), la=la or None)
        self.stdout.write(
            f"Read {len(run.files)} returns: {run.created} figures new, {run.changed} changed "
            f"(earlier values kept in the history), {run.unchanged} unchanged."
        )
        for note in run.notes:
            self.stdout.write(f"  {note}")

    def ingest(self, slug: str, folder: Path, processes: int) -> None:
        partnership = self._partnership(slug)
        files = return_files(folder)
        if not files:
            raise CommandError(f"No .xml or .csv return files under {folder}.")
        secret = services.pseudonym_secret(partnership=partnership)
        jobs = []
        for path in files:
            with path.open("rb") as handle:
                sha256 = pipeline.sha256_of(handle)
            ingest, created = services.ingest_open(
                actor=None, partnership=partnership, file_name=path.name, sha256=sha256
            )
            if created:
                jobs.append((ingest.pk, str(path)))
            else:
                self.stdout.write(f"{path}: already received ({ingest.get_status_display()}).")
        finished = [self.finish(i, o) for i, o in self._run(jobs, secret, processes)]
        refused = finished.count(False)
        if refused < len(finished):
            services.recompute_later(partnership_id=partnership.pk)
            self.stdout.write("The indicators will be recomputed by the background worker.")
        if refused:
            raise CommandError(
                f"{refused} of {len(files)} files refused; nothing of them was kept."
            )

    def _run(self, jobs: list[tuple[int, str]], secret: bytes, processes: int):
        """Read the files in worker processes, one per core; the database stays here."""
        work = [(path, secret) for _pk, path in jobs]
        if processes <= 1 or len(jobs) <= 1:
            outcomes = map(pipeline.convert_path, work)
            yield from zip((pk for pk, _ in jobs), outcomes, strict=True)
            return
        # Spawned, not forked: the parent holds threads (database, Arrow) a fork would copy.
        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            outcomes = pool.imap(pipeline.convert_path, work, chunksize=1)
            yield from zip((pk for pk, _ in jobs), outcomes, strict=True)

    def finish(self, ingest_id: int, outcome: pipeline.Outcome) -> bool:
        ingest = services.ingest_finish(ingest_id=ingest_id, outcome=outcome)
        if ingest.status == IngestStatus.ACCEPTED:
            self.stdout.write(f"{ingest.file_name}: accepted, {ingest.children} read.")
            return True
        self.stderr.write(f"{ingest.file_name}: refused, {len(outcome.errors)} errors:")
        for error in outcome.errors:
            self.stderr.write(f"  {error['where']}: {error['field']} {error['problem']}".rstrip())
        return False
