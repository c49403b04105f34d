"""Who may do what with the annual report.

The business unit writes and runs it; the independent chair and scrutineer read the
board version (exact figures) and sign it off; every member of the partnership sees the
list and the published version; the public reads what is published.
"""

from safeboard.core.access import scope_for
from safeboard.core.models import Role

from .models import Status

BOARD_READERS = (Role.BUSINESS_UNIT, Role.CHAIR, Role.SCRUTINEER)
SIGNERS = (Role.CHAIR, Role.SCRUTINEER)


def can_write(user, partnership_id: int) -> bool:
    return scope_for(user).has_role(partnership_id, Role.BUSINESS_UNIT)


def can_read_board_version(user, partnership_id: int) -> bool:
    return scope_for(user).has_role(partnership_id, *BOARD_READERS)


def can_sign_off(user, partnership_id: int) -> bool:
    return scope_for(user).has_role(partnership_id, *SIGNERS)


def can_generate(user, report) -> bool:
    """The business unit makes files at any stage; the chair and scrutineer once the
    report has been sent to them."""
    pid = report.partnership_id
    return can_write(user, pid) or (can_sign_off(user, pid) and report.status != Status.DRAFT)
