"""From a return file to staged Parquet tables, without touching the database.

`convert` reads one file (identifying its kind by content) and, if it has no errors,
turns its tables into Parquet. `services` writes them under a staging name in the file
storage and moves them into place only when the file is accepted, so a refused or
interrupted file leaves nothing a query could read. Kept free of the ORM and of the
storage so the command line can run it in several processes at once.
"""

import hashlib
import io
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq
from django.core.files.base import ContentFile
from django.core.files.storage import Storage

from safeboard.core.periods import PeriodError, check_year
from safeboard.core.uploads import UnreadableFile, reading_progress

from .cin import read_cin
from .ssda903 import NAME, kind_of_header, read_903
from .tables import Parsed, Pseudonymiser

ROOT = "returns"


@dataclass
class Outcome:
    kind: str
    la: str
    year: int | None
    children: int
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    parquet: dict[str, bytes] = field(default_factory=dict)  # table -> its Parquet file


def sha256_of(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        digest.update(block)
    stream.seek(0)
    return digest.hexdigest()


def sha256_path(path: str) -> str:
    """`sha256_of` a file on disk, in a worker process of the command line."""
    with open(path, "rb") as handle:
        return sha256_of(handle)


def sniff(head: bytes) -> str | None:
    """The kind of return a file is, from its first bytes (never from its name)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<?xml") or text.startswith(b"<Message"):
        return "cin"
    first_line = text.split(b"\n", 1)[0].decode("utf-8", "replace")
    return kind_of_header(first_line.split(","))


def council_and_year_from_name(name: str) -> tuple[str, int | None]:
    match = NAME.search(os.path.basename(name))
    return (match[1], int(match[2]) - 1) if match else ("", None)


def convert(
    stream: IO[bytes],
    *,
    name: str,
    size: int,
    secret: bytes,
    la: str = "",
    year: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    kind = sniff(stream.read(4096))
    stream.seek(0)
    if kind is None:
        problem = (
            "is neither a CIN census XML file nor an SSDA903 header, episodes or missing table"
        )
        return Outcome("", la, year, 0, errors=[{"where": "file", "field": "", "problem": problem}])
    pseudonym = Pseudonymiser(secret)
    counting = reading_progress(stream, size, progress)
    if kind == "cin":
        parsed = read_cin(counting, pseudonym)
    else:
        named_la, named_year = council_and_year_from_name(name)
        try:
            parsed = read_903(
                counting,
                pseudonym,
                kind=kind,
                la=la or named_la,
                year=year if year is not None else named_year,
            )
        except UnreadableFile as error:
            problem = f"{os.path.basename(name)} {error}"
            return Outcome(
                kind, la, year, 0, errors=[{"where": "file", "field": "", "problem": problem}]
            )
        _check_council_and_year(parsed)
    outcome = Outcome(kind, parsed.la, parsed.year, parsed.children, parsed.counts(), parsed.errors)
    if not parsed.errors:
        outcome.parquet = {table: _parquet(data) for table, data in parsed.tables().items()}
    return outcome


def convert_path(job: tuple[str, bytes]) -> Outcome:
    """`convert` for a file on disk, in a worker process of the command line."""
    path, secret = job
    with open(path, "rb") as handle:
        return convert(handle, name=path, size=os.path.getsize(path), secret=secret)


def _parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def _check_council_and_year(parsed: Parsed) -> None:
    if parsed.year is not None:
        try:
            check_year(parsed.year)
        except PeriodError as error:
            parsed.error(where="file", field="year", problem=str(error))
            parsed.year = None  # kept on the refused job, whose column holds a real year
            return
    if (
        not (parsed.la.isascii() and parsed.la.isdigit() and len(parsed.la) == 3)
        or parsed.year is None
    ):
        parsed.error(
            where="file",
            field="council and year",
            problem="name the file SSDA903_<council number>_<year ending>_<table>.csv, "
            "or give the council and year",
        )


def stage(outcome: Outcome, storage: Storage, partnership_id: int) -> dict[str, str]:
    """Write the tables under a staging name; `move` puts them in place once accepted."""
    folder = f"{ROOT}/{partnership_id}/staging/{uuid.uuid4().hex}"
    return {
        table: storage.save(f"{folder}/{table}.parquet", ContentFile(data))
        for table, data in outcome.parquet.items()
    }


def move(storage: Storage, source: str, target: str) -> str:
    """Put a staged table in its place: a rename on a local disk, else copy and delete."""
    try:
        source_path, target_path = storage.path(source), storage.path(target)
    except NotImplementedError:
        with storage.open(source) as handle:
            saved = storage.save(target, handle)
        storage.delete(source)
        return saved
    os.makedirs(os.path.dirname(target_path), exist_ok=True)
    os.replace(source_path, target_path)
    return target


def discard(storage: Storage, names) -> None:
    for name in names:
        if storage.exists(name):
            storage.delete(name)


def read_table(storage: Storage, name: str) -> pa.Table:
    with storage.open(name) as handle:
        return pq.read_table(handle)


def table_name(folder: str, table: str) -> str:
    return f"{folder.rstrip('/')}/{table}.parquet"
