"""The results page: the figures a recompute stored, filtered, paged and exported, read
from the performance dataset without computing anything again."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from safeboard.performance.models import Area, Indicator, Observation
from safeboard.returns import indicators, services
from safeboard.returns.figures import COMPUTED_SOURCE

from .builders import census
from .factories import accept, estimate


@pytest.fixture(autouse=True)
def storage_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def recomputed(southampton):
    """Southampton's 3 referrals (with its children) and Portsmouth's 2, recomputed."""
    estimate(southampton, "E06000045", 40_000)
    accept(southampton, *census("852", 3))
    accept(southampton, *census("851", 2))
    services.recompute(partnership=southampton)
    return southampton


@pytest.fixture
def no_computing(monkeypatch):
    """DuckDB refuses to start: nothing may compute the indicators."""

    def refuse(*args, **kwargs):
        raise AssertionError("the indicators were computed again")

    monkeypatch.setattr(indicators.duckdb, "connect", refuse)


def _url(partnership) -> str:
    return reverse("returns:results", kwargs={"slug": partnership.slug})


def _page(client, cast, query: str = ""):
    client.force_login(cast.business_unit)
    answer = client.get(_url(cast.partnership) + query)
    assert answer.status_code == 200
    return answer


def _shown(answer) -> list[list]:
    return [cells for _link, cells in answer.context["listing"].rows]


def test_the_figures_shown_are_those_stored_with_each_councils_name(
    recomputed, cast, client, no_computing
):
    answer = _page(client, cast, "?indicator=cin-referrals&sort=where")
    page = answer.content.decode()
    assert "Southampton (852, E06000045)" in page
    assert "From CIN_852_2024.xml (SHA-256" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">0.75</td>' in page
    rows = {(row[2], row[3]): row for row in _shown(answer)}
    ours = rows[("Southampton (852, E06000045)", "Q1 2023-24")]
    # 3 referrals of 40,000 children: value, unit, numerator, denominator, returns
    assert [str(cell) for cell in ours[4:9]] == [
        "0.75", "Rate per 10,000 children aged 0–17", "3", "40000", "CIN_852_2024.xml",
    ]  # fmt: skip
    assert ours[1] == "Our local authority"
    assert not any(where.startswith("Portsmouth") for where, _period in rows)  # no population


def test_before_a_recompute_the_page_says_so_and_shows_no_figures(southampton, cast, client):
    accept(southampton, *census("852", 3))
    answer = _page(client, cast)
    assert answer.context["listing"].page.paginator.count == 0
    assert "the returns have not been recomputed" in answer.content.decode()


def test_the_figures_change_only_when_recomputed(southampton, cast, client):
    accept(southampton, *census("852", 3))
    services.recompute(partnership=southampton)
    accept(southampton, *census("852", 5, prefix="D"))  # a resubmission, not yet recomputed
    query = "?la=852&indicator=cin-referrals-count"

    def referrals_in_the_year():
        return {row[3]: row[4] for row in _shown(_page(client, cast, query))}["2023-24"]

    assert referrals_in_the_year() == 3
    services.recompute(partnership=southampton, la="852")
    assert referrals_in_the_year() == 5


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("?la=852", {"Southampton (852, E06000045)"}),
        ("?la=e06000044", {"Portsmouth (851, E06000044)"}),
        ("?area=council", {"Southampton (852, E06000045)", "Portsmouth (851, E06000044)"}),
        ("?area=region", set()),
    ],
)
def test_the_figures_are_filtered_by_council_or_kind_of_area(
    recomputed, cast, client, query, wanted
):
    answer = _page(client, cast, query)
    assert {row[2] for row in _shown(answer)} == wanted
    if not wanted:
        assert "No figures match these filters." in answer.content.decode()


def test_the_figures_are_filtered_by_indicator_and_year(recomputed, cast, client):
    answer = _page(client, cast, "?indicator=cin-referrals-count&year=2023&sort=period")
    rows = _shown(answer)
    assert {row[0] for row in rows} == {"Referrals (number)"}
    assert {row[3] for row in rows} == {"2023-24", "Q1 2023-24", "Q2 2023-24", "Q3 2023-24",
                                        "Q4 2023-24"}  # fmt: skip
    assert len(rows) == 10  # two councils, five periods
    assert not _shown(_page(client, cast, "?year=2022"))  # no such year: the form refuses it


def test_a_council_no_one_knows_is_refused_with_a_reason(recomputed, cast, client):
    answer = _page(client, cast, "?la=999")
    assert answer.context["listing"].page.paginator.count == 0
    assert "Enter the DfE number (three digits) or ONS code" in answer.content.decode()


def test_our_council_is_found_by_the_code_it_had_that_year(southampton, cast, client):
    _stored(southampton, Area.LOCAL, "", count=1, year=2016)  # before E06000045 was ours
    _stored(southampton, Area.LOCAL, "", count=1, year=2017)
    answer = _page(client, cast, "?la=852")
    assert [row[3] for row in _shown(answer)] == ["Q1 2017-18"]


def test_the_figures_are_paged_and_sorted(recomputed, cast, client):
    first = _page(client, cast, "?sort=-value")
    listing = first.context["listing"]
    assert listing.page.paginator.count > 25 and len(_shown(first)) == 25
    assert 'aria-label="Page 2"' in first.content.decode()
    values = [row[4] for row in _shown(first)]
    assert values == sorted(values, reverse=True)
    second = _shown(_page(client, cast, "?sort=-value&page=2"))
    assert second and max(row[4] for row in second) <= min(values)


def test_by_period_a_year_comes_before_its_quarters_in_order(recomputed, cast, client):
    query = "?la=852&indicator=cin-referrals-count&sort=period"
    periods = [row[3] for row in _shown(_page(client, cast, query))]
    assert periods == ["2023-24", "Q1 2023-24", "Q2 2023-24", "Q3 2023-24", "Q4 2023-24"]
    backwards = [
        row[3] for row in _shown(_page(client, cast, query.replace("=period", "=-period")))
    ]
    assert backwards == periods[::-1]


def test_the_filtered_figures_are_exported_whole(recomputed, cast, client):
    client.force_login(cast.business_unit)
    answer = client.get(_url(recomputed) + "?la=851&export=csv")
    assert answer["Content-Disposition"] == 'attachment; filename="southampton-returns-figures.csv"'
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0][:4] == ["Indicator", "Area", "Council or region", "Period"]
    wanted = Observation.objects.filter(area_code="E06000044", source=COMPUTED_SOURCE).count()
    assert len(rows) - 1 == wanted > 25  # every page of them
    assert {row[2] for row in rows[1:]} == {"Portsmouth (851, E06000044)"}
    xlsx = client.get(_url(recomputed) + "?la=851&export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_only_the_business_unit_of_the_partnership_sees_the_figures(recomputed, cast, client):
    client.force_login(cast.outsider)
    assert client.get(_url(recomputed)).status_code == 404
    client.force_login(cast.persona("chair"))
    assert client.get(_url(recomputed)).status_code == 403


def _stored(partnership, area, code, *, count, year=2023):
    indicator = Indicator.objects.get(code="cin-referrals-count")
    Observation.objects.bulk_create(
        Observation(
            partnership=partnership, indicator=indicator, area=area, area_code=code,
            period_kind="quarter", start_year=year, quarter=1 + n % 4, value=n,
            source=COMPUTED_SOURCE, recorded_at=timezone.now(),
        )
        for n in range(count)
    )  # fmt: skip


def test_the_page_asks_the_database_the_same_few_times_however_many_figures(
    southampton, cast, client, django_assert_max_num_queries
):
    services.recompute(partnership=southampton)
    client.force_login(cast.business_unit)
    for council in ("E06000044", "E06000043", "E06000042", "E06000041"):
        _stored(southampton, Area.AUTHORITY, council, count=4)
    with django_assert_max_num_queries(13):
        few = client.get(_url(southampton))
    _stored(southampton, Area.REGION, "E12000008", count=4)
    for council in range(1, 40):
        _stored(southampton, Area.AUTHORITY, f"E0900{council:04d}", count=4)
    with django_assert_max_num_queries(13):
        many = client.get(_url(southampton) + "?sort=where&page=3")
    assert few.context["listing"].page.paginator.count == 16
    assert len(_shown(many)) == 25
