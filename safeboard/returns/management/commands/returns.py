"""`safeboard returns generate|ingest`: synthetic returns, and reading a folder of returns.

    safeboard returns generate --size S --out /tmp/returns
    safeboard returns ingest --partnership southampton /tmp/returns
    safeboard returns recompute --partnership southampton [--la 852] [--year 2023]

Ingest reads the files in several processes at once (one per core); each file is
accepted or refused whole, and every error of every refused file is listed; once any is
accepted, a recompute of the indicators is queued for the background worker. Recompute
writes them at once, as the performance dataset's observations.
"""

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeboard.core.models import Partnership

from ... import pipeline, services
from ...generate import SIZES, generate
from ...models import IngestStatus

_AHEAD = 8  # files read but not yet recorded, at most: bounds the tables held in memory


def return_files(folder: Path) -> list[Path]:
    found = [p for p in folder.rglob("*") if p.suffix.lower() in (".xml", ".csv") and p.is_file()]
    return sorted(p for p in found if p.name != "councils.csv")


class _Here:
    """The pool's two calls, run in this process: for a single file or a single core."""

    def imap(self, function, items, chunksize=1):
        return map(function, items)

    def apply_async(self, function, args):
        return _Done(function(*args))


class _Done:
    def __init__(self, value) -> None:
        self.value = value

    def ready(self) -> bool:
        return True

    def get(self):
        return self.value


@contextmanager
def _workers(processes: int) -> Iterator:
    if processes <= 1:
        yield _Here()
        return
    # Spawned, not forked: the parent holds threads (database, Arrow) a fork would copy.
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        yield pool


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
        again.add_argument(
            "--year",
            type=int,
            help="the financial year a return changed, e.g. 2023 for 2023-24: only its "
            "figures and the next year's are worked out again (default: every year)",
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "generate":
            totals = generate(options["size"], options["out"], options["seed"])
            self.stdout.write(
                f"Wrote {totals['files']} files ({totals['children']} CIN children) "
                f"under {options['out']}. All of it is synthetic."
            )
            return
        if action == "recompute":
            self.recompute(options["partnership"], options["la"], options["year"])
            return
        self.ingest(options["partnership"], options["folder"], options["processes"])

    def _partnership(self, slug: str) -> Partnership:
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            raise CommandError(f"There is no partnership “{slug}”.")
        return partnership

    def recompute(self, slug: str, la: str, year: int | None) -> None:
        run = services.recompute(partnership=self._partnership(slug), la=la or None, year=year)
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
        with _workers(min(processes, len(files))) as pool:
            read = self._run(pool, partnership, [str(path) for path in files], secret)
            finished = [self.finish(pk, outcome) for pk, outcome in read]
        refused = finished.count(False)
        if refused < len(finished):
            services.recompute_later(partnership_id=partnership.pk)
            self.stdout.write("The indicators will be recomputed by the background worker.")
        if refused:
            raise CommandError(
                f"{refused} of {len(files)} files refused; nothing of them was kept."
            )

    def _run(self, pool, partnership, paths: list[str], secret: bytes):
        """Each new file's job and what reading it found, in the order of the files.

        The workers hash the files, then read them. This process keeps the database: it
        opens each file's job as its hash comes back, while the workers read the files
        already opened. At most `_AHEAD` files' tables wait here at a time.
        """
        waiting: deque = deque()
        hashes = pool.imap(pipeline.sha256_path, paths, chunksize=8)
        for path, sha256 in zip(paths, hashes, strict=True):
            ingest, created = services.ingest_open(
                actor=None, partnership=partnership, file_name=os.path.basename(path), sha256=sha256
            )
            if not created:
                self.stdout.write(f"{path}: already received ({ingest.get_status_display()}).")
                continue
            waiting.append((ingest.pk, pool.apply_async(pipeline.convert_path, ((path, secret),))))
            while waiting and (len(waiting) > _AHEAD or waiting[0][1].ready()):
                pk, result = waiting.popleft()
                yield pk, result.get()
        while waiting:
            pk, result = waiting.popleft()
            yield pk, result.get()

    def finish(self, ingest_id: int, outcome: pipeline.Outcome) -> bool:
        ingest = services.ingest_finish(ingest_id=ingest_id, outcome=outcome)
        if ingest.status == IngestStatus.ACCEPTED:
            self.stdout.write(f"{ingest.file_name}: accepted, {ingest.children} read.")
            return True
        self.stderr.write(f"{ingest.file_name}: refused, {len(outcome.errors)} errors:")
        for error in outcome.errors:
            self.stderr.write(f"  {error['where']}: {error['field']} {error['problem']}".rstrip())
        return False
