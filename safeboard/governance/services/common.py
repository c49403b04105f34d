"""What the governance services share: who may write, which agencies a body's
partnerships are served by, and the audit trails a change to a body's records goes into."""

from django.core.exceptions import ValidationError

from safeboard.core import audit
from safeboard.core.access import require
from safeboard.core.models import Agency, Person

from ..models import Body
from ..rules import can_manage, can_run_meetings
from ..selectors import body_partnerships


def require_business_unit(actor: Person | None, partnership_id: int) -> None:
    require(actor is None or can_manage(actor, partnership_id))


def require_runner(actor: Person | None, body: Body) -> None:
    require(actor is None or can_run_meetings(actor, body))


def check_serves_body(body: Body, agency: Agency | None, field: str = "agency") -> None:
    served = body_partnerships(body)
    if agency is None or agency.partnerships.filter(pk__in=[p.pk for p in served]).exists():
        return
    if len(served) == 1:
        raise ValidationError({field: f"{agency.name} does not serve {served[0]}."})
    raise ValidationError({field: f"{agency.name} serves none of the partnerships of {body}."})


def trails(body: Body) -> list[int]:
    """The partnerships in whose audit trails a change to the body's records is written."""
    return [partnership.pk for partnership in body_partnerships(body)]


def record(
    *,
    actor: Person | None,
    action: str,
    target,
    body: Body,
    changed=(),
    agency_id: int | None = None,
) -> None:
    """The event of a change to a body's records, in the audit trail of every partnership
    the body serves (one for a partnership's own body)."""
    for partnership_id in trails(body):
        audit.record(
            actor=actor,
            action=action,
            target=target,
            partnership_id=partnership_id,
            agency_id=agency_id,
            changed=changed,
        )
