"""For each module's test that a failed audit write takes its change with it."""

from django.apps import apps
from django.db import DatabaseError

from safeboard.core.models import AuditEvent


def audit_write_fails(monkeypatch) -> None:
    """From now on, writing an audit event fails, as a full disk or a lost connection would."""

    def refuse(self, *args, **kwargs):
        raise DatabaseError("The audit trail could not be written.")

    monkeypatch.setattr(AuditEvent, "save", refuse)


def database_rows() -> dict[str, list[tuple]]:
    """Every row of every Safeboard table, to compare the database before and after."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model.__module__.startswith("safeboard.")
    }
