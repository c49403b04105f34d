"""Arrangements formed by agreement.

No one person is the business unit of every partnership an arrangement would join, so a
partnership's business unit proposes it, naming the other partnerships. Proposing is their
own partnership's agreement; the arrangement is made, with every named partnership as a
member, once the business unit of each of the others has agreed. Any of them may decline
it, and the proposing partnership may withdraw it, while it waits. Each step is written
into the audit trail of every partnership named in it.

A proposal is seen only by the business units of the partnerships it names: anyone else
finds nothing there (404). Of the other partnerships of the installation, a proposer sees
only their names, to choose from.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from . import audit
from .access import require as require_permission
from .models import (
    Arrangement,
    ArrangementAgreement,
    ArrangementProposal,
    ArrangementProposalStatus,
    Partnership,
    Person,
    Role,
)
from .notify import send_email
from .rules import can_manage
from .selectors import partnership_people_with_role
from .services.arrangements import arrangement_make

# Reads


def partnerships_to_ask(partnership: Partnership) -> QuerySet[Partnership]:
    """The other active partnerships of the installation, for a proposer to choose from:
    their names are all a proposer sees of them."""
    return Partnership.objects.filter(is_active=True).exclude(pk=partnership.pk).order_by("name")


def _proposals_of(*, user, partnership: Partnership) -> QuerySet[ArrangementProposal]:
    if not can_manage(user, partnership.pk):
        return ArrangementProposal.objects.none()
    return ArrangementProposal.objects.filter(partnerships=partnership)


@dataclass(frozen=True)
class WaitingProposal:
    proposal: ArrangementProposal
    members: list[str]  # every partnership it would join, by name
    agreed: list[str]  # those that have agreed
    to_agree: list[str]  # those still to agree
    agreed_here: bool  # whether the partnership being viewed has agreed
    proposed_here: bool  # whether the partnership being viewed proposed it


def _waiting_view(proposal: ArrangementProposal, partnership: Partnership) -> WaitingProposal:
    agreed = {a.partnership_id for a in proposal.agreements.all()}
    members = sorted(proposal.partnerships.all(), key=lambda p: p.name)
    return WaitingProposal(
        proposal=proposal,
        members=[p.name for p in members],
        agreed=[p.name for p in members if p.pk in agreed],
        to_agree=[p.name for p in members if p.pk not in agreed],
        agreed_here=partnership.pk in agreed,
        proposed_here=proposal.proposed_in_id == partnership.pk,
    )


def arrangement_proposals_waiting(*, user, partnership: Partnership) -> list[WaitingProposal]:
    """The proposed arrangements naming the partnership that wait for agreement, for its
    business unit (nobody else sees them)."""
    proposals = (
        _proposals_of(user=user, partnership=partnership)
        .filter(status=ArrangementProposalStatus.WAITING)
        .select_related("proposed_by", "proposed_in")
        .prefetch_related("partnerships", "agreements")
    )
    return [_waiting_view(proposal, partnership) for proposal in proposals]


def arrangement_proposal_get(*, user, partnership: Partnership, pk: int) -> WaitingProposal:
    """One proposal naming the partnership, for its business unit; a 404 for anyone else."""
    proposal = (
        _proposals_of(user=user, partnership=partnership)
        .select_related("proposed_by", "proposed_in", "arrangement")
        .prefetch_related("partnerships", "agreements")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404("No such proposal")
    return _waiting_view(proposal, partnership)


# Writes


def _record_in_each(*, actor: Person, action: str, target, partnership_ids: Iterable[int]):
    for partnership_id in sorted(set(partnership_ids)):
        audit.record(actor=actor, action=action, target=target, partnership_id=partnership_id)


def _taken(name: str, slug: str) -> dict[str, str]:
    """Why the name or web address cannot be used, field by field."""
    errors = {}
    if Arrangement.objects.filter(name__iexact=name).exists():
        errors["name"] = f"An arrangement called {name} already exists. Choose another name."
    elif ArrangementProposal.objects.filter(
        name__iexact=name, status=ArrangementProposalStatus.WAITING
    ).exists():
        errors["name"] = (
            f"An arrangement called {name} has already been proposed and is waiting for "
            "agreement. Choose another name."
        )
    if (
        Arrangement.objects.filter(slug=slug).exists()
        or ArrangementProposal.objects.filter(
            slug=slug, status=ArrangementProposalStatus.WAITING
        ).exists()
    ):
        errors["short_name"] = (
            f"Another arrangement already goes by “{slug}”. Give this one a different short name."
        )
    return errors


@transaction.atomic
def arrangement_propose(
    *,
    actor: Person,
    partnership: Partnership,
    name: str,
    others: Iterable[Partnership],
    short_name: str = "",
    purpose: str = "",
) -> ArrangementProposal:
    """The partnership's business unit proposes an arrangement with the partnerships named.
    Their own partnership's agreement is given by proposing it."""
    require_permission(can_manage(actor, partnership.pk))
    name, short_name, purpose = name.strip(), short_name.strip(), purpose.strip()
    asked = {p.pk: p for p in others if p.pk != partnership.pk}
    if not asked:
        raise ValidationError(
            {"partnerships": "Choose at least one other partnership to form it with."}
        )
    if Partnership.objects.filter(pk__in=asked, is_active=True).count() != len(asked):
        raise ValidationError({"partnerships": "Choose only partnerships that are active."})
    slug = slugify(short_name or name)[:60].strip("-")
    if not slug:
        raise ValidationError(
            {
                "short_name": "Give it a short name in the letters a to z or numbers: "
                "its web address is made from it."
            }
        )
    errors = _taken(name, slug)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    proposal = ArrangementProposal(
        name=name,
        short_name=short_name,
        slug=slug,
        purpose=purpose,
        proposed_by=actor,
        proposed_in=partnership,
        proposed_at=now,
    )
    proposal.full_clean()
    proposal.save()
    proposal.partnerships.set([partnership.pk, *asked])
    ArrangementAgreement.objects.create(
        proposal=proposal, partnership=partnership, agreed_by=actor, agreed_at=now
    )
    _record_in_each(
        actor=actor,
        action="arrangement.proposal.propose",
        target=proposal,
        partnership_ids=[partnership.pk, *asked],
    )
    _ask_for_agreement(proposal, sorted(asked.values(), key=lambda p: p.name))
    return proposal


def _ask_for_agreement(proposal: ArrangementProposal, partnerships: list[Partnership]) -> None:
    for asked in partnerships:
        link = reverse("core:arrangement-proposal", kwargs={"slug": asked.slug, "pk": proposal.pk})
        body = (
            f"{proposal.proposed_by} of {proposal.proposed_in.name} has proposed a joint "
            f"arrangement, {proposal.name}, with {asked.name}.\n\n"
            "It is made only when the business unit of each partnership it names agrees. "
            f"Agree to it or decline it here:\n\n{settings.SAFEBOARD_BASE_URL}{link}\n"
        )
        business_unit = partnership_people_with_role(asked.pk, Role.BUSINESS_UNIT)
        for address in business_unit.order_by("email").values_list("email", flat=True):
            transaction.on_commit(
                partial(
                    send_email,
                    to=address,
                    subject=f"Your agreement is needed: {proposal.name}",
                    body=body,
                )
            )


def _waiting(proposal: ArrangementProposal) -> ArrangementProposal:
    locked = ArrangementProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ArrangementProposalStatus.WAITING:
        status = locked.get_status_display().lower()
        raise ValidationError(f"This proposal has already been {status}.")
    return locked


def _named(proposal: ArrangementProposal) -> set[int]:
    return set(proposal.partnerships.values_list("pk", flat=True))


@transaction.atomic
def arrangement_proposal_agree(
    *, actor: Person, proposal: ArrangementProposal, partnership: Partnership
) -> ArrangementProposal:
    """One named partnership agrees. With every one's agreement, the arrangement is made."""
    require_permission(can_manage(actor, partnership.pk))
    proposal = _waiting(proposal)
    named = _named(proposal)
    require_permission(partnership.pk in named)
    if proposal.agreements.filter(partnership=partnership).exists():
        raise ValidationError(f"{partnership.name} has already agreed to this arrangement.")
    ArrangementAgreement.objects.create(
        proposal=proposal, partnership=partnership, agreed_by=actor, agreed_at=timezone.now()
    )
    _record_in_each(
        actor=actor,
        action="arrangement.proposal.agree",
        target=proposal,
        partnership_ids=named,
    )
    if named <= set(proposal.agreements.values_list("partnership_id", flat=True)):
        _make(actor=actor, proposal=proposal, named=named)
    return proposal


def _make(*, actor: Person, proposal: ArrangementProposal, named: set[int]) -> None:
    """Every partnership named has agreed: the arrangement is made, into each one's trail."""
    if errors := _taken_by_arrangement(proposal):
        raise ValidationError(errors)
    arrangement = arrangement_make(
        actor=actor,
        name=proposal.name,
        short_name=proposal.short_name,
        slug=proposal.slug,
        purpose=proposal.purpose,
        partnership_ids=named,
    )
    proposal.status = ArrangementProposalStatus.MADE
    proposal.closed_at = timezone.now()
    proposal.arrangement = arrangement
    proposal.save(update_fields=["status", "closed_at", "arrangement"])


def _taken_by_arrangement(proposal: ArrangementProposal) -> str:
    """An arrangement made directly since the proposal, under its name or web address."""
    if Arrangement.objects.filter(name__iexact=proposal.name).exists() or (
        Arrangement.objects.filter(slug=proposal.slug).exists()
    ):
        return (
            f"An arrangement called {proposal.name} (or going by “{proposal.slug}”) has been "
            "made since this was proposed. Decline this proposal, and propose the arrangement "
            "again under another name."
        )
    return ""


def _close(
    *, actor: Person, proposal: ArrangementProposal, status: str, action: str, named: set[int]
) -> ArrangementProposal:
    proposal.status = status
    proposal.closed_at = timezone.now()
    proposal.save(update_fields=["status", "closed_at"])
    _record_in_each(actor=actor, action=action, target=proposal, partnership_ids=named)
    return proposal


@transaction.atomic
def arrangement_proposal_decline(
    *, actor: Person, proposal: ArrangementProposal, partnership: Partnership
) -> ArrangementProposal:
    """A partnership asked to join declines: the proposal ends, and nothing is made."""
    require_permission(can_manage(actor, partnership.pk))
    proposal = _waiting(proposal)
    named = _named(proposal)
    require_permission(partnership.pk in named)
    if proposal.proposed_in_id == partnership.pk:
        raise ValidationError(f"{partnership.name} proposed this arrangement: withdraw it instead.")
    return _close(
        actor=actor,
        proposal=proposal,
        status=ArrangementProposalStatus.DECLINED,
        action="arrangement.proposal.decline",
        named=named,
    )


@transaction.atomic
def arrangement_proposal_withdraw(
    *, actor: Person, proposal: ArrangementProposal, partnership: Partnership
) -> ArrangementProposal:
    """The proposing partnership withdraws its proposal while it waits."""
    require_permission(can_manage(actor, partnership.pk))
    proposal = _waiting(proposal)
    if proposal.proposed_in_id != partnership.pk:
        raise ValidationError(
            f"Only {proposal.proposed_in.name}, which proposed it, can withdraw this proposal."
        )
    return _close(
        actor=actor,
        proposal=proposal,
        status=ArrangementProposalStatus.WITHDRAWN,
        action="arrangement.proposal.withdraw",
        named=_named(proposal),
    )
