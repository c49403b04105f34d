import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from safeboard.core.models import AuditEvent
from safeboard.core.restricted import accessed_by
from safeboard.reviews.models import ClosureDay, Referral
from safeboard.reviews.tests.factories import (
    DecisionFactory,
    LearningProductFactory,
    ReferralFactory,
    ReviewFactory,
)


def url(name, **kwargs):
    return reverse(f"reviews:{name}", kwargs={"slug": "southampton", **kwargs})


@pytest.fixture
def bu(client, cast):
    client.force_login(cast.business_unit)
    return client


def referral(cast, **fields):
    return ReferralFactory(partnership=cast.partnership, referring_agency=cast.police, **fields)


@time_machine.travel("2018-03-20 09:00 +0000", tick=False)
def test_the_business_unit_records_a_serious_incident_and_sees_both_clocks(bu, cast):
    answer = bu.post(
        url("referral-create"),
        {
            "reference": "SR-2018-07",
            "age_band": "under_1",
            "incident_date": "2018-03-22",
            "became_aware": "2018-03-23",
            "referring_agency": cast.police.pk,
            "what_happened": "An infant was found unresponsive.",
            "died_or_seriously_harmed": "on",
            "abuse_or_neglect": "on",
        },
        follow=True,
    )
    page = answer.content.decode()
    assert "Referral SR-2018-07 has been recorded" in page
    assert "Due 3 April 2018: 8 working days left" in page  # across Easter
    assert "Starts when the notification is sent" in page
    assert accessed_by(Referral.objects.get()).count() == 1


@time_machine.travel("2018-03-26 09:00 +0000", tick=False)
def test_recording_the_notification_starts_the_rapid_review_clock(bu, cast):
    one = referral(cast, became_aware=date(2018, 3, 23))
    answer = bu.post(
        url("referral-notification", pk=one.pk), {"sent": "2018-03-23", "version": 1}, follow=True
    )
    page = answer.content.decode()
    assert "Met: due 3 April 2018, done 23 March 2018" in page
    assert "Due 17 April 2018: 14 working days left" in page


@time_machine.travel("2018-03-16 09:00 +0000", tick=False)
def test_open_referrals_come_nearest_deadline_first_with_tags(bu, cast):
    later = referral(cast, reference="LATER", became_aware=date(2018, 3, 14))
    sooner = referral(cast, reference="SOONER", became_aware=date(2018, 3, 8))
    decided = referral(cast, reference="DECIDED", became_aware=date(2018, 3, 1))
    DecisionFactory(referral=decided)
    page = bu.get(url("open")).content.decode()
    assert page.index("SOONER") < page.index("LATER")
    assert "DECIDED" not in page
    assert "govuk-tag--red" in page  # SOONER's notification was due on 15 March
    event = AuditEvent.objects.get(action="record.view")
    assert {int(r.target_id) for r in event.records.all()} == {later.pk, sooner.pk}


@time_machine.travel("2018-03-09 09:00 +0000", tick=False)
def test_a_local_closure_day_moves_the_clock_on_the_page(bu, cast):
    one = referral(cast, became_aware=date(2018, 3, 8))
    ClosureDay.objects.create(partnership=cast.partnership, day=date(2018, 3, 12), reason="x")
    assert "Due 16 March 2018" in bu.get(url("referral-detail", pk=one.pk)).content.decode()


def test_a_looked_after_child_flags_ofsted_and_the_secretary_of_state(bu, cast):
    one = referral(cast, looked_after=True)
    page = bu.get(url("referral-detail", pk=one.pk)).content.decode()
    assert "Ofsted and the Secretary of State must be notified" in page


def test_the_referral_page_lists_who_has_seen_it(client, cast):
    one = referral(cast)
    client.force_login(cast.chair)
    client.get(url("referral-detail", pk=one.pk))
    client.force_login(cast.case_review_member)
    page = client.get(url("referral-detail", pk=one.pk)).content.decode()
    assert "Who has seen this record" in page
    assert cast.chair.get_full_name() in page


def test_an_export_of_referrals_is_access_audited(bu, cast):
    ones = [referral(cast) for _ in range(3)]
    answer = bu.get(url("referrals") + "?export=csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert len(rows) == 4
    event = AuditEvent.objects.get(action="record.view")
    assert event.records.count() == 3
    assert all(accessed_by(one).exists() for one in ones)


def test_the_decision_is_recorded_from_the_referral_page(bu, cast):
    one = referral(cast)
    answer = bu.post(
        url("referral-decision", pk=one.pk),
        {
            "outcome": "nfa",
            "rationale": "Single-agency learning only.",
            "decided_on": "2018-04-03",
            "decided_by": "The case review group",
        },
        follow=True,
    )
    assert "No further action" in answer.content.decode()
    assert one.__class__.objects.get().decision.outcome == "nfa"


def test_the_chair_reads_but_cannot_record(client, cast):
    one = referral(cast)
    client.force_login(cast.chair)
    assert client.get(url("referral-detail", pk=one.pk)).status_code == 200
    answer = client.post(url("referral-decision", pk=one.pk), {"outcome": "nfa"})
    assert answer.status_code == 403
    assert (
        "Record the decision" not in client.get(url("referral-detail", pk=one.pk)).content.decode()
    )


def test_a_review_page_shows_its_milestones(bu, cast):
    review = ReviewFactory(partnership=cast.partnership, title="Online safety")
    bu.post(
        url("review-milestones", pk=review.pk),
        {"version": 1, "scoping_planned": "2016-09-01", "scoping_done": "2016-09-05"},
    )
    page = bu.get(url("review-detail", pk=review.pk)).content.decode()
    assert "Practitioner event" in page
    assert "5 September 2016" in page


def test_the_review_list_pages_in_few_queries(bu, cast, django_assert_max_num_queries):
    for _ in range(30):
        ReviewFactory(partnership=cast.partnership)
    with django_assert_max_num_queries(14):
        assert bu.get(url("reviews")).status_code == 200


def test_the_open_list_takes_few_queries(bu, cast, django_assert_max_num_queries):
    for _ in range(20):
        referral(cast)
    with django_assert_max_num_queries(14):
        assert bu.get(url("open")).status_code == 200


def test_the_learning_products_list_in_few_queries(bu, cast, django_assert_max_num_queries):
    review = ReviewFactory(partnership=cast.partnership)
    for _ in range(20):
        LearningProductFactory(partnership=cast.partnership, review=review)
    with django_assert_max_num_queries(14):
        assert bu.get(url("learning")).status_code == 200


def test_the_public_page_lists_published_reviews_and_protects_its_counts(client, cast):
    ReviewFactory(
        partnership=cast.partnership,
        title="Online safety thematic review",
        status="published",
        publication_date=date(2017, 11, 1),
        redaction="not_needed",
    )
    ReviewFactory(partnership=cast.partnership, title="Unpublished review")
    for _ in range(6):
        DecisionFactory(referral=referral(cast), outcome="scr")
    DecisionFactory(referral=referral(cast), outcome="partnership")
    page = client.get(reverse("reviews:public", kwargs={"slug": "southampton"})).content.decode()
    assert "Online safety thematic review" in page
    assert "Unpublished review" not in page
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
    # The one partnership review is hidden, and the six SCRs with it: 7 less 6 would tell.
    assert page.count(cell.format("c")) == 2
    assert cell.format("7") in page and cell.format("6") not in page


def test_the_referral_form_asks_for_a_name_only_where_names_are_recorded(bu, cast):
    assert "Child&#x27;s name" not in bu.get(url("referral-create")).content.decode()
    from safeboard.reviews import services

    services.settings_update(
        actor=cast.business_unit,
        partnership=cast.partnership,
        expected_version=1,
        records_child_names=True,
    )
    assert "Child&#x27;s name" in bu.get(url("referral-create")).content.decode()


def test_a_referral_is_corrected_from_its_page(bu, cast):
    one = referral(cast, became_aware=date(2018, 3, 8))
    answer = bu.post(
        url("referral-edit", pk=one.pk),
        {
            "version": 1,
            "age_band": "1_to_4",
            "incident_date": "2018-03-05",
            "became_aware": "2018-03-08",
            "referring_agency": cast.police.pk,
            "what_happened": "Corrected account.",
            "died_or_seriously_harmed": "on",
            "abuse_or_neglect": "on",
        },
        follow=True,
    )
    assert "Corrected account." in answer.content.decode()
