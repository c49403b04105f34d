"""Who gets what from each case review page (see `core.testing`).

Referrals and reviews are restricted records: only the case review group, the chair, the
independent scrutineer and the business unit see them. To every other member of the
partnership they are "not found" (404), as a record of another partnership is. Of those
four, the chair and the scrutineer read only (403 on a form).
"""

from datetime import date

from safeboard.core.testing import PERSONAS, PUBLIC, Ask, slug
from safeboard.reviews.models import ClosureDay
from safeboard.reviews.tests.factories import ReferralFactory, ReviewFactory


def restricted(allowed: dict[str, int]) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, 404), "outsider": 404, "anonymous": 302, **allowed}


READ = restricted(
    dict.fromkeys(("business_unit", "chair", "scrutineer", "case_review_member"), 200)
)
FORM = restricted(
    {"business_unit": 200, "case_review_member": 200, "chair": 403, "scrutineer": 403}
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
    "reviews:themes": Ask("get", {"slug": slug}, READ),
    "reviews:theme-create": Ask("get", {"slug": slug}, FORM),
    "reviews:learning": Ask("get", {"slug": slug}, READ),
    "reviews:learning-create": Ask("get", {"slug": slug}, FORM),
    "reviews:settings": Ask("get", {"slug": slug}, READ),
    "reviews:settings-edit": Ask("get", {"slug": slug}, FORM),
    "reviews:closure-day-add": Ask("get", {"slug": slug}, FORM),
    "reviews:closure-day-remove": Ask("post", {"slug": slug, "pk": closure}, POST),
    # Published reviews and counts are public, to everyone, signed in or not.
    "reviews:public": Ask("get", {"slug": slug}, PUBLIC),
}

from safeboard.reviews.tests import api_expectations  # noqa: E402 - it imports from here

EXPECTATIONS.update(api_expectations.EXPECTATIONS)
