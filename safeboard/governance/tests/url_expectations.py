"""Who gets what from the governance pages (see `core.testing`)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from safeboard.actions.models import Priority
from safeboard.core.testing import BU_FORM, BU_POST, Ask, members_read, only, slug
from safeboard.governance.models import (
    AgendaItem,
    Body,
    Escalation,
    Meeting,
    MeetingPack,
    Seat,
)


def body(cast):
    return Body.objects.create(
        partnership=cast.partnership, name="Main board", purpose="Decides", frequency="quarterly"
    ).pk


def seat(cast):
    return Seat.objects.create(body_id=body(cast), agency=cast.police, position="Chief Supt").pk


def meeting(cast):
    return Meeting.objects.create(body_id=body(cast), date=datetime.date(2017, 6, 1)).pk


def themed_meeting(cast):
    theme = Priority.objects.create(
        partnership=cast.partnership, year=2017, number=2, title="Neglect"
    )
    return Meeting.objects.create(
        body_id=body(cast), date=datetime.date(2017, 6, 1), theme=theme
    ).pk


def meeting_with_paper(cast):
    found = Meeting.objects.get(pk=meeting(cast))
    item = AgendaItem(meeting=found, number=1, title="Dataset", paper_name="dataset.pdf")
    item.paper.save("dataset.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return found.pk


def its_paper(cast):
    return AgendaItem.objects.latest("pk").pk


def meeting_with_pack(cast):
    found = Meeting.objects.get(pk=meeting(cast))
    pack = MeetingPack(meeting=found, status="ready", requested_at=timezone.now())
    pack.file.save("pack.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return found.pk


def its_pack(cast):
    return MeetingPack.objects.latest("pk").pk


def escalation(cast):
    return Escalation.objects.create(
        partnership=cast.partnership,
        raised_by="A social worker",
        concern="Threshold disagreement",
        raised_on=datetime.date(2017, 9, 1),
    ).pk


# Escalations are for the business unit, the independent chair and scrutineer.
ESCALATION_READERS = only({"business_unit": 200, "chair": 200, "scrutineer": 200})
# Assurance comes from agency leads (their own agency) and the business unit.
ASSURANCE = only({"business_unit": 200, "agency_lead": 200})

EXPECTATIONS = {
    "governance:bodies": Ask("get", {"slug": slug}, members_read()),
    "governance:body-create": Ask("get", {"slug": slug}, BU_FORM),
    "governance:body": Ask("get", {"slug": slug, "pk": body}, members_read()),
    "governance:body-edit": Ask("get", {"slug": slug, "pk": body}, BU_FORM),
    "governance:seat-create": Ask("get", {"slug": slug, "pk": body}, BU_FORM),
    "governance:meeting-create": Ask("get", {"slug": slug, "pk": body}, BU_FORM),
    "governance:seat-edit": Ask("get", {"slug": slug, "pk": seat}, BU_FORM),
    "governance:meeting": Ask("get", {"slug": slug, "pk": themed_meeting}, members_read()),
    "governance:meeting-edit": Ask("get", {"slug": slug, "pk": meeting}, BU_FORM),
    "governance:agenda-add": Ask("get", {"slug": slug, "pk": meeting}, BU_FORM),
    "governance:paper": Ask(
        "get", {"slug": slug, "pk": meeting_with_paper, "item_pk": its_paper}, members_read()
    ),
    "governance:attendance-record": Ask("get", {"slug": slug, "pk": meeting}, BU_FORM),
    "governance:assurance-submit": Ask("get", {"slug": slug, "pk": themed_meeting}, ASSURANCE),
    "governance:pack-request": Ask("post", {"slug": slug, "pk": meeting}, BU_POST),
    "governance:pack-download": Ask(
        "get", {"slug": slug, "pk": meeting_with_pack, "pack_pk": its_pack}, members_read()
    ),
    "governance:attendance": Ask("get", {"slug": slug}, members_read()),
    "governance:settings": Ask("get", {"slug": slug}, BU_FORM),
    "governance:escalations": Ask("get", {"slug": slug}, ESCALATION_READERS),
    "governance:escalation-create": Ask("get", {"slug": slug}, BU_FORM),
    "governance:escalation": Ask("get", {"slug": slug, "pk": escalation}, ESCALATION_READERS),
    "governance:escalation-edit": Ask("get", {"slug": slug, "pk": escalation}, BU_FORM),
}

from safeboard.governance.tests import api_expectations  # noqa: E402 - it imports from here

EXPECTATIONS.update(api_expectations.EXPECTATIONS)
