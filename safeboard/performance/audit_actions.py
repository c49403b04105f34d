"""What the dataset's services are audited as."""

from django.db import models

from safeboard.core.audit import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    INDICATOR_CHOOSE = "performance.indicator.choose", "Indicator's target or source chosen"
    OBSERVATIONS_IMPORT = "performance.observations.import", "Figures imported"
    POPULATION_IMPORT = "performance.population.import", "Population imported"
    IMPORT_SUBMIT = "performance.import.submit", "Large import submitted"
    IMPORT_RESUME = "performance.import.resume", "Large import resumed"
    IMPORT_IMPORTED = "performance.import.imported", "Large import finished"
    IMPORT_REFUSED = "performance.import.refused", "Large import refused"
