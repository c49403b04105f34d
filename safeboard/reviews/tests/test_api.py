"""Case reviews in the API: only the case review roles see referrals, reviews and learning
products, and every answer showing any writes an access event naming each one."""

import pytest

from safeboard.core.models import AuditEvent
from safeboard.core.restricted import ACCESS_ACTION, accessed_by
from safeboard.core.testing import PERSONAS
from safeboard.reviews.models import CASE_REVIEW_ROLES
from safeboard.reviews.tests.factories import (
    DecisionFactory,
    LearningProductFactory,
    ReferralFactory,
    ReviewFactory,
)

EVERYWHERE = "/api/v1/case-reviews/referrals/"
ALLOWED = {role.value for role in CASE_REVIEW_ROLES}


def ours(cast, **fields):
    return ReferralFactory(partnership=cast.partnership, referring_agency=cast.police, **fields)


def access_events():
    return AuditEvent.objects.filter(action=ACCESS_ACTION)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_case_review_roles_see_referrals_across_their_partnerships(
    persona, cast, api_client
):
    referral = ours(cast)
    api_client.force_login(cast.persona(persona))
    answer = api_client.get(EVERYWHERE)
    assert answer.status_code == 200
    seen = [row["reference"] for row in answer.json()["results"]]
    assert seen == ([referral.reference] if persona in ALLOWED else [])


@pytest.mark.parametrize("persona", sorted(ALLOWED))
def test_every_read_across_partnerships_is_in_the_audit(persona, cast, api_client):
    first, second = ours(cast), ours(cast)
    api_client.force_login(cast.persona(persona))
    api_client.get(EVERYWHERE)
    event = access_events().get()
    assert event.actor_id == cast.persona(persona).pk
    assert event.partnership_id == cast.partnership.pk
    assert event.target_label == "api: 2"
    assert list(accessed_by(first)) == list(accessed_by(second)) == [event]


def test_a_read_that_shows_nothing_restricted_writes_no_access_event(cast, api_client):
    ours(cast)
    api_client.force_login(cast.viewer)
    api_client.get(EVERYWHERE)
    assert not access_events().exists()


def test_the_outsider_sees_only_their_own_partnerships_referrals(cast, api_client):
    ours(cast)
    theirs = ReferralFactory(partnership=cast.other_partnership, referring_agency=cast.police)
    api_client.force_login(cast.outsider)
    rows = api_client.get(EVERYWHERE).json()["results"]
    assert [row["reference"] for row in rows] == [theirs.reference]
    assert rows[0]["partnership"] == cast.other_partnership.slug
    assert access_events().get().partnership_id == cast.other_partnership.pk


def test_the_partnership_filter_narrows_the_list(cast, api_client):
    ours(cast)
    api_client.force_login(cast.business_unit)
    named = api_client.get(EVERYWHERE, {"partnership": cast.partnership.slug}).json()
    other = api_client.get(EVERYWHERE, {"partnership": cast.other_partnership.slug}).json()
    assert (named["count"], other["count"]) == (1, 0)


def test_a_referral_reads_with_its_decision_and_never_a_childs_name(cast, api_client):
    referral = ours(cast, child_name="Named Child")
    DecisionFactory(referral=referral)
    api_client.force_login(cast.chair)
    url = f"/api/v1/partnerships/{cast.partnership.slug}/case-reviews/referrals/{referral.pk}/"
    answer = api_client.get(url)
    assert answer.json()["decision"]["outcome"] == "lcspr"
    assert "Named Child" not in answer.content.decode()
    assert list(accessed_by(referral)) == [access_events().get()]


def test_reviews_and_learning_products_are_listed_and_their_reads_recorded(cast, api_client):
    review = ReviewFactory(partnership=cast.partnership)
    product = LearningProductFactory(partnership=cast.partnership, review=review)
    api_client.force_login(cast.scrutineer)
    base = f"/api/v1/partnerships/{cast.partnership.slug}/case-reviews"
    listed = api_client.get(f"{base}/reviews/").json()["results"]
    detail = api_client.get(f"{base}/reviews/{review.pk}/").json()
    products = api_client.get(f"{base}/learning-products/").json()["results"]
    assert [row["title"] for row in listed] == [review.title] == [detail["title"]]
    assert [row["review"] for row in products] == [review.pk]
    assert len(accessed_by(review)) == 2
    assert len(accessed_by(product)) == 1


def test_the_list_asks_a_fixed_number_of_queries(cast, api_client, django_assert_max_num_queries):
    for _ in range(5):
        DecisionFactory(referral=ours(cast))
    api_client.force_login(cast.business_unit)
    with django_assert_max_num_queries(20):
        assert api_client.get(EVERYWHERE).json()["count"] == 5


def test_the_schema_describes_the_case_review_addresses(client):
    schema = client.get("/api/v1/schema/", headers={"accept": "application/json"}).json()
    assert "/api/v1/case-reviews/referrals/" in schema["paths"]
    assert "/api/v1/partnerships/{slug}/case-reviews/reviews/{id}/" in schema["paths"]
