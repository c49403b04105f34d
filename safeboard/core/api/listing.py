"""Lists in the API: paged, searched and ordered like the list pages, by the same columns.

`?q=` searches, `?ordering=name` or `?ordering=-name` orders by one of the page's sortable
columns, `?page=` and `?page_size=` page. The total counts only what the selector returned,
so it never counts what the person may not see.
"""

from collections.abc import Sequence

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import pagination

from ..listing import Column
from .restricted import RestrictedApi

MAX_PAGE_SIZE = 100


class Pages(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


def search_of(request) -> str:
    return request.query_params.get("q", "").strip()


def ordered(request, queryset: QuerySet, columns: Sequence[Column], default: str) -> QuerySet:
    """Order by the column named in `?ordering=`, or by `default` when it names none."""
    by_key = {column.key: column.sort for column in columns if column.sort}
    asked = request.query_params.get("ordering", default)
    key = asked.lstrip("-")
    if key not in by_key:
        asked, key = default, default.lstrip("-")
    sign = "-" if asked.startswith("-") else ""
    return queryset.order_by(f"{sign}{by_key[key]}", "pk")


def paged(view, request, queryset: QuerySet, output):
    """One page of `queryset`, drawn by the serializer class `output`, with the total.
    A list of restricted records names the page it returns for the access event."""
    pages = Pages()
    page = pages.paginate_queryset(queryset, request, view=view) or []
    if isinstance(view, RestrictedApi):
        view.shown(*page)
    return pages.get_paginated_response(output(page, many=True, context={"request": request}).data)


def list_parameters(columns: Sequence[Column], search: str | None) -> list[OpenApiParameter]:
    """The schema's description of a list's query: search (if any) and ordering."""
    keys = [column.key for column in columns if column.sort]
    parameters = [
        OpenApiParameter(
            "ordering",
            OpenApiTypes.STR,
            enum=[*keys, *(f"-{key}" for key in keys)],
            description="Order by this field; a leading minus reverses the order.",
        )
    ]
    if search:
        parameters.append(OpenApiParameter("q", OpenApiTypes.STR, description=search))
    return parameters
