"""Uploaded files are checked by what they hold, never by their name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from safeboard.core.uploads import PDF, check_upload


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_pdf_is_recognised_by_its_content():
    checked = check_upload(SimpleUploadedFile("minutes.bin", b"%PDF-1.7\n..."))
    assert checked.content_type == PDF


def test_a_word_document_is_recognised_by_its_parts():
    checked = check_upload(SimpleUploadedFile("report", docx_bytes()))
    assert checked.content_type.endswith("wordprocessingml.document")


def test_a_program_named_like_a_pdf_is_refused():
    with pytest.raises(ValidationError, match="must be a PDF"):
        check_upload(SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 windows program"))


def test_a_zip_that_is_not_an_office_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.sh", "rm -rf /")
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("report.docx", buffer.getvalue()))


def test_a_file_too_big_is_refused():
    with pytest.raises(ValidationError, match="smaller than"):
        check_upload(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2048), max_bytes=1024)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        check_upload(SimpleUploadedFile("empty.pdf", b""))
