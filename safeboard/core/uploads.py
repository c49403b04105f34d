"""Uploaded files are accepted by what they contain, not by what they are called, and
only up to a size checked before anything of them is read."""

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, cast

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpResponse

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MB

PDF = "application/pdf"
_OFFICE = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ACCEPTED = "PDF, Word, Excel, PowerPoint, PNG or JPEG"


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    name: str
    content_type: str
    size: int


def sniff(head: bytes, upload: UploadedFile) -> str | None:
    """The file's type from its first bytes (and, for Office files, its parts)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    return None


def _office_type(upload: UploadedFile) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for prefix, mime in _OFFICE.items():
        if any(name.startswith(prefix) for name in names):
            return mime
    return None


def check_upload(upload: UploadedFile, *, max_bytes: int = MAX_UPLOAD_BYTES) -> CheckedFile:
    """Refuse a file that is too big or whose content is not an accepted kind."""
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            f"The file must be smaller than {max_bytes // (1024 * 1024)} MB.", code="too_big"
        )
    if upload.size == 0:
        raise ValidationError("The file is empty.", code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff(head, upload)
    if content_type is None:
        raise ValidationError(f"The file must be a {ACCEPTED} file.", code="file_type")
    name = (upload.name or "file")[:200]
    return CheckedFile(upload=upload, name=name, content_type=content_type, size=upload.size)


# Files of figures


@dataclass(frozen=True)
class DataLimit:
    """How big a file of figures may be: its size, checked before it is read, and its
    rows, counted as it is read."""

    max_bytes: int
    max_rows: int

    @property
    def stated(self) -> str:
        return f"{self.max_bytes // MB} MB and {self.max_rows:,} rows"


# A partnership's own figures: the national benchmark file of every council's
# indicators, by sex and age band, is 110,000 rows and under 10 MB.
IMPORT_LIMIT = DataLimit(max_bytes=20 * MB, max_rows=200_000)
# A statutory return: the bench's CIN census of a council of 10,500 referrals a year is
# 14 MB of XML, and the largest councils have four or five times as many children; an
# SSDA903 table of one is some tens of thousands of rows.
RETURN_LIMIT = DataLimit(max_bytes=250 * MB, max_rows=1_000_000)

# The csv module refuses a cell over 128 kB with an error that names no column; it is let
# read up to this, and each cell's length is then checked by the reader that knows its
# column. The files' own size limits bound what this can hold.
CSV_CELL_READ_LIMIT = 4 * MB
csv.field_size_limit(CSV_CELL_READ_LIMIT)


class UnreadableFile(ValueError):
    """The file cannot be read at all; the message says why, to follow its name."""


def check_data_upload(upload: UploadedFile, *, limit: DataLimit) -> UploadedFile:
    """Refuse a file of figures that is empty or over its size, before reading any of it."""
    if upload.size is None or upload.size > limit.max_bytes:
        raise ValidationError(
            f"The file is larger than {limit.max_bytes // MB} MB, the most Safeboard reads "
            "at once: split it into smaller files.",
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError("The file is empty.", code="empty")
    return upload


class _Progress(io.RawIOBase):
    """A file wrapper that reports how far through the file reading has got."""

    def __init__(self, stream: IO[bytes], size: int, report: Callable[[int], None] | None):
        super().__init__()
        self.stream, self.size, self.report = stream, max(size, 1), report
        self.done, self.reported = 0, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.stream.read(len(buffer))
        buffer[: len(chunk)] = chunk
        self.done += len(chunk)
        percent = min(99, self.done * 100 // self.size)
        if self.report is not None and percent >= self.reported + 5:
            self.reported = percent
            self.report(percent)
        return len(chunk)


def reading_progress(
    stream: IO[bytes], size: int, report: Callable[[int], None] | None
) -> io.BufferedReader:
    """The stream, calling `report` with the percent read at every 5% (a long reading's
    page shows it, and its lease is renewed by it)."""
    return io.BufferedReader(_Progress(stream, size, report), 1 << 16)


def too_many_rows(max_rows: int) -> UnreadableFile:
    return UnreadableFile(
        f"has more than {max_rows:,} rows, the most Safeboard reads at once: "
        "split it into smaller files"
    )


def csv_rows(stream: IO[bytes], *, max_rows: int) -> Iterator[list[str]]:
    """The rows of a UTF-8 CSV file (with or without a byte-order mark), read as it streams:
    never the whole file in memory. UnreadableFile if it is not UTF-8, is not CSV, or has
    more than `max_rows` rows after its header."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        for row in reader:
            if reader.line_num > max_rows + 1:
                raise too_many_rows(max_rows)
            yield row
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            "is not UTF-8 text: save it as “CSV UTF-8” and upload it again"
        ) from error
    except csv.Error as error:
        raise UnreadableFile(f"is not readable CSV at line {reader.line_num}: {error}") from error
    finally:
        # The wrapper would close the upload when it is collected; the caller owns it.
        text.detach()


def download(file, *, as_attachment: bool, filename: str, content_type: str) -> HttpResponse:
    """A stored file, streamed to the person. (Typed as the page decorators' response,
    which they only pass on.)"""
    response = FileResponse(
        file, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    return cast(HttpResponse, response)
