"""The partnership's case review settings: children's names, and local closure days."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from safeboard.core.restricted import restricted_page
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page

from .. import rules, selectors, services
from ..forms import ClosureDayForm, SettingsForm
from .common import url, writer


@partnership_page
@restricted_page
def settings_page(request: PartnershipRequest, partnership) -> HttpResponse:
    return render(
        request,
        "reviews/settings.html",
        {
            "partnership": partnership,
            "settings": selectors.settings_of(partnership),
            "closure_days": selectors.closure_day_list(user=request.user, partnership=partnership),
            "can_write": rules.can_write(request.user, partnership),
        },
    )


@partnership_page
@restricted_page
def settings_edit(request: PartnershipRequest, partnership) -> HttpResponse:
    writer(request, partnership)
    current = selectors.settings_of(partnership)
    initial = {"records_child_names": current.records_child_names, "version": current.version}
    return form_page(
        request,
        form=SettingsForm(request.POST or None, initial=initial),
        template="core/form_page.html",
        save=lambda data: services.settings_update(
            actor=request.user,
            partnership=partnership,
            expected_version=data["version"],
            records_child_names=data["records_child_names"],
        ),
        success=lambda _: url("settings", partnership),
        message="The case review settings have been saved.",
        context={"title": "Children's names on referrals", "back": url("settings", partnership)},
    )


@partnership_page
@restricted_page
def closure_day_add(request: PartnershipRequest, partnership) -> HttpResponse:
    writer(request, partnership)
    return form_page(
        request,
        form=ClosureDayForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.closure_day_add(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda _: url("settings", partnership),
        message="The closure day has been added. The statutory clocks skip it.",
        context={"title": "Add a local closure day", "back": url("settings", partnership)},
    )


@partnership_page
@restricted_page
def closure_day_remove(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    closure = selectors.closure_day_get(user=request.user, partnership=partnership, pk=pk)
    writer(request, partnership)
    if request.method == "POST":
        services.closure_day_remove(actor=request.user, closure=closure)
        messages.success(request, "The closure day has been removed.")
        return redirect(url("settings", partnership))
    return render(
        request,
        "core/confirm.html",
        {
            "partnership": partnership,
            "title": f"Remove the closure day {closure}?",
            "button": "Remove closure day",
            "back": url("settings", partnership),
        },
    )
