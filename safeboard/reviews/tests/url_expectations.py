"""Who gets what from each case review page (see `core.testing`).

Referrals and reviews are restricted records: only the case review group, the chair, the
independent scrutineer and the business unit see them. To every other member of the
partnership they are "not found" (404), as a record of another partnership is. Of those
four, the chair and the scrutineer read only (403 on a form).
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from safeboard.actions.tests.factories import RecommendationFactory
from safeboard.core.testing import PERSONAS, PUBLIC, Ask, like_subgroup_member, slug
from safeboard.governance.models import AgendaItem
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory
from safeboard.reviews.models import ActionPlanPaper, CaseReviewSettings, ClosureDay, Review
from safeboard.reviews.tests.factories import ReferralFactory, ReviewFactory


def restricted(allowed: dict[str, int]) -> dict[str, int]:
    return like_subgroup_member(
        {**dict.fromkeys(PERSONAS, 404), "outsider": 404, "anonymous": 302, **allowed}
    )


READ = restricted(
    dict.fromkeys(("business_unit", "chair", "scrutineer", "case_review_member"), 200)
)
FORM = restricted(
    {"business_unit": 200, "case_review_member": 200, "chair": 403, "scrutineer": 403}
)
BU_FORM = restricted(
    {"business_unit": 200, "case_review_member": 403, "chair": 403, "scrutineer": 403}
)
BU_POST = restricted(
    {"business_unit": 302, "case_review_member": 403, "chair": 403, "scrutineer": 403}
)
POST = restricted(
    {"business_unit": 302, "case_review_member": 302, "chair": 403, "scrutineer": 403}
)


def referral(cast):
    return ReferralFactory(partnership=cast.partnership, referring_agency=cast.police).pk


def notified_referral(cast):
    return ReferralFactory(
        partnership=cast.partnership,
        referring_agency=cast.police,
        notification_sent=date(2018, 3, 9),
    ).pk


def review(cast):
    return ReviewFactory(partnership=cast.partnership).pk


def review_recommendation(cast):
    """A recommendation of the review the address names (made just before, as its pk)."""
    return RecommendationFactory(
        partnership=cast.partnership,
        source_type=ContentType.objects.get_for_model(Review),
        source_id=Review.objects.latest("pk").pk,
    ).pk


def group_meeting(cast):
    """A meeting of the body named as the case review group."""
    group = BodyFactory(partnership=cast.partnership, name="Case review group")
    CaseReviewSettings.objects.update_or_create(
        partnership=cast.partnership, defaults={"group": group}
    )
    return MeetingFactory(body=group).pk


def meeting_with_action_plan(cast):
    meeting = MeetingFactory(body=BodyFactory(partnership=cast.partnership))
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Case review action plan")
    paper = ActionPlanPaper(
        meeting=meeting,
        agenda_item=item,
        as_of=meeting.date,
        prepared_at=timezone.now(),
        recommendations=0,
        actions=0,
    )
    paper.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return meeting.pk


def closure(cast):
    return ClosureDay.objects.create(
        partnership=cast.partnership, day="2026-12-29", reason="Offices closed"
    ).pk


EXPECTATIONS = {
    "reviews:open": Ask("get", {"slug": slug}, READ),
    "reviews:referrals": Ask("get", {"slug": slug}, READ),
    "reviews:referral-create": Ask("get", {"slug": slug}, FORM),
    "reviews:referral-detail": Ask("get", {"slug": slug, "pk": referral}, READ),
    "reviews:referral-edit": Ask("get", {"slug": slug, "pk": referral}, FORM),
    "reviews:referral-notification": Ask("get", {"slug": slug, "pk": referral}, FORM),
    "reviews:referral-rapid-review": Ask("get", {"slug": slug, "pk": notified_referral}, FORM),
    "reviews:referral-decision": Ask("get", {"slug": slug, "pk": referral}, FORM),
    "reviews:reviews": Ask("get", {"slug": slug}, READ),
    "reviews:review-create": Ask("get", {"slug": slug}, FORM),
    "reviews:review-detail": Ask("get", {"slug": slug, "pk": review}, READ),
    "reviews:review-edit": Ask("get", {"slug": slug, "pk": review}, FORM),
    "reviews:review-milestones": Ask("get", {"slug": slug, "pk": review}, FORM),
    # The business unit runs the one action tracker: the rest of the case review roles see
    # the review but may not add to the tracker.
    "reviews:review-recommendation-add": Ask("get", {"slug": slug, "pk": review}, BU_FORM),
    "reviews:review-action-add": Ask(
        "get", {"slug": slug, "pk": review, "recommendation_pk": review_recommendation}, BU_FORM
    ),
    # The action plan paper of a meeting is a restricted record, whoever may read the meeting.
    "reviews:meeting-action-plan": Ask("get", {"slug": slug, "pk": meeting_with_action_plan}, READ),
    "reviews:meeting-action-plan-prepare": Ask(
        "post", {"slug": slug, "pk": group_meeting}, BU_POST
    ),
    "reviews:themes": Ask("get", {"slug": slug}, READ),
    "reviews:theme-create": Ask("get", {"slug": slug}, FORM),
    "reviews:learning": Ask("get", {"slug": slug}, READ),
    "reviews:learning-create": Ask("get", {"slug": slug}, FORM),
    "reviews:settings": Ask("get", {"slug": slug}, READ),
    "reviews:settings-edit": Ask("get", {"slug": slug}, FORM),
    "reviews:settings-group": Ask("get", {"slug": slug}, FORM),
    "reviews:closure-day-add": Ask("get", {"slug": slug}, FORM),
    "reviews:closure-day-remove": Ask("post", {"slug": slug, "pk": closure}, POST),
    # Published reviews and counts are public, to everyone, signed in or not.
    "reviews:public": Ask("get", {"slug": slug}, PUBLIC),
}

from safeboard.reviews.tests import api_expectations  # noqa: E402 - it imports from here

EXPECTATIONS.update(api_expectations.EXPECTATIONS)
