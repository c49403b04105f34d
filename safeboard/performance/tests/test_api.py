"""The dataset in the API: the catalogue, the figures with provenance and history, the
population, and the analytics — the same as the pages show."""

import html
import io
from decimal import Decimal

import pytest
from django.db.models import Q
from django.utils import timezone

from safeboard.core.models import Partnership, Person
from safeboard.demo import load
from safeboard.performance import services
from safeboard.performance.models import Indicator, Population
from safeboard.performance.tests.factories import ObservationFactory
from safeboard.performance.tests.test_imports import csv_of

API = "/api/v1/partnerships/{slug}/performance/"


def api(cast, tail=""):
    return API.format(slug=cast.partnership.slug) + tail


def page_url(cast, code):
    return f"/p/{cast.partnership.slug}/performance/indicators/{code}/"


def import_csv(cast, name, *lines, kind="observations"):
    return services.file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind=kind,
        name=name,
        stream=io.BytesIO(csv_of(*lines) if kind == "observations" else "\n".join(lines).encode()),
    )


# The catalogue


def test_indicators_filter_by_theme_search_and_sort(cast, client):
    client.force_login(cast.viewer)
    theme = client.get(api(cast, "indicators/"), {"theme": "think_family"}).json()
    codes = [i["code"] for i in theme["results"]]
    assert codes and all(code.startswith("hrda") for code in codes)
    assert theme["count"] == Indicator.objects.filter(theme="think_family").count()
    found = client.get(api(cast, "indicators/"), {"q": "conference"}).json()
    assert [i["code"] for i in found["results"]] == list(
        Indicator.objects.filter(
            Q(name__icontains="conference")
            | Q(code__icontains="conference")
            | Q(definition__icontains="conference")
        ).values_list("code", flat=True)
    )
    assert "icpcs" in [i["code"] for i in found["results"]]
    by_name = client.get(api(cast, "indicators/"), {"ordering": "-name", "page_size": 3}).json()
    names = [i["name"] for i in by_name["results"]]
    assert names == sorted(Indicator.objects.values_list("name", flat=True), reverse=True)[:3]
    assert by_name["next"] is not None


def test_an_unknown_theme_is_refused(cast, client):
    client.force_login(cast.viewer)
    assert client.get(api(cast, "indicators/"), {"theme": "nope"}).status_code == 400


def test_an_indicator_comes_with_the_partnerships_choice(cast, client):
    looked_after = Indicator.objects.get(code="looked-after")
    services.indicator_choice_set(
        actor=cast.business_unit,
        partnership=cast.partnership,
        indicator=looked_after,
        expected_version=1,
        target=Decimal(100),
        chosen_source="Police",
        is_published=True,
    )
    client.force_login(cast.viewer)
    detail = client.get(api(cast, "indicators/looked-after/")).json()
    assert detail["choice"] == {
        "target": "100.000",
        "chosen_source": "Police",
        "is_published": True,
        "version": 2,
    }
    assert detail["kind"] == "stock" and detail["unit"] == "rate_children"
    listed = client.get(api(cast, "indicators/"), {"page_size": 100}).json()["results"]
    choices = {i["code"]: i["choice"] for i in listed}
    assert choices["looked-after"]["chosen_source"] == "Police"
    assert choices["s47-started"] is None


def test_another_partnerships_choice_is_not_shown(cast, client):
    services.indicator_choice_set(
        actor=cast.outsider,
        partnership=cast.other_partnership,
        indicator=Indicator.objects.get(code="looked-after"),
        expected_version=1,
        target=Decimal(1),
        chosen_source="Theirs",
        is_published=False,
    )
    client.force_login(cast.viewer)
    assert client.get(api(cast, "indicators/looked-after/")).json()["choice"] is None


def test_an_unknown_indicator_is_not_found(cast, client):
    client.force_login(cast.viewer)
    assert client.get(api(cast, "indicators/no-such/")).status_code == 404
    assert client.get(api(cast, "indicators/no-such/analytics/")).status_code == 404


def test_the_catalogue_lists_in_a_fixed_number_of_queries(
    cast, client, django_assert_max_num_queries
):
    client.force_login(cast.viewer)
    with django_assert_max_num_queries(12):
        assert client.get(api(cast, "indicators/"), {"page_size": 100}).status_code == 200


# Figures


@pytest.fixture
def figures(cast):
    """Ours and two comparators over two years, from two sources."""
    made = {}
    for year in (2016, 2017):
        for quarter in (1, 2, 3, 4):
            made[(year, quarter)] = ObservationFactory(
                partnership=cast.partnership, start_year=year, quarter=quarter, value=70 + quarter
            )
    ObservationFactory(
        partnership=cast.partnership, area="england", quarter=4, value=39, source="DfE"
    )
    ObservationFactory(
        partnership=cast.partnership,
        area="region",
        area_code="E12000008",
        quarter=4,
        value=40,
        source="DfE",
        reference_year=2016,
    )
    ObservationFactory(
        partnership=cast.partnership,
        indicator=Indicator.objects.get(code="looked-after"),
        period_kind="year",
        quarter=0,
        value=104,
        source="Police",
    )
    ObservationFactory(partnership=cast.other_partnership, value=999)
    return made


@pytest.mark.parametrize(
    "query, count",
    [
        ({}, 11),
        ({"indicator": "looked-after"}, 1),
        ({"indicator": "s47-started"}, 10),
        ({"area": "local"}, 9),
        ({"area_code": "E12000008"}, 1),
        ({"period_kind": "year"}, 1),
        ({"year": 2016}, 4),
        ({"quarter": 4}, 4),
        ({"year": 2017, "quarter": 4, "area": "local"}, 1),
        ({"source": "DfE"}, 2),
        ({"source": "Police"}, 1),
    ],
)
def test_observations_filter(cast, client, figures, query, count):
    client.force_login(cast.viewer)
    answer = client.get(api(cast, "observations/"), query).json()
    assert answer["count"] == count
    assert all(o["value"] != "999.0000" for o in answer["results"])


def test_observations_name_and_filter_their_breakdown(cast, client):
    ObservationFactory(partnership=cast.partnership, quarter=4, value=69)
    ObservationFactory(partnership=cast.partnership, quarter=4, sex="female", value=70)
    ObservationFactory(partnership=cast.partnership, quarter=4, age_band="under_1", value=90)
    client.force_login(cast.viewer)
    female = client.get(api(cast, "observations/"), {"sex": "female"}).json()
    assert [(o["sex"], o["age_band"], o["value"]) for o in female["results"]] == [
        ("female", "all", "70.0000")
    ]
    totals = client.get(api(cast, "observations/"), {"sex": "all", "age_band": "all"}).json()
    assert [o["value"] for o in totals["results"]] == ["69.0000"]


@pytest.mark.parametrize(
    "query", [{"area": "moon"}, {"quarter": 5}, {"year": "soon"}, {"age_band": "teens"}]
)
def test_a_bad_observation_filter_is_refused(cast, client, query):
    client.force_login(cast.viewer)
    answer = client.get(api(cast, "observations/"), query)
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == set(query)


def test_observations_are_paged_and_sorted(cast, client, figures):
    client.force_login(cast.viewer)
    first = client.get(
        api(cast, "observations/"),
        {"indicator": "s47-started", "ordering": "-value", "page_size": 4},
    ).json()
    assert first["count"] == 10 and first["next"] is not None
    assert [o["value"] for o in first["results"]] == ["74.0000", "74.0000", "73.0000", "73.0000"]
    last = client.get(first["next"].replace("http://testserver", "")).json()
    assert len(last["results"]) == 4 and last["previous"] is not None


def test_an_observation_carries_its_provenance(cast, client):
    import_csv(cast, "q4.csv", "s47-started,neighbours,,Q4 2017-18,51,,,2016-17,DfE,")
    client.force_login(cast.viewer)
    [found] = client.get(api(cast, "observations/")).json()["results"]
    assert found["source"] == "DfE"
    assert found["recorded_by"] == cast.business_unit.get_full_name()
    assert found["file_name"] == "q4.csv"
    assert found["is_synthetic"] is False
    assert found["reference_year"] == 2016
    assert found["period_label"] == "Q4 2017-18"
    assert found["recorded_at"]


def test_an_observation_shows_its_history(cast, client):
    line = "s47-started,local,,Q4 2017-18,{},,,,Children's Services,"
    import_csv(cast, "first.csv", line.format(71))
    import_csv(cast, "second.csv", line.format(70))
    import_csv(cast, "third.csv", line.format(69))
    client.force_login(cast.viewer)
    [listed] = client.get(api(cast, "observations/")).json()["results"]
    assert "history" not in listed
    found = client.get(api(cast, f"observations/{listed['id']}/")).json()
    assert found["value"] == "69.0000" and found["file_name"] == "third.csv"
    assert [(h["value"], h["file_name"]) for h in found["history"]] == [
        ("70.0000", "second.csv"),
        ("71.0000", "first.csv"),
    ]
    assert {h["replaced_by_name"] for h in found["history"]} == {cast.business_unit.get_full_name()}


def test_another_partnerships_observation_is_not_found(cast, client):
    theirs = ObservationFactory(partnership=cast.other_partnership)
    client.force_login(cast.business_unit)
    assert client.get(api(cast, f"observations/{theirs.pk}/")).status_code == 404
    client.force_login(cast.outsider)
    ours = ObservationFactory(partnership=cast.partnership)
    assert client.get(api(cast, f"observations/{ours.pk}/")).status_code == 404
    assert client.get(api(cast, "observations/")).status_code == 404
    assert client.get(api(cast, "analytics/")).status_code == 404


def test_the_observations_list_in_a_fixed_number_of_queries(
    cast, client, figures, django_assert_max_num_queries
):
    client.force_login(cast.viewer)
    with django_assert_max_num_queries(8):
        answer = client.get(api(cast, "observations/"))
    assert answer.json()["count"] == 11


# Population


@pytest.fixture
def population(cast):
    ours = [
        (cast.partnership, "E06000045", year, sex, count + year - 2016)
        for year in (2016, 2017)
        for sex, count in [("all", 50200), ("female", 24500), ("male", 25700)]
    ]
    others = [
        (cast.partnership, "E12000008", 2017, "all", 1_900_000),
        (cast.other_partnership, "E06000044", 2017, "all", 40_000),
    ]
    now = timezone.now()
    for partnership, area_code, year, sex, count in ours + others:
        Population.objects.create(
            partnership=partnership,
            area_code=area_code,
            year=year,
            sex=sex,
            age_from=0,
            age_to=17,
            count=count,
            source="ONS",
            recorded_at=now,
        )


@pytest.mark.parametrize(
    "query, count",
    [
        ({}, 7),
        ({"area_code": "E06000045"}, 6),
        ({"year": 2017}, 4),
        ({"sex": "female"}, 2),
        ({"area_code": "E06000045", "year": 2016, "sex": "all"}, 1),
    ],
)
def test_population_filters(cast, client, population, query, count):
    client.force_login(cast.viewer)
    assert client.get(api(cast, "population/"), query).json()["count"] == count


def test_population_is_paged_and_sorted_with_its_age_band(cast, client, population):
    client.force_login(cast.viewer)
    answer = client.get(api(cast, "population/"), {"ordering": "-count", "page_size": 2}).json()
    assert [p["count"] for p in answer["results"]] == [1_900_000, 50201]
    assert answer["results"][0]["age_band"] == "0–17"
    assert answer["next"] is not None
    assert client.get(api(cast, "population/"), {"sex": "other"}).status_code == 400


# Analytics: the same as the pages


def test_an_indicators_analytics_are_what_its_page_shows(cast, client, s47):
    client.force_login(cast.chair)
    found = client.get(api(cast, "indicators/s47-started/analytics/")).json()
    page = html.unescape(client.get(page_url(cast, "s47-started")).content.decode())
    assert found["latest"]["value"] == 69 and found["latest"]["period_label"] == "Q4 2017-18"
    assert found["latest_text"] == "69 per 10,000 (Q4 2017-18)"
    assert found["commentary"]["text"] in page
    assert found["commentary"]["text"].startswith(
        "Over 2017-18 the rate of Section 47 enquiries started fell from 76 in Q1 to 69 in Q4"
    )
    for note in found["commentary"]["notes"]:
        assert note in page
    neighbours, england, region = found["comparisons"]
    assert neighbours["gap"] == "35% higher than the statistical neighbour average of 51"
    assert neighbours["relative"] == pytest.approx(18 / 51)
    assert neighbours["basis"].startswith("(69 − 51) ÷ 51 = 35.3%")
    assert neighbours["ours_basis"]["kind"] == "flow"
    assert neighbours["ours_basis"]["period_months"] == 3
    assert (england["comparator"], england["position"]) == ("England", "above")
    assert region["comparator"] == "the South East"
    previous = found["previous"]
    assert (previous["before"], previous["after"], previous["points"]) == (74, 69, -5)
    assert previous["relative"] == pytest.approx(-5 / 74)
    assert previous["basis"] in page
    assert found["year_ago"] is None
    assert found["trend"]["direction"] == "falling"
    assert found["trend"]["rule"] in page
    assert found["rag"] is None
    assert found["sums"] == []


def test_a_change_on_a_year_before_comes_with_its_basis(cast, client, figures):
    client.force_login(cast.viewer)
    found = client.get(api(cast, "indicators/s47-started/analytics/")).json()
    year_ago = found["year_ago"]
    assert (year_ago["before_label"], year_ago["after_label"]) == ("Q4 2016-17", "Q4 2017-18")
    assert (year_ago["points"], year_ago["relative"]) == (0, 0)
    assert year_ago["summary"] == "no change from Q4 2016-17 (74)"
    region = found["comparisons"][1]
    assert region["comparator_label"] == "the South East (2016-17)"
    assert region["theirs_basis"]["year_label"] == "2016-17"
    page = html.unescape(client.get(page_url(cast, "s47-started")).content.decode())
    assert year_ago["basis"] in page and region["basis"] in page


def test_a_rag_comes_with_its_reason(cast, client):
    looked_after = Indicator.objects.get(code="looked-after")
    ObservationFactory(partnership=cast.partnership, indicator=looked_after, value=104)
    services.indicator_choice_set(
        actor=cast.business_unit,
        partnership=cast.partnership,
        indicator=looked_after,
        expected_version=1,
        target=Decimal(100),
        chosen_source="",
        is_published=False,
    )
    client.force_login(cast.viewer)
    rag = client.get(api(cast, "indicators/looked-after/analytics/")).json()["rag"]
    assert rag == {
        "status": "amber",
        "rule": "Green at or below the target of 100; amber within 5% of it (5); red beyond.",
    }
    page = html.unescape(client.get(page_url(cast, "looked-after")).content.decode())
    assert rag["rule"] in page


def test_a_quarterly_count_gives_its_sums(cast, client):
    referrals = Indicator.objects.get(code="hrda-referrals")
    for quarter, value in [(1, 205), (2, 202), (3, 160), (4, 194)]:
        ObservationFactory(
            partnership=cast.partnership, indicator=referrals, quarter=quarter, value=value
        )
    client.force_login(cast.viewer)
    sums = client.get(api(cast, "indicators/hrda-referrals/analytics/")).json()["sums"]
    assert [(s["description"], s["value"]) for s in sums] == [
        ("Rolling 12 months to Q4 2017-18", 761),
        ("2017-18 to date", 761),
    ]
    assert sums[0]["periods"] == ["Q1 2017-18", "Q2 2017-18", "Q3 2017-18", "Q4 2017-18"]


def test_the_analytics_list_is_the_overview(cast, client, s47):
    client.force_login(cast.viewer)
    found = client.get(api(cast, "analytics/")).json()
    assert [a["indicator"] for a in found] == list(Indicator.objects.values_list("code", flat=True))
    by_code = {a["indicator"]: a for a in found}
    section_47 = by_code["s47-started"]
    overview = html.unescape(
        client.get(f"/p/{cast.partnership.slug}/performance/").content.decode()
    )
    assert section_47["comparisons"][0]["gap"] in overview
    assert section_47["latest_text"] in overview
    assert section_47["trend"]["direction"] == "falling"
    assert by_code["looked-after"]["latest"] is None
    assert by_code["looked-after"]["latest_text"] == "No figure"
    assert by_code["looked-after"]["trend"]["direction"] == "too few points"
    assert by_code["looked-after"]["commentary"] is None
    themed = client.get(api(cast, "analytics/"), {"theme": "think_family"}).json()
    assert themed and all(a["indicator"].startswith("hrda") for a in themed)


def test_the_overview_compares_with_regions_not_single_authorities(cast, client, s47):
    ObservationFactory(
        partnership=cast.partnership,
        area="authority",
        area_code="E06000044",
        quarter=4,
        value=60,
        source="DfE",
    )
    client.force_login(cast.viewer)
    [listed] = [
        a for a in client.get(api(cast, "analytics/")).json() if a["indicator"] == "s47-started"
    ]
    one = client.get(api(cast, "indicators/s47-started/analytics/")).json()
    assert "E06000044" not in [c["comparator"] for c in listed["comparisons"]]
    assert "E06000044" in [c["comparator"] for c in one["comparisons"]]


def test_the_analytics_list_reads_in_a_fixed_number_of_queries(
    cast, client, django_assert_max_num_queries
):
    client.force_login(cast.viewer)
    ObservationFactory(partnership=cast.partnership)
    with django_assert_max_num_queries(10) as few:
        assert client.get(api(cast, "analytics/")).status_code == 200
    for year in range(2008, 2018):
        for quarter in (1, 2, 3, 4):
            for area, source in [("local", "Police"), ("england", "DfE")]:
                ObservationFactory(
                    partnership=cast.partnership,
                    area=area,
                    source=source,
                    start_year=year,
                    quarter=quarter,
                    value=60 + quarter,
                )
    with django_assert_max_num_queries(10) as many:
        answer = client.get(api(cast, "analytics/"))
    assert len(many.captured_queries) == len(few.captured_queries)
    [section_47] = [a for a in answer.json() if a["indicator"] == "s47-started"]
    assert section_47["trend"]["points"] == 8
    assert section_47["comparisons"][0]["comparator"] == "England"


# Where sources disagree


def test_sources_that_disagree_are_listed(cast, client, s47):
    ObservationFactory(partnership=cast.partnership, quarter=4, value=70, source="Police")
    ObservationFactory(partnership=cast.partnership, quarter=3, value=74, source="Police")
    client.force_login(cast.viewer)
    answer = client.get(api(cast, "disagreements/")).json()
    assert answer["results"] == [
        {
            "indicator": "s47-started",
            "area": "ours",
            "period_label": "Q4 2017-18",
            "values": {"Children's Services": 69, "Police": 70},
            "used": "Children's Services",
        }
    ]
    other = client.get(api(cast, "disagreements/"), {"indicator": "looked-after"}).json()
    assert other["count"] == 0


# The demo, whose figures come from the seed report


def test_the_seeds_comparisons_come_out_of_the_api_computed_afresh(client, db):
    load.load()
    partnership = Partnership.objects.get(slug="southampton")
    client.force_login(Person.objects.get(email=load.demo_email("viewer")))
    base = API.format(slug=partnership.slug)
    found = {a["indicator"]: a for a in client.get(f"{base}analytics/").json()}
    section_47, looked_after = found["s47-started"], found["looked-after"]
    assert section_47["comparisons"][0]["gap"] == (
        "35% higher than the statistical neighbour average of 51"
    )
    assert looked_after["comparisons"][0]["gap"] == (
        "51% higher than the statistical neighbour average of 69"
    )
    assert looked_after["comparisons"][0]["basis"].startswith("(104 − 69) ÷ 69 = 50.7%")
    assert section_47["has_synthetic"] is True
    one = client.get(f"{base}indicators/s47-started/analytics/").json()
    assert "35% higher than the statistical neighbour average of 51" in one["commentary"]["text"]
