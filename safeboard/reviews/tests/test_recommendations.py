"""A review's recommendations are added from its page into the one action tracker."""

import pytest
from django.urls import reverse

from safeboard.actions.models import Action, Recommendation
from safeboard.core.models import AuditEvent
from safeboard.core.restricted import accessed_by
from safeboard.reviews.selectors import recommendations_from_reviews
from safeboard.reviews.tests.factories import ReviewFactory, ThemeFactory


def url(name, **kwargs):
    return reverse(f"reviews:{name}", kwargs={"slug": "southampton", **kwargs})


@pytest.fixture
def review(cast):
    found = ReviewFactory(partnership=cast.partnership, kind="thematic", title="Online safety")
    found.themes.add(ThemeFactory(partnership=cast.partnership, name="Online safety"))
    return found


def recommendation_form(cast, **changes):
    return {
        "reference": "OS1",
        "text": "Schools teach online safety in every year group",
        "theme": "Online safety",
        "date_agreed": "2018-01-15",
        "description": "Share the review's briefing with every designated safeguarding lead",
        "owner_agency": cast.police.pk,
        "owner": "",
        "due_date": "2018-06-30",
        **changes,
    }


def test_the_business_unit_adds_a_recommendation_and_its_action_from_the_review(
    client, cast, review
):
    client.force_login(cast.business_unit)
    page = client.get(url("review-detail", pk=review.pk)).content.decode()
    assert url("review-recommendation-add", pk=review.pk) in page
    form = client.get(url("review-recommendation-add", pk=review.pk))
    assert form.context["form"].initial["theme"] == "Online safety"
    answer = client.post(url("review-recommendation-add", pk=review.pk), recommendation_form(cast))
    assert answer.status_code == 302 and answer.url == review.get_absolute_url()
    recommendation = recommendations_from_reviews(cast.partnership).get()
    assert recommendation.source == review
    assert recommendation.reference == "OS1"
    action = recommendation.actions.get()
    assert action.owner_agency == cast.police
    audited = set(
        AuditEvent.objects.filter(actor_id=cast.business_unit.pk).values_list("action", flat=True)
    )
    assert {"recommendation.create", "action.create"} <= audited
    assert accessed_by(review).filter(actor_id=cast.business_unit.pk).exists()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Schools teach online safety in every year group" in page
    assert "Share the review&#x27;s briefing" in page


def test_another_action_is_added_to_a_recommendation_of_the_review(client, cast, review):
    client.force_login(cast.business_unit)
    client.post(url("review-recommendation-add", pk=review.pk), recommendation_form(cast))
    recommendation = Recommendation.objects.get()
    address = url("review-action-add", pk=review.pk, recommendation_pk=recommendation.pk)
    assert address in client.get(review.get_absolute_url()).content.decode()
    answer = client.post(
        address,
        {
            "description": "Run a workshop for parents",
            "owner_agency": cast.health.pk,
            "owner": "",
            "due_date": "2018-09-30",
        },
    )
    assert answer.status_code == 302
    assert recommendation.actions.count() == 2


def test_a_recommendation_needs_its_text_and_action(client, cast, review):
    client.force_login(cast.business_unit)
    answer = client.post(
        url("review-recommendation-add", pk=review.pk),
        recommendation_form(cast, text="", due_date=""),
    )
    assert answer.status_code == 200
    assert set(answer.context["form"].errors) == {"text", "due_date"}
    assert not Recommendation.objects.exists() and not Action.objects.exists()


def test_an_owner_agency_that_does_not_serve_the_partnership_is_refused(client, cast, review):
    cast.health.partnerships.remove(cast.partnership)
    client.force_login(cast.business_unit)
    answer = client.post(
        url("review-recommendation-add", pk=review.pk),
        recommendation_form(cast, owner_agency=cast.health.pk),
    )
    assert answer.status_code == 200
    assert "owner_agency" in answer.context["form"].errors
    assert not Recommendation.objects.exists()


def test_a_recommendation_of_another_review_is_not_found_through_this_one(client, cast, review):
    client.force_login(cast.business_unit)
    client.post(url("review-recommendation-add", pk=review.pk), recommendation_form(cast))
    other = ReviewFactory(partnership=cast.partnership, kind="thematic", title="Neglect")
    recommendation = Recommendation.objects.get()
    address = url("review-action-add", pk=other.pk, recommendation_pk=recommendation.pk)
    assert client.get(address).status_code == 404


@pytest.mark.parametrize("persona", ["case_review_member", "chair", "scrutineer"])
def test_the_rest_of_the_case_review_roles_are_not_offered_the_form(client, cast, review, persona):
    client.force_login(cast.persona(persona))
    page = client.get(review.get_absolute_url()).content.decode()
    assert url("review-recommendation-add", pk=review.pk) not in page
    answer = client.post(url("review-recommendation-add", pk=review.pk), recommendation_form(cast))
    assert answer.status_code == 403
    assert not Recommendation.objects.exists()
