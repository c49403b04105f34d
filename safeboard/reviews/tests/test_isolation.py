"""A planted marker record is never seen by anyone outside the case review roles: not in
any page of this module, nor in any export, whatever they ask."""

import io
from datetime import date

import pytest
from django.urls import URLPattern, reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from safeboard.actions import services as actions
from safeboard.core.testing import PERSONAS
from safeboard.governance.models import Meeting
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory
from safeboard.reviews import api_urls, services, urls
from safeboard.reviews.models import CASE_REVIEW_ROLES, ClosureDay
from safeboard.reviews.tests.factories import (
    LearningProductFactory,
    ReferralFactory,
    ReviewFactory,
    ThemeFactory,
)

MARKER = "MARKER-q7zx41"
ALLOWED = {"business_unit", "chair", "scrutineer", "case_review_member"}
KEPT_OUT = [p for p in PERSONAS if p not in ALLOWED] + ["outsider", "anonymous"]


def test_the_personas_kept_out_are_those_without_a_case_review_role():
    assert {role.value for role in CASE_REVIEW_ROLES} == ALLOWED
    assert "viewer" in KEPT_OUT and "cdop_member" in KEPT_OUT


@pytest.fixture
def marker(cast):
    theme = ThemeFactory(partnership=cast.partnership, name="Safe sleeping")
    referral = ReferralFactory(
        partnership=cast.partnership,
        referring_agency=cast.police,
        reference=MARKER,
        what_happened=f"What happened to {MARKER}",
    )
    referral.themes.add(theme)
    review = ReviewFactory(
        partnership=cast.partnership, referral=referral, kind="scr", title=f"Review {MARKER}"
    )
    LearningProductFactory(partnership=cast.partnership, review=review)
    closure = ClosureDay.objects.create(partnership=cast.partnership, day="2018-03-12", reason="x")
    recommendation = actions.recommendation_create(
        actor=None,
        partnership=cast.partnership,
        text=f"Recommendation {MARKER}",
        theme="Safe sleeping",
        date_agreed=date(2017, 4, 3),
        source=review,
    )
    group = BodyFactory(partnership=cast.partnership, name="Case review group")
    services.group_set(
        actor=cast.business_unit, partnership=cast.partnership, expected_version=1, group=group
    )
    meeting = MeetingFactory(body=group, date=date(2017, 6, 21))
    services.action_plan_prepare(actor=cast.business_unit, meeting=meeting)
    return {
        "referral": referral.pk,
        "review": review.pk,
        "recommendation": recommendation.pk,
        "meeting": meeting.pk,
        "closure-day": closure.pk,
    }


def every_address(cast, pks) -> list[str]:
    """Each of the module's URL patterns, with the marker records as its subject."""
    addresses = []
    patterns = [*urls.partnership_patterns, *urls.urlpatterns]
    for pattern in patterns:
        if not isinstance(pattern, URLPattern):
            continue
        kwargs = {"slug": cast.partnership.slug}
        if "<int:pk>" in str(pattern.pattern):
            kwargs["pk"] = next(pk for prefix, pk in pks.items() if pattern.name.startswith(prefix))
        if "<int:recommendation_pk>" in str(pattern.pattern):
            kwargs["recommendation_pk"] = pks["recommendation"]
        addresses.append(reverse(f"reviews:{pattern.name}", kwargs=kwargs))
    # The governance pages of the case review group's meeting, which every member reads,
    # and the paper's own agenda item there.
    meeting = Meeting.objects.get(pk=pks["meeting"])
    item = meeting.case_review_action_plan.agenda_item
    governance = {"slug": cast.partnership.slug, "pk": meeting.pk}
    addresses += [
        reverse("governance:meeting", kwargs=governance),
        reverse("governance:body", kwargs={**governance, "pk": meeting.body_id}),
        reverse("governance:paper", kwargs={**governance, "item_pk": item.pk}),
    ]
    return addresses


def everything_in(answer) -> str:
    if answer.get("Content-Type", "") == "application/pdf":
        reader = PdfReader(io.BytesIO(b"".join(answer.streaming_content)))
        return " ".join(page.extract_text() for page in reader.pages)
    if answer.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = load_workbook(io.BytesIO(answer.content), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return answer.content.decode(errors="replace")


def answers(client, addresses):
    for address in addresses:
        for ask in ("", "?export=csv", "?export=xlsx", "?q=MARKER&export=csv"):
            yield address + ask, client.get(address + ask)
        yield address + " (POST)", client.post(address, {"reference": MARKER})


@pytest.mark.parametrize("persona", KEPT_OUT)
def test_the_marker_record_is_never_shown_to(persona, cast, client, marker):
    person = cast.persona(persona)
    if person is not None:
        client.force_login(person)
    for address, answer in answers(client, every_address(cast, marker)):
        assert MARKER not in everything_in(answer), f"{persona} saw the marker at {address}"


def test_the_marker_is_there_to_be_found_by_the_case_review_group(cast, client, marker):
    client.force_login(cast.case_review_member)
    seen = [
        address
        for address, answer in answers(client, every_address(cast, marker))
        if MARKER in everything_in(answer)
    ]
    assert any("/referrals/?export=xlsx" in address for address in seen)
    assert any(f"/referrals/{marker['referral']}/" in address for address in seen)
    assert any("/learning/?export=csv" in address for address in seen)
    assert any(address.endswith(f"/meetings/{marker['meeting']}/action-plan/") for address in seen)


def every_api_address(cast, pks) -> list[str]:
    """Each of the module's API patterns, with the marker records as its subject."""
    addresses = []
    for pattern in api_urls.urlpatterns:
        kwargs = {"slug": cast.partnership.slug} if "<slug:slug>" in str(pattern.pattern) else {}
        if "<int:pk>" in str(pattern.pattern):
            kwargs["pk"] = pks[pattern.name]
        addresses.append(reverse(f"reviews-api:{pattern.name}", kwargs=kwargs))
    return addresses


def api_answers(api_client, cast, addresses):
    for address in addresses:
        for ask in ("", "?q=MARKER", f"?partnership={cast.partnership.slug}", "?page_size=100"):
            yield address + ask, api_client.get(address + ask)


def api_pks(marker) -> dict[str, int]:
    return {"referral": marker["referral"], "review": marker["review"]}


@pytest.mark.parametrize("persona", KEPT_OUT)
def test_the_marker_record_is_never_in_an_api_answer_to(persona, cast, api_client, marker):
    person = cast.persona(persona)
    if person is not None:
        api_client.force_login(person)
    addresses = every_api_address(cast, api_pks(marker))
    for address, answer in api_answers(api_client, cast, addresses):
        assert MARKER not in answer.content.decode(), f"{persona} saw the marker at {address}"


def test_the_marker_is_in_the_api_answers_to_the_case_review_group(cast, api_client, marker):
    api_client.force_login(cast.case_review_member)
    addresses = every_api_address(cast, api_pks(marker))
    seen = {
        address.split("?")[0]
        for address, answer in api_answers(api_client, cast, addresses)
        if MARKER in answer.content.decode()
    }
    assert "/api/v1/case-reviews/referrals/" in seen
    assert f"/api/v1/partnerships/{cast.partnership.slug}/case-reviews/reviews/" in seen
