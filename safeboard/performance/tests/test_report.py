"""The dataset's annual report sections take every figure from the records."""

from dataclasses import replace

from django.utils import timezone

from safeboard.annual import publish
from safeboard.annual.composed import ComposedSection
from safeboard.annual.formatting import fill_figures
from safeboard.core.disclosure import SUPPRESSED
from safeboard.core.periods import FinancialYear
from safeboard.core.sections import REGISTRY
from safeboard.performance.models import Indicator, Observation, Population
from safeboard.performance.tests.factories import ObservationFactory

YEAR = FinancialYear(2017)


def build(key, cast):
    section = REGISTRY[key].build(cast.partnership, YEAR)
    return fill_figures(section) if section is not None else None


def cards(section):
    return [f for f in section.figures if f.card]


def test_the_sections_are_registered_in_the_seeds_order():
    assert REGISTRY["local-context"].order == 200
    assert REGISTRY["key-performance-indicators"].order == 500


def test_the_kpi_section_takes_its_figures_from_the_records(cast):
    for quarter, value in [(1, 76), (2, 81), (3, 74), (4, 69)]:
        ObservationFactory(partnership=cast.partnership, quarter=quarter, value=value)
    ObservationFactory(partnership=cast.partnership, area="neighbours", quarter=4, value=51)
    section = build("key-performance-indicators", cast)
    [figure] = cards(section)
    assert figure.value.value == 69
    assert figure.value.source.url == "/p/southampton/performance/indicators/s47-started/"
    assert "35% higher than the statistical neighbour average of 51" in section.paragraphs[0]
    assert section.charts[0].table.rows[-1][1].value == 69

    Observation.objects.filter(quarter=4, area="local").update(value=72)
    changed = build("key-performance-indicators", cast)
    assert changed.figures[0].value.value == 72
    assert "41% higher" in changed.paragraphs[0]


def test_no_kpi_section_for_a_year_without_figures(cast):
    ObservationFactory(partnership=cast.partnership, start_year=2015)
    assert build("key-performance-indicators", cast) is None


def test_the_local_context_gives_the_population_with_a_pyramid(cast):
    now = timezone.now()
    rows = [
        ("male", 0, None, 129_879),
        ("female", 0, None, 124_396),
        ("all", 0, 17, 50_200),
        ("male", 0, 17, 25_700),
        ("female", 0, 17, 24_500),
    ]
    for sex, start, end, count in rows:
        Population.objects.create(
            partnership=cast.partnership,
            area_code="E06000045",
            year=2016,
            sex=sex,
            age_from=start,
            age_to=end,
            count=count,
            source="ONS",
            recorded_at=now,
        )
    section = build("local-context", cast)
    assert [f.value.value for f in cards(section)] == [129_879, 124_396, 50_200]
    assert section.figures[0].value.source.url == "/p/southampton/performance/population/"
    assert section.paragraphs[0] == (
        "At mid-2016 the area's population was 254,275: 129,879 male and 124,396 female."
    )
    [pyramid] = section.charts
    assert [[c.value for c in row] for row in pyramid.table.rows] == [["0–17", 25_700, 24_500]]


def test_the_kpi_section_reads_the_totals_not_their_breakdowns(cast):
    for quarter, value in [(1, 76), (2, 81), (3, 74), (4, 69)]:
        ObservationFactory(partnership=cast.partnership, quarter=quarter, value=value)
        ObservationFactory(partnership=cast.partnership, quarter=quarter, sex="male", value=300)
        ObservationFactory(
            partnership=cast.partnership, quarter=quarter, age_band="16_17", value=20
        )
    ObservationFactory(partnership=cast.partnership, area="neighbours", quarter=4, value=51)
    section = build("key-performance-indicators", cast)
    [figure] = cards(section)
    assert figure.value.value == 69
    assert "fell from 76 in Q1 to 69 in Q4" in section.paragraphs[0]
    assert [row[1].value for row in section.charts[0].table.rows][-4:] == [76, 81, 74, 69]


def test_a_quarterly_flows_year_is_its_quarters_total_and_withheld_with_it(cast):
    """Were the year printed apart from its quarters, Q4 would be the year less Q1 to Q3."""
    hrda = Indicator.objects.get(code="hrda-referrals")
    for quarter, value in [(1, 76), (2, 81), (3, 74), (4, 3)]:
        ObservationFactory(
            partnership=cast.partnership, indicator=hrda, quarter=quarter, value=value
        )
    section = REGISTRY["key-performance-indicators"].build(cast.partnership, YEAR)
    figures = {f.key: f for f in section.figures}
    assert figures["hrda-referrals-year"].same_as == ("hrda-referrals-quarters", 4, 1)
    composed = ComposedSection(key=section.key, title=section.title, kind="generated")
    published = publish._section(replace(composed, section=section)).section
    quarters = next(t for t in published.tables if t.key == "hrda-referrals-quarters")
    assert quarters.rows[3][1].value == SUPPRESSED  # Q4's 3
    year = next(f for f in published.figures if f.key == "hrda-referrals-year")
    assert year.value == quarters.rows[4][1]
    total = quarters.rows[4][1].value
    sentence = "The number of high-risk domestic abuse referrals in 2017-18 was"
    [printed] = [p for p in fill_figures(published).paragraphs if p.startswith(sentence)]
    assert printed == f"{sentence} {'fewer than 6' if total == SUPPRESSED else total}."
