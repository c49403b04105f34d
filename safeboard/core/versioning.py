"""Optimistic concurrency: an edit names the version it started from.

Two people who open the same record and both save must not silently overwrite each other.
The second save finds the version moved on and is refused with a clear message.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

STALE_MESSAGE = (
    "Someone else changed this record while you were editing it. "
    "Your changes have not been saved: reload the page to see theirs, then make yours again."
)


class StaleEdit(ValidationError):
    def __init__(self) -> None:
        super().__init__(STALE_MESSAGE, code="stale")


def apply_changes(instance: models.Model, *, expected_version: int, changes: dict) -> list[str]:
    """Validate and write `changes` if the record is still at `expected_version`.

    Returns the names of the fields whose values changed (for the audit trail).
    """
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=["version"])
    # `_meta.model`, not `type()`: the signed-in person reaches services as a lazy object.
    updated = instance._meta.model._default_manager.filter(
        pk=instance.pk, version=expected_version
    ).update(**changes, version=F("version") + 1)
    if updated != 1:
        raise StaleEdit()
    instance.version = expected_version + 1  # type: ignore[attr-defined]
    return changed
