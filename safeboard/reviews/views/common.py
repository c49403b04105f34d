"""What the case review pages share: who may read and write, and access-audited listings."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from safeboard.core.access import require
from safeboard.core.listing import Column, listing_or_export
from safeboard.core.restricted import shown

from .. import rules, selectors


def writer(request: HttpRequest, partnership) -> None:
    """Others than the case review roles find nothing (404); the chair and the scrutineer
    read but may not change (403)."""
    selectors.require_reader(request.user, partnership)
    require(rules.can_write(request.user, partnership))


def url(name: str, partnership, **kwargs: Any) -> str:
    return reverse(f"reviews:{name}", kwargs={"slug": partnership.slug, **kwargs})


def audited_listing(
    request: HttpRequest,
    queryset: QuerySet,
    columns: Sequence[Column],
    *,
    default_sort: str,
    filename: str,
    restricted: Callable[[Any], Sequence[Any]] = lambda item: [item],
    link: Callable[[Any], str] | None = None,
):
    """A listing (or its export) whose restricted records are named in the access event:
    every row of an export, or the rows of the page shown."""
    result = listing_or_export(
        request, queryset, columns, default_sort=default_sort, filename=filename, link=link
    )
    items = queryset if isinstance(result, HttpResponse) else result.page.object_list
    for item in items:
        shown(request, *(record for record in restricted(item) if record is not None))
    return result


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def day(value) -> str:
    return f"{value:%-d %B %Y}" if value else ""
