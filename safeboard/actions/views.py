from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safeboard.core.access import require
from safeboard.core.forms import add_service_errors
from safeboard.core.listing import Column
from safeboard.core.periods import FinancialYear, financial_year_of
from safeboard.core.uploads import download
from safeboard.core.views.base import PartnershipRequest, form_page, list_page, partnership_page

from . import selectors, services
from .forms import (
    ActionEditForm,
    ActionFilterForm,
    ActionUpdateForm,
    EvidenceForm,
    PriorityForm,
    RecommendationAndActionForm,
    RecommendationEditForm,
    TrackerSettingsForm,
)
from .rag import rules
from .rules import can_manage, can_update_action

FILTERS = ("q", "source", "theme", "agency", "status", "rag", "due_from", "due_to")


def _detail_url(partnership, action) -> str:
    return reverse("actions:detail", kwargs={"slug": partnership.slug, "pk": action.pk})


def columns_for(thresholds, on):
    """The list's columns; the API orders by the same sortable ones."""
    return [
        Column("description", "What will be done", lambda a: a.description, sort="description"),
        Column("theme", "Theme", lambda a: a.recommendation.theme, sort="recommendation__theme"),
        Column("source", "Source", lambda a: a.recommendation.source_kind),
        Column(
            "agency",
            "Owner agency",
            lambda a: a.owner_agency.display_name,
            sort="owner_agency__name",
        ),
        Column("owner", "Owner", lambda a: str(a.owner) if a.owner else ""),
        Column("due", "Due", lambda a: a.due_date, sort="due_date"),
        Column("status", "Status", lambda a: a.get_status_display(), sort="status"),
        Column(
            "rag",
            "RAG",
            lambda a: selectors.rag_of(a, thresholds=thresholds, on=on).label,
        ),
        Column("updated", "Last update", lambda a: a.last_update_on, sort="last_update_on"),
    ]


def _action_listing(request, partnership, *, title, filters, intro="", filename):
    """A list of actions, with the filter form, sortable columns and CSV/XLSX export."""
    form = ActionFilterForm(
        request.GET or None,
        sources=selectors.source_types(user=request.user, partnership=partnership),
        themes=selectors.themes(user=request.user, partnership=partnership),
        agencies=selectors.owner_agencies(user=request.user, partnership=partnership),
    )
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ActionFilters(
            search=data["q"].strip(),
            source_type=data["source"],
            theme=data["theme"],
            agency=filters.agency or data["agency"],
            status=data["status"],
            rag=data["rag"],
            due_from=data["due_from"],
            due_to=data["due_to"],
            overdue=filters.overdue,
        )
    actions = selectors.action_list(user=request.user, partnership=partnership, filters=filters)
    thresholds = selectors.thresholds_for(partnership)
    return list_page(
        request,
        items=actions,
        columns=columns_for(thresholds, selectors.today()),
        template="actions/action_list.html",
        default_sort="due",
        filename=filename,
        filters=FILTERS,
        link=lambda action: _detail_url(partnership, action),
        context={
            "partnership": partnership,
            "title": title,
            "intro": intro,
            "form": form,
            "search": request.GET.get("q", ""),
            "rules": rules(thresholds),
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def action_list_page(request: PartnershipRequest, partnership) -> HttpResponse:
    return _action_listing(
        request,
        partnership,
        title="All actions",
        filters=selectors.ActionFilters(),
        filename=f"{partnership.slug}-actions",
    )


@partnership_page
def my_agency_actions(request: PartnershipRequest, partnership) -> HttpResponse:
    agency_id = request.place.agency_id
    if agency_id is None:
        return render(request, "actions/no_agency.html", {"partnership": partnership}, status=200)
    return _action_listing(
        request,
        partnership,
        title="My agency's actions",
        filters=selectors.ActionFilters(agency=agency_id),
        filename=f"{partnership.slug}-my-agency-actions",
    )


@partnership_page
def overdue_actions(request: PartnershipRequest, partnership) -> HttpResponse:
    return _action_listing(
        request,
        partnership,
        title="Overdue actions",
        intro="Actions past their due date that are neither completed nor dropped.",
        filters=selectors.ActionFilters(overdue=True),
        filename=f"{partnership.slug}-overdue-actions",
    )


@partnership_page
def action_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    can_update = can_update_action(request.user, action)
    return _detail(request, partnership, action, can_update=can_update)


def _detail(request, partnership, action, *, can_update, update_form=None, evidence_form=None):
    thresholds = selectors.thresholds_for(partnership)
    if can_update and update_form is None:
        update_form = ActionUpdateForm(
            initial={
                "version": action.version,
                "status": action.status,
                "dropped_reason": action.dropped_reason,
                "what_was_done": action.what_was_done,
                "impact_on_children": action.impact_on_children,
                "evidence": action.evidence,
            },
            auto_id="update_%s",
        )
    return render(
        request,
        "actions/action_detail.html",
        {
            "partnership": partnership,
            "action": action,
            "rag": selectors.rag_of(action, thresholds=thresholds),
            "source": selectors.source_label(
                user=request.user, recommendation=action.recommendation
            ),
            "rules": rules(thresholds),
            "timeline": selectors.action_timeline(action=action),
            "files": action.files.all(),
            "can_update": can_update,
            "can_manage": can_manage(request.user, partnership.pk),
            "form": update_form,
            "evidence_form": evidence_form or (EvidenceForm() if can_update else None),
        },
        status=400 if (update_form and update_form.errors) or evidence_form else 200,
    )


@partnership_page
def action_record_update(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    require(can_update_action(request.user, action))
    if request.method != "POST":
        return redirect(_detail_url(partnership, action))
    form = ActionUpdateForm(request.POST, auto_id="update_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_record_update(
                actor=request.user,
                action=action,
                expected_version=data.pop("version"),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your update has been recorded.")
            return redirect(_detail_url(partnership, action))
    return _detail(request, partnership, action, can_update=True, update_form=form)


@partnership_page
def evidence_add(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    require(can_update_action(request.user, action))
    if request.method != "POST":
        return redirect(_detail_url(partnership, action))
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        services.evidence_add(actor=request.user, action=action, checked=form.cleaned_data["file"])
        messages.success(request, "The evidence has been added.")
        return redirect(_detail_url(partnership, action))
    return _detail(request, partnership, action, can_update=True, evidence_form=form)


@partnership_page
def evidence_file(request: PartnershipRequest, partnership, pk: int, file_pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    evidence = action.files.filter(pk=file_pk).first()
    if evidence is None:
        raise Http404("No such file")
    return download(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )


@partnership_page
def action_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    initial = {
        "description": action.description,
        "owner_agency": action.owner_agency_id,
        "owner": action.owner_id,
        "due_date": action.due_date,
        "version": action.version,
    }
    form = ActionEditForm(
        request.POST or None,
        initial=initial,
        partnership=partnership,
        agencies=selectors.owner_agencies(user=request.user, partnership=partnership),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.action_update(
            actor=request.user, action=action, expected_version=data.pop("version"), **data
        ),
        success=lambda _: _detail_url(partnership, action),
        message="The action has been saved.",
        context={"title": "Change the action", "back": _detail_url(partnership, action)},
    )


@partnership_page
def by_theme(request: PartnershipRequest, partnership) -> HttpResponse:
    source = request.GET.get("source", "")
    return render(
        request,
        "actions/by_theme.html",
        {
            "partnership": partnership,
            "groups": selectors.actions_by_theme(
                user=request.user,
                partnership=partnership,
                source_type=int(source) if source.isascii() and source.isdigit() else None,
            ),
        },
    )


# The business plan


def _plan_url(partnership, year: int | None = None) -> str:
    url = reverse("actions:plan", kwargs={"slug": partnership.slug})
    return f"{url}?year={FinancialYear(year).label}" if year else url


@partnership_page
def plan(request: PartnershipRequest, partnership) -> HttpResponse:
    years = selectors.plan_years(user=request.user, partnership=partnership)
    year = _chosen_year(request.GET.get("year", ""), years)
    thresholds = selectors.thresholds_for(partnership)
    return render(
        request,
        "actions/plan.html",
        {
            "partnership": partnership,
            "year": FinancialYear(year),
            "years": [FinancialYear(y) for y in years],
            "progress": selectors.plan_progress(
                user=request.user, partnership=partnership, year=year
            ),
            "rules": rules(thresholds),
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


def _chosen_year(label: str, years: list[int]) -> int:
    for year in years:
        if FinancialYear(year).label == label:
            return year
    return years[0] if years else financial_year_of(selectors.today()).start_year


@partnership_page
def priority_create(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    form = PriorityForm(request.POST or None)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.priority_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda priority: _plan_url(partnership, priority.year),
        message=lambda priority: f"Priority {priority.number} has been added.",
        context={"title": "Add a priority", "back": _plan_url(partnership)},
    )


@partnership_page
def planned_action_create(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    """A planned action under a priority: a recommendation sourced from the priority, with
    its action, in the one tracker."""
    priority = selectors.priority_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    return recommendation_with_action_page(
        request,
        partnership,
        source=priority,
        theme=priority.title,
        back=_plan_url(partnership, priority.year),
        title=f"Add a planned action to priority {priority.number}",
    )


@partnership_page
def recommendation_create(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    return recommendation_with_action_page(
        request,
        partnership,
        source=None,
        theme="",
        back=reverse("actions:list", kwargs={"slug": partnership.slug}),
        title="Add a recommendation and its action",
    )


def recommendation_with_action_page(
    request,
    partnership,
    *,
    source,
    theme: str,
    back: str,
    title: str,
    success=None,
    message: str = "The recommendation and its action have been added.",
) -> HttpResponse:
    """The form adding a recommendation with its first action to the tracker, from `source`
    (a priority, a case review, or nothing); `success` says where to go after (by default
    the new action's page). The caller has checked who may add."""
    form = RecommendationAndActionForm(
        request.POST or None,
        initial={"theme": theme, "date_agreed": selectors.today()},
        partnership=partnership,
        agencies=selectors.owner_agencies(user=request.user, partnership=partnership),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.recommendation_with_action_create(
            actor=request.user, partnership=partnership, source=source, **data
        ),
        success=success or (lambda action: _detail_url(partnership, action)),
        message=message,
        context={"title": title, "back": back},
    )


@partnership_page
def recommendation_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage(request.user, partnership.pk))
    initial = {
        name: getattr(recommendation, name)
        for name in ("reference", "text", "theme", "date_agreed", "version")
    }
    form = RecommendationEditForm(request.POST or None, initial=initial)
    first = recommendation.actions.first()
    back = (
        _detail_url(partnership, first)
        if first
        else reverse("actions:list", kwargs={"slug": partnership.slug})
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.recommendation_update(
            actor=request.user,
            recommendation=recommendation,
            expected_version=data.pop("version"),
            **data,
        ),
        success=lambda _: back,
        message="The recommendation has been saved.",
        context={"title": "Change the recommendation", "back": back},
    )


@partnership_page
def tracker_settings(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    found = selectors.tracker_settings_get(partnership=partnership)
    initial = {
        name: getattr(found, name)
        for name in ("stall_days", "amber_due_within_days", "amber_not_updated_days", "version")
    }
    form = TrackerSettingsForm(request.POST or None, initial=initial)
    back = reverse("actions:list", kwargs={"slug": partnership.slug})
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.tracker_settings_update(
            actor=request.user,
            partnership=partnership,
            expected_version=data.pop("version"),
            **data,
        ),
        success=lambda _: back,
        message="The RAG thresholds have been saved.",
        context={"title": "RAG thresholds for actions", "back": back},
    )
