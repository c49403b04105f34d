import datetime

import pytest
import time_machine

from safeboard.actions.models import Action
from safeboard.actions.tests.factories import ActionFactory, RecommendationFactory

URL = "/api/v1/partnerships/southampton/actions/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2018, 1, 15, 12, 0), tick=False):
        yield


@pytest.fixture
def overdue(cast):
    return ActionFactory(
        recommendation=RecommendationFactory(partnership=cast.partnership),
        owner_agency=cast.police,
        due_date=datetime.date(2018, 1, 1),
        last_update_on=datetime.date(2018, 1, 2),
    )


def test_actions_come_with_their_computed_rag_and_filter_by_it(client, cast, overdue):
    ActionFactory(
        recommendation=RecommendationFactory(partnership=cast.partnership),
        owner_agency=cast.health,
        due_date=datetime.date(2018, 9, 1),
        last_update_on=datetime.date(2018, 1, 10),
    )
    client.force_login(cast.viewer)
    red = client.get(URL, {"rag": "red"}).json()
    assert [a["id"] for a in red["results"]] == [overdue.pk]
    assert red["results"][0]["rag"] == "red"
    assert client.get(URL, {"agency": cast.health.pk}).json()["count"] == 1


def test_a_stale_update_through_the_api_is_refused_with_409(client, cast, overdue):
    client.force_login(cast.agency_lead)
    body = {"version": 1, "on": "2018-01-15", "note": "Reviewed", "status": "in_progress"}
    first = client.post(f"{URL}{overdue.pk}/updates/", body, content_type="application/json")
    assert first.status_code == 201
    second = client.post(f"{URL}{overdue.pk}/updates/", body, content_type="application/json")
    assert second.status_code == 409
    assert "Someone else changed this record" in second.json()["message"]
    assert Action.objects.get().version == 2


def test_an_agency_lead_cannot_update_another_agencys_action_through_the_api(client, cast):
    theirs = ActionFactory(
        recommendation=RecommendationFactory(partnership=cast.partnership),
        owner_agency=cast.health,
    )
    client.force_login(cast.agency_lead)
    body = {"version": 1, "on": "2018-01-15", "note": "Not ours", "status": "in_progress"}
    answer = client.post(f"{URL}{theirs.pk}/updates/", body, content_type="application/json")
    assert answer.status_code == 403


def test_the_actions_and_meetings_are_in_the_schema_and_refuse_anonymous_callers(client, cast):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/partnerships/{slug}/actions/" in schema
    assert "/api/v1/partnerships/{slug}/meetings/" in schema
    assert client.get(URL).status_code == 401
    assert client.get("/api/v1/partnerships/southampton/meetings/").status_code == 401


@pytest.mark.parametrize("year", ["0", "10000"])
def test_priorities_of_a_year_out_of_range_are_a_400_naming_the_year(client, cast, year):
    client.force_login(cast.viewer)
    answer = client.get("/api/v1/partnerships/southampton/priorities/", {"year": year})
    assert answer.status_code == 400
    assert answer.json()["errors"] == {"year": [answer.json()["message"]]}
