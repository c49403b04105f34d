"""Writes to meetings: their agenda, attendance, and the assurance agencies send them."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeboard.actions.models import Priority
from safeboard.core import audit
from safeboard.core.access import require
from safeboard.core.models import Agency, Person
from safeboard.core.uploads import CheckedFile

from ..models import (
    AgendaItem,
    AssuranceStatement,
    Attendance,
    Body,
    Meeting,
    MeetingStatus,
    Presence,
)
from ..rules import can_send_assurance
from .common import check_serves_body, record, require_runner, trails


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
    require_runner(actor, body)
    _check_theme(body, theme)
    meeting = Meeting(body=body, date=date, theme=theme, status=status)
    meeting.full_clean()
    meeting.save()
    record(
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
    require_runner(actor, meeting.body)
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
        partnership_ids=trails(meeting.body),
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
    require_runner(actor, meeting.body)
    last = meeting.agenda.order_by("-number").values_list("number", flat=True).first() or 0
    item = AgendaItem(meeting=meeting, number=last + 1, title=title.strip(), presenter=presenter)
    if paper is not None:
        item.paper_name = paper.name
        item.paper_type = paper.content_type
        item.paper_size = paper.size
        item.paper.save(paper.name, paper.upload, save=False)
    item.full_clean()
    item.save()
    record(
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
    require_runner(actor, meeting.body)
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
    record(
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
    check_serves_body(meeting.body, agency)
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
