"""Arrangements: several partnerships working as one (the 4LSCB)."""

from django.http import HttpResponse
from django.shortcuts import render

from safeboard.core.arrangements import arrangement_proposals_waiting
from safeboard.core.selectors import arrangement_get, arrangement_list
from safeboard.core.views.base import PartnershipRequest, partnership_page

from .. import selectors
from ..rules import can_manage


@partnership_page
def arrangement_list_page(request: PartnershipRequest, partnership) -> HttpResponse:
    proposals = arrangement_proposals_waiting(user=request.user, partnership=partnership)
    return render(
        request,
        "governance/arrangement_list.html",
        {
            "partnership": partnership,
            "arrangements": arrangement_list(user=request.user, partnership=partnership),
            "for_agreement": [w for w in proposals if not w.agreed_here],
            "agreed": [w for w in proposals if w.agreed_here],
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def arrangement_detail(request: PartnershipRequest, partnership, arrangement: str) -> HttpResponse:
    found = arrangement_get(user=request.user, partnership=partnership, slug=arrangement)
    return render(
        request,
        "governance/arrangement_detail.html",
        {
            "partnership": partnership,
            "arrangement": found,
            "bodies": selectors.arrangement_bodies(
                user=request.user, partnership=partnership, arrangement=found
            ),
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )
