"""The business unit's pages: returns received, uploading one, and what they compute."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safeboard.core.access import is_business_unit, require
from safeboard.core.listing import Column, listing_or_export
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page

from . import selectors, services
from .figures import COMPUTED_SOURCE
from .forms import ReturnUploadForm
from .indicators import DEFINITIONS

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
    require(is_business_unit(request.user, partnership.pk))
    search = request.GET.get("q", "").strip()
    ingests = selectors.ingest_list(user=request.user, partnership=partnership, search=search)
    result = listing_or_export(
        request,
        ingests,
        INGEST_COLUMNS,
        default_sort="-submitted_at",
        filename=f"{partnership.slug}-returns",
        link=lambda ingest: _detail_url(partnership, ingest),
    )
    if isinstance(result, HttpResponse):
        return result
    return render(
        request,
        "returns/ingest_list.html",
        {"partnership": partnership, "listing": result, "search": search},
    )


@partnership_page
def ingest_upload(request: PartnershipRequest, partnership) -> HttpResponse:
    require(is_business_unit(request.user, partnership.pk))
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
    require(is_business_unit(request.user, partnership.pk))
    return render(
        request,
        "returns/ingest_detail.html",
        {"partnership": partnership, "ingest": ingest, "counts": sorted(ingest.counts.items())},
    )


@partnership_page
def results_page(request: PartnershipRequest, partnership) -> HttpResponse:
    require(is_business_unit(request.user, partnership.pk))
    here = reverse("returns:results", kwargs={"slug": partnership.slug})
    if request.method == "POST":
        services.recompute_later(partnership_id=partnership.pk)
        messages.success(
            request,
            "The indicators will be recomputed from the returns in the background: "
            "refresh this page in a minute.",
        )
        return redirect(here)
    la = request.GET.get("la", "").strip() or None
    results = selectors.indicator_results(partnership, la=la)
    if not results and la:
        messages.info(request, f"No returns are loaded for council {la}.")
        return redirect(here)
    return render(
        request,
        "returns/results.html",
        {
            "partnership": partnership,
            "results": results,
            "names": {code: d.name for code, d in DEFINITIONS.items()},
            "definitions": DEFINITIONS.values(),
            "source": COMPUTED_SOURCE,
            "latest": selectors.latest_recompute(user=request.user, partnership=partnership),
            "indicators": selectors.returns_indicators(user=request.user, partnership=partnership),
        },
    )
