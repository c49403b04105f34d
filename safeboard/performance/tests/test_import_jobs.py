"""A large file of figures is imported by the background worker, all or nothing as any
import, while its page (which needs no JavaScript) shows how far it has got."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safeboard.core.models import AuditEvent
from safeboard.performance import services
from safeboard.performance.models import ImportJob, ImportStatus, Observation
from safeboard.performance.tasks import resume_stopped_imports

from .test_imports import GOOD, csv_of


@pytest.fixture
def storage_folder(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 2)


def _stored_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _send(cast, client, content: bytes, capture, name: str = "q4.csv"):
    client.force_login(cast.business_unit)
    url = reverse("performance:import", kwargs={"slug": cast.partnership.slug})
    with capture(execute=True):
        sent = client.post(url, {"kind": "observations", "file": SimpleUploadedFile(name, content)})
    return sent, client.get(sent.url).content.decode()


def test_a_file_over_the_threshold_is_imported_in_the_background(
    cast, client, storage_folder, small_threshold, django_capture_on_commit_callbacks
):
    _sent, page = _send(cast, client, GOOD, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert (job.status, job.progress, job.incoming) == (ImportStatus.IMPORTED, 100, "")
    assert "The file is large: it is being imported in the background." in page
    assert "4 new, 0 changed" in page
    assert 'http-equiv="refresh"' not in page
    assert Observation.objects.count() == 4
    assert list(
        AuditEvent.objects.filter(action__startswith="performance.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "performance.import.submit",
        "performance.observations.import",
        "performance.import.imported",
    ]
    assert _stored_files(storage_folder) == []


def test_a_small_file_is_imported_at_once(cast, client, storage_folder):
    client.force_login(cast.business_unit)
    url = reverse("performance:import", kwargs={"slug": cast.partnership.slug})
    sent = client.post(url, {"kind": "observations", "file": SimpleUploadedFile("q4.csv", GOOD)})
    assert sent.url == reverse("performance:overview", kwargs={"slug": cast.partnership.slug})
    assert ImportJob.objects.count() == 0
    assert "A file of more than 20,000 rows is imported in the background" in (
        client.get(url).content.decode()
    )


def test_a_bad_large_file_is_refused_whole_with_every_problem_on_its_page(
    cast, client, storage_folder, small_threshold, django_capture_on_commit_callbacks
):
    bad = csv_of(
        "s47-started,local,,Q4 2017-18,69,,,,Children's Services,",
        "nope,local,,Q4 2017-18,1,,,,LA,",
        "s47-started,local,,Q9,1,,,,LA,",
    )
    _sent, page = _send(cast, client, bad, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REFUSED
    assert job.problems == [
        "Row 3, column indicator: “nope” is not a known indicator.",
        "Row 4, column period: “Q9” is not a quarter; write it like Q1 2017-18.",
    ]
    assert "2 problems: nothing was imported" in page
    assert "Import the corrected file" in page
    assert Observation.objects.count() == 0
    assert _stored_files(storage_folder) == []


def test_a_latin_1_large_file_is_refused_with_its_reason(
    cast, client, storage_folder, small_threshold, django_capture_on_commit_callbacks
):
    content = GOOD.decode().replace("Children's", "Enfance é").encode("latin-1")
    _send(cast, client, content, django_capture_on_commit_callbacks)
    assert ImportJob.objects.get().problems == [
        "Row 1, column (file): The file q4.csv is not UTF-8 text: save it as “CSV UTF-8” and "
        "upload it again."
    ]


def test_a_job_being_read_shows_its_progress_and_refreshes_itself(cast, client):
    job = ImportJob.objects.create(
        partnership=cast.partnership, kind="observations", file_name="big.csv",
        status=ImportStatus.RUNNING, progress=45, submitted_by_name="Business Unit",
        submitted_at=datetime(2026, 12, 7, 9, tzinfo=UTC),
    )  # fmt: skip
    client.force_login(cast.business_unit)
    url = reverse("performance:import-job", kwargs={"slug": cast.partnership.slug, "pk": job.pk})
    page = client.get(url).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert '<progress id="progress" max="100" value="45">' in page


def _stopped_job(cast, reads: int) -> ImportJob:
    """A job whose worker was killed while importing it: still "Reading", its file kept."""
    incoming = default_storage.save("performance/incoming/stopped", ContentFile(GOOD))
    return ImportJob.objects.create(
        partnership=cast.partnership, kind="observations", file_name="q4.csv",
        incoming=incoming, status=ImportStatus.RUNNING, progress=30, reads=reads,
        heartbeat_at=datetime(2026, 12, 7, 9, tzinfo=UTC), submitted_by=cast.business_unit,
        submitted_by_name="Business Unit", submitted_at=datetime(2026, 12, 7, 9, tzinfo=UTC),
    )  # fmt: skip


@time_machine.travel(datetime(2026, 12, 7, 9, 9, tzinfo=UTC), tick=False)
def test_a_job_within_its_lease_is_left_to_its_reader(cast, storage_folder):
    job = _stopped_job(cast, reads=1)
    assert resume_stopped_imports.call() == 0
    job.refresh_from_db()
    assert job.status == ImportStatus.RUNNING


@time_machine.travel(datetime(2026, 12, 7, 9, 11, tzinfo=UTC), tick=False)
def test_a_job_whose_lease_ran_out_is_imported_again(
    cast, storage_folder, django_capture_on_commit_callbacks
):
    job = _stopped_job(cast, reads=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_stopped_imports.call() == 1
    job.refresh_from_db()
    assert (job.status, job.reads) == (ImportStatus.IMPORTED, 2)
    assert Observation.objects.count() == 4
    assert AuditEvent.objects.filter(action="performance.import.resume").count() == 1


@time_machine.travel(datetime(2026, 12, 7, 9, 11, tzinfo=UTC), tick=False)
def test_a_job_stopped_twice_is_refused(cast, storage_folder, django_capture_on_commit_callbacks):
    job = _stopped_job(cast, reads=2)
    with django_capture_on_commit_callbacks(execute=True):
        resume_stopped_imports.call()
    job.refresh_from_db()
    assert job.status == ImportStatus.REFUSED
    assert job.problems == [
        "q4.csv: the import stopped before the end twice; nothing of it was written: import "
        "it again."
    ]
    assert _stored_files(storage_folder) == []
    assert Observation.objects.count() == 0


def test_a_file_wrong_on_every_row_lists_its_first_thousand_problems(
    cast, client, storage_folder, small_threshold, django_capture_on_commit_callbacks
):
    bad = csv_of(*[f"nope-{n},local,,Q4 2017-18,1,,,,LA," for n in range(1_005)])
    _send(cast, client, bad, django_capture_on_commit_callbacks)
    problems = ImportJob.objects.get().problems
    assert len(problems) == 1_001
    assert problems[-1] == (
        "And 5 more problems: put these right, and import the file again to see the rest."
    )
