"""The REST API: the same rules as the pages, answered as JSON."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from safeboard.core.api.authentication import SessionAuthentication
from safeboard.core.models import AuditEvent, GlossaryTerm
from safeboard.core.testing import SignedInClient
from safeboard.core.tests.factories import AgencyFactory, MembershipFactory

API = "/api/v1/partnerships/southampton"
TEN = [{"code": f"E060000{n:02d}", "name": f"Neighbour {n}"} for n in range(10, 20)]


@pytest.fixture
def business_unit(client, cast):
    client.force_login(cast.business_unit)
    return client


def test_a_signed_out_caller_is_told_to_authenticate(client, cast):
    answer = client.get(f"{API}/agencies/")
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == 'Bearer realm="api"'
    assert answer.json() == {
        "message": "Authentication credentials were not provided.",
        "errors": {},
    }


def test_an_outsider_finds_no_partnership_not_theirs(client, cast):
    client.force_login(cast.outsider)
    answer = client.get(f"{API}/agencies/")
    assert answer.status_code == 404
    assert answer.json()["message"] == "No such partnership"


def test_a_viewer_reads_but_may_not_write(client, cast):
    client.force_login(cast.viewer)
    assert client.get(f"{API}/glossary/").status_code == 200
    answer = client.post(
        f"{API}/glossary/", {"term": "CSE", "meaning": "Child sexual exploitation"}
    )
    assert answer.status_code == 403
    assert "not allowed to change" in answer.json()["message"]
    assert not GlossaryTerm.objects.exists()


def test_list_totals_count_only_what_the_person_may_see(business_unit, cast):
    AgencyFactory.create_batch(3, serves=[cast.other_partnership])
    answer = business_unit.get(f"{API}/agencies/").json()
    assert answer["count"] == 2
    assert {a["name"] for a in answer["results"]} == {cast.police.name, cast.health.name}


def test_lists_search_order_and_page(business_unit, cast):
    for term in ("MASH", "LADO", "CSE"):
        GlossaryTerm.objects.create(partnership=cast.partnership, term=term, meaning="…")
    page = business_unit.get(f"{API}/glossary/?ordering=-term&page_size=2").json()
    assert page["count"] == 3 and page["next"] is not None
    assert [t["term"] for t in page["results"]] == ["MASH", "LADO"]
    found = business_unit.get(f"{API}/glossary/?q=lad").json()
    assert [t["term"] for t in found["results"]] == ["LADO"] and found["count"] == 1


def test_an_unknown_ordering_is_refused_with_the_fields_to_order_by(business_unit, cast):
    answer = business_unit.get(f"{API}/agencies/?ordering=secret_field")
    assert answer.status_code == 400
    (message,) = answer.json()["errors"]["ordering"]
    assert "secret_field" in message and "-name" in message


def test_an_unknown_query_parameter_is_refused_naming_it_and_the_accepted_ones(business_unit, cast):
    answer = business_unit.get(f"{API}/agencies/?serach=police")
    assert answer.status_code == 400
    (message,) = answer.json()["errors"]["serach"]
    assert "ordering, page, page_size, q" in message
    assert business_unit.get(f"{API}/agencies/?q=police").json()["count"] == 1


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("page=0", "page"),
        ("page_size=abc", "page_size"),
        ("page_size=101", "page_size"),
    ],
)
def test_a_page_that_cannot_be_given_is_refused_naming_the_parameter(
    business_unit, cast, query, named
):
    answer = business_unit.get(f"{API}/agencies/?{query}")
    assert answer.status_code == 400 and list(answer.json()["errors"]) == [named]


def test_a_page_past_the_last_is_not_found_and_says_which_is_last(business_unit, cast):
    answer = business_unit.get(f"{API}/agencies/?page=2")
    assert answer.status_code == 404
    assert answer.json()["message"] == "There is no page 2: the last is page 1."


@pytest.mark.parametrize("address", ["meetings", "priorities", "statistical-neighbours"])
@pytest.mark.parametrize("year", ["abc", "1989", "2101"])
def test_a_year_that_is_not_one_is_refused_naming_it(business_unit, cast, address, year):
    answer = business_unit.get(f"{API}/{address}/?year={year}")
    assert answer.status_code == 400 and list(answer.json()["errors"]) == ["year"]
    assert business_unit.get(f"{API}/{address}/?year=2017").status_code == 200


def test_a_blank_value_is_refused_where_the_parameter_has_no_blank(business_unit, cast):
    assert business_unit.get(f"{API}/agencies/?q=").status_code == 200
    answer = business_unit.get(f"{API}/agencies/?page=")
    assert answer.status_code == 400 and list(answer.json()["errors"]) == ["page"]


def test_an_address_under_the_api_that_matches_nothing_answers_in_the_apis_shape(
    business_unit, cast
):
    answer = business_unit.get("/api/v1/partnerships/not a slug/")
    assert answer.status_code == 404 and answer["Content-Type"] == "application/json"
    assert answer.json() == {"message": "There is nothing at this address.", "errors": {}}
    assert "text/html" in business_unit.get("/no-such-page/")["Content-Type"]


def test_a_nested_field_is_named_by_its_place_in_the_errors(business_unit, cast):
    answer = business_unit.put(
        f"{API}/statistical-neighbours/2017/",
        {"neighbours": [*TEN[:9], {"code": "E06000046"}]},
        "application/json",
    )
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["neighbours.9.name"]


def test_a_list_costs_the_same_few_queries_however_long(
    business_unit, cast, django_assert_max_num_queries
):
    MembershipFactory.create_batch(20, partnership=cast.partnership, agency=cast.health)
    with django_assert_max_num_queries(9):  # one reads the second factor
        answer = business_unit.get(f"{API}/people/")
    assert answer.json()["count"] == 30  # the cast's ten and twenty more


def test_the_business_unit_adds_an_agency_through_the_same_service(business_unit, cast):
    answer = business_unit.post(
        f"{API}/agencies/",
        {"name": "Solent NHS Trust", "sector": "health"},
        content_type="application/json",
    )
    assert answer.status_code == 201 and answer.json()["name"] == "Solent NHS Trust"
    event = AuditEvent.objects.get(action="agency.create")
    assert (event.actor_id, event.partnership_id) == (cast.business_unit.pk, cast.partnership.pk)


def test_field_errors_come_back_by_field(business_unit, cast):
    answer = business_unit.post(f"{API}/agencies/", {"name": ""}, content_type="application/json")
    assert answer.status_code == 400
    body = answer.json()
    assert body["message"] == "Check the values you sent."
    assert set(body["errors"]) == {"name", "sector"}


def test_fewer_than_ten_neighbours_are_refused_with_the_reason(business_unit, cast):
    answer = business_unit.put(
        f"{API}/statistical-neighbours/2017/",
        {"neighbours": [{"code": "E06000044", "name": "Portsmouth"}]},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == {
        "neighbours": [
            "A local authority has ten statistical neighbours: give all ten, closest first."
        ]
    }


def test_a_code_that_is_not_a_councils_is_refused_naming_it(business_unit, cast):
    answer = business_unit.post(
        f"{API}/la-codes/", {"from_year": 2017, "code": "W06000001"}, "application/json"
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == {"code": ["Give a council's ONS code, such as E06000045."]}


def test_a_services_refusal_comes_back_with_its_message(business_unit, cast):
    answer = business_unit.put(
        f"{API}/people/{cast.viewer.memberships.get().pk}/membership/",
        {"version": 99, "agency": None, "roles": ["viewer"]},
        content_type="application/json",
    )
    assert answer.status_code == 409
    assert list(answer.json()["errors"]) == ["version"]


def test_a_stale_edit_is_refused_with_a_conflict(business_unit, cast):
    url = f"{API}/agencies/{cast.health.pk}/"
    first = business_unit.patch(url, {"version": 1, "short_name": "UHS"}, "application/json")
    assert first.status_code == 200 and first.json()["version"] == 2
    second = business_unit.patch(url, {"version": 1, "short_name": "UHFT"}, "application/json")
    assert second.status_code == 409
    assert second.json()["message"].startswith("Someone else changed this record")
    assert "version" in second.json()["errors"]
    cast.health.refresh_from_db()
    assert cast.health.short_name == "UHS"


def test_an_agency_lead_invites_only_to_their_own_agency(client, cast):
    client.force_login(cast.agency_lead)
    body = {
        "email": "sam.nurse@example.org",
        "first_name": "Sam",
        "last_name": "Nurse",
        "agency": cast.health.pk,
        "roles": ["viewer"],
    }
    answer = client.post(f"{API}/people/", body, content_type="application/json")
    assert answer.status_code == 403


def test_the_business_unit_deactivates_a_person(business_unit, cast):
    membership = cast.viewer.memberships.get()
    answer = business_unit.post(f"{API}/people/{membership.pk}/deactivate/")
    assert answer.status_code == 200
    assert answer.json()["is_active"] is False and answer.json()["status"] == "Deactivated"


def test_the_schema_is_an_openapi_document(client, db):
    answer = client.get("/api/v1/schema/", headers={"accept": "application/json"})
    assert answer.status_code == 200
    schema = answer.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/partnerships/{slug}/agencies/" in schema["paths"]


def test_the_schema_says_what_can_be_null_what_is_paged_and_what_can_go_wrong(client, db):
    schema = client.get("/api/v1/schema/", headers={"accept": "application/json"}).json()
    fields = schema["components"]["schemas"]
    assert fields["SeatOutput"]["properties"]["agency"]["nullable"] is True
    assert fields["MeetingOutput"]["properties"]["theme"]["nullable"] is True
    updates = schema["paths"]["/api/v1/partnerships/{slug}/actions/{id}/updates/"]
    answer = updates["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/PaginatedActionUpdateOutputList"}
    assert set(updates["get"]["responses"]) == {"200", "400", "401", "404"}
    assert set(updates["post"]["responses"]) == {"201", "400", "401", "403", "404", "409"}


def test_the_schema_generates_without_warnings(db):
    call_command("spectacular", "--fail-on-warn", "--validate", stdout=io.StringIO())


def test_the_docs_are_served_from_our_own_static_files(client, db):
    page = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()


class UndescribedApi(APIView):
    def get(self, request):
        return Response({})


urlpatterns = [path("undescribed/", UndescribedApi.as_view())]


@pytest.mark.urls(__name__)
def test_the_deploy_check_fails_when_the_schema_has_warnings(db):
    with pytest.raises(SystemCheckError, match="drf_spectacular.W002"):
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=io.StringIO())


def test_the_session_can_be_refused_in_one_place(business_unit, cast, monkeypatch):
    monkeypatch.setattr(SessionAuthentication, "is_session_allowed", lambda self, request: False)
    assert business_unit.get(f"{API}/agencies/").status_code == 401
    assert business_unit.get(f"/p/{cast.partnership.slug}/agencies/").status_code == 200


def test_writes_through_the_session_need_the_csrf_token(cast):
    browser = SignedInClient(enforce_csrf_checks=True)
    browser.force_login(cast.business_unit)
    answer = browser.post(f"{API}/glossary/", {"term": "CSE", "meaning": "…"})
    assert answer.status_code == 403 and "CSRF" in answer.json()["message"]
    assert not GlossaryTerm.objects.exists()


def test_statistical_neighbours_are_listed_by_year(business_unit, cast):
    ten = [{"code": f"E060000{n:02d}", "name": f"Neighbour {n}"} for n in range(10, 20)]
    for year in (2017, 2018):
        business_unit.put(
            f"{API}/statistical-neighbours/{year}/", {"neighbours": ten}, "application/json"
        )
    assert business_unit.get(f"{API}/statistical-neighbours/").json()["count"] == 20
    one_year = business_unit.get(f"{API}/statistical-neighbours/?year=2018&ordering=rank")
    assert one_year.json()["count"] == 10
    assert one_year.json()["results"][0] == {
        "year": 2018,
        "rank": 1,
        "code": "E06000010",
        "name": "Neighbour 10",
    }
    assert business_unit.get(f"{API}/statistical-neighbours/?year=soon").status_code == 400


def test_a_person_finds_their_partnerships_by_name(client, cast):
    cast.viewer.memberships.create(partnership=cast.other_partnership).roles.create(role="viewer")
    client.force_login(cast.viewer)
    assert client.get("/api/v1/partnerships/").json()["count"] == 2
    found = client.get("/api/v1/partnerships/?q=portsm").json()
    assert [p["slug"] for p in found["results"]] == ["portsmouth"]


def test_an_id_no_database_can_hold_is_refused_naming_it(business_unit, cast):
    answer = business_unit.get(f"{API}/actions/?agency=-32589158477190044731")
    assert answer.status_code == 400 and list(answer.json()["errors"]) == ["agency"]


def test_a_year_in_the_address_that_is_not_one_is_refused_naming_it(business_unit, cast):
    answer = business_unit.get(f"{API}/statistical-neighbours/1787508826265199839281152/")
    assert answer.status_code == 400 and list(answer.json()["errors"]) == ["year"]
