"""Who gets what from the tracker's pages (see `core.testing`)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from safeboard.actions.models import Action, Evidence, Priority, Recommendation
from safeboard.core.testing import BU_FORM, Ask, members_read, only, slug

# Agency leads update their own agency's actions; the action below is the police's.
UPDATERS = only({"business_unit": 302, "agency_lead": 302})


def priority(cast):
    return Priority.objects.create(
        partnership=cast.partnership, year=2017, number=1, title="Neglect"
    ).pk


def _police_action(cast) -> Action:
    recommendation = Recommendation.objects.create(
        partnership=cast.partnership,
        text="Review the neglect toolkit",
        theme="Neglect",
        date_agreed=datetime.date(2017, 4, 1),
    )
    return Action.objects.create(
        recommendation=recommendation,
        description="Review the toolkit",
        owner_agency=cast.police,
        due_date=datetime.date(2018, 3, 31),
        last_update_on=datetime.date(2017, 4, 1),
    )


def action(cast):
    return _police_action(cast).pk


def recommendation(cast):
    return _police_action(cast).recommendation_id


def action_with_evidence(cast):
    found = _police_action(cast)
    file = Evidence(
        action=found,
        name="minutes.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_at=timezone.now(),
    )
    file.file.save("minutes.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return found.pk


def its_evidence(cast):
    """The file of the action just made by `action_with_evidence` (kwargs go in order)."""
    return Evidence.objects.latest("pk").pk


EXPECTATIONS = {
    "actions:list": Ask("get", {"slug": slug}, members_read()),
    "actions:mine": Ask("get", {"slug": slug}, members_read()),
    "actions:overdue": Ask("get", {"slug": slug}, members_read()),
    "actions:by-theme": Ask("get", {"slug": slug}, members_read()),
    "actions:plan": Ask("get", {"slug": slug}, members_read()),
    "actions:settings": Ask("get", {"slug": slug}, BU_FORM),
    "actions:recommendation-create": Ask("get", {"slug": slug}, BU_FORM),
    "actions:detail": Ask("get", {"slug": slug, "pk": action}, members_read()),
    "actions:edit": Ask("get", {"slug": slug, "pk": action}, BU_FORM),
    "actions:record-update": Ask("get", {"slug": slug, "pk": action}, UPDATERS),
    "actions:evidence-add": Ask("get", {"slug": slug, "pk": action}, UPDATERS),
    "actions:evidence-file": Ask(
        "get", {"slug": slug, "pk": action_with_evidence, "file_pk": its_evidence}, members_read()
    ),
    "actions:recommendation-edit": Ask("get", {"slug": slug, "pk": recommendation}, BU_FORM),
    "actions:priority-create": Ask("get", {"slug": slug}, BU_FORM),
    "actions:planned-action-create": Ask("get", {"slug": slug, "pk": priority}, BU_FORM),
}

from safeboard.actions.tests import api_expectations  # noqa: E402 - it imports from here

EXPECTATIONS.update(api_expectations.EXPECTATIONS)
