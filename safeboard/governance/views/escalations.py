"""Pages of escalations, seen only by those who may read them."""

from django.http import HttpResponse
from django.shortcuts import render

from safeboard.core.access import require
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page

from .. import selectors, services
from ..forms import EscalationForm, EscalationUpdateForm
from ..rules import can_manage, can_read_escalations
from .common import page_url, require_business_unit


def _escalation_reader(request, partnership) -> None:
    require(can_read_escalations(request.user, partnership))


@partnership_page
def escalation_list(request: PartnershipRequest, partnership) -> HttpResponse:
    _escalation_reader(request, partnership)
    return render(
        request,
        "governance/escalation_list.html",
        {
            "partnership": partnership,
            "escalations": selectors.escalation_list(user=request.user, partnership=partnership),
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def escalation_create(request: PartnershipRequest, partnership) -> HttpResponse:
    require_business_unit(request, partnership)
    return form_page(
        request,
        form=EscalationForm(request.POST or None, partnership=partnership),
        template="core/form_page.html",
        save=lambda data: services.escalation_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda e: page_url("escalation", partnership, pk=e.pk),
        message="The escalation has been recorded.",
        context={"title": "Record an escalation", "back": page_url("escalations", partnership)},
    )


@partnership_page
def escalation_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    _escalation_reader(request, partnership)
    escalation = selectors.escalation_get(user=request.user, partnership=partnership, pk=pk)
    return render(
        request,
        "governance/escalation_detail.html",
        {
            "partnership": partnership,
            "escalation": escalation,
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def escalation_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    require_business_unit(request, partnership)
    escalation = selectors.escalation_get(user=request.user, partnership=partnership, pk=pk)
    back = page_url("escalation", partnership, pk=escalation.pk)
    initial = {
        n: getattr(escalation, n) for n in ("handling", "resolved_on", "resolution", "version")
    }
    return form_page(
        request,
        form=EscalationUpdateForm(request.POST or None, initial=initial),
        template="core/form_page.html",
        save=lambda data: services.escalation_update(
            actor=request.user, escalation=escalation, expected_version=data.pop("version"), **data
        ),
        success=lambda _: back,
        message="The escalation has been saved.",
        context={"title": "Handling and resolution", "back": back},
    )
