"""List pages: sort by a column, page through, and export what the person sees.

A list page declares its columns once; the same columns draw the table and the CSV and
XLSX exports, so an export never shows a column the page does not.
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from openpyxl import Workbook

PAGE_SIZE = 25
EXPORT_FORMATS = ("csv", "xlsx")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[Any], Any]
    sort: str | None = None  # the ORM field this column sorts by, if it sorts
    numeric: bool = False
    casefold: bool = False  # sort text as a reader would: "National" before "NHS"
    then: tuple[str, ...] = ()  # further fields ordering the rows `sort` leaves tied


def neutralise(value: Any) -> Any:
    """A spreadsheet must never run a cell as a formula: prefix such text with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Listing:
    page: Page
    columns: Sequence[Column]
    sort: str
    descending: bool
    query: dict[str, str]
    link: Callable[[Any], str] | None = None

    @property
    def rows(self) -> list[tuple[str | None, list[Any]]]:
        """Each row: the address of its record's page (if any), and its cells."""
        return [
            (
                self.link(item) if self.link else None,
                [column.value(item) for column in self.columns],
            )
            for item in self.page
        ]

    @property
    def table_rows(self) -> list[tuple[str | None, list[tuple[Any, bool]]]]:
        """The rows as the table shows them: each cell with whether it is a number (set
        to the right, as its column's header is)."""
        numeric = [column.numeric for column in self.columns]
        return [(link, list(zip(cells, numeric, strict=True))) for link, cells in self.rows]

    def sort_link(self, column: Column) -> str:
        descending = column.key == self.sort and not self.descending
        return "?" + urlencode({**self.query, "sort": ("-" if descending else "") + column.key})

    def aria_sort(self, column: Column) -> str:
        if column.key != self.sort:
            return "none"
        return "descending" if self.descending else "ascending"

    def page_link(self, number: int) -> str:
        sort = ("-" if self.descending else "") + self.sort
        return "?" + urlencode({**self.query, "sort": sort, "page": number})

    def export_link(self, fmt: str) -> str:
        sort = ("-" if self.descending else "") + self.sort
        return "?" + urlencode({**self.query, "sort": sort, "export": fmt})

    @property
    def export_csv(self) -> str:
        return self.export_link("csv")

    @property
    def export_xlsx(self) -> str:
        return self.export_link("xlsx")

    @property
    def headers(self) -> list[dict[str, Any]]:
        return [
            {
                "column": column,
                "link": self.sort_link(column) if column.sort else None,
                "aria_sort": self.aria_sort(column) if column.sort else None,
            }
            for column in self.columns
        ]


def build_listing(
    request: HttpRequest,
    queryset: QuerySet,
    columns: Sequence[Column],
    *,
    default_sort: str,
    filters: Iterable[str] = ("q",),
    link: Callable[[Any], str] | None = None,
) -> Listing:
    requested = request.GET.get("sort", default_sort)
    descending = requested.startswith("-")
    key = requested.lstrip("-")
    by_key = {c.key: c for c in columns if c.sort}
    if key not in by_key:
        key, descending = default_sort.lstrip("-"), default_sort.startswith("-")
    column = by_key[key]
    assert column.sort is not None
    first = Lower(column.sort) if column.casefold else F(column.sort)
    expressions = [first, *(F(name) for name in column.then)]
    ordered = queryset.order_by(*(e.desc() if descending else e.asc() for e in expressions), "pk")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {name: request.GET[name] for name in filters if request.GET.get(name)}
    return Listing(
        page=page, columns=columns, sort=key, descending=descending, query=query, link=link
    )


def export_response(
    fmt: str, *, filename: str, columns: Sequence[Column], items: Iterable[Any]
) -> HttpResponse:
    header = [column.label for column in columns]
    rows = ([neutralise(column.value(item)) for column in columns] for item in items)
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=filename[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def listing_or_export(
    request: HttpRequest,
    queryset: QuerySet,
    columns: Sequence[Column],
    *,
    default_sort: str,
    filename: str,
    filters: Iterable[str] = ("q",),
    link: Callable[[Any], str] | None = None,
) -> Listing | HttpResponse:
    """The page's listing, or — when `?export=csv|xlsx` — every matching row as a file."""
    listing = build_listing(
        request, queryset, columns, default_sort=default_sort, filters=filters, link=link
    )
    fmt = request.GET.get("export")
    if fmt in EXPORT_FORMATS:
        return export_response(
            fmt, filename=filename, columns=columns, items=listing.page.paginator.object_list
        )
    return listing
