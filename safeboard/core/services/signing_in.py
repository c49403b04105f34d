"""Writes to how a member signs in: clearing a lockout."""

from axes.handlers.proxy import AxesProxyHandler
from django.core.exceptions import ValidationError
from django.db import transaction

from .. import audit
from ..access import require as require_permission
from ..models import Membership, Person
from ..rules import can_manage_sign_in_of
from ..selectors import person_is_locked_out
from .common import require_active


@transaction.atomic
def lockout_clear(*, actor: Person, membership: Membership) -> Person:
    """Let a person locked out by wrong passwords try again."""
    require_permission(can_manage_sign_in_of(actor, membership.partnership_id))
    require_active(membership)
    person = membership.person
    if not person_is_locked_out(person=person):
        raise ValidationError(f"{person} is not locked out.")
    AxesProxyHandler.reset_attempts(username=person.username)
    audit.record(
        actor=actor,
        action="person.lockout.clear",
        target=person,
        partnership_id=membership.partnership_id,
        agency_id=membership.agency_id,
    )
    return person
