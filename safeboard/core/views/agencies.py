from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .. import services
from ..access import require
from ..forms import AgencyEditForm, AgencyForm, AgencyJoinForm
from ..listing import Column, listing_or_export
from ..rules import can_manage
from ..selectors import agency_get, agency_list, membership_list
from .base import PartnershipRequest, form_page, partnership_page

AGENCY_COLUMNS = [
    Column("name", "Name", lambda a: a.name, sort="name", casefold=True),
    Column("short_name", "Short name", lambda a: a.short_name, sort="short_name", casefold=True),
    Column("sector", "Sector", lambda a: a.get_sector_display(), sort="sector"),
    Column(
        "statutory",
        "Statutory partner",
        lambda a: "Yes" if a.is_statutory_partner else "No",
        sort="is_statutory_partner",
    ),
    Column("status", "Status", lambda a: "Active" if a.is_active else "Inactive", sort="is_active"),
]


def _agency_url(partnership, agency) -> str:
    return reverse("core:agency-detail", kwargs={"slug": partnership.slug, "pk": agency.pk})


@partnership_page
def agency_list_page(request: PartnershipRequest, partnership) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    agencies = agency_list(user=request.user, partnership=partnership, search=search)
    result = listing_or_export(
        request,
        agencies,
        AGENCY_COLUMNS,
        default_sort="name",
        filename=f"{partnership.slug}-agencies",
        link=lambda agency: _agency_url(partnership, agency),
    )
    if isinstance(result, HttpResponse):
        return result
    return render(
        request,
        "core/agency_list.html",
        {
            "partnership": partnership,
            "listing": result,
            "search": search,
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def agency_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    agency = agency_get(user=request.user, partnership=partnership, pk=pk)
    people = membership_list(user=request.user, partnership=partnership, agency_id=agency.pk)
    return render(
        request,
        "core/agency_detail.html",
        {
            "partnership": partnership,
            "agency": agency,
            "people": people,
            "other_partnerships": agency.partnerships.exclude(pk=partnership.pk),
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def agency_create(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    form = AgencyForm(request.POST or None)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.agency_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda agency: _agency_url(partnership, agency),
        message=lambda agency: f"{agency.name} has been added.",
        context={
            "title": "Add an agency",
            "back": reverse("core:agency-list", kwargs={"slug": partnership.slug}),
            "aside": "core/includes/agency_join_hint.html",
        },
    )


@partnership_page
def agency_join(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    form = AgencyJoinForm(request.POST or None, partnership=partnership)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.agency_join(
            actor=request.user, partnership=partnership, agency=data["agency"]
        ),
        success=lambda agency: _agency_url(partnership, agency),
        message=lambda agency: f"{agency.name} now serves {partnership.name} too.",
        context={
            "title": "Add an agency that serves another partnership",
            "back": reverse("core:agency-list", kwargs={"slug": partnership.slug}),
        },
    )


@partnership_page
def agency_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    agency = agency_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    initial = {field: getattr(agency, field) for field in AgencyEditForm.base_fields}
    form = AgencyEditForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.agency_update(
            actor=request.user,
            partnership=partnership,
            agency=agency,
            expected_version=data.pop("version"),
            **data,
        ),
        success=lambda _: _agency_url(partnership, agency),
        message="The agency's details have been saved.",
        context={"title": f"Change {agency.name}", "back": _agency_url(partnership, agency)},
    )
