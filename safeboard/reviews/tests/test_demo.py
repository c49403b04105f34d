import io
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from safeboard.actions.models import Action
from safeboard.core.models import AuditEvent, Partnership, Person
from safeboard.core.periods import FinancialYear
from safeboard.core.restricted import ACCESS_ACTION
from safeboard.demo import case_reviews, seed
from safeboard.demo.load import demo_email
from safeboard.reviews.clocks import ClockState
from safeboard.reviews.models import (
    CASE_REVIEW_ROLES,
    CaseReviewSettings,
    Referral,
    Review,
    ReviewStatus,
)
from safeboard.reviews.report import case_reviews as section_of
from safeboard.reviews.selectors import open_referrals_by_deadline, recommendations_from_reviews


@pytest.fixture
def demo(demo_people):
    return Partnership.objects.get(slug="southampton")


def test_the_seed_year_has_nine_referrals_with_the_seeds_decisions(demo):
    year = FinancialYear(2017)
    referrals = Referral.objects.filter(
        partnership=demo, became_aware__range=(year.start, year.end)
    )
    assert Counter(referrals.values_list("decision__outcome", flat=True)) == {
        "scr": 6,
        "partnership": 1,
        "nfa": 2,
    }
    assert all(referral.is_synthetic for referral in referrals)
    rows = {row[0].value: row[1].value for row in section_of(demo, year).tables[0].rows}
    assert rows["All referrals"] == 9


def test_the_demo_reviews_are_underway_and_the_online_safety_review_published(demo):
    underway = Review.objects.filter(partnership=demo, status=ReviewStatus.UNDERWAY)
    assert underway.count() == 7  # six SCRs and one partnership review
    online = Review.objects.get(partnership=demo, title="Online safety thematic review")
    assert online.status == ReviewStatus.PUBLISHED
    assert online.learning_products.count() == 2


def test_the_demos_open_referrals_run_both_clocks(demo):
    member = Person.objects.get(email="case-review-member@example.org")
    rows = open_referrals_by_deadline(user=member, partnership=demo, today=timezone.localdate())
    assert [row.referral.reference for row in rows] == ["SR-DEMO-01", "SR-DEMO-02"]
    first, second = rows
    assert (first.notification.state, first.notification.days_left) == (ClockState.RUNNING, 3)
    assert first.rapid_review.state is ClockState.WAITING
    assert second.notification.state is ClockState.MET
    assert (second.rapid_review.state, second.rapid_review.days_left) == (ClockState.RUNNING, 10)
    assert second.tell_ofsted_and_secretary_of_state


def test_the_public_page_shows_the_published_review(demo, client):
    page = client.get(reverse("reviews:public", kwargs={"slug": "southampton"})).content.decode()
    assert "Online safety thematic review" in page
    assert "Child A" not in page


def test_the_action_plans_wait_for_the_tracker_under_the_seeds_four_themes():
    assert list(case_reviews.ACTION_PLANS) == [
        "Child Protection Procedures",
        "Education",
        "Multi Agency Working",
        "Neglect",
    ]
    assert all(len(row) == 3 for rows in case_reviews.ACTION_PLANS.values() for row in rows)
    assert len(case_reviews.ONLINE_SAFETY_RECOMMENDATIONS) == 5


def test_the_online_safety_recommendations_are_tracked_with_the_review_as_source(demo):
    online = Review.objects.get(partnership=demo, title="Online safety thematic review")
    tracked = recommendations_from_reviews(demo).filter(source_id=online.pk)
    assert sorted(tracked.values_list("text", flat=True)) == sorted(
        case_reviews.ONLINE_SAFETY_RECOMMENDATIONS
    )


def test_the_action_plans_are_in_the_tracker_and_the_report_by_theme(demo):
    tables = {table.caption: table for table in section_of(demo, FinancialYear(2017)).tables}
    for theme, rows in case_reviews.ACTION_PLANS.items():
        table = tables[f"Case review action plan: {theme}"]
        assert table.columns == [
            "Recommendation",
            "What was done and by whom",
            "What was the impact on children",
        ]
        assert sorted([cell.value for cell in row] for row in table.rows) == sorted(
            list(row) for row in rows
        )
    in_tracker = Action.objects.filter(recommendation__partnership=demo, is_synthetic=True)
    assert in_tracker.filter(impact_on_children=case_reviews.ACTION_PLANS["Neglect"][0][2]).exists()


def test_the_review_page_shows_its_recommendations_and_their_rag(demo, client):
    member = Person.objects.get(email="case-review-member@example.org")
    client.force_login(member)
    first = case_reviews.ACTION_PLANS["Child Protection Procedures"][0]
    source = recommendations_from_reviews(demo).get(text=first[0]).source_id
    review = Review.objects.get(pk=source, kind="scr", is_synthetic=True)
    page = client.get(
        reverse("reviews:review-detail", kwargs={"slug": "southampton", "pk": review.pk})
    ).content.decode()
    assert first[0] in page and first[1] in page
    assert "govuk-tag--grey" in page  # completed actions are closed, not red


def test_each_demo_person_asks_the_api_for_referrals_and_each_read_is_audited(demo, api_client):
    readers = {role.value for role in CASE_REVIEW_ROLES}
    for person in seed.PEOPLE:
        api_client.force_login(Person.objects.get(email=demo_email(person.key)))
        before = AuditEvent.objects.filter(action=ACCESS_ACTION).count()
        count = api_client.get("/api/v1/case-reviews/referrals/").json()["count"]
        sees = person.partnership == "southampton" and bool(readers & set(person.roles))
        assert (count > 0) == sees, person.key
        recorded = AuditEvent.objects.filter(action=ACCESS_ACTION).count() - before
        assert recorded == (1 if sees else 0), person.key


def test_the_groups_quarterly_meetings_take_the_action_plan_as_their_paper(demo, client):
    group = CaseReviewSettings.objects.get(partnership=demo).group
    assert group is not None and group.short_name == "SCR group"
    meetings = list(group.meetings.order_by("date"))
    assert [m.date.isoformat() for m in meetings] == case_reviews.GROUP_MEETINGS
    papers = [meeting.case_review_action_plan for meeting in meetings]
    agreed = [
        recommendations_from_reviews(demo).filter(date_agreed__lte=m.date).count() for m in meetings
    ]
    assert [paper.recommendations for paper in papers] == agreed
    assert agreed == sorted(agreed) and 0 < agreed[0] < agreed[-1]
    december = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(papers[2].file.read())).pages
    )
    assert "In progress" in december and "Completed" not in december  # done by 31 March
    client.force_login(Person.objects.get(email="chair@example.org"))
    page = client.get(
        reverse("governance:meeting", kwargs={"slug": "southampton", "pk": meetings[0].pk})
    ).content.decode()
    assert "Download the case review action plan" in page
