"""The performance dataset's sections of the annual report: the local context (population)
and the key performance indicators, as data, every figure from records with its source."""

from django.urls import reverse

from safeboard.annual.sections import Cell, Figure, Section, Source, Table, register
from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear

from . import presenters
from .charts import population_pyramid
from .models import Population, Unit
from .selectors import dataset_for_report
from .yearly import year_of_a_flow


def _indicator_source(partnership: Partnership, indicator) -> Source:
    url = reverse(
        "performance:indicator", kwargs={"slug": partnership.slug, "code": indicator.code}
    )
    return Source(indicator.name, url)


@register("local-context", "Local context", order=200)
def local_context(partnership: Partnership, year: FinancialYear) -> Section | None:
    """The latest population estimates up to the report's year, with a pyramid when the
    age bands are loaded."""
    estimates = list(
        Population.objects.filter(partnership=partnership, year__lte=year.start_year + 1)
    )
    if not estimates:
        return None
    wholes = [p for p in estimates if p.age_from == 0 and p.age_to is None]
    mid_year = max(p.year for p in (wholes or estimates))
    those = [p for p in estimates if p.year == mid_year]
    url = reverse("performance:population", kwargs={"slug": partnership.slug})
    figures, sentences = [], []
    whole = {p.sex: p for p in those if p.age_from == 0 and p.age_to is None}
    for sex in ("male", "female"):
        if sex in whole:
            figures.append(
                _population_figure(f"population-{sex}", f"{sex.title()}s", whole[sex], url)
            )
    if {"male", "female"} <= set(whole):
        total = whole["male"].count + whole["female"].count
        sentences.append(
            f"At mid-{mid_year} the area's population was {total:,}: "
            f"{whole['male'].count:,} male and {whole['female'].count:,} female."
        )
    children = [p for p in estimates if p.sex == "all" and p.age_from == 0 and p.age_to == 17]
    if children:
        latest = max(children, key=lambda p: p.year)
        figures.append(_population_figure("children", "Children aged 0–17", latest, url))
        sentences.append(
            f"{latest.count:,} children were aged 0–17 at mid-{latest.year}"
            + (" (a synthetic figure in this demo)." if latest.is_synthetic else ".")
        )
    charts = []
    bands = _pyramid_bands(those)
    if bands:
        chart = population_pyramid(
            key="population-pyramid",
            title=f"Population by age and sex, mid-{mid_year}",
            bands=bands,
        )
        if chart is not None:
            charts.append(chart)
    return Section(
        key="local-context",
        title="Local context",
        paragraphs=sentences,
        figures=figures,
        charts=charts,
    )


def _population_figure(key: str, label: str, estimate: Population, url: str) -> Figure:
    source = Source(f"{estimate.source}, mid-{estimate.year}", url)
    return Figure(key=key, label=label, value=Cell(estimate.count, "count", source=source))


def _pyramid_bands(estimates: list[Population]) -> list[tuple[str, int, int]]:
    banded = {
        (p.age_from, p.age_to, p.sex): p.count
        for p in estimates
        if p.sex in ("male", "female") and not (p.age_from == 0 and p.age_to is None)
    }
    starts = sorted({(start, end) for start, end, _ in banded})
    return [
        (
            f"{start}–{end}" if end is not None else f"{start}+",
            banded.get((start, end, "male"), 0),
            banded.get((start, end, "female"), 0),
        )
        for start, end in starts
    ]


@register("key-performance-indicators", "Key performance indicators", order=500)
def key_performance_indicators(partnership: Partnership, year: FinancialYear) -> Section | None:
    """Each indicator with a figure in the report's year: its commentary, its latest
    figure, and its chart, as the overview computes them."""
    data = [
        d
        for d in dataset_for_report(partnership, until_year=year.start_year)
        if d.latest is not None and d.latest.start_year == year.start_year
    ]
    if not data:
        return None
    paragraphs, figures, charts, rows, tables = [], [], [], [], []
    for item in data:
        analysis = presenters.analyse(item)
        summary = analysis.summary
        source = _indicator_source(partnership, item.indicator)
        kind = presenters.CELL_KIND[Unit(item.indicator.unit)]
        latest = Cell(summary.latest.value, kind, source=source)  # type: ignore[union-attr]
        figures.append(Figure(key=item.indicator.code, label=item.indicator.name, value=latest))
        if analysis.commentary is not None:
            paragraphs.append(analysis.commentary.text)
        the_year = year_of_a_flow(item, year, source, first=len(figures))
        if the_year is not None:
            figures += the_year.figures
            paragraphs += the_year.paragraphs
            tables += the_year.tables
        charts += presenters.indicator_charts(item, data)[:1]
        rows.append(
            [
                Cell(item.indicator.name, source=source),
                latest,
                Cell(summary.latest.period_label),  # type: ignore[union-attr]
                Cell(summary.comparison_text),
                Cell(summary.trend.direction),
            ]
        )
    table = Table(
        key="kpi-summary",
        caption=f"Key performance indicators, {year.label}",
        columns=["Indicator", "Latest", "Period", "Against the first comparator", "Trend"],
        rows=rows,
    )
    return Section(
        key="key-performance-indicators",
        title="Key performance indicators",
        paragraphs=paragraphs,
        figures=figures,
        tables=[table, *tables],
        charts=charts,
    )
