"""Writes to people and their memberships: invitations, roles, deactivation."""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .. import audit
from ..access import AGENCY_LEAD_GRANTABLE
from ..access import require as require_permission
from ..models import Agency, AgencyService, Membership, MembershipRole, Partnership, Person, Role
from ..notify import send_email
from ..rules import can_manage, can_manage_people_of
from ..versioning import apply_changes
from .common import require_active


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
    require_active(membership)
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
