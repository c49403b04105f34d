"""Every write to the core records. Each runs in one transaction with its audit event."""

from collections.abc import Iterable, Sequence
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import audit, tokens
from .access import AGENCY_LEAD_GRANTABLE, forget_scope
from .access import require as require_permission
from .models import (
    Agency,
    AgencyInPartnership,
    AgencyService,
    ApiToken,
    Arrangement,
    GlossaryTerm,
    LocalAuthorityCode,
    Membership,
    MembershipRole,
    Partnership,
    Person,
    Role,
    StatisticalNeighbour,
)
from .notify import send_email
from .rules import can_manage, can_manage_people_of, can_manage_sign_in_of
from .selectors import person_is_locked_out
from .versioning import apply_changes

# Partnerships


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


# Arrangements


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
    arrangement = Arrangement(
        name=name.strip(), short_name=short_name.strip(), slug=slug, purpose=purpose.strip()
    )
    arrangement.full_clean()
    arrangement.save()
    arrangement.partnerships.set(members)
    for partnership in members:
        audit.record(
            actor=actor,
            action="arrangement.create",
            target=arrangement,
            partnership_id=partnership.pk,
            changed=["name", "short_name", "slug", "purpose", "partnerships"],
        )
    return arrangement


# Agencies


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


# People and membership


def _check_grant(
    actor: Person, partnership: Partnership, agency: Agency | None, roles: Iterable[str]
):
    agency_id = agency.pk if agency is not None else None
    require_permission(can_manage_people_of(actor, partnership.pk, agency_id))
    if not can_manage(actor, partnership.pk):
        beyond = set(roles) - AGENCY_LEAD_GRANTABLE
        if beyond:
            names = ", ".join(sorted(Role(r).label for r in beyond))
            raise ValidationError(
                {"roles": f"Only the business unit can give these roles: {names}."}
            )
    if agency is not None and not agency.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({"agency": f"{agency.name} does not serve {partnership.name}."})


def _check_service(
    agency: Agency | None, service: AgencyService | None, current: AgencyService | None = None
) -> None:
    """A member's service is one of their agency's, and in use unless they are already in it."""
    if service is None:
        return
    if agency is None or service.agency_id != agency.pk:
        where = agency.name if agency is not None else "no agency"
        raise ValidationError({"service": f"{service.name} is not a service of {where}."})
    if not service.is_active and service != current:
        raise ValidationError({"service": f"{service.name} is no longer in use."})


def _require_active(membership: Membership) -> None:
    """A deactivated membership opens nothing: reactivate it first."""
    if not membership.is_active:
        raise ValidationError(
            f"{membership.person}'s membership of {membership.partnership} is deactivated. "
            "Reactivate it first."
        )


def _set_roles(membership: Membership, roles: Iterable[str]) -> None:
    wanted = set(roles)
    unknown = wanted - set(Role.values)
    if unknown:
        raise ValidationError({"roles": f"Unknown role: {', '.join(sorted(unknown))}."})
    if not wanted:
        raise ValidationError({"roles": "Choose at least one role."})
    membership.roles.exclude(role__in=wanted).delete()
    have = set(membership.roles.values_list("role", flat=True))
    MembershipRole.objects.bulk_create(
        MembershipRole(membership=membership, role=role) for role in sorted(wanted - have)
    )


@transaction.atomic
def person_invite(
    *,
    actor: Person,
    partnership: Partnership,
    email: str,
    first_name: str,
    last_name: str,
    job_title: str = "",
    agency: Agency | None,
    service: AgencyService | None = None,
    roles: Sequence[str],
) -> Membership:
    """Add a person to the partnership and email them a one-time link to set their password.

    A person already known (from another partnership) gains a membership and keeps their
    account; a new person gets an account with no usable password until they accept.
    """
    _check_grant(actor, partnership, agency, roles)
    _check_service(agency, service)
    email = Person.objects.normalize_email(email).lower()
    person = Person.objects.filter(email__iexact=email).first()
    if person is None:
        person = Person(
            username=email,
            email=email,
            first_name=first_name,
            last_name=last_name,
            job_title=job_title,
        )
        person.set_unusable_password()
        person.full_clean(exclude=["password"])
        person.save()
        audit.record(
            actor=actor,
            action="person.create",
            target=person,
            partnership_id=partnership.pk,
            agency_id=agency.pk if agency else None,
            changed=["email", "first_name", "last_name", "job_title"],
        )
    elif Membership.objects.filter(person=person, partnership=partnership).exists():
        raise ValidationError({"email": f"{email} is already a member of {partnership.name}."})
    membership = Membership.objects.create(
        person=person, partnership=partnership, agency=agency, service=service
    )
    _set_roles(membership, roles)
    audit.record(
        actor=actor,
        action="membership.create",
        target=membership,
        partnership_id=partnership.pk,
        agency_id=agency.pk if agency else None,
        changed=["agency", "service", "roles"] if service else ["agency", "roles"],
    )
    if not person.has_usable_password():
        _send_invitation(person, partnership)
    return membership


def _send_invitation(person: Person, partnership: Partnership) -> None:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    link = reverse("core:invitation-accept", kwargs={"uidb64": uid, "token": token})
    body = render_to_string(
        "core/email/invitation.txt",
        {
            "person": person,
            "partnership": partnership,
            "link": link,
            "base_url": settings.SAFEBOARD_BASE_URL,
        },
    )

    def send_unless_accepted() -> None:
        # Decided at commit: someone who already has a password needs no invitation.
        if not Person.objects.get(pk=person.pk).has_usable_password():
            send_email(to=person.email, subject=f"You are invited to {partnership.name}", body=body)

    transaction.on_commit(send_unless_accepted)


@transaction.atomic
def invitation_resend(*, actor: Person, membership: Membership) -> None:
    require_permission(can_manage_people_of(actor, membership.partnership_id, membership.agency_id))
    _require_active(membership)
    if membership.person.has_usable_password():
        raise ValidationError(f"{membership.person} has already accepted their invitation.")
    _send_invitation(membership.person, membership.partnership)
    audit.record(
        actor=actor,
        action="person.invitation.resend",
        target=membership.person,
        partnership_id=membership.partnership_id,
        agency_id=membership.agency_id,
    )


@transaction.atomic
def invitation_accept(*, person: Person, password: str) -> Person:
    """The invited person chooses their password; the link cannot be used again."""
    validate_password(password, user=person)
    person.set_password(password)
    person.save(update_fields=["password"])
    audit.record(actor=person, action="person.invitation.accept", target=person)
    return person


@transaction.atomic
def membership_update(
    *,
    actor: Person,
    membership: Membership,
    expected_version: int,
    agency: Agency | None,
    service: AgencyService | None = None,
    roles: Sequence[str],
) -> Membership:
    partnership = membership.partnership
    _check_grant(actor, partnership, membership.agency, roles)
    _check_grant(actor, partnership, agency, roles)
    _check_service(agency, service, current=membership.service)
    if (
        membership.person_id == actor.pk
        and Role.BUSINESS_UNIT not in roles
        and can_manage(actor, partnership.pk)
    ):
        raise ValidationError({"roles": "You cannot remove your own business unit role."})
    before = set(membership.roles.values_list("role", flat=True))
    changed = apply_changes(
        membership,
        expected_version=expected_version,
        changes={"agency": agency, "service": service},
    )
    _set_roles(membership, roles)
    if before != set(roles):
        changed.append("roles")
    audit.record(
        actor=actor,
        action="membership.update",
        target=membership,
        partnership_id=partnership.pk,
        agency_id=agency.pk if agency else None,
        changed=changed,
    )
    return membership


@transaction.atomic
def membership_deactivate(*, actor: Person, membership: Membership) -> Membership:
    """End a person's access to this partnership. With no partnership left, their account
    is deactivated, which ends every session they have."""
    require_permission(can_manage_people_of(actor, membership.partnership_id, membership.agency_id))
    if membership.person_id == actor.pk:
        raise ValidationError("You cannot deactivate yourself.")
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit.record(
        actor=actor,
        action="membership.deactivate",
        target=membership,
        partnership_id=membership.partnership_id,
        agency_id=membership.agency_id,
        changed=["is_active"],
    )
    person = membership.person
    if not person.memberships.filter(is_active=True).exists() and person.is_active:
        person.is_active = False
        person.save(update_fields=["is_active"])
        audit.record(
            actor=actor,
            action="person.deactivate",
            target=person,
            partnership_id=membership.partnership_id,
            changed=["is_active"],
        )
    return membership


@transaction.atomic
def membership_reactivate(*, actor: Person, membership: Membership) -> Membership:
    require_permission(can_manage_people_of(actor, membership.partnership_id, membership.agency_id))
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    person = membership.person
    if not person.is_active:
        person.is_active = True
        person.save(update_fields=["is_active"])
    audit.record(
        actor=actor,
        action="membership.reactivate",
        target=membership,
        partnership_id=membership.partnership_id,
        agency_id=membership.agency_id,
        changed=["is_active"],
    )
    return membership


# Signing in


@transaction.atomic
def lockout_clear(*, actor: Person, membership: Membership) -> Person:
    """Let a person locked out by wrong passwords try again."""
    require_permission(can_manage_sign_in_of(actor, membership.partnership_id))
    _require_active(membership)
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


# Glossary


@transaction.atomic
def glossary_term_create(
    *, actor: Person, partnership: Partnership, term: str, meaning: str, former_term: str = ""
) -> GlossaryTerm:
    require_permission(can_manage(actor, partnership.pk))
    entry = GlossaryTerm(
        partnership=partnership,
        term=term.strip(),
        meaning=meaning.strip(),
        former_term=former_term.strip(),
    )
    entry.full_clean()
    entry.save()
    audit.record(
        actor=actor,
        action="glossary.create",
        target=entry,
        partnership_id=partnership.pk,
        changed=["term", "meaning", "former_term"],
    )
    return entry


@transaction.atomic
def glossary_term_update(
    *,
    actor: Person,
    entry: GlossaryTerm,
    expected_version: int,
    term: str,
    meaning: str,
    former_term: str,
) -> GlossaryTerm:
    require_permission(can_manage(actor, entry.partnership_id))
    audit.audited_update(
        actor=actor,
        instance=entry,
        expected_version=expected_version,
        changes={
            "term": term.strip(),
            "meaning": meaning.strip(),
            "former_term": former_term.strip(),
        },
        action="glossary.update",
        partnership_id=entry.partnership_id,
    )
    return entry


@transaction.atomic
def glossary_term_delete(*, actor: Person, entry: GlossaryTerm) -> None:
    require_permission(can_manage(actor, entry.partnership_id))
    audit.record(
        actor=actor, action="glossary.delete", target=entry, partnership_id=entry.partnership_id
    )
    entry.delete()


# Installation


@transaction.atomic
def founder_create(
    *, email: str, first_name: str, last_name: str, password: str, job_title: str = ""
) -> Person:
    """The first person of a new installation, made from the command line. They set up
    the first partnership, which makes them its business unit."""
    email = Person.objects.normalize_email(email).lower()
    person = Person(
        username=email, email=email, first_name=first_name, last_name=last_name, job_title=job_title
    )
    validate_password(password, user=person)
    person.set_password(password)
    person.full_clean()
    person.save()
    audit.record(
        actor=None,
        action="person.create",
        target=person,
        changed=["email", "first_name", "last_name", "job_title"],
    )
    return person


# Personal API tokens

API_TOKEN_DAYS = 90
API_TOKEN_MAX_DAYS = 366


@transaction.atomic
def api_token_create(
    *, actor: Person, name: str, days: int = API_TOKEN_DAYS
) -> tuple[ApiToken, str]:
    """A new token for the person making it. Returns the record and the token itself,
    which is never stored and must be shown to the person now or never."""
    if not 1 <= days <= API_TOKEN_MAX_DAYS:
        raise ValidationError({"days": f"A token lasts from 1 to {API_TOKEN_MAX_DAYS} days."})
    secret, prefix = tokens.make_token()
    now = timezone.now()
    token = ApiToken(
        person=actor,
        name=name.strip(),
        prefix=prefix,
        secret_hash=tokens.token_hash(secret),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    audit.record(actor=actor, action="api.token.create", target=token, changed=["name"])
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Person, token: ApiToken) -> ApiToken:
    require_permission(token.person_id == actor.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="api.token.revoke", target=token, changed=["revoked_at"])
    return token


@transaction.atomic
def api_token_use(*, token: ApiToken, method: str, path: str, partnership_id: int | None) -> None:
    """Every request made with a token leaves one event naming the request."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    audit.record(
        actor=token.person,
        action="api.token.use",
        target=token,
        partnership_id=partnership_id,
        label=f"{token} {method} {path}",
    )
