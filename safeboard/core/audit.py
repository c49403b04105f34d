"""The audit trail: every service writes one event in the transaction of its change.

Each module names the actions its services audit in a `TextChoices` of its own
`audit_actions.py`, decorated with `audit_actions`, so core knows every action without
knowing the modules: the audit page filters by them, and `record` refuses any other.
"""

from collections.abc import Iterable
from contextvars import ContextVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import AuditEvent
from .versioning import apply_changes

# The address of the request being served, set by `core.middleware.RequestAddress`,
# so services need not thread the request through to the audit row.
request_ip: ContextVar[str | None] = ContextVar("request_ip", default=None)


# Every action a service may audit, with its label, as the modules registered them.
_actions: dict[str, str] = {}


class OutsideTransaction(RuntimeError):
    """An audit event written outside a transaction could outlive a change rolled back,
    or a change could outlive its failed audit event: `record` refuses."""


class UnknownAction(ValueError):
    """An action no module registered: a typo, or one missing from its module's list."""


def audit_actions[T: type[models.TextChoices]](choices: T) -> T:
    """Register a module's audit actions (a class decorator, in its `audit_actions.py`)."""
    for action in choices:
        if _actions.get(action.value, action.label) != action.label:
            raise ImproperlyConfigured(f"The audit action {action.value!r} is registered twice.")
        _actions[action.value] = action.label
    return choices


def discover_actions() -> None:
    """Read every installed module's `audit_actions.py` (at start-up)."""
    autodiscover_modules("audit_actions")


def action_choices() -> list[tuple[str, str]]:
    """Every known action, as (name, label), in the order of their names."""
    return sorted(_actions.items())


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
    Refused outside a transaction, and for an action no module registered.
    """
    if not transaction.get_connection().in_atomic_block:
        raise OutsideTransaction(
            f"The audit event {action!r} must be written in the transaction of its change: "
            "call record() inside transaction.atomic."
        )
    if action not in _actions:
        raise UnknownAction(
            f"{action!r} is not an audit action: add it to its module's audit_actions.py."
        )
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


def audited_update(
    *,
    actor,
    instance: models.Model,
    expected_version: int,
    changes: dict,
    action: str,
    partnership_id: int | None = None,
    partnership_ids: Iterable[int] = (),
    agency_id: int | None = None,
    also_changed: Iterable[str] = (),
    target: models.Model | None = None,
    label: str | None = None,
) -> list[str]:
    """Write `changes` to `instance` if it is still at `expected_version` (else `StaleEdit`),
    and audit it as `action`, naming the fields whose values changed.

    The event goes into the trail of `partnership_id`, or of each of `partnership_ids` when
    the record is shared (a joint body's, an agency's). `also_changed` names what the
    service changed beside the record's own fields (its roles, its themes); `target` is the
    record the event is about, when not `instance`. Returns every changed name, as the
    audit event holds them.
    """
    changed = [*apply_changes(instance, expected_version=expected_version, changes=changes)]
    changed += [name for name in also_changed if name not in changed]
    trails: list[int | None] = [*partnership_ids] or [partnership_id]
    for trail in trails:
        record(
            actor=actor,
            action=action,
            target=instance if target is None else target,
            partnership_id=trail,
            agency_id=agency_id,
            changed=changed,
            label=label,
        )
    return changed
