"""The case review group's quarterly meeting takes the case-review action plan as its
paper: drawn from the tracker as of the meeting's date, restricted, kept once issued."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from safeboard.actions import services as actions
from safeboard.actions.models import ActionUpdate, Status
from safeboard.actions.rag import Rag
from safeboard.core.models import AuditEvent
from safeboard.core.restricted import accessed_by
from safeboard.core.testing import PERSONAS
from safeboard.governance import services as governance
from safeboard.governance.models import MeetingPack
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory, SeatFactory
from safeboard.reviews import action_plan, services
from safeboard.reviews.models import CASE_REVIEW_ROLES
from safeboard.reviews.tests.factories import ReviewFactory

KEPT_OUT = [p for p in PERSONAS if p not in {r.value for r in CASE_REVIEW_ROLES}]


def text_of(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def review(cast):
    return ReviewFactory(partnership=cast.partnership, kind="thematic", title="Child Q")


def recommend(cast, review, text, *, agreed, theme="Neglect"):
    return actions.recommendation_create(
        actor=None,
        partnership=cast.partnership,
        text=text,
        theme=theme,
        date_agreed=agreed,
        source=review,
    )


def act(recommendation, cast, *, due, updates=()):
    action = actions.action_create(
        actor=None,
        recommendation=recommendation,
        description=f"Do: {recommendation.text}",
        owner_agency=cast.police,
        owner=None,
        due_date=due,
    )
    for on, status in updates:
        ActionUpdate.objects.create(
            action=action,
            on=on,
            author_name="Business unit",
            note="Progress",
            status=status,
            recorded_at=timezone.now(),
        )
    return action


@pytest.fixture
def group(cast):
    body = BodyFactory(partnership=cast.partnership, name="Serious Case Review Group")
    services.group_set(
        actor=cast.business_unit, partnership=cast.partnership, expected_version=1, group=body
    )
    return body


@pytest.fixture
def meeting(group):
    return MeetingFactory(body=group, date=date(2017, 12, 13))


# The plan as of a date


def test_the_plan_takes_the_recommendations_agreed_by_the_date_grouped_by_theme(cast, review):
    recommend(cast, review, "Audit neglect", agreed=date(2017, 5, 1))
    recommend(cast, review, "Safe sleeping advice", agreed=date(2017, 6, 1), theme="Safe sleeping")
    recommend(cast, review, "Agreed after the meeting", agreed=date(2018, 1, 10))
    actions.recommendation_create(  # not from a review: not on this plan
        actor=None,
        partnership=cast.partnership,
        text="A business plan matter",
        theme="Neglect",
        date_agreed=date(2017, 5, 1),
    )
    plan = action_plan.plan_as_of(cast.partnership, date(2017, 12, 13))
    assert [t.theme for t in plan.themes] == ["Neglect", "Safe sleeping"]
    assert [r.recommendation.text for r in plan.themes[0].recommendations] == ["Audit neglect"]
    assert plan.themes[0].recommendations[0].review == review
    assert plan.recommendations == 2


def test_status_and_rag_are_those_of_the_meeting_date(cast, review):
    recommendation = recommend(cast, review, "Audit neglect", agreed=date(2017, 5, 1))
    underway = act(
        recommendation,
        cast,
        due=date(2018, 3, 31),
        updates=[
            (date(2017, 11, 30), Status.IN_PROGRESS),
            (date(2018, 3, 20), Status.COMPLETED),  # after the meeting: not yet known then
        ],
    )
    overdue = act(recommendation, cast, due=date(2017, 12, 1))  # no update by the meeting
    plan = action_plan.plan_as_of(cast.partnership, date(2017, 12, 13))
    first, second = plan.themes[0].recommendations[0].actions  # soonest due first
    assert first.action == overdue
    assert (first.status, first.rag, first.updated) == (Status.NOT_STARTED, Rag.RED, False)
    assert second.action == underway
    assert (second.status, second.rag, second.updated) == (Status.IN_PROGRESS, Rag.GREEN, True)
    later = action_plan.plan_as_of(cast.partnership, date(2018, 3, 28))
    assert later.themes[0].recommendations[0].actions[1].rag == Rag.GREY
    assert later.count(Rag.RED) == 1


# Preparing the paper


def test_the_business_unit_adds_the_plan_to_the_groups_meeting(cast, review, meeting):
    recommend(cast, review, "Audit neglect in large families", agreed=date(2017, 5, 1))
    paper = services.action_plan_prepare(actor=cast.business_unit, meeting=meeting)
    assert paper.as_of == meeting.date
    assert (paper.recommendations, paper.actions) == (1, 0)
    assert paper.agenda_item.title == "Case review action plan"
    assert not paper.agenda_item.paper  # the governance pages name the item, nothing more
    text = text_of(paper.file.read())
    assert "Audit neglect in large families" in text
    assert "Child Q" in text and "13 December 2017" in text
    events = AuditEvent.objects.filter(partnership_id=cast.partnership.pk)
    assert events.filter(action="reviews.action_plan.prepare", target_id=str(paper.pk)).exists()
    assert events.filter(action="meeting.agenda.add").exists()


def test_prepared_again_it_replaces_the_paper_on_the_same_agenda_item(cast, review, meeting):
    first = services.action_plan_prepare(actor=cast.business_unit, meeting=meeting)
    recommend(cast, review, "A later recommendation", agreed=date(2017, 11, 1))
    again = services.action_plan_prepare(actor=cast.business_unit, meeting=meeting)
    assert again.pk == first.pk and again.agenda_item_id == first.agenda_item_id
    assert meeting.agenda.count() == 1
    assert again.recommendations == 1
    assert "A later recommendation" in text_of(again.file.read())


def test_once_the_pack_is_built_the_paper_stays_as_the_group_saw_it(cast, review, meeting):
    recommend(cast, review, "What the group saw", agreed=date(2017, 5, 1))
    paper = services.action_plan_prepare(actor=cast.business_unit, meeting=meeting)
    pack = MeetingPack.objects.create(
        meeting=meeting, requested_by=cast.business_unit, requested_at=timezone.now()
    )
    governance.meeting_pack_build(pack_id=pack.pk)
    recommend(cast, review, "Agreed since", agreed=date(2017, 6, 1))
    with pytest.raises(ValidationError, match="stays as the group saw it"):
        services.action_plan_prepare(actor=cast.business_unit, meeting=meeting)
    paper.refresh_from_db()
    assert "Agreed since" not in text_of(paper.file.read())
    pack.refresh_from_db()
    in_pack = text_of(pack.file.read())
    assert "Case review action plan" in in_pack  # the agenda names the item
    assert "What the group saw" not in in_pack  # but the pack, read by all, holds no paper


def test_the_plan_is_a_paper_of_the_case_review_groups_meetings_only(cast, group):
    board = MeetingFactory(body=BodyFactory(partnership=cast.partnership, name="Main board"))
    with pytest.raises(ValidationError, match="not named as the group"):
        services.action_plan_prepare(actor=cast.business_unit, meeting=board)


@pytest.mark.parametrize("persona", ["case_review_member", "chair", "viewer", "agency_lead"])
def test_only_the_business_unit_prepares_the_paper(cast, meeting, persona):
    with pytest.raises(PermissionDenied):
        services.action_plan_prepare(actor=cast.persona(persona), meeting=meeting)


def test_the_group_is_one_of_the_partnerships_bodies(cast):
    elsewhere = BodyFactory(partnership=cast.other_partnership)
    with pytest.raises(ValidationError):
        services.group_set(
            actor=cast.business_unit,
            partnership=cast.partnership,
            expected_version=1,
            group=elsewhere,
        )


# The pages


def meeting_url(meeting, name="governance:meeting"):
    return reverse(name, kwargs={"slug": "southampton", "pk": meeting.pk})


def test_the_business_unit_adds_the_plan_from_the_meeting_page(client, cast, review, meeting):
    recommend(cast, review, "Audit neglect", agreed=date(2017, 5, 1))
    client.force_login(cast.business_unit)
    page = client.get(meeting_url(meeting)).content.decode()
    assert "Add the case review action plan" in page
    answer = client.post(meeting_url(meeting, "reviews:meeting-action-plan-prepare"), follow=True)
    page = answer.content.decode()
    assert "has been prepared as at 13 December 2017" in page
    assert "Paper: case review action plan (restricted)" in page
    assert "Prepare the action plan again" in page
    download = client.get(meeting_url(meeting, "reviews:meeting-action-plan"))
    assert download["Content-Type"] == "application/pdf"
    assert "Audit neglect" in text_of(b"".join(download.streaming_content))
    paper = meeting.case_review_action_plan
    assert accessed_by(paper).filter(actor_id=cast.business_unit.pk).exists()


def test_the_button_is_not_offered_at_other_bodies_meetings(client, cast, group):
    board = MeetingFactory(body=BodyFactory(partnership=cast.partnership, name="Main board"))
    client.force_login(cast.business_unit)
    page = client.get(meeting_url(board)).content.decode()
    assert "case review action plan" not in page.lower()


def test_the_chair_reads_the_paper_but_is_not_offered_the_button(client, cast, meeting):
    services.action_plan_prepare(actor=cast.business_unit, meeting=meeting)
    client.force_login(cast.chair)
    page = client.get(meeting_url(meeting)).content.decode()
    assert "Download the case review action plan" in page
    assert "Prepare the action plan again" not in page
    assert client.get(meeting_url(meeting, "reviews:meeting-action-plan")).status_code == 200


def test_a_refusal_is_shown_on_the_meeting_page(client, cast, meeting):
    services.action_plan_prepare(actor=cast.business_unit, meeting=meeting)
    MeetingPack.objects.create(
        meeting=meeting, status="ready", requested_at=timezone.now(), file="pack.pdf"
    )
    client.force_login(cast.business_unit)
    page = client.get(meeting_url(meeting)).content.decode()
    assert "the paper stays as the group saw it" in page
    assert "Prepare the action plan again" not in page
    answer = client.post(meeting_url(meeting, "reviews:meeting-action-plan-prepare"), follow=True)
    assert "stays as the group saw it" in answer.content.decode()


@pytest.mark.parametrize("persona", KEPT_OUT)
def test_outside_the_case_review_roles_the_meeting_shows_no_paper(
    persona, client, cast, review, meeting
):
    recommend(cast, review, "Restricted recommendation", agreed=date(2017, 5, 1))
    paper = services.action_plan_prepare(actor=cast.business_unit, meeting=meeting)
    # A subgroup member sees the meetings of the groups they sit on: seated on this one.
    SeatFactory(body=meeting.body, representative=cast.subgroup_member)
    client.force_login(cast.persona(persona))
    page = client.get(meeting_url(meeting))
    assert page.status_code == 200  # the meeting is the partnership's business
    text = page.content.decode()
    assert "Case review action plan" in text  # the agenda item's title
    assert reverse("reviews:meeting-action-plan", args=["southampton", meeting.pk]) not in text
    assert "Download the case review action plan" not in text
    assert client.get(meeting_url(meeting, "reviews:meeting-action-plan")).status_code == 404
    item = reverse(
        "governance:paper",
        kwargs={"slug": "southampton", "pk": meeting.pk, "item_pk": paper.agenda_item_id},
    )
    assert client.get(item).status_code == 404
    assert not accessed_by(paper).exists()


def test_the_plan_is_read_in_a_fixed_number_of_queries(cast, review, django_assert_max_num_queries):
    for number in range(8):
        recommendation = recommend(
            cast, review, f"Recommendation {number}", agreed=date(2017, 5, 1)
        )
        act(
            recommendation, cast, due=date(2018, 3, 31), updates=[(date(2017, 9, 1), "in_progress")]
        )
        act(recommendation, cast, due=date(2018, 3, 31))
    with django_assert_max_num_queries(5):
        plan = action_plan.plan_as_of(cast.partnership, date(2017, 12, 13))
    assert (plan.recommendations, plan.actions) == (8, 16)
