from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .. import services
from ..access import require
from ..forms import (
    AgencyDetailsForm,
    AgencyEditForm,
    AgencyForm,
    AgencyJoinForm,
    AgencyServiceEditForm,
    AgencyServiceForm,
    AgencyTermsForm,
)
from ..listing import Column
from ..rules import can_manage
from ..selectors import (
    agency_get,
    agency_joinable,
    agency_list,
    agency_partnerships_of,
    agency_service_get,
    agency_terms_of,
    membership_list,
)
from .base import PartnershipRequest, form_page, list_page, partnership_page

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
    return list_page(
        request,
        items=lambda search: agency_list(user=request.user, partnership=partnership, search=search),
        columns=AGENCY_COLUMNS,
        template="core/agency_list.html",
        default_sort="name",
        filename=f"{partnership.slug}-agencies",
        link=lambda agency: _agency_url(partnership, agency),
        context={
            "partnership": partnership,
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
            "other_partnerships": agency_partnerships_of(agency).exclude(pk=partnership.pk),
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
    form = AgencyJoinForm(request.POST or None, agencies=agency_joinable(partnership=partnership))
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.agency_join(actor=request.user, partnership=partnership, **data),
        success=lambda agency: _agency_url(partnership, agency),
        message=lambda agency: f"{agency.name} now serves {partnership.name} too.",
        context={
            "title": "Add an agency that serves another partnership",
            "back": reverse("core:agency-list", kwargs={"slug": partnership.slug}),
        },
    )


def _names(partnerships) -> str:
    names = [p.name for p in partnerships]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@partnership_page
def agency_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    """What belongs to the agency itself. Where it serves other partnerships, the first
    submit warns, naming every one of them, and asks to confirm; the second makes it."""
    agency = agency_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    initial = {field: getattr(agency, field) for field in AgencyDetailsForm.base_fields}
    form = AgencyEditForm(request.POST or None, initial={**initial, "version": agency.version})
    served = list(agency_partnerships_of(agency))
    context = {"title": f"Change {agency.name}", "back": _agency_url(partnership, agency)}
    if len(served) > 1:
        context["intro"] = (
            f"{agency.name} serves {len(served)} partnerships: {_names(served)}. "
            "Its name, short name and sector are the same for all of them."
        )

    def save(data: dict) -> object:
        try:
            return services.agency_update(
                actor=request.user,
                partnership=partnership,
                agency=agency,
                expected_version=data["version"],
                name=data["name"],
                short_name=data["short_name"],
                sector=data["sector"],
                confirmed_shared=data["confirm_shared"],
            )
        except services.SharedChangeUnconfirmed as warning:
            form.ask_to_confirm(len(warning.partnerships))
            context["button"] = "Confirm and save"
            raise

    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=save,
        success=lambda _: _agency_url(partnership, agency),
        message=(
            f"The agency's details have been saved for all {len(served)} partnerships."
            if len(served) > 1
            else "The agency's details have been saved."
        ),
        context=context,
    )


@partnership_page
def agency_terms_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    """What is this partnership's own about the agency: changed for it alone."""
    agency = agency_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    terms = agency_terms_of(agency, partnership)
    initial = {name: getattr(terms, name) for name in AgencyTermsForm.base_fields}
    form = AgencyTermsForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.agency_terms_update(
            actor=request.user, terms=terms, expected_version=data.pop("version"), **data
        ),
        success=lambda _: _agency_url(partnership, agency),
        message=f"How {agency.name} works with {partnership.name} has been saved.",
        context={
            "title": f"How {agency.name} works with us",
            "intro": f"These are {partnership.name}'s own: no other partnership sees a change.",
            "back": _agency_url(partnership, agency),
        },
    )


def _others_intro(agency, partnership) -> str | None:
    others = list(agency_partnerships_of(agency).exclude(pk=partnership.pk))
    if not others:
        return None
    return (
        f"{agency.name} also serves {_names(others)}. Its services are the same for every "
        "partnership it serves, and a change is written into each of their audit trails."
    )


@partnership_page
def agency_service_create(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    agency = agency_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    return form_page(
        request,
        form=AgencyServiceForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.agency_service_create(
            actor=request.user, partnership=partnership, agency=agency, **data
        ),
        success=lambda _: _agency_url(partnership, agency),
        message=lambda service: f"{service.name} has been added to {agency.name}.",
        context={
            "title": f"Add a service of {agency.name}",
            "intro": _others_intro(agency, partnership),
            "back": _agency_url(partnership, agency),
        },
    )


@partnership_page
def agency_service_edit(
    request: PartnershipRequest, partnership, pk: int, service_pk: int
) -> HttpResponse:
    agency = agency_get(user=request.user, partnership=partnership, pk=pk)
    service = agency_service_get(
        user=request.user, partnership=partnership, agency=agency, pk=service_pk
    )
    require(can_manage(request.user, partnership.pk))
    initial = {name: getattr(service, name) for name in AgencyServiceEditForm.base_fields}
    return form_page(
        request,
        form=AgencyServiceEditForm(request.POST or None, initial=initial),
        template="core/form_page.html",
        save=lambda data: services.agency_service_update(
            actor=request.user,
            partnership=partnership,
            service=service,
            expected_version=data.pop("version"),
            **data,
        ),
        success=lambda _: _agency_url(partnership, agency),
        message="The service has been saved.",
        context={
            "title": f"Change {service.name}",
            "intro": _others_intro(agency, partnership),
            "back": _agency_url(partnership, agency),
        },
    )
