"""Writes to partnerships: their details, local authority codes and statistical neighbours."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import audit
from ..access import forget_scope
from ..access import require as require_permission
from ..models import (
    LocalAuthorityCode,
    Membership,
    MembershipRole,
    Partnership,
    Person,
    Role,
    StatisticalNeighbour,
)
from ..rules import can_manage


@transaction.atomic
def partnership_create(
    *, actor: Person, name: str, slug: str, region: str, la_code: str, la_code_from_year: int
) -> Partnership:
    """A new partnership, with the person who set it up as its first business unit member."""
    partnership = Partnership(name=name, slug=slug, region=region)
    partnership.full_clean()
    partnership.save()
    code = LocalAuthorityCode(partnership=partnership, from_year=la_code_from_year, code=la_code)
    code.full_clean()
    code.save()
    membership = Membership.objects.create(person=actor, partnership=partnership)
    MembershipRole.objects.create(membership=membership, role=Role.BUSINESS_UNIT)
    forget_scope(actor)
    audit.record(
        actor=actor,
        action="partnership.create",
        target=partnership,
        partnership_id=partnership.pk,
        changed=["name", "slug", "region", "la_code"],
    )
    return partnership


@transaction.atomic
def partnership_update(
    *, actor: Person, partnership: Partnership, expected_version: int, name: str, region: str
) -> Partnership:
    require_permission(can_manage(actor, partnership.pk))
    audit.audited_update(
        actor=actor,
        instance=partnership,
        expected_version=expected_version,
        changes={"name": name, "region": region},
        action="partnership.update",
        partnership_id=partnership.pk,
    )
    return partnership


@transaction.atomic
def la_code_set(*, actor: Person, partnership: Partnership, from_year: int, code: str) -> None:
    """Record the local authority code in force from a financial year (reorganisations)."""
    require_permission(can_manage(actor, partnership.pk))
    record = LocalAuthorityCode(partnership=partnership, from_year=from_year, code=code.strip())
    record.full_clean(validate_unique=False)
    LocalAuthorityCode.objects.update_or_create(
        partnership=partnership, from_year=from_year, defaults={"code": record.code}
    )
    audit.record(
        actor=actor,
        action="partnership.la_code.set",
        target=partnership,
        partnership_id=partnership.pk,
        changed=["la_code"],
    )


@transaction.atomic
def statistical_neighbours_set(
    *, actor: Person, partnership: Partnership, year: int, neighbours: Sequence[tuple[str, str]]
) -> None:
    """Replace a year's ten statistical neighbours with (code, name) pairs, closest first."""
    require_permission(can_manage(actor, partnership.pk))
    if len(neighbours) != 10:
        given = len(neighbours)
        raise ValidationError(
            {"neighbours": f"A local authority has ten statistical neighbours; {given} given."}
        )
    codes = [code for code, _ in neighbours]
    if len(set(codes)) != len(codes):
        raise ValidationError({"neighbours": "Each statistical neighbour may appear only once."})
    StatisticalNeighbour.objects.filter(partnership=partnership, year=year).delete()
    for rank, (code, name) in enumerate(neighbours, start=1):
        neighbour = StatisticalNeighbour(
            partnership=partnership, year=year, rank=rank, code=code.strip(), name=name.strip()
        )
        neighbour.full_clean(validate_unique=False)
        neighbour.save()
    audit.record(
        actor=actor,
        action="partnership.neighbours.set",
        target=partnership,
        partnership_id=partnership.pk,
        changed=["statistical_neighbours"],
    )
