"""Joint arrangements formed by agreement: proposing one, and agreeing, declining or
withdrawing. The arrangements themselves are shown with the partnership's bodies."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import arrangements
from ..access import require
from ..forms import ArrangementProposalForm
from ..rules import can_manage
from .base import PartnershipRequest, form_page, partnership_page


def _list_url(partnership) -> str:
    return reverse("governance:arrangements", kwargs={"slug": partnership.slug})


def _proposal_url(partnership, pk: int) -> str:
    return reverse("core:arrangement-proposal", kwargs={"slug": partnership.slug, "pk": pk})


@partnership_page
def arrangement_propose(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    form = ArrangementProposalForm(
        request.POST or None, partnerships=arrangements.partnerships_to_ask(partnership)
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: arrangements.arrangement_propose(
            actor=request.user,
            partnership=partnership,
            name=data["name"],
            short_name=data["short_name"],
            purpose=data["purpose"],
            others=data["partnerships"],
        ),
        success=lambda proposal: _proposal_url(partnership, proposal.pk),
        message=lambda proposal: (
            f"{proposal.name} has been proposed. It is made when every partnership agrees."
        ),
        context={
            "title": "Propose a joint arrangement",
            "intro": (
                f"The arrangement joins {partnership.name} with the partnerships you choose. "
                "It is made once the business unit of each of them agrees; until then, "
                "only their business units see the proposal."
            ),
            "button": "Propose the arrangement",
            "back": _list_url(partnership),
        },
    )


@partnership_page
def arrangement_proposal(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    found = arrangements.arrangement_proposal_get(user=request.user, partnership=partnership, pk=pk)
    return render(
        request,
        "core/arrangement_proposal.html",
        {"partnership": partnership, "w": found, "proposal": found.proposal},
    )


def _decision(
    request: PartnershipRequest, partnership, pk: int, decide, message: Callable[[str], str]
) -> HttpResponse:
    found = arrangements.arrangement_proposal_get(user=request.user, partnership=partnership, pk=pk)
    try:
        decide(actor=request.user, proposal=found.proposal, partnership=partnership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message(found.proposal.name))
    return redirect(_proposal_url(partnership, pk))


@require_POST
@partnership_page
def arrangement_proposal_agree(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    return _decision(
        request,
        partnership,
        pk,
        arrangements.arrangement_proposal_agree,
        lambda name: f"{partnership.name} has agreed to {name}.",
    )


@require_POST
@partnership_page
def arrangement_proposal_decline(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    return _decision(
        request,
        partnership,
        pk,
        arrangements.arrangement_proposal_decline,
        lambda name: f"{name} has been declined. No arrangement has been made.",
    )


@require_POST
@partnership_page
def arrangement_proposal_withdraw(
    request: PartnershipRequest, partnership, pk: int
) -> HttpResponse:
    return _decision(
        request,
        partnership,
        pk,
        arrangements.arrangement_proposal_withdraw,
        lambda name: f"{name} has been withdrawn. No arrangement has been made.",
    )
