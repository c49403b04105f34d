from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .. import services
from ..access import require
from ..forms import LaCodeForm, NeighboursForm, PartnershipCreateForm, PartnershipForm
from ..listing import Column
from ..periods import FinancialYear
from ..rules import can_create_partnership, can_found_partnership, can_manage
from ..selectors import agency_list, glossary_list, membership_list, partnership_list
from .base import PartnershipRequest, SignedInRequest, form_page, list_page, partnership_page

PARTNERSHIP_COLUMNS = [
    Column("name", "Name", lambda p: p.name, sort="name", casefold=True),
    Column("region", "Region", lambda p: p.get_region_display(), sort="region"),
    Column("la_code", "Local authority code", lambda p: p.current_la_code or ""),
]


@login_required
def partnership_create(request: SignedInRequest) -> HttpResponse:
    """A business unit sets up a new partnership, and becomes its first business unit member.
    So does the founder of a new installation, who has no partnership yet."""
    require(can_create_partnership(request.user) or can_found_partnership(request.user))
    form = PartnershipCreateForm(request.POST or None)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.partnership_create(actor=request.user, **data),
        success=lambda p: reverse("core:dashboard", kwargs={"slug": p.slug}),
        message=lambda p: f"{p.name} has been set up. You are its business unit.",
        context={
            "title": "Set up a partnership",
            "button": "Set up partnership",
            "back": reverse("core:home"),
        },
    )


@login_required
def partnership_list_page(request: SignedInRequest) -> HttpResponse:
    """The partnerships the person belongs to."""
    return list_page(
        request,
        items=lambda search: partnership_list(user=request.user, search=search),
        columns=PARTNERSHIP_COLUMNS,
        template="core/partnership_list.html",
        default_sort="name",
        filename="partnerships",
        link=lambda p: reverse("core:dashboard", kwargs={"slug": p.slug}),
        context={"can_create": can_create_partnership(request.user)},
    )


@partnership_page
def dashboard(request: PartnershipRequest, partnership) -> HttpResponse:
    return render(
        request,
        "core/dashboard.html",
        {
            "partnership": partnership,
            "agency_count": agency_list(
                user=request.user, partnership=partnership, include_inactive=False
            ).count(),
            "people_count": membership_list(user=request.user, partnership=partnership)
            .filter(is_active=True)
            .count(),
            "glossary_count": glossary_list(user=request.user, partnership=partnership).count(),
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def partnership_settings(request: PartnershipRequest, partnership) -> HttpResponse:
    return render(
        request,
        "core/partnership_settings.html",
        {
            "partnership": partnership,
            "la_codes": [(FinancialYear(c.from_year), c.code) for c in partnership.la_codes.all()],
            "neighbours": _neighbours_by_year(partnership),
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


def _neighbours_by_year(partnership) -> list[tuple[FinancialYear, list]]:
    years: dict[int, list] = {}
    for neighbour in partnership.statistical_neighbours.all():
        years.setdefault(neighbour.year, []).append(neighbour)
    return [(FinancialYear(year), rows) for year, rows in sorted(years.items(), reverse=True)]


def _settings_url(partnership) -> str:
    return reverse("core:partnership-settings", kwargs={"slug": partnership.slug})


@partnership_page
def partnership_edit(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    initial = {
        "name": partnership.name,
        "region": partnership.region,
        "version": partnership.version,
    }
    form = PartnershipForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.partnership_update(
            actor=request.user,
            partnership=partnership,
            expected_version=data["version"],
            name=data["name"],
            region=data["region"],
        ),
        success=lambda _: _settings_url(partnership),
        message="The partnership's details have been saved.",
        context={"title": "Change the partnership's details", "back": _settings_url(partnership)},
    )


@partnership_page
def la_code_add(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    form = LaCodeForm(request.POST or None)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.la_code_set(actor=request.user, partnership=partnership, **data),
        success=lambda _: _settings_url(partnership),
        message="The local authority code has been recorded.",
        context={"title": "Record a local authority code", "back": _settings_url(partnership)},
    )


@partnership_page
def neighbours_set(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    form = NeighboursForm(request.POST or None)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.statistical_neighbours_set(
            actor=request.user,
            partnership=partnership,
            year=data["year"],
            neighbours=data["neighbours"],
        ),
        success=lambda _: _settings_url(partnership),
        message="The statistical neighbours have been saved.",
        context={
            "title": "Set a year's statistical neighbours",
            "back": _settings_url(partnership),
        },
    )
