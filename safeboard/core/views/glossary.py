from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .. import services
from ..access import require
from ..forms import GlossaryTermEditForm, GlossaryTermForm
from ..listing import Column
from ..rules import can_manage
from ..selectors import glossary_list, glossary_term_get
from .base import PartnershipRequest, form_page, list_page, partnership_page

GLOSSARY_COLUMNS = [
    Column("term", "Term", lambda t: t.term, sort="term", casefold=True),
    Column("meaning", "Meaning", lambda t: t.meaning, sort="meaning", casefold=True),
    Column(
        "former_term", "Former term", lambda t: t.former_term, sort="former_term", casefold=True
    ),
]


def _list_url(partnership) -> str:
    return reverse("core:glossary", kwargs={"slug": partnership.slug})


def _edit_link(request, partnership):
    if not can_manage(request.user, partnership.pk):
        return None
    return lambda entry: reverse(
        "core:glossary-edit", kwargs={"slug": partnership.slug, "pk": entry.pk}
    )


@partnership_page
def glossary_page(request: PartnershipRequest, partnership) -> HttpResponse:
    return list_page(
        request,
        items=lambda search: glossary_list(
            user=request.user, partnership=partnership, search=search
        ),
        columns=GLOSSARY_COLUMNS,
        template="core/glossary.html",
        default_sort="term",
        filename=f"{partnership.slug}-glossary",
        link=_edit_link(request, partnership),
        context={
            "partnership": partnership,
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def glossary_create(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    return form_page(
        request,
        form=GlossaryTermForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.glossary_term_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda _: _list_url(partnership),
        message=lambda entry: f"“{entry.term}” has been added to the glossary.",
        context={"title": "Add a glossary term", "back": _list_url(partnership)},
    )


@partnership_page
def glossary_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    entry = glossary_term_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    initial = {
        "term": entry.term,
        "meaning": entry.meaning,
        "former_term": entry.former_term,
        "version": entry.version,
    }
    return form_page(
        request,
        form=GlossaryTermEditForm(request.POST or None, initial=initial),
        template="core/form_page.html",
        save=lambda data: services.glossary_term_update(
            actor=request.user, entry=entry, expected_version=data.pop("version"), **data
        ),
        success=lambda _: _list_url(partnership),
        message="The glossary term has been saved.",
        context={
            "title": f"Change “{entry.term}”",
            "back": _list_url(partnership),
            "entry": entry,
            "aside": "core/includes/glossary_delete_link.html",
        },
    )


@partnership_page
def glossary_delete(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    entry = glossary_term_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    if request.method == "POST":
        services.glossary_term_delete(actor=request.user, entry=entry)
        messages.success(request, f"“{entry.term}” has been removed from the glossary.")
        return redirect(_list_url(partnership))
    return render(
        request,
        "core/confirm.html",
        {
            "partnership": partnership,
            "title": f"Remove “{entry.term}” from the glossary?",
            "button": "Remove term",
            "back": _list_url(partnership),
        },
    )
