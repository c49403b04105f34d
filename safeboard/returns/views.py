"""The business unit's pages: returns received, uploading one, and what they compute."""

from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safeboard.core.access import require
from safeboard.core.listing import Column
from safeboard.core.views.base import PartnershipRequest, form_page, list_page, partnership_page
from safeboard.performance.models import Area
from safeboard.performance.selectors import area_title

from . import selectors, services
from .councils import OwnCodes, by_ons_code, described
from .figures import COMPUTED_SOURCE
from .forms import FigureFilterForm, ReturnUploadForm
from .indicators import DEFINITIONS
from .rules import can_manage
from .selectors import FigureFilter

INGEST_COLUMNS = [
    Column("file_name", "File", lambda i: i.file_name, sort="file_name"),
    Column("kind", "Return", lambda i: i.get_kind_display() or "Not yet known", sort="kind"),
    Column("la", "Council", lambda i: i.la, sort="la"),
    Column("year", "Year", lambda i: i.year_label, sort="year"),
    Column("status", "Status", lambda i: i.get_status_display(), sort="status"),
    Column("children", "Children or rows", lambda i: i.children, sort="children", numeric=True),
    Column("submitted_at", "Received", lambda i: i.submitted_at, sort="submitted_at"),
    Column("submitted_by", "By", lambda i: i.submitted_by_name, sort="submitted_by_name"),
]


def _detail_url(partnership, ingest) -> str:
    return reverse("returns:ingest-detail", kwargs={"slug": partnership.slug, "pk": ingest.pk})


@partnership_page
def ingest_list_page(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    return list_page(
        request,
        items=lambda search: selectors.ingest_list(
            user=request.user, partnership=partnership, search=search
        ),
        columns=INGEST_COLUMNS,
        template="returns/ingest_list.html",
        default_sort="-submitted_at",
        filename=f"{partnership.slug}-returns",
        link=lambda ingest: _detail_url(partnership, ingest),
        context={"partnership": partnership},
    )


@partnership_page
def ingest_upload(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    form = ReturnUploadForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form=form,
        template="returns/upload.html",
        save=lambda data: services.ingest_submit(
            actor=request.user,
            partnership=partnership,
            upload=data["file"],
            la=data["la"] or "",
            year=data["year"],
        ),
        success=lambda done: _detail_url(partnership, done[0]),
        message=lambda done: (
            "The file has been received and is being read."
            if done[1]
            else "This file had already been received: nothing was read again."
        ),
        context={
            "title": "Upload a statutory return",
            "back": reverse("returns:ingest-list", kwargs={"slug": partnership.slug}),
        },
    )


@partnership_page
def ingest_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    ingest = selectors.ingest_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    return render(
        request,
        "returns/ingest_detail.html",
        {"partnership": partnership, "ingest": ingest, "counts": sorted(ingest.counts.items())},
    )


FIGURE_FILTERS = ("la", "indicator", "area", "year")


def figure_columns(ours: OwnCodes) -> list[Column]:
    return [
        Column("indicator", "Indicator", lambda o: o.indicator.name, sort="indicator__position"),
        Column("area", "Area", lambda o: o.get_area_display(), sort="area"),
        Column("where", "Council or region", lambda o: _where(o, ours), sort="area_code"),
        Column(
            "period",
            "Period",
            lambda o: o.period_label,
            sort="start_year",
            then=("quarter",),  # the year, then its quarters in order
        ),
        Column("value", "Value", lambda o: _plain(o.value), sort="value", numeric=True),
        Column("unit", "Unit", lambda o: o.indicator.get_unit_display()),
        Column("numerator", "Numerator", lambda o: _plain(o.numerator), numeric=True),
        Column("denominator", "Denominator", lambda o: _plain(o.denominator), numeric=True),
        Column("files", "Returns", lambda o: o.file_name),
        Column("note", "Note", lambda o: o.note),
    ]


def _where(observation, ours: OwnCodes) -> str:
    """The council by name and both its codes, or the region, England or neighbours."""
    if observation.area in (Area.LOCAL, Area.AUTHORITY):
        code = observation.area_code or ours.code_in(observation.start_year)
        council = by_ons_code(code, observation.start_year)
        return described(council) if council else code
    name = area_title(observation.area, observation.area_code)
    return f"{name} ({observation.area_code})" if observation.area_code else name


def _plain(number: Decimal | None) -> Decimal | str:
    """A stored figure without the zeros its column pads it with: 0.75, not 0.7500."""
    if number is None:
        return ""
    whole = number == number.to_integral_value()
    return number.quantize(Decimal(1)) if whole else number.normalize()


@partnership_page
def results_page(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    if request.method == "POST":
        services.recompute_later(partnership_id=partnership.pk)
        messages.success(
            request,
            "The indicators will be recomputed from the returns in the background: "
            "refresh this page in a minute.",
        )
        return redirect(reverse("returns:results", kwargs={"slug": partnership.slug}))
    asking = {"user": request.user, "partnership": partnership}
    indicators = selectors.returns_indicators(**asking)
    form = FigureFilterForm(
        request.GET or None,
        indicators=[indicator for _name, found in indicators for indicator in found],
        years=selectors.computed_years(**asking),
    )
    only = form.chosen
    found = selectors.computed_figure_list(**asking, only=only or FigureFilter())
    if only is None:  # filters that make no sense find nothing; the form says why
        found = found.none()
    return list_page(
        request,
        items=found,
        columns=figure_columns(selectors.own_codes(**asking)),
        template="returns/results.html",
        default_sort="-period",
        filename=f"{partnership.slug}-returns-figures",
        filters=FIGURE_FILTERS,
        context={
            "partnership": partnership,
            "form": form,
            "definitions": DEFINITIONS.values(),
            "source": COMPUTED_SOURCE,
            "latest": selectors.latest_recompute(**asking),
            "indicators": indicators,
        },
    )
