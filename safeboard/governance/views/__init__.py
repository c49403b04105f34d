"""The governance pages: bodies and their seats, meetings and their packs, attendance by
agency, escalations, and the arrangements of several partnerships working as one.

`urls` names each page by its view here; each part is a module of its own.
"""

from .arrangements import arrangement_detail, arrangement_list_page
from .attendance import attendance_report, governance_settings
from .bodies import body_create, body_detail, body_edit, body_list, seat_create, seat_edit
from .escalations import escalation_create, escalation_detail, escalation_edit, escalation_list
from .meetings import (
    agenda_item_add,
    assurance_submit,
    attendance_record,
    meeting_create,
    meeting_detail,
    meeting_edit,
    paper,
)
from .packs import pack_download, pack_request

__all__ = [
    "body_create",
    "body_detail",
    "body_edit",
    "body_list",
    "seat_create",
    "seat_edit",
    "agenda_item_add",
    "assurance_submit",
    "attendance_record",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "paper",
    "attendance_report",
    "governance_settings",
    "escalation_create",
    "escalation_detail",
    "escalation_edit",
    "escalation_list",
    "pack_download",
    "pack_request",
    "arrangement_detail",
    "arrangement_list_page",
]
