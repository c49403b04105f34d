"""Restricted records: case reviews, child deaths, missing episodes.

A restricted model says who may see it with `RESTRICTED_TO`, a set of roles. Its pages go
through `restricted_page`: the view names what it shows with `shown(request, ...)`, and
before the response leaves, one access event is written naming every record shown. If
that write fails, the person gets an error, never the data.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.db import DatabaseError, models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import SimpleTemplateResponse

from . import audit
from .models import AuditEvent, AuditEventRecord

ACCESS_ACTION = "record.view"


def shown(request: HttpRequest, *records: models.Model) -> None:
    """Name restricted records this response shows, for the access event."""
    request.__dict__.setdefault("restricted_records", []).extend(records)


@transaction.atomic
def record_access(
    *, actor, partnership_id: int | None, records: Iterable[models.Model], via: str = "page"
) -> AuditEvent | None:
    """One access event naming every record shown (None when nothing restricted was shown)."""
    records = list(records)
    if not records:
        return None
    labels = {r._meta.label_lower for r in records}
    single = records[0] if len(records) == 1 else None
    event = AuditEvent.objects.create(
        at=audit.now(),
        actor_id=actor.pk if actor is not None else None,
        actor_name=audit.actor_name(actor),
        partnership_id=partnership_id,
        action=ACCESS_ACTION,
        target_type=labels.pop() if len(labels) == 1 else "",
        target_id=str(single.pk) if single is not None else "",
        target_label=f"{via}: {single}"[:300] if single is not None else f"{via}: {len(records)}",
        ip=audit.request_ip.get(),
    )
    AuditEventRecord.objects.bulk_create(
        AuditEventRecord(event=event, target_type=r._meta.label_lower, target_id=str(r.pk))
        for r in records
    )
    return event


def restricted_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Write the access event for what the page shows before it leaves; fail closed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.render()  # a page that fails to draw was not seen
        partnership = getattr(request, "partnership", None)
        try:
            record_access(
                actor=request.user,
                partnership_id=partnership.pk if partnership is not None else None,
                records=request.__dict__.get("restricted_records", ()),
            )
        except DatabaseError:
            return render(request, "core/access_not_recorded.html", status=503)
        return response

    return wrapper


def accessed_by(record: models.Model) -> QuerySet[AuditEvent]:
    """Every access event naming this record, newest first: who has seen it, and when."""
    return AuditEvent.objects.filter(
        action=ACCESS_ACTION,
        records__target_type=record._meta.label_lower,
        records__target_id=str(record.pk),
    ).order_by("-at", "-id")
