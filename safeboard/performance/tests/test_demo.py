"""The demo's performance figures: the seed's own, unchanged; the rest marked synthetic."""

from decimal import Decimal

import pytest

from safeboard.annual.formatting import fill_figures
from safeboard.core.models import Partnership, Person
from safeboard.core.periods import FinancialYear
from safeboard.demo import load
from safeboard.performance.models import Observation, Population
from safeboard.performance.presenters import summarise
from safeboard.performance.report import key_performance_indicators
from safeboard.performance.selectors import dataset


@pytest.fixture
def demo(demo_people):
    partnership = Partnership.objects.get(slug="southampton")
    viewer = Person.objects.get(email=load.demo_email("viewer"))
    return {d.indicator.code: d for d in dataset(user=viewer, partnership=partnership)}


def local(data, label):
    return next(
        p
        for p in data.local + data.points(kind="year") + data.points(kind="rolling")
        if p.period_label == label
    )


def test_the_seeds_figures_come_out_unchanged(demo):
    assert [p.value for p in demo["s47-started"].local if p.start_year == 2017] == [76, 81, 74, 69]
    assert local(demo["looked-after"], "Q4 2017-18").value == 104
    assert local(demo["cin-referrals"], "Q4 2017-18").value == 161
    assert [p.value for p in demo["cse-mash-referrals"].local] == [69, 37, 29]
    assert [p.value for p in demo["cse-strategy-meetings"].local] == [43, 17, 5]
    assert local(demo["hrda-referrals"], "2017-18").value == 761
    assert local(demo["hrda-referrals"], "12 months to Q4 2016-17").value == 853
    assert local(demo["cse-police-flagged"], "Q4 2016-17").value == 71


def test_the_seeds_comparisons_are_computed_afresh(demo):
    assert summarise(demo["s47-started"]).comparison.gap == (
        "35% higher than the statistical neighbour average of 51"
    )
    assert summarise(demo["looked-after"]).comparison.gap == (
        "51% higher than the statistical neighbour average of 69"
    )
    assert summarise(demo["cp-plans"]).comparison.gap == (
        "22% higher than the statistical neighbour average of 54"
    )


def test_the_seeds_shares_are_computed_from_its_counts(demo):
    repeat = [round(p.value, 1) for p in demo["hrda-repeat-share"].local]
    assert repeat == [26.8, 21.8, 18.8, 19.6]
    with_children = demo["hrda-with-children-share"]
    assert round(local(with_children, "2017-18").value, 1) == 58.1  # the seed printed 58.0
    assert round(local(with_children, "12 months to Q4 2016-17").value, 1) == 64.1


def test_the_gaps_filled_are_marked_synthetic(demo):
    assert local(demo["s47-started"], "Q3 2017-18").is_synthetic
    assert not local(demo["s47-started"], "Q2 2017-18").is_synthetic
    assert Observation.objects.filter(is_synthetic=True, source="Demo (synthetic)").exists()
    children = Population.objects.get(year=2017, sex="all", age_from=0, age_to=17)
    assert children.count == 50_200 and children.is_synthetic


def test_the_invented_age_bands_add_up_to_the_seeds_population(demo):
    for sex, total in [("male", 129_879), ("female", 124_396)]:
        bands = Population.objects.filter(year=2016, sex=sex, is_synthetic=True)
        assert sum(b.count for b in bands) == total
    under_18 = Population.objects.filter(year=2016, sex__in=["male", "female"], age_to__lte=17)
    assert sum(b.count for b in under_18) == 50_200


def test_the_report_gives_the_years_hrda_referrals_and_their_change_as_the_seed_does(demo_people):
    partnership = Partnership.objects.get(slug="southampton")
    section = fill_figures(key_performance_indicators(partnership, FinancialYear(2017)))
    assert (
        "The number of high-risk domestic abuse referrals in 2017-18 was 761, down from 853 "
        "in 2016-17: a fall of 10.8%." in section.paragraphs
    )
    assert (
        "The share of HRDA referrals that were repeat referrals over 2017-18 was 21.9%: "
        "167 of 761, against 18.1% in 2016-17." in section.paragraphs
    )
    quarters = next(t for t in section.tables if t.key == "hrda-referrals-quarters")
    assert [[c.value for c in row] for row in quarters.rows] == [
        ["Q1 2017-18", 205],
        ["Q2 2017-18", 202],
        ["Q3 2017-18", 160],
        ["Q4 2017-18", 194],
        ["The year 2017-18", 761],
    ]
    assert quarters.total_rows == (4,)
    figures = {f.key: f.value for f in section.figures}
    change = figures["hrda-referrals-change"]
    assert change.value == Decimal("10.8") and section.figures[change.base_of[0]].value.value == 853
