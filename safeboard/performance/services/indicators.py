"""The partnership's own choices for an indicator: its target, source and publication."""

from decimal import Decimal

from django.db import transaction

from safeboard.core import audit
from safeboard.core.access import require as require_permission
from safeboard.core.models import Partnership, Person

from ..models import Indicator, IndicatorChoice
from ..rules import can_manage


@transaction.atomic
def indicator_choice_set(
    *,
    actor: Person,
    partnership: Partnership,
    indicator: Indicator,
    expected_version: int,
    target: Decimal | None,
    chosen_source: str,
    is_published: bool,
) -> IndicatorChoice:
    """The partnership's target, chosen source and publication of one indicator."""
    require_permission(can_manage(actor, partnership.pk))
    choice, _ = IndicatorChoice.objects.get_or_create(partnership=partnership, indicator=indicator)
    audit.audited_update(
        actor=actor,
        instance=choice,
        expected_version=expected_version,
        changes={
            "target": target,
            "chosen_source": chosen_source.strip(),
            "is_published": is_published,
        },
        action="performance.indicator.choose",
        partnership_id=partnership.pk,
    )
    return choice
