"""Who may do what with case reviews. Referrals and reviews are restricted: the case
review group, the chair, the scrutineer and the business unit read them; the group and
the business unit write them; the business unit, which runs the one action tracker and
the meetings, records a review's recommendations and prepares the action plan paper.
Read by services (`require`), selectors (to scope), views and templates alike."""

from safeboard.core import rules as core_rules
from safeboard.core.access import scope_for
from safeboard.core.models import Partnership

from .models import CASE_REVIEW_ROLES, CASE_REVIEW_WRITERS


def can_read(user, partnership: Partnership) -> bool:
    return scope_for(user).has_role(partnership.pk, *CASE_REVIEW_ROLES)


def can_write(user, partnership: Partnership) -> bool:
    return scope_for(user).has_role(partnership.pk, *CASE_REVIEW_WRITERS)


def can_add_recommendations(user, partnership: Partnership) -> bool:
    """The business unit runs the one action tracker (its services say so): it records a
    review's recommendations and their actions."""
    return core_rules.can_manage(user, partnership.pk)


def can_prepare_action_plan(user, partnership: Partnership) -> bool:
    """The business unit runs the meetings and reads case reviews: it prepares the paper."""
    return core_rules.can_manage(user, partnership.pk)
