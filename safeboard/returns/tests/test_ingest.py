"""Receiving returns: pseudonymised, all-or-nothing, recorded as jobs, and replaceable."""

import io
import os
from pathlib import Path

import pytest
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from safeboard.core.models import AuditEvent
from safeboard.returns import services
from safeboard.returns.generate import Size, generate
from safeboard.returns.indicators import compute
from safeboard.returns.models import IngestStatus, PseudonymKey, ReturnIngest
from safeboard.returns.selectors import returns_of

from .builders import EPISODES_HEADER, CinChild, Plan, Referral, cin_xml, csv_bytes

TINY = Size(councils=1, years=1, referrals_per_year=150)


@pytest.fixture
def storage_folder(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


def _stored_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _ingest(cast, folder: Path) -> None:
    call_command("returns", "ingest", "--partnership", cast.partnership.slug, str(folder))


def test_generated_returns_are_ingested_and_give_indicators(cast, storage_folder, tmp_path):
    generate(TINY, tmp_path / "in", seed=11)
    _ingest(cast, tmp_path / "in")
    ingests = ReturnIngest.objects.filter(partnership=cast.partnership)
    assert sorted(ingests.values_list("kind", "status")) == sorted(
        [(k, "accepted") for k in ("cin", "903_header", "903_episodes", "903_missing")]
    )
    results = compute(returns_of(cast.partnership))
    referrals = next(r for r in results if (r.indicator, r.period) == ("referrals", "2023-24"))
    assert referrals.la == "852"
    assert referrals.numerator > 0
    assert referrals.provenance[0][0] == "CIN_852_2024.xml"


def test_no_raw_identifier_or_birth_date_is_in_any_stored_file(cast, storage_folder, tmp_path):
    generate(TINY, tmp_path / "in", seed=11)
    _ingest(cast, tmp_path / "in")
    source = (tmp_path / "in" / "852" / "2023-24" / "CIN_852_2024.xml").read_text()
    raw = {
        *(part.split("<")[0] for part in source.split("<LAchildID>")[1:]),
        *(part.split("<")[0] for part in source.split("<UPN>")[1:]),
        *(part.split("<")[0] for part in source.split("<PersonBirthDate>")[1:]),
    }
    raw = {value for value in raw if not value.endswith("-01")}  # a birth month is kept
    secret = bytes(PseudonymKey.objects.get(partnership=cast.partnership).secret)
    stored = _stored_files(storage_folder)
    assert len(stored) == 8  # five CIN tables and three SSDA903 tables
    for path in stored:
        content = path.read_bytes()
        assert secret not in content
        leaked = [value for value in raw if value.encode() in content]
        assert leaked == [], path


def _malformed_cin() -> bytes:
    text = cin_xml(
        [
            CinChild("A", [Referral("2023-05-01", plans=[Plan("2023-06-01", "2023-05-01")])]),
            CinChild("B", [Referral("2023-13-45")], ethnicity="XXXX"),
        ]
    ).decode()
    return text.replace("<ReferralNFA>false</ReferralNFA>", "", 1).encode()


def test_every_error_of_a_malformed_cin_file_is_listed_and_nothing_is_kept(
    cast, storage_folder, tmp_path, capsys
):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "census.xml").write_bytes(_malformed_cin())
    with pytest.raises(CommandError, match="1 of 1 files refused"):
        _ingest(cast, tmp_path / "in")
    ingest = ReturnIngest.objects.get()
    assert ingest.status == IngestStatus.REJECTED
    found = {(e["where"].split(" (")[0], e["field"]) for e in ingest.errors}
    assert found == {
        ("child 1", "ReferralNFA"),  # missing required element
        ("child 1", "CPPendDate"),  # end before start
        ("child 2", "Ethnicity"),  # unknown code
        ("child 2", "CINreferralDate"),  # bad date
    }
    listing = capsys.readouterr().err
    assert "child 2 (line 4): CINreferralDate “2023-13-45” is not a date" in listing
    assert _stored_files(storage_folder) == []


def test_malformed_ssda903_tables_are_refused_with_every_bad_cell(cast, storage_folder, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "SSDA903_101_2024_episodes.csv").write_bytes(
        csv_bytes(
            EPISODES_HEADER,
            "C1,01/05/2023,S,C2,N1,U1,PR1,01/04/2023,E11,,,,",  # ceased before it started
            "C2,31/02/2023,S,ZZ,N1,U1,PR1,,,,,,",  # no such date; unknown legal status
        )
    )
    (folder / "SSDA903_101_2024_missing.csv").write_bytes(csv_bytes("CHILD,MISSING", "C1,M"))
    with pytest.raises(CommandError, match="2 of 2 files refused"):
        _ingest(cast, folder)
    errors = {
        i.kind: {(e["where"], e["field"]) for e in i.errors} for i in ReturnIngest.objects.all()
    }
    assert errors["903_episodes"] == {("row 2", "DEC"), ("row 3", "DECOM"), ("row 3", "LS")}
    assert errors[""] == {("file", "")}  # no MIS_START column: not a missing table at all
    assert _stored_files(storage_folder) == []


def test_ingesting_the_same_file_again_does_nothing(cast, storage_folder, tmp_path):
    generate(TINY, tmp_path / "in", seed=11)
    _ingest(cast, tmp_path / "in")
    before = (ReturnIngest.objects.count(), AuditEvent.objects.count())
    _ingest(cast, tmp_path / "in")
    assert (ReturnIngest.objects.count(), AuditEvent.objects.count()) == before


def test_a_resubmission_for_the_same_council_and_year_replaces_the_old_one(
    cast, storage_folder, tmp_path, django_capture_on_commit_callbacks
):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, children in ((first, ["A"]), (second, ["A", "B"])):
        folder.mkdir()
        xml = cin_xml([CinChild(c, [Referral("2023-05-01")]) for c in children])
        (folder / "census.xml").write_bytes(xml)
    _ingest(cast, first)
    old = ReturnIngest.objects.get()
    old_files = _stored_files(storage_folder)
    with django_capture_on_commit_callbacks(execute=True):
        _ingest(cast, second)
    old.refresh_from_db()
    assert old.status == IngestStatus.REPLACED
    assert not any(path.exists() for path in old_files)
    results = compute(returns_of(cast.partnership))
    assert next(r for r in results if r.period == "2023-24").numerator == 2


def test_the_business_unit_uploads_a_return_and_sees_it_read(
    cast, client, storage_folder, django_capture_on_commit_callbacks
):
    client.force_login(cast.business_unit)
    upload = SimpleUploadedFile("census.xml", cin_xml([CinChild("A", [Referral("2023-05-01")])]))
    url = reverse("returns:ingest-upload", kwargs={"slug": cast.partnership.slug})
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"file": upload})
    answer = client.get(sent.url)
    ingest = ReturnIngest.objects.get()
    assert ingest.status == IngestStatus.ACCEPTED  # the test settings run tasks at once
    assert ingest.submitted_by == cast.business_unit
    assert ingest.incoming == ""
    assert "The file has been received and is being read." in answer.content.decode()
    assert "Accepted" in answer.content.decode()
    assert len(_stored_files(storage_folder)) == 5  # the upload itself is gone


def test_an_upload_that_is_not_a_return_is_refused_by_its_content(cast, client, storage_folder):
    client.force_login(cast.business_unit)
    upload = SimpleUploadedFile("census.xml", b"name,address\nA,1 High Street\n")
    url = reverse("returns:ingest-upload", kwargs={"slug": cast.partnership.slug})
    answer = client.post(url, {"file": upload})
    assert answer.status_code == 200
    assert "neither a CIN census XML file nor an SSDA903 table" in answer.content.decode()
    assert ReturnIngest.objects.count() == 0


def test_an_ssda903_upload_takes_its_council_and_year_from_the_form(
    cast, storage_folder, django_capture_on_commit_callbacks
):
    content = csv_bytes(EPISODES_HEADER, "C1,01/05/2023,S,C2,N1,U1,PR1,,,,,,")
    with django_capture_on_commit_callbacks(execute=True):
        ingest, created = services.ingest_submit(
            actor=cast.business_unit,
            partnership=cast.partnership,
            upload=SimpleUploadedFile("episodes.csv", content),
            la="852",
            year=2023,
        )
    ingest.refresh_from_db()
    assert created
    assert (ingest.status, ingest.kind) == ("accepted", "903_episodes")
    assert (ingest.la, ingest.year) == ("852", 2023)


def test_the_returns_list_has_constant_queries(cast, client, django_assert_max_num_queries):
    from .factories import ReturnIngestFactory

    ReturnIngestFactory.create_batch(30, partnership=cast.partnership)
    client.force_login(cast.business_unit)
    with django_assert_max_num_queries(12):
        answer = client.get(reverse("returns:ingest-list", kwargs={"slug": cast.partnership.slug}))
    assert answer.status_code == 200


def test_a_child_is_given_the_same_code_in_every_return_of_the_partnership(cast):
    secret = services.pseudonym_secret(partnership=cast.partnership)
    assert services.pseudonym_secret(partnership=cast.partnership) == secret
    assert services.pseudonym_secret(partnership=cast.other_partnership) != secret
    assert io.BytesIO(secret).read() == secret


class ObjectStorage(FileSystemStorage):
    """Like S3: files are opened by name, with no path on this machine."""

    def path(self, name):
        raise NotImplementedError

    def _open(self, name, mode="rb"):
        return File(open(os.path.join(self.location, name), mode))  # noqa: SIM115


def test_object_storage_gives_the_same_figures_as_a_local_disk(
    cast, storage_folder, tmp_path, settings
):
    generate(TINY, tmp_path / "in", seed=11)
    _ingest(cast, tmp_path / "in")
    local = compute(returns_of(cast.partnership))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "safeboard.returns.tests.test_ingest.ObjectStorage"},
    }
    assert compute(returns_of(cast.partnership)) == local


def test_a_job_being_read_shows_its_progress_and_asks_again(cast, client):
    from .factories import ReturnIngestFactory

    job = ReturnIngestFactory(
        partnership=cast.partnership, status=IngestStatus.RUNNING, progress=45, errors=[]
    )
    client.force_login(cast.business_unit)
    url = reverse("returns:ingest-detail", kwargs={"slug": cast.partnership.slug, "pk": job.pk})
    page = client.get(url).content.decode()
    assert '<progress id="progress" max="100" value="45">' in page
    assert 'hx-trigger="every 2s"' in page
    job.status = IngestStatus.ACCEPTED
    job.save()
    assert 'hx-trigger="every 2s"' not in client.get(url).content.decode()
