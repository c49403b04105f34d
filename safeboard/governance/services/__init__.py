"""Every write to the governance records, each in one transaction with its audit event.

The business unit runs the bodies, meetings and attendance; an agency lead sends their
own agency's assurance to a themed meeting; the chair of a body (a seat on it held as
chair) runs that body's meetings too. A joint body of an arrangement is run by the
business unit of any member partnership, and every change to it is written into the
audit trail of each member.
"""

from .bodies import body_create, body_update, seat_create, seat_update
from .escalations import escalation_create, escalation_update
from .meetings import (
    agenda_item_add,
    assurance_submit,
    attendance_record,
    meeting_create,
    meeting_update,
)
from .packs import meeting_pack_build, meeting_pack_request
from .settings import settings_update

__all__ = [
    "settings_update",
    "body_create",
    "body_update",
    "seat_create",
    "seat_update",
    "agenda_item_add",
    "assurance_submit",
    "attendance_record",
    "meeting_create",
    "meeting_update",
    "escalation_create",
    "escalation_update",
    "meeting_pack_build",
    "meeting_pack_request",
]
