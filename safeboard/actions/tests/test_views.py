import csv
import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safeboard.actions.models import Action, Evidence, Priority, Status
from safeboard.actions.tests.factories import (
    ActionFactory,
    PlannedRecommendationFactory,
    RecommendationFactory,
)

DAY = datetime.date(2018, 1, 15)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2018, 1, 15, 12, 0), tick=False):
        yield


def url(name, **kwargs):
    return reverse(f"actions:{name}", kwargs={"slug": "southampton", **kwargs})


@pytest.fixture
def actions(cast):
    neglect = RecommendationFactory(partnership=cast.partnership, theme="Neglect")
    think = RecommendationFactory(partnership=cast.partnership, theme="Think Family")
    return {
        "overdue": ActionFactory(
            recommendation=neglect,
            owner_agency=cast.police,
            description="Refresh the neglect toolkit",
            due_date=datetime.date(2018, 1, 1),
            last_update_on=datetime.date(2018, 1, 2),
        ),
        "green": ActionFactory(
            recommendation=think,
            owner_agency=cast.health,
            description="Joint adult and children training",
            due_date=datetime.date(2018, 6, 1),
            last_update_on=datetime.date(2018, 1, 10),
        ),
        "done": ActionFactory(
            recommendation=think,
            owner_agency=cast.police,
            description="Publish the protocol",
            status=Status.COMPLETED,
            what_was_done="Protocol agreed by the board",
            impact_on_children="Families are seen as a whole",
        ),
    }


def test_all_actions_filter_by_rag(client, cast, actions):
    client.force_login(cast.viewer)
    page = client.get(url("list"), {"rag": "red"}).content.decode()
    assert "Refresh the neglect toolkit" in page
    assert "Joint adult and children training" not in page


def test_all_actions_filter_by_theme_agency_status_and_due_date(client, cast, actions):
    client.force_login(cast.viewer)
    by_theme = client.get(url("list"), {"theme": "Think Family"}).content.decode()
    assert "Joint adult" in by_theme and "Refresh the neglect" not in by_theme
    by_agency = client.get(url("list"), {"agency": cast.health.pk}).content.decode()
    assert "Joint adult" in by_agency and "Publish the protocol" not in by_agency
    by_status = client.get(url("list"), {"status": "completed"}).content.decode()
    assert "Publish the protocol" in by_status and "Joint adult" not in by_status
    by_due = client.get(url("list"), {"due_from": "2018-05-01"}).content.decode()
    assert "Joint adult" in by_due and "Refresh the neglect" not in by_due


def test_all_actions_filter_by_source(client, cast, actions):
    priority = Priority.objects.create(
        partnership=cast.partnership, year=2017, number=1, title="Neglect"
    )
    ActionFactory(
        recommendation=PlannedRecommendationFactory(priority=priority),
        owner_agency=cast.police,
        description="Quarterly neglect training",
    )
    client.force_login(cast.viewer)
    from django.contrib.contenttypes.models import ContentType

    source = ContentType.objects.get_for_model(Priority).pk
    page = client.get(url("list"), {"source": source}).content.decode()
    assert "Quarterly neglect training" in page and "Refresh the neglect" not in page


def test_the_actions_export_as_csv_with_their_rag(client, cast, actions):
    client.force_login(cast.viewer)
    answer = client.get(url("list"), {"export": "csv", "sort": "due"})
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0][:2] == ["What will be done", "Theme"]
    assert rows[1][0] == "Refresh the neglect toolkit" and rows[1][7] == "Red"
    assert len(rows) == 4


def test_the_actions_export_as_xlsx(client, cast, actions):
    client.force_login(cast.viewer)
    answer = client.get(url("list"), {"export": "xlsx"})
    assert answer["Content-Type"].endswith("spreadsheetml.sheet")


def test_the_action_list_takes_a_fixed_number_of_queries(
    client, cast, actions, django_assert_max_num_queries
):
    for _ in range(10):
        ActionFactory(recommendation=RecommendationFactory(partnership=cast.partnership))
    client.force_login(cast.viewer)
    with django_assert_max_num_queries(14):
        client.get(url("list"))


def test_my_agencys_actions_are_the_agency_leads_agency_only(client, cast, actions):
    client.force_login(cast.agency_lead)
    page = client.get(url("mine")).content.decode()
    assert "Refresh the neglect toolkit" in page and "Joint adult" not in page


def test_a_person_with_no_agency_is_told_so(client, cast, actions):
    client.force_login(cast.viewer)
    assert "not a member of" in client.get(url("mine")).content.decode()


def test_overdue_lists_open_actions_past_their_date(client, cast, actions):
    client.force_login(cast.viewer)
    page = client.get(url("overdue")).content.decode()
    assert "Refresh the neglect toolkit" in page
    assert "Publish the protocol" not in page and "Joint adult" not in page


def test_the_rag_rules_and_thresholds_are_on_the_page(client, cast, actions):
    client.force_login(cast.viewer)
    page = client.get(url("detail", pk=actions["overdue"].pk)).content.decode()
    assert "no update for more than 60 days" in page


def test_an_agency_lead_records_an_update_and_sees_the_rag_change(client, cast, actions):
    action = actions["overdue"]
    client.force_login(cast.agency_lead)
    assert "govuk-tag--red" in client.get(url("detail", pk=action.pk)).content.decode()
    answer = client.post(
        url("record-update", pk=action.pk),
        {
            "version": action.version,
            "on": "2018-01-15",
            "note": "Toolkit relaunched at the schools' conference",
            "status": "completed",
            "what_was_done": "Police and schools relaunched the toolkit",
            "impact_on_children": "Neglect is recognised earlier",
        },
    )
    assert answer.status_code == 302
    page = client.get(answer.url).content.decode()
    assert "Your update has been recorded" in page
    assert "Toolkit relaunched at the schools" in page and "govuk-tag--grey" in page


def test_the_update_form_offers_todays_date_as_a_browser_date_field_reads_it(client, cast, actions):
    client.force_login(cast.agency_lead)
    page = client.get(url("detail", pk=actions["overdue"].pk)).content.decode()
    assert 'type="date" name="on" value="2018-01-15"' in page


def test_a_stale_form_is_refused_with_a_clear_message(client, cast, actions):
    action = actions["overdue"]
    Action.objects.filter(pk=action.pk).update(version=2)
    client.force_login(cast.agency_lead)
    answer = client.post(
        url("record-update", pk=action.pk),
        {"version": 1, "on": "2018-01-15", "note": "Mine", "status": "in_progress"},
    )
    assert answer.status_code == 400
    assert "Someone else changed this record" in answer.content.decode()
    assert action.updates.count() == 0


def test_evidence_is_uploaded_and_downloaded_through_storage(client, cast, actions):
    action = actions["overdue"]
    client.force_login(cast.agency_lead)
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n1 0 obj\n", content_type="text/plain")
    answer = client.post(url("evidence-add", pk=action.pk), {"file": upload})
    assert answer.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf"  # from the content, not the browser
    client.force_login(cast.viewer)
    download = client.get(url("evidence-file", pk=action.pk, file_pk=evidence.pk))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_file_that_is_not_what_it_claims_is_refused(client, cast, actions):
    client.force_login(cast.agency_lead)
    upload = SimpleUploadedFile("minutes.pdf", b"#!/bin/sh\necho hi\n")
    answer = client.post(url("evidence-add", pk=actions["overdue"].pk), {"file": upload})
    assert answer.status_code == 400 and "must be a PDF" in answer.content.decode()
    assert not Evidence.objects.exists()


def test_the_seed_layout_groups_what_was_done_and_its_impact_by_theme(client, cast, actions):
    client.force_login(cast.viewer)
    page = client.get(url("by-theme")).content.decode()
    assert "What was the impact on children" in page
    assert page.index("Neglect</caption>") < page.index("Think Family</caption>")
    assert "Families are seen as a whole" in page


def test_a_source_that_is_not_a_plain_number_lists_every_source(client, cast, actions):
    client.force_login(cast.viewer)
    answer = client.get(url("by-theme"), {"source": "\u00b2"})  # a superscript two
    assert answer.status_code == 200 and "Families are seen as a whole" in answer.content.decode()


def test_the_plan_shows_progress_by_priority_with_overdue_first(client, cast):
    priority = Priority.objects.create(
        partnership=cast.partnership, year=2017, number=2, title="Neglect"
    )
    for reference, due, status in [
        ("a", datetime.date(2018, 3, 31), Status.COMPLETED),
        ("b", datetime.date(2018, 1, 1), Status.IN_PROGRESS),
    ]:
        ActionFactory(
            recommendation=PlannedRecommendationFactory(priority=priority, reference=reference),
            owner_agency=cast.police,
            description=f"Deliver item {reference}",
            due_date=due,
            status=status,
            last_update_on=DAY,
        )
    client.force_login(cast.viewer)
    page = client.get(url("plan"), {"year": "2017-18"}).content.decode()
    assert "1 of 2 planned actions completed; 1 overdue" in page
    assert page.index("Deliver item b") < page.index("Deliver item a")


def test_the_business_unit_adds_a_planned_action_to_a_priority(client, cast):
    priority = Priority.objects.create(
        partnership=cast.partnership, year=2017, number=1, title="Think Family"
    )
    client.force_login(cast.business_unit)
    answer = client.post(
        url("planned-action-create", pk=priority.pk),
        {
            "reference": "c",
            "text": "Agree a joint working protocol",
            "theme": "Think Family",
            "date_agreed": "2017-04-01",
            "description": "Write and agree the protocol",
            "owner_agency": cast.police.pk,
            "due_date": "2018-03-31",
        },
    )
    assert answer.status_code == 302
    action = Action.objects.get()
    assert action.recommendation.source == priority


def test_the_business_unit_changes_the_thresholds_and_the_pages_follow(client, cast, actions):
    client.force_login(cast.business_unit)
    client.post(
        url("settings"),
        {
            "version": 1,
            "stall_days": 3,
            "amber_due_within_days": 30,
            "amber_not_updated_days": 30,
        },
    )
    page = client.get(url("list"), {"rag": "red"}).content.decode()
    assert "Joint adult and children training" in page  # last updated five days ago
    assert "no update for more than 3 days" in page
