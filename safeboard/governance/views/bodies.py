"""Pages of bodies and their seats."""

from django.http import HttpResponse
from django.shortcuts import render

from safeboard.core.access import require
from safeboard.core.selectors import arrangement_list
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page

from .. import selectors, services
from ..forms import BodyCreateForm, BodyForm, JointBodyCreateForm, SeatCreateForm, SeatForm
from ..rules import can_manage, can_manage_body, can_read_escalations, can_run_meetings
from .common import page_url, require_business_unit, shared_warning


@partnership_page
def body_list(request: PartnershipRequest, partnership) -> HttpResponse:
    return render(
        request,
        "governance/body_list.html",
        {
            "partnership": partnership,
            "bodies": selectors.body_list(user=request.user, partnership=partnership),
            "arrangements": arrangement_list(user=request.user, partnership=partnership),
            "can_manage": can_manage(request.user, partnership.pk),
            "can_read_escalations": can_read_escalations(request.user, partnership),
        },
    )


@partnership_page
def body_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, pk=pk)
    return render(
        request,
        "governance/body_detail.html",
        {
            "partnership": partnership,
            "body": body,
            "seats": selectors.seat_list(body=body, active_only=False),
            "meetings": selectors.meeting_list(
                user=request.user, partnership=partnership, body=body
            ),
            "children": selectors.body_list(user=request.user, partnership=partnership).filter(
                parent=body
            ),
            "serves": selectors.body_partnerships(body) if body.is_joint else [],
            "can_manage": can_manage_body(request.user, body),
            "can_run": can_run_meetings(request.user, body),
        },
    )


def _body_form(request, partnership, body=None):
    bodies = selectors.body_list(user=request.user, partnership=partnership)
    if body is None:
        people = selectors.seat_holders(partnership)
        agencies = selectors.seat_agencies(partnership)
        arrangements = arrangement_list(user=request.user, partnership=partnership)
        if arrangements:
            return JointBodyCreateForm(
                request.POST or None,
                people=people,
                agencies=agencies,
                bodies=bodies,
                arrangements=arrangements,
            )
        return BodyCreateForm(request.POST or None, people=people, agencies=agencies, bodies=bodies)
    initial = {
        name: getattr(body, name)
        for name in (
            "name",
            "short_name",
            "parent",
            "purpose",
            "chair",
            "frequency",
            "terms_of_reference",
            "quorum_seats",
            "version",
        )
    }
    initial["quorum_agencies"] = list(body.quorum_agencies.all())
    return BodyForm(
        request.POST or None,
        initial=initial,
        people=selectors.seat_holders(partnership, keeping=[body.chair_id]),
        agencies=selectors.seat_agencies(
            partnership, keeping=[a.pk for a in initial["quorum_agencies"]]
        ),
        bodies=bodies.filter(partnership=body.partnership, arrangement=body.arrangement).exclude(
            pk=body.pk
        ),
    )


def _body_create(actor, partnership, data):
    arrangement = data.pop("arrangement", None)
    if arrangement is not None:
        return services.body_create(actor=actor, arrangement=arrangement, **data)
    return services.body_create(actor=actor, partnership=partnership, **data)


@partnership_page
def body_create(request: PartnershipRequest, partnership) -> HttpResponse:
    require_business_unit(request, partnership)
    return form_page(
        request,
        form=_body_form(request, partnership),
        template="core/form_page.html",
        save=lambda data: _body_create(request.user, partnership, data),
        success=lambda body: page_url("body", partnership, pk=body.pk),
        message=lambda body: f"{body.name} has been added.",
        context={
            "title": "Add a board, subgroup or panel",
            "back": page_url("bodies", partnership),
        },
    )


@partnership_page
def body_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage_body(request.user, body))
    back = page_url("body", partnership, pk=body.pk)
    return form_page(
        request,
        form=_body_form(request, partnership, body),
        template="core/form_page.html",
        save=lambda data: services.body_update(
            actor=request.user, body=body, expected_version=data.pop("version"), **data
        ),
        success=lambda _: back,
        message="The body's details have been saved.",
        context={"title": f"Change {body.name}", "back": back, "intro": shared_warning(body)},
    )


@partnership_page
def seat_create(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage_body(request.user, body))
    back = page_url("body", partnership, pk=body.pk)
    form = SeatCreateForm(
        request.POST or None,
        people=selectors.seat_holders(partnership),
        agencies=selectors.seat_agencies(partnership),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.seat_create(actor=request.user, body=body, **data),
        success=lambda _: back,
        message="The seat has been added.",
        context={
            "title": f"Add a seat on {body.name}",
            "back": back,
            "intro": shared_warning(body),
        },
    )


@partnership_page
def seat_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    seat = selectors.seat_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage_body(request.user, seat.body))
    back = page_url("body", partnership, pk=seat.body_id)
    initial = {
        name: getattr(seat, name)
        for name in (
            "position",
            "agency",
            "is_essential",
            "representative",
            "deputy",
            "role",
            "is_active",
            "version",
        )
    }
    holders = [seat.representative_id, seat.deputy_id]
    return form_page(
        request,
        form=SeatForm(
            request.POST or None,
            initial=initial,
            people=selectors.seat_holders(partnership, keeping=holders),
            agencies=selectors.seat_agencies(partnership, keeping=[seat.agency_id]),
        ),
        template="core/form_page.html",
        save=lambda data: services.seat_update(
            actor=request.user, seat=seat, expected_version=data.pop("version"), **data
        ),
        success=lambda _: back,
        message="The seat has been saved.",
        context={
            "title": f"Change the seat: {seat}",
            "back": back,
            "intro": shared_warning(seat.body),
        },
    )
