"""Every read of the governance records, scoped to the person's partnerships.

What of a body's work a person sees is decided in one place, `body_list`: the bodies of
the partnership and the joint bodies of its arrangements, for everyone but a subgroup
member, who sees only the bodies they hold a seat on (or chair). Every other read (seats,
meetings, their agenda, papers, attendance, assurance and packs) goes through a body that
`body_list` let through, so a record of another body is a 404.
"""

from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from safeboard.core.access import scope_for
from safeboard.core.models import Agency, Arrangement, Partnership, Person
from safeboard.core.periods import FinancialYear
from safeboard.core.rules import can_see_every_body
from safeboard.core.selectors import agencies_active_in

from . import analytics
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
    Seat,
)
from .rules import can_read_escalations


def _member(user, partnership: Partnership) -> bool:
    return partnership.pk in scope_for(user).places


def settings_get(*, partnership: Partnership) -> GovernanceSettings:
    found = GovernanceSettings.objects.filter(partnership=partnership).first()
    return found or GovernanceSettings(partnership=partnership)


def _sees(user, partnership: Partnership, body: Body) -> bool:
    """Whether `body_list` lets the person see the body; asked of the database only where
    the answer is not plain from their roles (their own partnership's body, seen by all
    but a subgroup member)."""
    if body.partnership_id == partnership.pk and can_see_every_body(user, partnership.pk):
        return True
    return body_list(user=user, partnership=partnership).filter(pk=body.pk).exists()


def partnership_and_joint_bodies(partnership: Partnership) -> QuerySet[Body]:
    """Unscoped: the partnership's own bodies, then the joint bodies of its arrangements.
    For the annual report, which the annual module guards, and for `body_list`."""
    return (
        Body.objects.filter(
            Q(partnership=partnership)
            | Q(arrangement__in=Arrangement.objects.filter(partnerships=partnership))
        )
        .select_related("parent", "chair", "arrangement")
        .order_by(F("arrangement_id").asc(nulls_first=True), "order", "name")
    )


def body_list(*, user, partnership: Partnership) -> QuerySet[Body]:
    """The bodies the person sees in the partnership: its own and its arrangements' joint
    bodies; for a subgroup member, those of them they hold an active seat on or chair."""
    if not _member(user, partnership):
        return Body.objects.none()
    bodies = partnership_and_joint_bodies(partnership)
    if not can_see_every_body(user, partnership.pk):
        held = Seat.objects.filter(Q(representative=user) | Q(deputy=user), is_active=True)
        bodies = bodies.filter(Q(pk__in=held.values("body_id")) | Q(chair=user))
    return bodies


def body_partnerships(body: Body) -> list[Partnership]:
    """The partnerships a body serves: its own, or every member of its arrangement."""
    if body.partnership is not None:
        return [body.partnership]
    return list(body.arrangement.partnerships.order_by("name")) if body.arrangement else []


def arrangement_bodies(
    *, user, partnership: Partnership, arrangement: Arrangement
) -> QuerySet[Body]:
    """The joint bodies of one of the partnership's arrangements that the person sees."""
    return body_list(user=user, partnership=partnership).filter(arrangement=arrangement)


def seat_holders(partnership: Partnership, *, keeping=()) -> QuerySet[Person]:
    """Whom a business unit may seat on (or make chair of) a body: the partnership's active
    members, and those who hold the places already (on a joint body, perhaps another
    member partnership's people, seated by their own business unit). Another partnership's
    people are not listed."""
    members = Person.objects.filter(
        memberships__partnership=partnership, memberships__is_active=True
    ).values("pk")
    return Person.objects.filter(Q(pk__in=members) | Q(pk__in=[pk for pk in keeping if pk]))


def seat_agencies(partnership: Partnership, *, keeping=()) -> QuerySet[Agency]:
    """The active agencies serving the partnership, and those holding the places already."""
    serving = agencies_active_in(partnership).values("pk")
    return Agency.objects.filter(Q(pk__in=serving) | Q(pk__in=[pk for pk in keeping if pk]))


def body_get(*, user, partnership: Partnership, pk: int) -> Body:
    body = body_list(user=user, partnership=partnership).filter(pk=pk).first()
    if body is None:
        raise Http404("No such body")
    return body


def seat_list(*, body: Body, active_only: bool = True) -> QuerySet[Seat]:
    seats = body.seats.select_related("agency", "representative", "deputy")
    return seats.filter(is_active=True) if active_only else seats


def seat_get(*, user, partnership: Partnership, pk: int) -> Seat:
    seat = (
        Seat.objects.filter(body__in=body_list(user=user, partnership=partnership), pk=pk)
        .select_related("body")
        .first()
    )
    if seat is None:
        raise Http404("No such seat")
    return seat


def meeting_list(
    *, user, partnership: Partnership, body: Body | None = None, year: int | None = None
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(
        body__in=body_list(user=user, partnership=partnership)
    ).select_related("body", "theme")
    if body is not None:
        meetings = meetings.filter(body=body)
    if year is not None:
        period = FinancialYear(year)
        meetings = meetings.filter(date__gte=period.start, date__lte=period.end)
    return meetings


def meeting_get(*, user, partnership: Partnership, pk: int) -> Meeting:
    meeting = meeting_list(user=user, partnership=partnership).filter(pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def agenda(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting.agenda.all()


def agenda_item_get(*, meeting: Meeting, pk: int) -> AgendaItem:
    item = meeting.agenda.filter(pk=pk).first()
    if item is None:
        raise Http404("No such agenda item")
    return item


def attendance_by_seat(*, meeting: Meeting) -> list[tuple[Seat, Attendance | None]]:
    """Every seat of the body (active, or recorded at this meeting), with its attendance."""
    recorded = {a.seat_id: a for a in meeting.attendance.all()}
    seats = seat_list(body=meeting.body, active_only=False)
    return [(s, recorded.get(s.pk)) for s in seats if s.is_active or s.pk in recorded]


def meeting_quorum(*, meeting: Meeting) -> analytics.Quorum:
    present = [
        a
        for a in meeting.attendance.select_related("seat__agency")
        if a.presence in analytics.PRESENT
    ]
    return analytics.quorum(
        present_seats=len(present),
        needed_seats=meeting.body.quorum_seats,
        required=[a.display_name for a in meeting.body.quorum_agencies.all()],
        present=[a.seat.agency.display_name for a in present if a.seat.agency],
    )


@dataclass(frozen=True)
class AssuranceStatus:
    received: list[AssuranceStatement]
    awaited: list[Agency]


def assurance_status(*, meeting: Meeting) -> AssuranceStatus:
    """Which agencies on the body have sent assurance to the meeting, and which have not."""
    received = list(meeting.assurance.select_related("agency", "submitted_by"))
    sent = {s.agency_id for s in received}
    on_body = Agency.objects.filter(seats__body=meeting.body, seats__is_active=True).distinct()
    return AssuranceStatus(received=received, awaited=[a for a in on_body if a.pk not in sent])


def attendance_rates(
    *, user, partnership: Partnership, body: Body, year: int
) -> list[analytics.AgencyRate]:
    """Attendance by agency at the body's meetings held in the year."""
    if not _sees(user, partnership, body):
        return []
    return body_attendance_rates(partnership=partnership, body=body, year=FinancialYear(year))


def body_attendance_rates(
    *, partnership: Partnership, body: Body, year: FinancialYear
) -> list[analytics.AgencyRate]:
    """Unscoped: for the annual report, which the annual module guards."""
    records = Attendance.objects.filter(
        meeting__body=body,
        meeting__status=MeetingStatus.HELD,
        meeting__date__gte=year.start,
        meeting__date__lte=year.end,
        seat__agency__isnull=False,
    ).values_list(
        "seat__agency__short_name",
        "seat__agency__name",
        "meeting_id",
        "presence",
        "seat__is_essential",
        "is_synthetic",
    )
    rows = [
        analytics.AttendanceRow(
            agency=short or name,
            meeting=meeting,
            presence=presence,
            essential=essential,
            synthetic=synthetic,
        )
        for short, name, meeting, presence, essential, synthetic in records
    ]
    threshold = settings_get(partnership=partnership).attendance_threshold
    return analytics.attendance_rates(rows, threshold=threshold)


def attendance_years(*, user, partnership: Partnership, body: Body) -> list[int]:
    dates = meeting_list(user=user, partnership=partnership, body=body).values_list(
        "date", flat=True
    )
    return sorted({d.year if d.month >= 4 else d.year - 1 for d in dates}, reverse=True)


def escalation_list(*, user, partnership: Partnership) -> QuerySet[Escalation]:
    if not can_read_escalations(user, partnership):
        return Escalation.objects.none()
    return (
        Escalation.objects.filter(partnership=partnership)
        .select_related("raised_by_agency")
        .prefetch_related(Prefetch("about_agencies", queryset=Agency.objects.order_by("name")))
    )


def escalation_get(*, user, partnership: Partnership, pk: int) -> Escalation:
    found = escalation_list(user=user, partnership=partnership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such escalation")
    return found


def latest_pack(*, meeting: Meeting) -> MeetingPack | None:
    return meeting.packs.first()


def pack_get(*, meeting: Meeting, pk: int) -> MeetingPack:
    pack = meeting.packs.filter(pk=pk, status=MeetingPack.Status.READY).first()
    if pack is None:
        raise Http404("No such meeting pack")
    return pack
