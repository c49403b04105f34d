"""Who gets what from the governance pages (see `core.testing`)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from safeboard.actions.models import Priority
from safeboard.core.models import Arrangement, Partnership, Region
from safeboard.core.testing import (
    BU_FORM,
    BU_POST,
    Ask,
    members_read,
    only,
    seat_scoped,
    slug,
)
from safeboard.governance.models import (
    AgendaItem,
    Body,
    Escalation,
    Meeting,
    MeetingPack,
    Seat,
)


def body(cast):
    """The body asked about, a subgroup `subgroup_member` sits on; `other_subgroup_member`
    sits on another subgroup of the same partnership."""
    asked = Body.objects.create(
        partnership=cast.partnership, name="M&E group", purpose="Audits", frequency="quarterly"
    )
    Seat.objects.create(
        body=asked, agency=cast.health, position="Lead", representative=cast.subgroup_member
    )
    other = Body.objects.create(
        partnership=cast.partnership, name="MET group", purpose="MET", frequency="quarterly"
    )
    Seat.objects.create(
        body=other, agency=cast.health, position="Lead", representative=cast.other_subgroup_member
    )
    return asked.pk


def arrangement(cast):
    """A joint arrangement of the cast's partnership with a third: not the outsider's."""
    third = Partnership.objects.create(
        name="Isle of Wight Safeguarding Children Partnership",
        slug="isle-of-wight",
        region=Region.SOUTH_EAST,
    )
    joint = Arrangement.objects.create(name="4LSCB", slug="4lscb")
    joint.partnerships.add(cast.partnership, third)
    return joint.slug


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


# The records of one body: a member of another subgroup finds nothing.
BODY_READ = seat_scoped(members_read())
BODY_FORM = seat_scoped(BU_FORM)
BODY_POST = seat_scoped(BU_POST)

# Escalations are for the business unit, the independent chair and scrutineer.
ESCALATION_READERS = only({"business_unit": 200, "chair": 200, "scrutineer": 200})
# Assurance comes from agency leads (their own agency) and the business unit.
ASSURANCE = seat_scoped(only({"business_unit": 200, "agency_lead": 200}))

EXPECTATIONS = {
    "governance:bodies": Ask("get", {"slug": slug}, members_read()),
    "governance:body-create": Ask("get", {"slug": slug}, BU_FORM),
    "governance:body": Ask("get", {"slug": slug, "pk": body}, BODY_READ),
    "governance:body-edit": Ask("get", {"slug": slug, "pk": body}, BODY_FORM),
    "governance:seat-create": Ask("get", {"slug": slug, "pk": body}, BODY_FORM),
    "governance:meeting-create": Ask("get", {"slug": slug, "pk": body}, BODY_FORM),
    "governance:seat-edit": Ask("get", {"slug": slug, "pk": seat}, BODY_FORM),
    "governance:meeting": Ask("get", {"slug": slug, "pk": themed_meeting}, BODY_READ),
    "governance:meeting-edit": Ask("get", {"slug": slug, "pk": meeting}, BODY_FORM),
    "governance:agenda-add": Ask("get", {"slug": slug, "pk": meeting}, BODY_FORM),
    "governance:paper": Ask(
        "get", {"slug": slug, "pk": meeting_with_paper, "item_pk": its_paper}, BODY_READ
    ),
    "governance:attendance-record": Ask("get", {"slug": slug, "pk": meeting}, BODY_FORM),
    "governance:assurance-submit": Ask("get", {"slug": slug, "pk": themed_meeting}, ASSURANCE),
    "governance:pack-request": Ask("post", {"slug": slug, "pk": meeting}, BODY_POST),
    "governance:pack-download": Ask(
        "get", {"slug": slug, "pk": meeting_with_pack, "pack_pk": its_pack}, BODY_READ
    ),
    "governance:arrangements": Ask("get", {"slug": slug}, members_read()),
    "governance:arrangement": Ask(
        "get", {"slug": slug, "arrangement": arrangement}, members_read()
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
