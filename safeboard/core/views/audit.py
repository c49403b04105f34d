"""The partnership's audit trail, for its business unit: who did or saw what, and when."""

from collections.abc import Callable

from django.apps import apps
from django.http import HttpResponse
from django.utils import timezone

from ..access import require
from ..audit import action_choices
from ..forms import AuditFilterForm
from ..listing import Column
from ..models import AuditEvent
from ..rules import can_manage, can_see_restricted
from ..selectors import (
    AuditFilter,
    agency_list,
    audit_event_list,
    audit_record_types,
    membership_list,
)
from .base import PartnershipRequest, list_page, partnership_page

FILTERS = ("person", "agency", "action", "record_type", "record_id", "since", "until")


RESTRICTED_LABEL = "A restricted record"


def label_for(user, partnership_id: int) -> Callable[[AuditEvent], str]:
    """An event's description of its record, unless the record is restricted to roles the
    reader does not hold: then only its type and number, never its description."""
    hidden: dict[str, bool] = {}

    def hide(target_type: str) -> bool:
        if target_type not in hidden:
            model = _model(target_type)
            hidden[target_type] = (
                model is not None
                and hasattr(model, "RESTRICTED_TO")
                and not can_see_restricted(user, partnership_id, model)
            )
        return hidden[target_type]

    return lambda event: RESTRICTED_LABEL if hide(event.target_type) else event.target_label


def _model(target_type: str):
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def audit_columns(agency_names: dict[int, str], label: Callable[[AuditEvent], str]) -> list[Column]:
    return [
        Column(
            "at",
            "When",
            lambda e: timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
            sort="at",
        ),
        Column("person", "Person", lambda e: e.actor_name, sort="actor_name"),
        Column("agency", "Agency", lambda e: agency_names.get(e.agency_id, "")),
        Column("action", "Action", lambda e: e.action, sort="action"),
        Column("record_type", "Record type", lambda e: e.target_type, sort="target_type"),
        Column("record_id", "Record number", lambda e: e.target_id, sort="target_id"),
        Column("record", "Record", label),
        Column("changed", "Fields changed", lambda e: ", ".join(e.changed_fields)),
        Column("ip", "Address", lambda e: e.ip or ""),
    ]


def _filter_form(request, partnership) -> AuditFilterForm:
    user = request.user
    people = membership_list(user=user, partnership=partnership).order_by(
        "person__last_name", "person__first_name"
    )
    agencies = agency_list(user=user, partnership=partnership)
    return AuditFilterForm(
        request.GET or None,
        people=[(m.person_id, str(m.person)) for m in people],
        agencies=[(a.pk, a.name) for a in agencies],
        actions=action_choices(),
        record_types=audit_record_types(user=user, partnership=partnership),
    )


def _chosen(form: AuditFilterForm) -> AuditFilter | None:
    """The filters asked for; None when they do not make sense (the form says why)."""
    if not form.is_bound:
        return AuditFilter()
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return AuditFilter(
        actor_id=data["person"],
        agency_id=data["agency"],
        action=data["action"],
        target_type=data["record_type"],
        target_id=data["record_id"].strip(),
        since=data["since"],
        until=data["until"],
    )


@partnership_page
def audit_page(request: PartnershipRequest, partnership) -> HttpResponse:
    require(can_manage(request.user, partnership.pk))
    form = _filter_form(request, partnership)
    chosen = _chosen(form)
    events = (
        audit_event_list(user=request.user, partnership=partnership, only=chosen)
        if chosen is not None
        else audit_event_list(user=request.user, partnership=partnership).none()
    )
    return list_page(
        request,
        items=events,
        columns=audit_columns(form.agency_names, label_for(request.user, partnership.pk)),
        template="core/audit.html",
        default_sort="-at",
        filename=f"{partnership.slug}-audit-trail",
        filters=FILTERS,
        context={"partnership": partnership, "form": form},
    )
