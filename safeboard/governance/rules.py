"""Who may do what with the partnership's bodies and meetings: the business unit runs them;
an agency lead sends their agency's assurance to a themed meeting; the business unit and
the independent chair and scrutineer read escalations, which name agencies in dispute.
Read by services (`require`), views and templates alike."""

from safeboard.core import rules as core_rules
from safeboard.core.access import scope_for
from safeboard.core.models import Agency, Partnership, Role

from .models import Meeting

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
    """The business unit sends any agency's assurance to a meeting; an agency lead, theirs."""
    place = scope_for(user).place(meeting.body.partnership_id)
    if place is None:
        return False
    return place.has(Role.BUSINESS_UNIT) or (
        place.has(Role.AGENCY_LEAD) and place.agency_id == agency.pk
    )


def can_read_escalations(user, partnership: Partnership) -> bool:
    return scope_for(user).has_role(partnership.pk, *ESCALATION_READERS)
