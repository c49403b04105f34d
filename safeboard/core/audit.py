"""The audit trail: every service writes one event in the transaction of its change."""

from collections.abc import Iterable
from contextvars import ContextVar

from django.db import models
from django.utils import timezone

from .models import AuditEvent

# The address of the request being served, set by `core.middleware.RequestAddress`,
# so services need not thread the request through to the audit row.
request_ip: ContextVar[str | None] = ContextVar("request_ip", default=None)


def now():
    return timezone.now()


def actor_name(actor) -> str:
    if actor is None:
        return "Safeboard"
    return actor.get_full_name() or actor.get_username()


def record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    partnership_id: int | None = None,
    agency_id: int | None = None,
    changed: Iterable[str] = (),
    label: str | None = None,
) -> AuditEvent:
    """Write one audit event. `changed` holds field names only, never values.

    `label` replaces the target's own description, e.g. to say which request used a token.
    """
    if label is None and target is not None:
        label = str(target)
    return AuditEvent.objects.create(
        at=now(),
        actor_id=actor.pk if actor is not None else None,
        actor_name=actor_name(actor),
        partnership_id=partnership_id,
        agency_id=agency_id,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(label or "")[:300],
        changed_fields=sorted(changed),
        ip=request_ip.get(),
    )
