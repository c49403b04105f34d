"""Every write to who a person is: their name, email and sign-in, their authenticator and
their API tokens.

A person is one account, whichever partnerships they belong to, so a change made in one
partnership is a change in all of them. It may be made by the person themselves, or by the
business unit of a partnership that holds every active membership they have. Otherwise the
business unit proposes it, and it is made once the business unit of every partnership the
person is an active member of has agreed (`identity_change_approve`).
"""

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import audit, second_factor
from .access import identity_holders
from .access import require as require_permission
from .models import (
    ApiToken,
    IdentityChange,
    IdentityChangeApproval,
    IdentityChangeKind,
    IdentityChangeStatus,
    Membership,
    Partnership,
    Person,
    Role,
)
from .notify import send_email
from .rules import (
    can_change_identity_of,
    can_manage,
    can_manage_people_of,
    can_propose_identity_change,
)
from .selectors import partnership_people_with_role
from .versioning import StaleEdit, apply_changes

DETAIL_FIELDS = ("first_name", "last_name", "email", "job_title")


class IdentityShared(PermissionDenied):
    """The change is not this person's to make alone; the message says who can make it."""


def who_can_change(person: Person, partnership_id: int) -> str:
    """Why a change to who a person is was refused, and who can make it."""
    holders = identity_holders(person)
    if partnership_id not in holders:
        return (
            f"{person} is not an active member of this partnership, so their name, email "
            "and sign-in cannot be changed from here."
        )
    others = Partnership.objects.filter(pk__in=holders - {partnership_id}).order_by("name")
    if not others:
        return (
            f"Only {person} themselves or this partnership's business unit can change their "
            "name, email and sign-in."
        )
    names = ", ".join(p.name for p in others)
    return (
        f"{person} is also a member of {names}. Their name, email and sign-in can be changed "
        f"by {person} themselves, or by agreement: this partnership's business unit proposes "
        "the change and the business unit of each of their partnerships approves it."
    )


def _require_identity_change(actor: Person, person: Person, partnership_id: int) -> None:
    if not can_change_identity_of(actor, person, partnership_id):
        raise IdentityShared(who_can_change(person, partnership_id))


def _clean_details(person: Person, details: dict) -> dict:
    details = {name: details[name].strip() for name in DETAIL_FIELDS}
    details["email"] = Person.objects.normalize_email(details["email"]).lower()
    if Person.objects.filter(email__iexact=details["email"]).exclude(pk=person.pk).exists():
        raise ValidationError({"email": f"Another person already uses {details['email']}."})
    return details


def _record_in_each(
    *,
    actor: Person | None,
    action: str,
    target,
    partnership_ids: Iterable[int],
    changed: Iterable[str] = (),
) -> None:
    """A change to a shared person goes into the audit trail of each partnership they serve."""
    changed = list(changed)
    trails: list[int | None] = [*sorted(set(partnership_ids))] or [None]
    for partnership_id in trails:
        audit.record(
            actor=actor,
            action=action,
            target=target,
            partnership_id=partnership_id,
            changed=changed,
        )


def _write_details(
    *, actor: Person, person: Person, expected_version: int, details: dict, holders
) -> list[str]:
    details = _clean_details(person, details)
    old_email = person.email
    changes = dict(details)
    if changes["email"] != old_email:
        changes["username"] = changes["email"]  # the sign-in name follows the email
    changed = apply_changes(person, expected_version=expected_version, changes=changes)
    changed = [name for name in changed if name != "username"]
    _record_in_each(
        actor=actor,
        action="person.update",
        target=person,
        partnership_ids=holders,
        changed=changed,
    )
    if "email" in changed:
        _tell_old_address(person, old_email)
    return changed


def _tell_old_address(person: Person, old_email: str) -> None:
    body = (
        f"Dear {person.first_name},\n\n"
        f"The email address you sign in to Safeboard with has been changed from {old_email} "
        f"to {person.email}. From now on, sign in with the new address.\n\n"
        "If you did not expect this, tell your partnership's business unit at once.\n"
    )

    def send() -> None:
        send_email(to=old_email, subject="Your Safeboard email address has changed", body=body)

    transaction.on_commit(send)


def revoke_api_tokens(*, actor: Person | None, person: Person, holders) -> int:
    """End every personal API token a person has, when how they sign in changes."""
    now = timezone.now()
    live = list(ApiToken.objects.filter(person=person, revoked_at__isnull=True))
    for token in live:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        _record_in_each(
            actor=actor,
            action="api.token.revoke",
            target=token,
            partnership_ids=holders,
            changed=["revoked_at"],
        )
    return len(live)


def _forget_authenticator(*, actor: Person, person: Person, holders) -> None:
    if not second_factor.forget_devices(person):
        raise ValidationError(f"{person} has not set up an authenticator app.")
    revoke_api_tokens(actor=actor, person=person, holders=holders)
    _record_in_each(
        actor=actor, action="person.second_factor.reset", target=person, partnership_ids=holders
    )


# Made directly: by the person, or by the business unit holding all of their memberships


@transaction.atomic
def person_update(
    *,
    actor: Person,
    membership: Membership,
    expected_version: int,
    first_name: str,
    last_name: str,
    job_title: str,
    email: str,
) -> Person:
    require_permission(can_manage_people_of(actor, membership.partnership_id, membership.agency_id))
    person = membership.person
    _require_identity_change(actor, person, membership.partnership_id)
    _write_details(
        actor=actor,
        person=person,
        expected_version=expected_version,
        details={
            "first_name": first_name,
            "last_name": last_name,
            "job_title": job_title,
            "email": email,
        },
        holders=identity_holders(person),
    )
    return person


@transaction.atomic
def own_details_update(
    *,
    person: Person,
    expected_version: int,
    password: str,
    first_name: str,
    last_name: str,
    job_title: str,
    email: str,
) -> Person:
    """A person changes their own details; their password confirms it is them."""
    if not person.check_password(password):
        raise ValidationError({"password": "Your password is not right."})
    _write_details(
        actor=person,
        person=person,
        expected_version=expected_version,
        details={
            "first_name": first_name,
            "last_name": last_name,
            "job_title": job_title,
            "email": email,
        },
        holders=identity_holders(person),
    )
    return person


@transaction.atomic
def second_factor_reset(*, actor: Person, membership: Membership) -> Person:
    """For a person who lost their phone and recovery codes: they set up a new
    authenticator at their next sign-in, any session of theirs must give a code again,
    and their API tokens stop working."""
    person = membership.person
    require_permission(can_manage(actor, membership.partnership_id))
    if person.pk == actor.pk:
        raise ValidationError("You cannot reset your own authenticator.")
    _require_identity_change(actor, person, membership.partnership_id)
    _forget_authenticator(actor=actor, person=person, holders=identity_holders(person))
    return person


@transaction.atomic
def password_reset_complete(*, person: Person, password: str) -> Person:
    """The person chose a new password from a reset link: tokens made before end."""
    validate_password(password, user=person)
    person.set_password(password)
    person.save(update_fields=["password"])
    holders = identity_holders(person)
    _record_in_each(
        actor=person, action="person.password.reset", target=person, partnership_ids=holders
    )
    revoke_api_tokens(actor=person, person=person, holders=holders)
    return person


# Made by agreement


@transaction.atomic
def identity_change_propose(
    *,
    actor: Person,
    membership: Membership,
    kind: str,
    expected_version: int,
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
    email: str = "",
) -> IdentityChange:
    """The business unit proposes a change to a person shared with other partnerships.
    Their own partnership's agreement is given by proposing it."""
    person = membership.person
    partnership_id = membership.partnership_id
    require_permission(can_manage(actor, partnership_id))
    if not can_propose_identity_change(actor, person, partnership_id):
        raise IdentityShared(who_can_change(person, partnership_id))
    if can_change_identity_of(actor, person, partnership_id):
        raise ValidationError("This partnership can make this change itself: no agreement needed.")
    if person.pk == actor.pk:
        raise ValidationError("Change your own details on your account page.")
    if person.version != expected_version:
        raise StaleEdit()
    if kind == IdentityChangeKind.AUTHENTICATOR and not second_factor.has_second_factor(person):
        raise ValidationError(f"{person} has not set up an authenticator app.")
    details = {}
    if kind == IdentityChangeKind.DETAILS:
        details = _clean_details(
            person,
            {
                "first_name": first_name,
                "last_name": last_name,
                "job_title": job_title,
                "email": email,
            },
        )
        if all(getattr(person, name) == value for name, value in details.items()):
            raise ValidationError("Nothing would change: these are their details already.")
    if IdentityChange.objects.filter(
        person=person, kind=kind, status=IdentityChangeStatus.WAITING
    ).exists():
        raise ValidationError(
            f"A {IdentityChangeKind(kind).label.lower()} for {person} is already waiting "
            "for agreement. Approve or decline it first."
        )
    change = IdentityChange(
        person=person,
        kind=kind,
        proposed_by=actor,
        proposed_in_id=partnership_id,
        proposed_at=timezone.now(),
        person_version=person.version,
        **details,
    )
    change.full_clean()
    change.save()
    IdentityChangeApproval.objects.create(
        change=change, partnership_id=partnership_id, approved_by=actor, approved_at=timezone.now()
    )
    holders = identity_holders(person)
    _record_in_each(
        actor=actor,
        action="person.identity_change.propose",
        target=change,
        partnership_ids=holders,
        changed=list(details),
    )
    _ask_for_agreement(change, holders - {partnership_id})
    return change


def _ask_for_agreement(change: IdentityChange, partnership_ids: Iterable[int]) -> None:
    memberships = (
        Membership.objects.filter(
            person=change.person, partnership_id__in=list(partnership_ids), is_active=True
        )
        .select_related("partnership")
        .order_by("partnership__name")
    )
    for membership in memberships:
        link = reverse(
            "core:person-detail",
            kwargs={"slug": membership.partnership.slug, "pk": membership.pk},
        )
        body = (
            f"{change.proposed_by} has proposed a {change.get_kind_display().lower()} for "
            f"{change.person}, who is also a member of {membership.partnership.name}.\n\n"
            "It is made only when the business unit of each of their partnerships agrees. "
            f"Approve or decline it here:\n\n{settings.SAFEBOARD_BASE_URL}{link}\n"
        )
        business_unit = partnership_people_with_role(membership.partnership_id, Role.BUSINESS_UNIT)
        for address in business_unit.order_by("email").values_list("email", flat=True):
            transaction.on_commit(
                partial(
                    send_email, to=address, subject=f"Your agreement is needed: {change}", body=body
                )
            )


def _waiting(change: IdentityChange) -> IdentityChange:
    locked = IdentityChange.objects.select_for_update().get(pk=change.pk)
    if locked.status != IdentityChangeStatus.WAITING:
        status = locked.get_status_display().lower()
        raise ValidationError(f"This change has already been {status}.")
    return locked


@transaction.atomic
def identity_change_approve(
    *, actor: Person, change: IdentityChange, partnership: Partnership
) -> IdentityChange:
    """One partnership agrees. With every partnership's agreement, the change is made."""
    require_permission(can_manage(actor, partnership.pk))
    change = _waiting(change)
    person = change.person
    holders = identity_holders(person)
    if partnership.pk not in holders:
        raise IdentityShared(who_can_change(person, partnership.pk))
    if change.approvals.filter(partnership=partnership).exists():
        raise ValidationError(f"{partnership.name} has already agreed to this change.")
    IdentityChangeApproval.objects.create(
        change=change, partnership=partnership, approved_by=actor, approved_at=timezone.now()
    )
    _record_in_each(
        actor=actor,
        action="person.identity_change.approve",
        target=change,
        partnership_ids=holders,
    )
    agreed = set(change.approvals.values_list("partnership_id", flat=True))
    if holders <= agreed:
        _make(actor=actor, change=change, holders=holders)
    return change


def _make(*, actor: Person, change: IdentityChange, holders) -> None:
    person = Person.objects.select_for_update().get(pk=change.person_id)
    if change.kind == IdentityChangeKind.DETAILS:
        try:
            _write_details(
                actor=actor,
                person=person,
                expected_version=change.person_version,
                details={name: getattr(change, name) for name in DETAIL_FIELDS},
                holders=holders,
            )
        except StaleEdit:
            raise ValidationError(
                f"{person}'s details changed after this was proposed. Decline it and "
                "propose the change again from their details as they are now."
            ) from None
    else:
        _forget_authenticator(actor=actor, person=person, holders=holders)
    change.status = IdentityChangeStatus.MADE
    change.closed_at = timezone.now()
    change.save(update_fields=["status", "closed_at"])


@transaction.atomic
def identity_change_decline(
    *, actor: Person, change: IdentityChange, partnership: Partnership
) -> IdentityChange:
    """Any of the person's partnerships may decline (the proposer withdraws this way)."""
    require_permission(can_manage(actor, partnership.pk))
    change = _waiting(change)
    holders = identity_holders(change.person)
    if partnership.pk not in holders | {change.proposed_in_id}:
        raise IdentityShared(who_can_change(change.person, partnership.pk))
    change.status = IdentityChangeStatus.DECLINED
    change.closed_at = timezone.now()
    change.save(update_fields=["status", "closed_at"])
    _record_in_each(
        actor=actor,
        action="person.identity_change.decline",
        target=change,
        partnership_ids=holders | {change.proposed_in_id},
        changed=["status"],
    )
    return change
