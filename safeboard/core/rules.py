"""Who may do what with the partnership itself: its settings, agencies, people, glossary,
audit trail, and the restricted records of every module.

Each question is `can_<verb>(user, ...) -> bool`, answered from the person's scope
(`core.access`). Services ask it with `require(...)`, views and templates read the same
answer, so a permission lives in one place.
"""

from .access import SEAT_SCOPED_ROLES, identity_holders, scope_for
from .models import Role


def can_manage(user, partnership_id: int) -> bool:
    """The business unit runs the partnership: its settings, agencies, glossary and audit."""
    return scope_for(user).has_role(partnership_id, Role.BUSINESS_UNIT)


def can_see_every_body(user, partnership_id: int) -> bool:
    """Whether the person sees all of the partnership's bodies (and the joint bodies of its
    arrangements), or only those they hold a seat on: a member holding no role but
    subgroup member is seat-scoped."""
    place = scope_for(user).place(partnership_id)
    return place is not None and bool(place.roles - SEAT_SCOPED_ROLES)


def can_create_partnership(user) -> bool:
    """A business unit of any partnership sets up new ones."""
    return any(place.has(Role.BUSINESS_UNIT) for place in scope_for(user).places.values())


def can_found_partnership(user) -> bool:
    """The founder of a new installation, who belongs to no partnership yet, sets up the
    first."""
    return user.is_authenticated and not user.memberships.exists()


def can_invite(user, partnership_id: int) -> bool:
    """The business unit invites anyone; an agency lead, into their own agency."""
    place = scope_for(user).place(partnership_id)
    if place is None:
        return False
    return place.has(Role.BUSINESS_UNIT) or (
        place.has(Role.AGENCY_LEAD) and place.agency_id is not None
    )


def can_manage_people_of(user, partnership_id: int, agency_id: int | None) -> bool:
    """The business unit manages everyone; an agency lead, their own agency's people."""
    place = scope_for(user).place(partnership_id)
    if place is None:
        return False
    if place.has(Role.BUSINESS_UNIT):
        return True
    return place.has(Role.AGENCY_LEAD) and agency_id is not None and agency_id == place.agency_id


def can_manage_sign_in_of(user, partnership_id: int) -> bool:
    """Unlocking a locked-out person and resetting their authenticator: the business unit."""
    return can_manage(user, partnership_id)


def can_change_identity_of(user, person, partnership_id: int) -> bool:
    """Who a person is (name, email, sign-in, authenticator) belongs to every partnership
    they are in. The person may change it; so may the business unit of a partnership that
    holds all of their active memberships. Anyone else needs everyone's agreement."""
    if user.pk == person.pk:
        return True
    return can_manage(user, partnership_id) and identity_holders(person) == {partnership_id}


def can_propose_identity_change(user, person, partnership_id: int) -> bool:
    """The business unit of a partnership where the person is an active member."""
    return can_manage(user, partnership_id) and partnership_id in identity_holders(person)


def can_see_restricted(user, partnership_id: int, model: type) -> bool:
    """Whether the person holds one of the roles a restricted model is restricted to, there."""
    roles = model.RESTRICTED_TO  # type: ignore[attr-defined]
    return scope_for(user).has_role(partnership_id, *roles)
