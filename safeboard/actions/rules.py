"""Who may do what with the action tracker: the business unit runs it (priorities,
recommendations, actions, the tracker's settings); an agency lead updates their agency's
actions. Read by services (`require`), views and templates alike."""

from safeboard.core import rules as core_rules
from safeboard.core.access import scope_for
from safeboard.core.models import Role

from .models import Action


def can_manage(user, partnership_id: int) -> bool:
    """The business unit records priorities, recommendations and actions."""
    return core_rules.can_manage(user, partnership_id)


def can_update_action(user, action: Action) -> bool:
    """The business unit may update any action; an agency lead, their agency's."""
    place = scope_for(user).place(action.recommendation.partnership_id)
    if place is None:
        return False
    if place.has(Role.BUSINESS_UNIT):
        return True
    return place.has(Role.AGENCY_LEAD) and place.agency_id == action.owner_agency_id
