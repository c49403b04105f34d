"""Who may do what with the partnership's bodies and meetings: the business unit runs them
(any member's, for a joint body), and a body's chair its meetings; an agency lead sends
their agency's assurance to a themed meeting; the business unit and the independent chair
and scrutineer read escalations, which name agencies in dispute. Read by services
(`require`), views and templates alike."""

from django.db.models import Q

from safeboard.core import rules as core_rules
from safeboard.core.access import scope_for
from safeboard.core.models import Agency, Partnership, Role

from .models import Body, Meeting, SeatRole

ESCALATION_READERS = (Role.BUSINESS_UNIT, Role.CHAIR, Role.SCRUTINEER)


def can_manage(user, partnership_id: int) -> bool:
    """The business unit sets up bodies, seats and meetings, and builds the packs."""
    return core_rules.can_manage(user, partnership_id)


def can_send_any_assurance(user, partnership_id: int) -> bool:
    """The business unit sends any agency's assurance; an agency lead, their own agency's."""
    place = scope_for(user).place(partnership_id)
    if place is None:
        return False
    return place.has(Role.BUSINESS_UNIT) or (
        place.has(Role.AGENCY_LEAD) and place.agency_id is not None
    )


def can_send_assurance(user, meeting: Meeting, agency: Agency) -> bool:
    """The business unit sends any agency's assurance to a meeting; an agency lead, theirs.
    A joint body's meetings take none: they are themed on no partnership's priority."""
    if meeting.body.partnership_id is None:
        return False
    place = scope_for(user).place(meeting.body.partnership_id)
    if place is None:
        return False
    return place.has(Role.BUSINESS_UNIT) or (
        place.has(Role.AGENCY_LEAD) and place.agency_id == agency.pk
    )


def can_read_escalations(user, partnership: Partnership) -> bool:
    return scope_for(user).has_role(partnership.pk, *ESCALATION_READERS)


def can_manage_body(user, body: Body) -> bool:
    """The business unit of a partnership the body serves: for a joint body, of any
    member of its arrangement."""
    return any(can_manage(user, partnership_id) for partnership_id in _served(body))


def can_run_meetings(user, body: Body) -> bool:
    """Who may add and change the body's meetings, agenda, attendance and packs: whoever
    manages the body, and its chair (named as its chair, or holding a seat as chair)."""
    if can_manage_body(user, body):
        return True
    if not user.is_authenticated:
        return False
    if body.chair_id == user.pk:
        return True
    return body.seats.filter(
        Q(representative=user) | Q(deputy=user), role=SeatRole.CHAIR, is_active=True
    ).exists()


def _served(body: Body) -> list[int]:
    """The partnerships the body serves: its own, or every member of its arrangement."""
    if body.partnership_id is not None:
        return [body.partnership_id]
    served = Partnership.objects.filter(arrangements=body.arrangement_id)
    return list(served.values_list("pk", flat=True)) if body.arrangement_id else []
