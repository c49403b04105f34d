import datetime
import io

import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from pypdf import PdfReader

from safeboard.actions.tests.factories import ActionFactory, RecommendationFactory
from safeboard.core.uploads import check_upload
from safeboard.governance import services
from safeboard.governance.models import MeetingPack
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory


def pdf_of(pages: int, word: str) -> bytes:
    html = "".join(
        f'<p style="page-break-after: always">{word} page {n}</p>' for n in range(1, pages + 1)
    )
    return weasyprint.HTML(string=html).write_pdf()


@pytest.fixture
def meeting(cast):
    body = BodyFactory(partnership=cast.partnership, name="Main board")
    return MeetingFactory(body=body, date=datetime.date(2017, 9, 1))


def add(cast, meeting, title, name, content):
    return services.agenda_item_add(
        actor=cast.business_unit,
        meeting=meeting,
        title=title,
        paper=check_upload(SimpleUploadedFile(name, content)),
    )


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pack_merges_every_pdf_paper_after_its_contents_agenda_and_action_log(
    cast, meeting, django_capture_on_commit_callbacks
):
    add(cast, meeting, "Performance dataset", "dataset.pdf", pdf_of(2, "DATASET"))
    add(cast, meeting, "Section 11 summary", "s11.docx", _docx())
    add(cast, meeting, "Neglect audit", "audit.pdf", pdf_of(1, "AUDIT"))
    services.agenda_item_add(actor=cast.business_unit, meeting=meeting, title="Any other business")
    ActionFactory(
        recommendation=RecommendationFactory(partnership=cast.partnership),
        owner_agency=cast.police,
        description="Refresh the neglect toolkit",
        due_date=datetime.date(2017, 12, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_pack_request(actor=cast.business_unit, meeting=meeting)
    pack = MeetingPack.objects.get()
    assert pack.status == MeetingPack.Status.READY, pack.problem
    reader = PdfReader(io.BytesIO(pack.file.read()))
    text = text_of(reader)
    assert "Contents" in text and "Attached separately" in text and "s11.docx" in text
    assert "Refresh the neglect toolkit" in text  # the action log
    assert "Any other business" in text
    front = len(reader.pages) - 3
    assert "DATASET page 1" in reader.pages[front].extract_text()
    assert "AUDIT page 1" in reader.pages[front + 2].extract_text()
    contents = reader.pages[0].extract_text()
    assert f"dataset.pdf {front + 1}" in contents and f"audit.pdf {front + 3}" in contents


def test_a_broken_pdf_is_listed_as_attached_separately(cast, meeting):
    add(cast, meeting, "Minutes", "minutes.pdf", b"%PDF-1.4\nthis is not really a pdf")
    pack = MeetingPack.objects.create(
        meeting=meeting, requested_at=datetime.datetime.now(datetime.UTC)
    )
    pack = services.meeting_pack_build(pack_id=pack.pk)
    assert pack.status == MeetingPack.Status.READY
    assert "Attached separately" in text_of(PdfReader(io.BytesIO(pack.file.read())))


def test_a_pack_asked_for_in_a_change_that_is_undone_is_never_built(
    cast, meeting, monkeypatch, django_capture_on_commit_callbacks
):
    built = []
    monkeypatch.setattr(services, "meeting_pack_build", lambda *, pack_id: built.append(pack_id))
    with (
        django_capture_on_commit_callbacks(execute=True) as enqueued,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.meeting_pack_request(actor=cast.business_unit, meeting=meeting)
        raise RuntimeError("The page failed after the request was written")
    assert (enqueued, built) == ([], [])
    with django_capture_on_commit_callbacks(execute=True):
        pack = services.meeting_pack_request(actor=cast.business_unit, meeting=meeting)
        assert built == []
    assert built == [pack.pk]


def test_the_pack_is_downloaded_by_members(
    client, cast, meeting, django_capture_on_commit_callbacks
):
    client.force_login(cast.business_unit)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/p/southampton/meetings/{meeting.pk}/pack/")
    pack = MeetingPack.objects.get()
    client.force_login(cast.viewer)
    answer = client.get(f"/p/southampton/meetings/{meeting.pk}/pack/{pack.pk}/")
    assert b"".join(answer.streaming_content).startswith(b"%PDF")


def _docx() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()
