"""The public page of a partnership's case reviews: published reviews and counts only."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import selectors
from ..analytics import decision_table


def published(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = selectors.public_partnership_get(slug=slug)
    years = selectors.decision_counts_by_year(partnership=partnership)
    return render(
        request,
        "reviews/public.html",
        {
            "partnership": partnership,
            "reviews": selectors.published_reviews(partnership=partnership),
            "table": decision_table(years, labels=selectors.DECISION_LABELS),
        },
    )
