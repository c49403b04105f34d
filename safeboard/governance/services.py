"""Every write to the governance records, each in one transaction with its audit event.

The business unit runs the bodies, meetings and attendance; an agency lead sends their
own agency's assurance to a themed meeting; the chair of a body (a seat on it held as
chair) runs that body's meetings too. A joint body of an arrangement is run by the
business unit of any member partnership, and every change to it is written into the
audit trail of each member.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from safeboard.actions.models import Priority
from safeboard.actions.rag import Thresholds
from safeboard.actions.selectors import open_actions, thresholds_for
from safeboard.core import audit
from safeboard.core.access import require
from safeboard.core.models import Agency, Arrangement, Partnership, Person
from safeboard.core.uploads import CheckedFile

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
    SeatRole,
)
from .rules import can_manage, can_manage_body, can_run_meetings, can_send_assurance
from .selectors import body_partnerships


def _business_unit(actor: Person | None, partnership_id: int) -> None:
    require(actor is None or can_manage(actor, partnership_id))


def _serves(partnership: Partnership, agency: Agency | None, field: str = "agency") -> None:
    if agency is not None and not agency.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({field: f"{agency.name} does not serve {partnership}."})


def _manager(actor: Person | None, body: Body) -> None:
    require(actor is None or can_manage_body(actor, body))


def _runner(actor: Person | None, body: Body) -> None:
    require(actor is None or can_run_meetings(actor, body))


def _serves_body(body: Body, agency: Agency | None, field: str = "agency") -> None:
    served = body_partnerships(body)
    if agency is None or agency.partnerships.filter(pk__in=[p.pk for p in served]).exists():
        return
    if len(served) == 1:
        raise ValidationError({field: f"{agency.name} does not serve {served[0]}."})
    raise ValidationError({field: f"{agency.name} serves none of the partnerships of {body}."})


def _trails(body: Body) -> list[int]:
    """The partnerships in whose audit trails a change to the body's records is written."""
    return [partnership.pk for partnership in body_partnerships(body)]


def _record(
    *,
    actor: Person | None,
    action: str,
    target,
    body: Body,
    changed=(),
    agency_id: int | None = None,
) -> None:
    """The event of a change to a body's records, in the audit trail of every partnership
    the body serves (one for a partnership's own body)."""
    for partnership_id in _trails(body):
        audit.record(
            actor=actor,
            action=action,
            target=target,
            partnership_id=partnership_id,
            agency_id=agency_id,
            changed=changed,
        )


@transaction.atomic
def settings_update(
    *, actor: Person, partnership: Partnership, expected_version: int, attendance_threshold: int
) -> GovernanceSettings:
    _business_unit(actor, partnership.pk)
    found, _ = GovernanceSettings.objects.get_or_create(partnership=partnership)
    audit.audited_update(
        actor=actor,
        instance=found,
        expected_version=expected_version,
        changes={"attendance_threshold": attendance_threshold},
        action="governance.settings.update",
        partnership_id=partnership.pk,
    )
    return found


# Bodies and seats


@transaction.atomic
def body_create(
    *,
    actor: Person | None,
    partnership: Partnership | None = None,
    arrangement: Arrangement | None = None,
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
    """A body of one partnership, or (given an arrangement instead) a joint body of it."""
    if (partnership is None) == (arrangement is None):
        raise ValueError("A body belongs to a partnership or to an arrangement.")
    body = Body(
        partnership=partnership,
        arrangement=arrangement,
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
    _manager(actor, body)
    if parent is not None and not _same_owner(parent, body):
        raise ValidationError({"parent": "The parent body belongs to another partnership."})
    body.full_clean()
    body.save()
    for agency in quorum_agencies:
        _serves_body(body, agency, "quorum_agencies")
    body.quorum_agencies.set(quorum_agencies)
    _record(
        actor=actor,
        action="body.create",
        target=body,
        body=body,
        changed=["name", "purpose", "frequency", "parent", "chair", "quorum", "arrangement"],
    )
    return body


def _same_owner(one: Body, other: Body) -> bool:
    return (one.partnership_id, one.arrangement_id) == (other.partnership_id, other.arrangement_id)


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
    _manager(actor, body)
    if parent is not None and (parent.pk == body.pk or not _same_owner(parent, body)):
        raise ValidationError({"parent": "Choose another body of this partnership."})
    quorum_agencies = list(quorum_agencies)
    for agency in quorum_agencies:
        _serves_body(body, agency, "quorum_agencies")
    quorum_changed = set(body.quorum_agencies.all()) != set(quorum_agencies)
    audit.audited_update(
        actor=actor,
        instance=body,
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
        action="body.update",
        partnership_ids=_trails(body),
        also_changed=["quorum_agencies"] if quorum_changed else [],
    )
    if quorum_changed:
        body.quorum_agencies.set(quorum_agencies)
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
    role: str = SeatRole.MEMBER,
    order: int = 0,
    is_synthetic: bool = False,
) -> Seat:
    _manager(actor, body)
    _serves_body(body, agency)
    seat = Seat(
        body=body,
        agency=agency,
        position=position.strip(),
        is_essential=is_essential,
        representative=representative,
        deputy=deputy,
        role=role,
        order=order,
        is_synthetic=is_synthetic,
    )
    seat.full_clean()
    seat.save()
    _record(
        actor=actor,
        action="seat.create",
        target=seat,
        body=body,
        agency_id=agency.pk if agency else None,
        changed=["position", "agency", "is_essential", "representative", "deputy", "role"],
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
    role: str = SeatRole.MEMBER,
) -> Seat:
    _manager(actor, seat.body)
    _serves_body(seat.body, agency)
    audit.audited_update(
        actor=actor,
        instance=seat,
        expected_version=expected_version,
        changes={
            "position": position.strip(),
            "agency": agency,
            "is_essential": is_essential,
            "representative": representative,
            "deputy": deputy,
            "is_active": is_active,
            "role": role,
        },
        action="seat.update",
        partnership_ids=_trails(seat.body),
        agency_id=agency.pk if agency else None,
    )
    return seat


# Meetings


def _check_theme(body: Body, theme: Priority | None) -> None:
    if theme is None:
        return
    if body.is_joint:
        raise ValidationError(
            {"theme": "A joint body's meetings are not themed on one partnership's priority."}
        )
    if theme.partnership_id != body.partnership_id:
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
    _runner(actor, body)
    _check_theme(body, theme)
    meeting = Meeting(body=body, date=date, theme=theme, status=status)
    meeting.full_clean()
    meeting.save()
    _record(
        actor=actor,
        action="meeting.create",
        target=meeting,
        body=body,
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
    _runner(actor, meeting.body)
    _check_theme(meeting.body, theme)
    audit.audited_update(
        actor=actor,
        instance=meeting,
        expected_version=expected_version,
        changes={
            "date": date,
            "theme": theme,
            "status": status,
            "minutes": minutes.strip(),
            "decisions": decisions.strip(),
        },
        action="meeting.update",
        partnership_ids=_trails(meeting.body),
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
    _runner(actor, meeting.body)
    last = meeting.agenda.order_by("-number").values_list("number", flat=True).first() or 0
    item = AgendaItem(meeting=meeting, number=last + 1, title=title.strip(), presenter=presenter)
    if paper is not None:
        item.paper_name = paper.name
        item.paper_type = paper.content_type
        item.paper_size = paper.size
        item.paper.save(paper.name, paper.upload, save=False)
    item.full_clean()
    item.save()
    _record(
        actor=actor,
        action="meeting.agenda.add",
        target=meeting,
        body=meeting.body,
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
    _runner(actor, meeting.body)
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
    _record(
        actor=actor,
        action="meeting.attendance.record",
        target=meeting,
        body=meeting.body,
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
    _serves_body(meeting.body, agency)
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
    audit.audited_update(
        actor=actor,
        instance=escalation,
        expected_version=expected_version,
        changes={
            "handling": handling.strip(),
            "resolved_on": resolved_on,
            "resolution": resolution.strip(),
        },
        action="escalation.update",
        partnership_id=escalation.partnership_id,
    )
    return escalation


# Meeting packs


@transaction.atomic
def meeting_pack_request(*, actor: Person, meeting: Meeting) -> MeetingPack:
    """Queue the building of the meeting's pack; the worker builds it."""
    _runner(actor, meeting.body)
    pack = MeetingPack.objects.create(
        meeting=meeting, requested_by=actor, requested_at=timezone.now()
    )
    _record(actor=actor, action="meeting.pack.request", target=meeting, body=meeting.body)
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
        _record(actor=None, action="meeting.pack.build", target=meeting, body=meeting.body)
    return pack


@transaction.atomic
def _pack_failed(pack: MeetingPack, error: Exception) -> MeetingPack:
    pack.status = MeetingPack.Status.FAILED
    pack.problem = f"{type(error).__name__}: {error}"[:1000]
    pack.built_at = timezone.now()
    pack.save(update_fields=["status", "problem", "built_at"])
    _record(actor=None, action="meeting.pack.fail", target=pack.meeting, body=pack.meeting.body)
    return pack
