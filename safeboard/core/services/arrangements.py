"""Writes to arrangements: several partnerships working as one."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import audit
from ..access import require as require_permission
from ..models import Arrangement, Partnership, Person
from ..rules import can_manage


@transaction.atomic
def arrangement_create(
    *,
    actor: Person,
    name: str,
    slug: str,
    partnerships: Iterable[Partnership],
    short_name: str = "",
    purpose: str = "",
) -> Arrangement:
    """Several partnerships agree to work as one. The business unit of each of them makes
    it (one person may be all of them, as when one person set the partnerships up), so no
    partnership is joined to another's work without its own say. The event is written into
    the audit trail of every member."""
    members = list(partnerships)
    if len({p.pk for p in members}) < 2:
        raise ValidationError({"partnerships": "An arrangement joins two partnerships or more."})
    for partnership in members:
        require_permission(can_manage(actor, partnership.pk))
    return arrangement_make(
        actor=actor,
        name=name.strip(),
        short_name=short_name.strip(),
        slug=slug,
        purpose=purpose.strip(),
        partnership_ids=[p.pk for p in members],
    )


def arrangement_make(
    *,
    actor: Person,
    name: str,
    short_name: str,
    slug: str,
    purpose: str,
    partnership_ids: Iterable[int],
) -> Arrangement:
    """The arrangement, once its members have agreed (by one business unit of them all, or
    by a proposal every one of them agreed to), in the audit trail of every member."""
    members = sorted(set(partnership_ids))
    arrangement = Arrangement(name=name, short_name=short_name, slug=slug, purpose=purpose)
    arrangement.full_clean()
    arrangement.save()
    arrangement.partnerships.set(members)
    for partnership_id in members:
        audit.record(
            actor=actor,
            action="arrangement.create",
            target=arrangement,
            partnership_id=partnership_id,
            changed=["name", "short_name", "slug", "purpose", "partnerships"],
        )
    return arrangement
