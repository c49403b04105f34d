"""What the governance pages share: their addresses, who may open them, and what a
person changing a joint body is told first."""

from django.urls import reverse

from safeboard.core.access import require

from .. import selectors
from ..rules import can_manage, can_run_meetings


def page_url(name: str, partnership, **kwargs) -> str:
    return reverse(f"governance:{name}", kwargs={"slug": partnership.slug, **kwargs})


def require_business_unit(request, partnership) -> None:
    require(can_manage(request.user, partnership.pk))


def require_runner(request, body) -> None:
    require(can_run_meetings(request.user, body))


def shared_warning(body) -> str:
    """What a person changing a joint body is told first: who else it serves."""
    if not body.is_joint:
        return ""
    names = ", ".join(p.name for p in selectors.body_partnerships(body))
    return (
        f"{body.name} is a joint body of {body.arrangement}. It serves {names}: a change "
        "here is seen by each of them and written into each one's audit trail."
    )
