"""Who may see and change what.

A person's scope is the set of partnerships they are an active member of, with the agency
and roles they hold in each. Selectors use it to filter every read; each app's `rules.py`
asks its `can_*` questions of it, and services `require` the answer. It is read once per
request and cached on the user.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from .models import Membership, Role

# A subgroup member works the records of their own subgroups only: the bodies they hold a
# seat on (DOMAIN.md). Every other role sees all of the partnership's bodies.
SEAT_SCOPED_ROLES = frozenset({Role.SUBGROUP_MEMBER})

# What an agency lead may give the people of their own agency.
AGENCY_LEAD_GRANTABLE = frozenset(
    {Role.AGENCY_LEAD, Role.SUBGROUP_MEMBER, Role.TRAINER, Role.VIEWER}
)


@dataclass(frozen=True)
class Place:
    """A person's place in one partnership."""

    partnership_id: int
    agency_id: int | None
    roles: frozenset[str] = field(default_factory=frozenset)

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


@dataclass(frozen=True)
class Scope:
    places: dict[int, Place]

    @property
    def partnership_ids(self) -> list[int]:
        return list(self.places)

    def place(self, partnership_id: int) -> Place | None:
        return self.places.get(partnership_id)

    def has_role(self, partnership_id: int, *roles: str) -> bool:
        place = self.places.get(partnership_id)
        return place is not None and place.has(*roles)


EMPTY_SCOPE = Scope(places={})


def scope_for(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_safeboard_scope", None)
    if cached is not None:
        return cached
    places: dict[int, Place] = {}
    memberships = (
        Membership.objects.filter(person=user, is_active=True, partnership__is_active=True)
        .prefetch_related("roles")
        .only("partnership_id", "agency_id")
    )
    for membership in memberships:
        places[membership.partnership_id] = Place(
            partnership_id=membership.partnership_id,
            agency_id=membership.agency_id,
            roles=frozenset(r.role for r in membership.roles.all()),
        )
    scope = Scope(places=places)
    user._safeboard_scope = scope
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope after the person's own memberships change."""
    if hasattr(user, "_safeboard_scope"):
        del user._safeboard_scope


def identity_holders(person) -> frozenset[int]:
    """The partnerships that hold who a person is: those of their active memberships.
    An inactive membership opens nothing."""
    return frozenset(
        Membership.objects.filter(
            person=person, is_active=True, partnership__is_active=True
        ).values_list("partnership_id", flat=True)
    )


def require(allowed: bool) -> None:
    """Refuse a write the person may not make (403: they can see, but not change)."""
    if not allowed:
        raise PermissionDenied
