"""Uploaded files are accepted by what they contain, not by what they are called."""

import zipfile
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpResponse

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

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


def download(file, *, as_attachment: bool, filename: str, content_type: str) -> HttpResponse:
    """A stored file, streamed to the person. (Typed as the page decorators' response,
    which they only pass on.)"""
    response = FileResponse(
        file, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    return cast(HttpResponse, response)
