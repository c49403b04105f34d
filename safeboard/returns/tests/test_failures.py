"""A return whose reading fails, however it fails, ends refused with its reason, an audit
event and nothing kept, and the file may be sent again; a reader that stopped is found by
its lease running out."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safeboard.core.models import AuditEvent
from safeboard.returns import pipeline, services
from safeboard.returns.models import IngestStatus, ReturnIngest
from safeboard.returns.tasks import resume_stopped_reads

from .builders import HEADER_HEADER, CinChild, Referral, cin_xml, csv_bytes

HEADER_NAME = "SSDA903_852_2024_header.csv"
CHILD = "C1,1,01/05/2010,WBRI,,,"


@pytest.fixture
def storage_folder(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


def _stored_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _upload(cast, client, name: str, content: bytes, capture):
    client.force_login(cast.business_unit)
    url = reverse("returns:ingest-upload", kwargs={"slug": cast.partnership.slug})
    with capture(execute=True):
        sent = client.post(url, {"file": SimpleUploadedFile(name, content)})
    return sent, client.get(sent.url).content.decode()


def _latin_1_header() -> bytes:
    return csv_bytes(HEADER_HEADER, CHILD.replace("C1", "Zoë")).decode().encode("latin-1")


def test_a_latin_1_903_file_is_refused_with_its_reason_and_can_be_sent_again_once_fixed(
    cast, client, storage_folder, django_capture_on_commit_callbacks
):
    _sent, page = _upload(
        cast, client, HEADER_NAME, _latin_1_header(), django_capture_on_commit_callbacks
    )
    refused = ReturnIngest.objects.get()
    assert refused.status == IngestStatus.REJECTED
    assert refused.errors == [
        {
            "where": "file",
            "field": "",
            "problem": f"{HEADER_NAME} is not UTF-8 text: save it as “CSV UTF-8” and upload "
            "it again",
        }
    ]
    assert "is not UTF-8 text" in page
    assert "Upload the corrected file" in page
    assert AuditEvent.objects.filter(action="return.reject", target_id=str(refused.pk)).exists()
    assert _stored_files(storage_folder) == []

    _sent, page = _upload(
        cast, client, HEADER_NAME, _latin_1_header(), django_capture_on_commit_callbacks
    )
    assert "already been received" not in page  # the refused file may be tried again
    fixed = csv_bytes(HEADER_HEADER, CHILD.replace("C1", "Zoë"))
    _upload(cast, client, HEADER_NAME, fixed, django_capture_on_commit_callbacks)
    assert list(ReturnIngest.objects.order_by("pk").values_list("status", flat=True)) == [
        "rejected",
        "rejected",
        "accepted",
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (
            "census.xml",
            cin_xml([CinChild("A", [Referral("2023-05-01")])])[:-40],
            "not well-formed XML",
        ),
        (HEADER_NAME, csv_bytes(HEADER_HEADER, CHILD)[:-12], "is not a date"),
        (HEADER_NAME, csv_bytes(HEADER_HEADER, "C1,1,01/05/2010,WB\x00RI,,,"), "“WB␀RI” is not"),
    ],
)
def test_a_truncated_or_broken_file_is_refused_with_nothing_kept(
    cast, client, storage_folder, django_capture_on_commit_callbacks, name, content, problem
):
    _upload(cast, client, name, content, django_capture_on_commit_callbacks)
    ingest = ReturnIngest.objects.get()
    assert ingest.status == IngestStatus.REJECTED
    assert any(problem in error["problem"] for error in ingest.errors), ingest.errors
    assert _stored_files(storage_folder) == []


def test_a_table_with_the_wrong_columns_is_refused_at_upload_and_by_the_reader(
    cast, client, storage_folder
):
    content = csv_bytes("CHILD,SEX,DOB,MISSING,MIS_END", "C1,1,01/05/2010,M,")
    client.force_login(cast.business_unit)
    url = reverse("returns:ingest-upload", kwargs={"slug": cast.partnership.slug})
    answer = client.post(url, {"file": SimpleUploadedFile(HEADER_NAME, content)})
    assert "neither a CIN census XML file nor an SSDA903 table" in answer.content.decode()
    outcome = pipeline.convert(
        SimpleUploadedFile(HEADER_NAME, content),
        name=HEADER_NAME,
        size=len(content),
        secret=b"k" * 32,
    )
    assert outcome.parquet == {}
    assert "is neither a CIN census XML file" in outcome.errors[0]["problem"]


def test_an_unforeseen_failure_ends_the_job_refused_and_audited(
    cast, client, storage_folder, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(pipeline, "convert", broken)
    _sent, page = _upload(
        cast, client, "census.xml", cin_xml([CinChild("A", [Referral("2023-05-01")])]),
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    ingest = ReturnIngest.objects.get()
    assert ingest.status == IngestStatus.REJECTED
    assert ingest.errors[0]["problem"].startswith("census.xml could not be read to the end")
    assert "MemoryError" in page
    assert AuditEvent.objects.filter(action="return.reject").count() == 1
    assert _stored_files(storage_folder) == []


def test_a_failure_while_storing_the_tables_leaves_none_of_them(
    cast, storage_folder, django_capture_on_commit_callbacks, monkeypatch
):
    moved: list[str] = []
    real_move = pipeline.move

    def move_one_then_fail(storage, source, target):
        if moved:
            raise OSError("disk full")
        moved.append(real_move(storage, source, target))
        return moved[-1]

    monkeypatch.setattr(pipeline, "move", move_one_then_fail)
    with django_capture_on_commit_callbacks(execute=True):
        ingest, _ = services.ingest_submit(
            actor=cast.business_unit,
            partnership=cast.partnership,
            upload=SimpleUploadedFile(
                "census.xml", cin_xml([CinChild("A", [Referral("2023-05-01")])])
            ),
        )
    ingest.refresh_from_db()
    assert len(moved) == 1
    assert (ingest.status, ingest.stored_at) == (IngestStatus.REJECTED, "")
    assert "OSError" in ingest.errors[0]["problem"]
    assert _stored_files(storage_folder) == []


def _stopped_job(cast, *, reads: int) -> ReturnIngest:
    """A job whose worker was killed while reading it: still "Reading", its file waiting."""
    content = cin_xml([CinChild("A", [Referral("2023-05-01")])])
    incoming = default_storage.save(
        f"{pipeline.ROOT}/{cast.partnership.pk}/incoming/stopped",
        SimpleUploadedFile("census.xml", content),
    )
    ingest, _ = services.ingest_open(
        actor=cast.business_unit,
        partnership=cast.partnership,
        file_name="census.xml",
        sha256=pipeline.sha256_of(SimpleUploadedFile("census.xml", content)),
        incoming=incoming,
    )
    ReturnIngest.objects.filter(pk=ingest.pk).update(
        status=IngestStatus.RUNNING,
        progress=45,
        reads=reads,
        heartbeat_at=datetime(2026, 12, 7, 9, tzinfo=UTC),
    )
    return ingest


@time_machine.travel(datetime(2026, 12, 7, 9, 9, tzinfo=UTC), tick=False)
def test_a_job_within_its_lease_is_left_to_its_reader(cast, storage_folder):
    ingest = _stopped_job(cast, reads=1)
    assert resume_stopped_reads.call() == 0
    ingest.refresh_from_db()
    assert (ingest.status, ingest.progress) == (IngestStatus.RUNNING, 45)


@time_machine.travel(datetime(2026, 12, 7, 9, 11, tzinfo=UTC), tick=False)
def test_a_job_whose_lease_ran_out_is_read_again(
    cast, storage_folder, django_capture_on_commit_callbacks
):
    ingest = _stopped_job(cast, reads=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_stopped_reads.call() == 1
    ingest.refresh_from_db()
    assert (ingest.status, ingest.reads, ingest.incoming) == (IngestStatus.ACCEPTED, 2, "")
    assert AuditEvent.objects.filter(action="return.resume", target_id=str(ingest.pk)).exists()


@time_machine.travel(datetime(2026, 12, 7, 9, 11, tzinfo=UTC), tick=False)
def test_a_job_stopped_twice_is_refused_and_its_file_may_be_sent_again(
    cast, client, storage_folder, django_capture_on_commit_callbacks
):
    ingest = _stopped_job(cast, reads=2)
    with django_capture_on_commit_callbacks(execute=True):
        resume_stopped_reads.call()
    ingest.refresh_from_db()
    assert ingest.status == IngestStatus.REJECTED
    assert ingest.errors[0]["problem"].startswith(
        "census.xml: reading it stopped before the end twice"
    )
    assert AuditEvent.objects.filter(action="return.reject", target_id=str(ingest.pk)).exists()
    assert _stored_files(storage_folder) == []
    _sent, page = _upload(
        cast, client, "census.xml", cin_xml([CinChild("A", [Referral("2023-05-01")])]),
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert "Accepted" in page


@time_machine.travel(datetime(2026, 12, 7, 9, 11, tzinfo=UTC), tick=False)
def test_sending_a_file_whose_reader_stopped_reads_it_again_at_once(
    cast, client, storage_folder, django_capture_on_commit_callbacks
):
    ingest = _stopped_job(cast, reads=1)
    _sent, page = _upload(
        cast, client, "census.xml", cin_xml([CinChild("A", [Referral("2023-05-01")])]),
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    ingest.refresh_from_db()
    assert ingest.status == IngestStatus.ACCEPTED
    assert ReturnIngest.objects.count() == 1


def test_a_lease_is_renewed_as_the_reading_goes(cast, storage_folder):
    ingest = _stopped_job(cast, reads=1)
    with time_machine.travel(datetime(2026, 12, 7, 9, 30, tzinfo=UTC), tick=False):
        services.ingest_progress(ingest_id=ingest.pk, percent=50)
        assert services.ingest_expire_stale() == []
    ingest.refresh_from_db()
    assert ingest.heartbeat_at == datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


def test_a_return_over_the_size_limit_is_refused_at_upload(
    cast, client, storage_folder, monkeypatch
):
    from safeboard.core.uploads import DataLimit
    from safeboard.returns import forms

    client.force_login(cast.business_unit)
    url = reverse("returns:ingest-upload", kwargs={"slug": cast.partnership.slug})
    assert "Up to 250 MB and 1,000,000 rows" in client.get(url).content.decode()
    monkeypatch.setattr(forms, "RETURN_LIMIT", DataLimit(max_bytes=1024 * 1024, max_rows=10))
    content = csv_bytes(HEADER_HEADER, *[CHILD] * 50_000)
    answer = client.post(url, {"file": SimpleUploadedFile(HEADER_NAME, content)})
    assert "The file is larger than 1 MB, the most Safeboard reads at once" in (
        answer.content.decode()
    )
    assert ReturnIngest.objects.count() == 0
    assert _stored_files(storage_folder) == []


def test_a_table_over_the_row_limit_is_refused_whole(cast, monkeypatch):
    from safeboard.core.uploads import DataLimit
    from safeboard.returns import ssda903

    monkeypatch.setattr(ssda903, "RETURN_LIMIT", DataLimit(max_bytes=1024, max_rows=2))
    content = csv_bytes(HEADER_HEADER, CHILD, CHILD.replace("C1", "C2"), CHILD.replace("C1", "C3"))
    outcome = pipeline.convert(
        SimpleUploadedFile(HEADER_NAME, content),
        name=HEADER_NAME,
        size=len(content),
        secret=b"k" * 32,
    )
    assert outcome.errors == [
        {
            "where": "file",
            "field": "",
            "problem": f"{HEADER_NAME} has more than 2 rows, the most Safeboard reads at once: "
            "split it into smaller files",
        }
    ]


def test_a_job_left_reading_before_leases_with_its_file_gone_is_refused(cast, storage_folder):
    ingest = _stopped_job(cast, reads=0)
    default_storage.delete(ingest.incoming)
    ReturnIngest.objects.filter(pk=ingest.pk).update(heartbeat_at=None, progress=99)
    resume_stopped_reads.call()
    ingest.refresh_from_db()
    assert ingest.status == IngestStatus.REJECTED
    assert "stopped before the end and the file was lost" in ingest.errors[0]["problem"]


def test_a_cell_of_128_kb_is_quoted_only_in_part(cast, storage_folder):
    content = csv_bytes(HEADER_HEADER, f"C1,{'9' * 131_073},01/05/2010,WBRI,,,")
    outcome = pipeline.convert(
        SimpleUploadedFile(HEADER_NAME, content),
        name=HEADER_NAME,
        size=len(content),
        secret=b"k" * 32,
    )
    [error] = outcome.errors
    assert (error["where"], error["field"], len(error["problem"])) == ("row 2", "SEX", 300)
    assert error["problem"].startswith("“999") and error["problem"].endswith("…")


@pytest.mark.parametrize("name", ["SSDA903_852_0000_header.csv", "SSDA903_852_9999_header.csv"])
def test_a_table_named_for_a_year_out_of_range_is_refused_saying_so(name):
    content = csv_bytes(HEADER_HEADER, CHILD)
    outcome = pipeline.convert(
        SimpleUploadedFile(name, content), name=name, size=len(content), secret=b"k" * 32
    )
    assert outcome.year is None
    assert [
        (e["field"], "is not a year Safeboard accepts" in e["problem"]) for e in outcome.errors
    ] == [("year", True)]
