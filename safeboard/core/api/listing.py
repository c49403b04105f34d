"""Lists in the API: paged, searched and ordered like the list pages, by the same columns.

`?q=` searches, `?ordering=name` or `?ordering=-name` orders by one of the page's sortable
columns, `?page=` and `?page_size=` page. The total counts only what the selector returned,
so it never counts what the person may not see. A value none of these can take is refused
(400, naming the parameter), never read as if it had not been given.
"""

from collections.abc import Iterable, Sequence

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, pagination, serializers

from ..listing import Column
from .restricted import RestrictedApi

MAX_PAGE_SIZE = 100
# The largest id a record can have (a 64-bit integer); a larger one names no record.
MAX_ID = 2**63 - 1


class Pages(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def get_page_size(self, request) -> int:
        size = _whole_number(request, self.page_size_query_param, most=MAX_PAGE_SIZE)
        return size or self.page_size

    def get_page_number(self, request, paginator) -> int:
        number = _whole_number(request, self.page_query_param) or 1
        if number > paginator.num_pages:
            raise exceptions.NotFound(
                f"There is no page {number}: the last is page {paginator.num_pages}."
            )
        return number

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        parameters[-1]["schema"]["maximum"] = MAX_PAGE_SIZE
        return parameters


def _whole_number(request, name: str, most: int | None = None) -> int | None:
    """The whole number of 1 or more (and at most `most`) given as `?name=`, if given."""
    given = request.query_params.get(name)
    if given is None:
        return None
    try:
        return serializers.IntegerField(min_value=1, max_value=most).run_validation(given)
    except serializers.ValidationError as refused:
        raise serializers.ValidationError({name: refused.detail}) from refused


def record_id(help_text: str) -> serializers.IntegerField:
    """A filter naming a record by its id, within what a database can hold."""
    return serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, help_text=help_text
    )


def search_of(request) -> str:
    return request.query_params.get("q", "").strip()


def ordered(request, queryset: QuerySet, columns: Sequence[Column], default: str) -> QuerySet:
    """Order by the column named in `?ordering=` (400 if it names none), or by `default`."""
    by_key = {column.key: column.sort for column in columns if column.sort}
    asked = request.query_params.get("ordering", default)
    key = asked.removeprefix("-")
    if key not in by_key:
        choices = ", ".join(_orderings(columns))
        raise serializers.ValidationError(
            {"ordering": [f"“{asked}” is not a field to order by. Choose one of: {choices}."]}
        )
    sign = "-" if asked.startswith("-") else ""
    return queryset.order_by(f"{sign}{by_key[key]}", "pk")


def paged(view, request, items: QuerySet | Iterable, output, context: dict | None = None):
    """One page of `items`, drawn by the serializer class `output`, with the total.
    The view says it answers in pages by its `pagination_class`, which its schema reads, so
    an endpoint cannot answer a page where its schema promises a list. A list of restricted
    records names the page it returns for the access event."""
    pages = view.pagination_class()
    page = pages.paginate_queryset(items, request, view=view) or []
    if isinstance(view, RestrictedApi):
        view.shown(*page)
    drawn = output(page, many=True, context={"request": request, **(context or {})})
    return pages.get_paginated_response(drawn.data)


def list_parameters(columns: Sequence[Column], search: str | None) -> list[OpenApiParameter]:
    """The schema's description of a list's query: search (if any) and ordering."""
    parameters = [
        OpenApiParameter(
            "ordering",
            OpenApiTypes.STR,
            enum=_orderings(columns),
            description="Order by this field; a leading minus reverses the order.",
        )
    ]
    if search:
        parameters.append(OpenApiParameter("q", OpenApiTypes.STR, description=search))
    return parameters


def _orderings(columns: Sequence[Column]) -> list[str]:
    keys = [column.key for column in columns if column.sort]
    return [*keys, *(f"-{key}" for key in keys)]
