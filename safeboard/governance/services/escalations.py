"""Writes to escalations."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeboard.core import audit
from safeboard.core.models import Agency, Partnership, Person

from ..models import Escalation
from .common import require_business_unit


def _serves(partnership: Partnership, agency: Agency | None, field: str = "agency") -> None:
    if agency is not None and not agency.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({field: f"{agency.name} does not serve {partnership}."})


@transaction.atomic
def escalation_create(
    *,
    actor: Person,
    partnership: Partnership,
    raised_by: str,
    raised_by_agency: Agency | None,
    about_agencies: Iterable[Agency],
    concern: str,
    raised_on: date,
) -> Escalation:
    require_business_unit(actor, partnership.pk)
    about = list(about_agencies)
    if not about:
        raise ValidationError({"about_agencies": "Choose the agencies the concern is about."})
    for agency in [*about, raised_by_agency]:
        _serves(partnership, agency, "about_agencies")
    escalation = Escalation(
        partnership=partnership,
        raised_by=raised_by.strip(),
        raised_by_agency=raised_by_agency,
        concern=concern.strip(),
        raised_on=raised_on,
    )
    escalation.full_clean()
    escalation.save()
    escalation.about_agencies.set(about)
    audit.record(
        actor=actor,
        action="escalation.create",
        target=escalation,
        partnership_id=partnership.pk,
        changed=["raised_by", "about_agencies", "concern", "raised_on"],
    )
    return escalation


@transaction.atomic
def escalation_update(
    *,
    actor: Person,
    escalation: Escalation,
    expected_version: int,
    handling: str,
    resolved_on: date | None,
    resolution: str,
) -> Escalation:
    require_business_unit(actor, escalation.partnership_id)
    audit.audited_update(
        actor=actor,
        instance=escalation,
        expected_version=expected_version,
        changes={
            "handling": handling.strip(),
            "resolved_on": resolved_on,
            "resolution": resolution.strip(),
        },
        action="escalation.update",
        partnership_id=escalation.partnership_id,
    )
    return escalation
