"""Every write to the governance records, each in one transaction with its audit event.

The business unit runs the bodies, meetings and attendance; an agency lead sends their
own agency's assurance to a themed meeting.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from safeboard.actions.models import Priority
from safeboard.actions.selectors import open_actions, thresholds_for
from safeboard.core import audit
from safeboard.core.access import require
from safeboard.core.models import Agency, Partnership, Person
from safeboard.core.uploads import CheckedFile
from safeboard.core.versioning import apply_changes

from . import pack as pack_pdf
from .models import (
    AgendaItem,
    AssuranceStatement,
    Attendance,
    Body,
    Escalation,
    GovernanceSettings,
    Meeting,
    MeetingPack,
    MeetingStatus,
    Presence,
    Seat,
)
from .rules import can_manage, can_send_assurance


def _business_unit(actor: Person | None, partnership_id: int) -> None:
    require(actor is None or can_manage(actor, partnership_id))


def _serves(partnership: Partnership, agency: Agency | None, field: str = "agency") -> None:
    if agency is not None and not agency.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({field: f"{agency.name} does not serve {partnership}."})


@transaction.atomic
def settings_update(
    *, actor: Person, partnership: Partnership, expected_version: int, attendance_threshold: int
) -> GovernanceSettings:
    _business_unit(actor, partnership.pk)
    found, _ = GovernanceSettings.objects.get_or_create(partnership=partnership)
    changed = apply_changes(
        found,
        expected_version=expected_version,
        changes={"attendance_threshold": attendance_threshold},
    )
    audit.record(
        actor=actor,
        action="governance.settings.update",
        target=found,
        partnership_id=partnership.pk,
        changed=changed,
    )
    return found


# Bodies and seats


@transaction.atomic
def body_create(
    *,
    actor: Person | None,
    partnership: Partnership,
    name: str,
    purpose: str,
    frequency: str,
    short_name: str = "",
    parent: Body | None = None,
    chair: Person | None = None,
    terms_of_reference: str = "",
    quorum_seats: int = 0,
    quorum_agencies: Iterable[Agency] = (),
    order: int = 0,
) -> Body:
    _business_unit(actor, partnership.pk)
    if parent is not None and parent.partnership_id != partnership.pk:
        raise ValidationError({"parent": "The parent body belongs to another partnership."})
    body = Body(
        partnership=partnership,
        name=name.strip(),
        short_name=short_name.strip(),
        parent=parent,
        purpose=purpose.strip(),
        chair=chair,
        frequency=frequency,
        terms_of_reference=terms_of_reference.strip(),
        quorum_seats=quorum_seats,
        order=order,
    )
    body.full_clean()
    body.save()
    for agency in quorum_agencies:
        _serves(partnership, agency, "quorum_agencies")
    body.quorum_agencies.set(quorum_agencies)
    audit.record(
        actor=actor,
        action="body.create",
        target=body,
        partnership_id=partnership.pk,
        changed=["name", "purpose", "frequency", "parent", "chair", "quorum"],
    )
    return body


@transaction.atomic
def body_update(
    *,
    actor: Person,
    body: Body,
    expected_version: int,
    name: str,
    short_name: str,
    parent: Body | None,
    purpose: str,
    chair: Person | None,
    frequency: str,
    terms_of_reference: str,
    quorum_seats: int,
    quorum_agencies: Iterable[Agency],
) -> Body:
    _business_unit(actor, body.partnership_id)
    if parent is not None and (
        parent.pk == body.pk or parent.partnership_id != body.partnership_id
    ):
        raise ValidationError({"parent": "Choose another body of this partnership."})
    changed = apply_changes(
        body,
        expected_version=expected_version,
        changes={
            "name": name.strip(),
            "short_name": short_name.strip(),
            "parent": parent,
            "purpose": purpose.strip(),
            "chair": chair,
            "frequency": frequency,
            "terms_of_reference": terms_of_reference.strip(),
            "quorum_seats": quorum_seats,
        },
    )
    quorum_agencies = list(quorum_agencies)
    if set(body.quorum_agencies.all()) != set(quorum_agencies):
        body.quorum_agencies.set(quorum_agencies)
        changed.append("quorum_agencies")
    audit.record(
        actor=actor,
        action="body.update",
        target=body,
        partnership_id=body.partnership_id,
        changed=changed,
    )
    return body


@transaction.atomic
def seat_create(
    *,
    actor: Person | None,
    body: Body,
    position: str,
    agency: Agency | None,
    is_essential: bool = True,
    representative: Person | None = None,
    deputy: Person | None = None,
    order: int = 0,
) -> Seat:
    _business_unit(actor, body.partnership_id)
    _serves(body.partnership, agency)
    seat = Seat(
        body=body,
        agency=agency,
        position=position.strip(),
        is_essential=is_essential,
        representative=representative,
        deputy=deputy,
        order=order,
    )
    seat.full_clean()
    seat.save()
    audit.record(
        actor=actor,
        action="seat.create",
        target=seat,
        partnership_id=body.partnership_id,
        agency_id=agency.pk if agency else None,
        changed=["position", "agency", "is_essential", "representative", "deputy"],
    )
    return seat


@transaction.atomic
def seat_update(
    *,
    actor: Person,
    seat: Seat,
    expected_version: int,
    position: str,
    agency: Agency | None,
    is_essential: bool,
    representative: Person | None,
    deputy: Person | None,
    is_active: bool,
) -> Seat:
    _business_unit(actor, seat.body.partnership_id)
    _serves(seat.body.partnership, agency)
    changed = apply_changes(
        seat,
        expected_version=expected_version,
        changes={
            "position": position.strip(),
            "agency": agency,
            "is_essential": is_essential,
            "representative": representative,
            "deputy": deputy,
            "is_active": is_active,
        },
    )
    audit.record(
        actor=actor,
        action="seat.update",
        target=seat,
        partnership_id=seat.body.partnership_id,
        agency_id=agency.pk if agency else None,
        changed=changed,
    )
    return seat


# Meetings


def _check_theme(body: Body, theme: Priority | None) -> None:
    if theme is not None and theme.partnership_id != body.partnership_id:
        raise ValidationError({"theme": "The priority belongs to another partnership."})


@transaction.atomic
def meeting_create(
    *,
    actor: Person | None,
    body: Body,
    date: date,
    theme: Priority | None = None,
    status: str = MeetingStatus.PLANNED,
) -> Meeting:
    _business_unit(actor, body.partnership_id)
    _check_theme(body, theme)
    meeting = Meeting(body=body, date=date, theme=theme, status=status)
    meeting.full_clean()
    meeting.save()
    audit.record(
        actor=actor,
        action="meeting.create",
        target=meeting,
        partnership_id=body.partnership_id,
        changed=["date", "theme", "status"],
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Person | None,
    meeting: Meeting,
    expected_version: int,
    date: date,
    theme: Priority | None,
    status: str,
    minutes: str,
    decisions: str,
) -> Meeting:
    _business_unit(actor, meeting.body.partnership_id)
    _check_theme(meeting.body, theme)
    changed = apply_changes(
        meeting,
        expected_version=expected_version,
        changes={
            "date": date,
            "theme": theme,
            "status": status,
            "minutes": minutes.strip(),
            "decisions": decisions.strip(),
        },
    )
    audit.record(
        actor=actor,
        action="meeting.update",
        target=meeting,
        partnership_id=meeting.body.partnership_id,
        changed=changed,
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    actor: Person | None,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    paper: CheckedFile | None = None,
) -> AgendaItem:
    """The next item on the agenda, with its paper (checked by content) kept in storage."""
    _business_unit(actor, meeting.body.partnership_id)
    last = meeting.agenda.order_by("-number").values_list("number", flat=True).first() or 0
    item = AgendaItem(meeting=meeting, number=last + 1, title=title.strip(), presenter=presenter)
    if paper is not None:
        item.paper_name = paper.name
        item.paper_type = paper.content_type
        item.paper_size = paper.size
        item.paper.save(paper.name, paper.upload, save=False)
    item.full_clean()
    item.save()
    audit.record(
        actor=actor,
        action="meeting.agenda.add",
        target=meeting,
        partnership_id=meeting.body.partnership_id,
        changed=["agenda"],
    )
    return item


@transaction.atomic
def attendance_record(
    *,
    actor: Person | None,
    meeting: Meeting,
    presences: Mapping[int, str],
    is_synthetic: bool = False,
) -> list[Attendance]:
    """Record who attended a held meeting: a presence for each seat, by seat id."""
    _business_unit(actor, meeting.body.partnership_id)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError("Attendance is recorded for meetings that were held.")
    seats = {s.pk: s for s in meeting.body.seats.all()}
    unknown = set(presences) - set(seats)
    if unknown:
        raise ValidationError("Some seats are not seats of this body.")
    recorded = []
    for seat_id, presence in presences.items():
        if presence not in Presence.values:
            raise ValidationError(f"Unknown attendance: {presence}.")
        row, _ = Attendance.objects.update_or_create(
            meeting=meeting,
            seat=seats[seat_id],
            defaults={"presence": presence, "is_synthetic": is_synthetic},
        )
        recorded.append(row)
    audit.record(
        actor=actor,
        action="meeting.attendance.record",
        target=meeting,
        partnership_id=meeting.body.partnership_id,
        changed=["attendance"],
    )
    return recorded


@transaction.atomic
def assurance_submit(
    *, actor: Person | None, meeting: Meeting, agency: Agency, statement: str
) -> AssuranceStatement:
    """An agency's assurance to a themed meeting; sending again replaces it."""
    require(actor is None or can_send_assurance(actor, meeting, agency))
    if meeting.theme_id is None:
        raise ValidationError("Assurance is sent to themed meetings only.")
    _serves(meeting.body.partnership, agency)
    if not statement.strip():
        raise ValidationError({"statement": "Write the agency's assurance."})
    found, _ = AssuranceStatement.objects.update_or_create(
        meeting=meeting,
        agency=agency,
        defaults={
            "statement": statement.strip(),
            "submitted_by": actor,
            "submitted_at": timezone.now(),
        },
    )
    audit.record(
        actor=actor,
        action="meeting.assurance.submit",
        target=meeting,
        partnership_id=meeting.body.partnership_id,
        agency_id=agency.pk,
        changed=["assurance"],
    )
    return found


# Escalations


@transaction.atomic
def escalation_create(
    *,
    actor: Person,
    partnership: Partnership,
    raised_by: str,
    raised_by_agency: Agency | None,
    about_agencies: Iterable[Agency],
    concern: str,
    raised_on: date,
) -> Escalation:
    _business_unit(actor, partnership.pk)
    about = list(about_agencies)
    if not about:
        raise ValidationError({"about_agencies": "Choose the agencies the concern is about."})
    for agency in [*about, raised_by_agency]:
        _serves(partnership, agency, "about_agencies")
    escalation = Escalation(
        partnership=partnership,
        raised_by=raised_by.strip(),
        raised_by_agency=raised_by_agency,
        concern=concern.strip(),
        raised_on=raised_on,
    )
    escalation.full_clean()
    escalation.save()
    escalation.about_agencies.set(about)
    audit.record(
        actor=actor,
        action="escalation.create",
        target=escalation,
        partnership_id=partnership.pk,
        changed=["raised_by", "about_agencies", "concern", "raised_on"],
    )
    return escalation


@transaction.atomic
def escalation_update(
    *,
    actor: Person,
    escalation: Escalation,
    expected_version: int,
    handling: str,
    resolved_on: date | None,
    resolution: str,
) -> Escalation:
    _business_unit(actor, escalation.partnership_id)
    changed = apply_changes(
        escalation,
        expected_version=expected_version,
        changes={
            "handling": handling.strip(),
            "resolved_on": resolved_on,
            "resolution": resolution.strip(),
        },
    )
    audit.record(
        actor=actor,
        action="escalation.update",
        target=escalation,
        partnership_id=escalation.partnership_id,
        changed=changed,
    )
    return escalation


# Meeting packs


@transaction.atomic
def meeting_pack_request(*, actor: Person, meeting: Meeting) -> MeetingPack:
    """Queue the building of the meeting's pack; the worker builds it."""
    _business_unit(actor, meeting.body.partnership_id)
    pack = MeetingPack.objects.create(
        meeting=meeting, requested_by=actor, requested_at=timezone.now()
    )
    audit.record(
        actor=actor,
        action="meeting.pack.request",
        target=meeting,
        partnership_id=meeting.body.partnership_id,
    )
    from .tasks import build_meeting_pack

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
            actions=list(open_actions(partnership)),
            thresholds=thresholds_for(partnership),
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
        audit.record(
            actor=None,
            action="meeting.pack.build",
            target=meeting,
            partnership_id=partnership.pk,
        )
    return pack


@transaction.atomic
def _pack_failed(pack: MeetingPack, error: Exception) -> MeetingPack:
    pack.status = MeetingPack.Status.FAILED
    pack.problem = f"{type(error).__name__}: {error}"[:1000]
    pack.built_at = timezone.now()
    pack.save(update_fields=["status", "problem", "built_at"])
    audit.record(
        actor=None,
        action="meeting.pack.fail",
        target=pack.meeting,
        partnership_id=pack.meeting.body.partnership_id,
    )
    return pack
