"""Meeting packs: asked for on the page, built by the background worker."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from safeboard.actions.rag import Thresholds
from safeboard.actions.selectors import open_actions, thresholds_for
from safeboard.core.models import Person

from .. import pack as pack_pdf
from ..models import Meeting, MeetingPack
from .common import record, require_runner


@transaction.atomic
def meeting_pack_request(*, actor: Person, meeting: Meeting) -> MeetingPack:
    """Queue the building of the meeting's pack; the worker builds it."""
    require_runner(actor, meeting.body)
    pack = MeetingPack.objects.create(
        meeting=meeting, requested_by=actor, requested_at=timezone.now()
    )
    record(actor=actor, action="meeting.pack.request", target=meeting, body=meeting.body)
    from ..tasks import build_meeting_pack

    transaction.on_commit(lambda: build_meeting_pack.enqueue(pack_id=pack.pk))
    return pack


def meeting_pack_build(*, pack_id: int) -> MeetingPack:
    """Build a queued pack and keep it through the storage API; record a failure plainly."""
    pack = MeetingPack.objects.select_related("meeting__body__partnership").get(pk=pack_id)
    meeting = pack.meeting
    partnership = meeting.body.partnership
    try:
        content = pack_pdf.build(
            meeting,
            agenda=list(meeting.agenda.all()),
            # A joint body's pack carries no one partnership's action log.
            actions=list(open_actions(partnership)) if partnership else [],
            thresholds=thresholds_for(partnership) if partnership else Thresholds(),
            today=timezone.localdate(),
        )
    except Exception as error:  # any failure is shown on the meeting page, not lost
        return _pack_failed(pack, error)
    with transaction.atomic():
        pack.file.save(
            f"pack-{meeting.date:%Y-%m-%d}-{pack.pk}.pdf", ContentFile(content), save=False
        )
        pack.status = MeetingPack.Status.READY
        pack.built_at = timezone.now()
        pack.save(update_fields=["file", "status", "built_at"])
        record(actor=None, action="meeting.pack.build", target=meeting, body=meeting.body)
    return pack


@transaction.atomic
def _pack_failed(pack: MeetingPack, error: Exception) -> MeetingPack:
    pack.status = MeetingPack.Status.FAILED
    pack.problem = f"{type(error).__name__}: {error}"[:1000]
    pack.built_at = timezone.now()
    pack.save(update_fields=["status", "problem", "built_at"])
    record(actor=None, action="meeting.pack.fail", target=pack.meeting, body=pack.meeting.body)
    return pack
