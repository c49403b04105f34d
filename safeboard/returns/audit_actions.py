"""What the statutory returns' services are audited as."""

from django.db import models

from safeboard.core.audit import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    SUBMIT = "return.submit", "Return submitted"
    RESUME = "return.resume", "Return's reading resumed"
    ACCEPT = "return.accept", "Return accepted"
    REJECT = "return.reject", "Return refused"
    REPLACE = "return.replace", "Return replaced by a later one"
    RECOMPUTE = "returns.recompute", "Indicators recomputed from the returns"
    PSEUDONYM_KEY_CREATE = "pseudonym_key.create", "Pseudonym key made"
