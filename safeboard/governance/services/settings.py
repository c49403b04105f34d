"""The partnership's governance settings: the attendance threshold."""

from django.db import transaction

from safeboard.core import audit
from safeboard.core.models import Partnership, Person

from ..models import GovernanceSettings
from .common import require_business_unit


@transaction.atomic
def settings_update(
    *, actor: Person, partnership: Partnership, expected_version: int, attendance_threshold: int
) -> GovernanceSettings:
    require_business_unit(actor, partnership.pk)
    found, _ = GovernanceSettings.objects.get_or_create(partnership=partnership)
    audit.audited_update(
        actor=actor,
        instance=found,
        expected_version=expected_version,
        changes={"attendance_threshold": attendance_threshold},
        action="governance.settings.update",
        partnership_id=partnership.pk,
    )
    return found
