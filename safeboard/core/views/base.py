"""What every page of a partnership shares: the partnership in the address, forms and lists."""

from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..access import Place, scope_for
from ..forms import add_service_errors
from ..listing import Column, listing_or_export
from ..models import Partnership, Person
from ..restricted import shown
from ..selectors import partnership_get


class SignedInRequest(HttpRequest):
    """A request from a signed-in person (what `login_required` guarantees)."""

    user: Person


class PartnershipRequest(SignedInRequest):
    """A request to one of the person's partnerships (what `partnership_page` guarantees)."""

    partnership: Partnership
    place: Place


def partnership_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in required; the partnership in the address must be one of the person's (else 404)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        partnership = partnership_get(user=request.user, slug=slug)
        request.partnership = partnership  # type: ignore[attr-defined]
        request.place = scope_for(request.user).place(partnership.pk)  # type: ignore[attr-defined]
        return view(request, partnership, *args, **kwargs)

    return wrapper


def form_page(
    request: HttpRequest,
    *,
    form: BaseForm,
    template: str,
    save: Callable[[dict[str, Any]], Any],
    success: Callable[[Any], str],
    message: str | Callable[[Any], str],
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show a form; on a valid POST call the service, and on its refusal show why."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message(result) if callable(message) else message)
            return redirect(success(result))
    return render(request, template, {"form": form, **(context or {})})


def list_page(
    request: HttpRequest,
    *,
    items: QuerySet | Callable[[str], QuerySet],
    columns: Sequence[Column],
    template: str,
    default_sort: str,
    filename: str,
    filters: Iterable[str] = ("q",),
    link: Callable[[Any], str] | None = None,
    restricted: Callable[[Any], Sequence[Model | None]] | None = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show a sorted, paged list, or (on `?export=`) send every matching row as a file.

    `items` are the rows, or a search: given the words of `?q=`, the rows they find (the
    page then shows the words back as `search`). `restricted` names the restricted records
    a row shows, for the page's access event: the rows of the page, or every row exported.
    """
    context = dict(context or {})
    if callable(items):
        words = request.GET.get("q", "").strip()
        items, context["search"] = items(words), words
    result = listing_or_export(
        request,
        items,
        columns,
        default_sort=default_sort,
        filename=filename,
        filters=filters,
        link=link,
    )
    if restricted is not None:
        rows = items if isinstance(result, HttpResponse) else result.page.object_list
        for row in rows:
            shown(request, *(record for record in restricted(row) if record is not None))
    if isinstance(result, HttpResponse):
        return result
    return render(request, template, {"listing": result, **context})
