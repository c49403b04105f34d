"""Writes to agencies, their terms with each partnership, and their services."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import audit
from ..access import require as require_permission
from ..models import Agency, AgencyInPartnership, AgencyService, Partnership, Person
from ..rules import can_manage
from ..versioning import apply_changes


class SharedChangeUnconfirmed(ValidationError):
    """A change to what belongs to an agency itself, which every partnership it serves would
    see, made without confirming it. `partnerships` names them all."""

    def __init__(self, agency: Agency, partnerships: Sequence[str]) -> None:
        self.agency = agency
        self.partnerships = list(partnerships)
        super().__init__(
            {
                "confirm_shared": f"{agency.name} serves {len(self.partnerships)} partnerships: "
                f"{', '.join(self.partnerships)}. A change to its name, short name or sector "
                "changes it for all of them. Confirm the change to make it."
            },
            code="shared",
        )


def _served_partnerships(agency: Agency) -> list[Partnership]:
    return list(agency.partnerships.order_by("name"))


def _record_in_each(
    partnerships: Sequence[Partnership],
    *,
    actor: Person,
    action: str,
    target,
    agency: Agency,
    changed: Iterable[str],
    made_in: Partnership,
) -> None:
    """One event in the trail of every partnership the agency serves, saying where it was made."""
    for served in partnerships:
        audit.record(
            actor=actor,
            action=action,
            target=target,
            partnership_id=served.pk,
            agency_id=agency.pk,
            changed=changed,
            label=f"{target} (changed by {made_in.name})",
        )


@transaction.atomic
def agency_create(
    *,
    actor: Person,
    partnership: Partnership,
    name: str,
    short_name: str = "",
    sector: str,
    is_statutory_partner: bool = False,
) -> Agency:
    require_permission(can_manage(actor, partnership.pk))
    agency = Agency(name=name, short_name=short_name, sector=sector)
    agency.full_clean()
    agency.save()
    AgencyInPartnership.objects.create(
        agency=agency, partnership=partnership, is_statutory_partner=is_statutory_partner
    )
    audit.record(
        actor=actor,
        action="agency.create",
        target=agency,
        partnership_id=partnership.pk,
        agency_id=agency.pk,
        changed=["name", "short_name", "sector", "is_statutory_partner"],
    )
    return agency


@transaction.atomic
def agency_join(
    *, actor: Person, partnership: Partnership, agency: Agency, is_statutory_partner: bool = False
) -> Agency:
    """An agency that already serves another partnership starts serving this one too, on
    this partnership's own terms."""
    require_permission(can_manage(actor, partnership.pk))
    if not AgencyInPartnership.objects.filter(agency=agency, is_active=True).exists():
        raise ValidationError({"agency": f"{agency.name} is active with no partnership."})
    if AgencyInPartnership.objects.filter(agency=agency, partnership=partnership).exists():
        raise ValidationError({"agency": f"{agency.name} already serves {partnership.name}."})
    AgencyInPartnership.objects.create(
        agency=agency, partnership=partnership, is_statutory_partner=is_statutory_partner
    )
    audit.record(
        actor=actor,
        action="agency.join",
        target=agency,
        partnership_id=partnership.pk,
        agency_id=agency.pk,
        changed=["partnerships", "is_statutory_partner"],
    )
    return agency


@transaction.atomic
def agency_update(
    *,
    actor: Person,
    partnership: Partnership,
    agency: Agency,
    expected_version: int,
    name: str,
    short_name: str,
    sector: str,
    confirmed_shared: bool = False,
) -> Agency:
    """Change what belongs to the agency itself. Where it serves other partnerships too, the
    change is made only once confirmed, and is written into every one of their trails."""
    require_permission(can_manage(actor, partnership.pk))
    served = _served_partnerships(agency)
    changes = {"name": name, "short_name": short_name, "sector": sector}
    if (
        len(served) > 1
        and not confirmed_shared
        and any(getattr(agency, field) != value for field, value in changes.items())
    ):
        raise SharedChangeUnconfirmed(agency, [p.name for p in served])
    changed = apply_changes(agency, expected_version=expected_version, changes=changes)
    _record_in_each(
        served,
        actor=actor,
        action="agency.update",
        target=agency,
        agency=agency,
        changed=changed,
        made_in=partnership,
    )
    return agency


@transaction.atomic
def agency_terms_update(
    *,
    actor: Person,
    terms: AgencyInPartnership,
    expected_version: int,
    is_statutory_partner: bool,
    is_active: bool,
) -> AgencyInPartnership:
    """Change what is the partnership's own about an agency: for it alone."""
    require_permission(can_manage(actor, terms.partnership_id))
    changed = apply_changes(
        terms,
        expected_version=expected_version,
        changes={"is_statutory_partner": is_statutory_partner, "is_active": is_active},
    )
    audit.record(
        actor=actor,
        action="agency.terms.update",
        target=terms.agency,
        partnership_id=terms.partnership_id,
        agency_id=terms.agency_id,
        changed=changed,
    )
    return terms


# An agency's services: they belong to the agency, so every partnership it serves sees them
# and every one of their trails records a change to them.


def _clean_service_name(agency: Agency, name: str, exclude_pk: int | None = None) -> str:
    name = " ".join(name.split())
    taken = agency.services.filter(name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if name and taken.exists():
        raise ValidationError({"name": f"{agency.name} already has a service called {name}."})
    return name


@transaction.atomic
def agency_service_create(
    *, actor: Person, partnership: Partnership, agency: Agency, name: str
) -> AgencyService:
    require_permission(can_manage(actor, partnership.pk))
    served = _served_partnerships(agency)
    require_permission(partnership in served)
    service = AgencyService(agency=agency, name=_clean_service_name(agency, name))
    service.full_clean()
    service.save()
    _record_in_each(
        served,
        actor=actor,
        action="agency.service.create",
        target=service,
        agency=agency,
        changed=["name"],
        made_in=partnership,
    )
    return service


@transaction.atomic
def agency_service_update(
    *,
    actor: Person,
    partnership: Partnership,
    service: AgencyService,
    expected_version: int,
    name: str,
    is_active: bool,
) -> AgencyService:
    require_permission(can_manage(actor, partnership.pk))
    agency = service.agency
    served = _served_partnerships(agency)
    require_permission(partnership in served)
    changed = apply_changes(
        service,
        expected_version=expected_version,
        changes={
            "name": _clean_service_name(agency, name, exclude_pk=service.pk),
            "is_active": is_active,
        },
    )
    _record_in_each(
        served,
        actor=actor,
        action="agency.service.update",
        target=service,
        agency=agency,
        changed=changed,
        made_in=partnership,
    )
    return service
