"""The performance dataset's sections of the annual report: the local context (population)
and the key performance indicators, as data, every figure from records with its source."""

import re

from django.urls import reverse

from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear
from safeboard.core.sections import (
    Cell,
    Chart,
    Figure,
    Section,
    Source,
    Table,
    named,
    register,
)

from . import presenters
from .analytics import Comparison, rounded
from .charts import CHILDREN, COMPARATORS, population_pyramid
from .commentary import Wording
from .models import Population, Unit
from .rates import PER
from .selectors import IndicatorData, Point, dataset_for_report
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
        figures += [
            Figure("population", "Population", Cell(total, "count", counts="people"), card=False),
            Figure("mid-year", "Mid-year", Cell(f"mid-{mid_year}", "period"), card=False),
        ]
        sentences.append(
            "At {figure:mid-year} the area's population was {figure:population}: "
            "{figure:population-male} male and {figure:population-female} female."
        )
    children = [p for p in estimates if p.sex == "all" and p.age_from == 0 and p.age_to == 17]
    if children:
        latest = max(children, key=lambda p: p.year)
        figures.append(_population_figure("children", "Children aged 0–17", latest, url))
        figures.append(
            Figure("children-year", "Mid-year", Cell(f"mid-{latest.year}", "period"), card=False)
        )
        sentences.append(
            "{figure:children} children were aged under eighteen at {figure:children-year}"
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
    value = Cell(estimate.count, "count", source=source, counts="people")
    return Figure(key=key, label=label, value=value)


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
    figure, and its chart, as the overview computes them. The commentary names its numbers
    as figures, so the published version prints them as it prints the table."""
    data = [
        d
        for d in dataset_for_report(partnership, until_year=year.start_year)
        if d.latest is not None and d.latest.start_year == year.start_year
    ]
    if not data:
        return None
    bases = _bases(partnership, year)
    paragraphs: list[str] = []
    figures: list[Figure] = []
    charts: list[Chart] = []
    rows: list[list[Cell]] = []
    tables: list[Table] = []
    shared: dict[str, Figure] = {}  # periods and units the sentences share
    for item in data:
        analysis = presenters.analyse(item)
        summary = analysis.summary
        source = _indicator_source(partnership, item.indicator)
        latest = _ours(item, summary.latest, bases, source)  # type: ignore[arg-type]
        card = len(figures)
        figures.append(Figure(key=item.indicator.code, label=item.indicator.name, value=latest))
        wording = _FiguresWording(item, bases, shared, card=card, latest=latest, source=source)
        commentary = presenters.commentary(summary, wording)
        if commentary is not None:
            paragraphs.append(commentary.text)
        figures += wording.new_figures()
        the_year = year_of_a_flow(item, year, source, first=len(figures))
        if the_year is not None:
            figures += the_year.figures
            paragraphs += the_year.paragraphs
            tables += the_year.tables
        charts += [_described(c, item, bases) for c in presenters.indicator_charts(item, data)[:1]]
        rows.append(_summary_row(item, summary, latest, source, row=len(rows)))
    table = Table(
        key="kpi-summary",
        caption=f"Key performance indicators, {year.label}",
        columns=[
            "Indicator",
            "Latest",
            "Period",
            "First comparator",
            "Its figure",
            "Difference (%)",
            "Trend",
        ],
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


def _summary_row(item: IndicatorData, summary, latest: Cell, source: Source, *, row: int):
    comparison = summary.comparison
    kind = presenters.CELL_KIND[Unit(item.indicator.unit)]
    if comparison is None:
        against = [Cell("No comparator"), Cell(None, kind, counts=COMPARATORS), Cell("")]
    else:
        against = [
            Cell(comparison.comparator_label),
            Cell(comparison.theirs, kind, counts=COMPARATORS),
            _difference(comparison, latest, at=(row, 1), signed=True),
        ]
    return [
        Cell(item.indicator.name, source=source),
        latest,
        Cell(summary.latest.period_label, "period"),
        *against,
        Cell(summary.trend.direction),
    ]


def _difference(comparison: Comparison, ours: Cell, *, at: tuple[int, int], signed: bool) -> Cell:
    """Ours against theirs in per cent, withheld whenever ours is: it would give ours back.
    Against a rate or percentage it is held to ours' minimum base too; against a count it
    is no share of people, only of ours (named in `base_of`)."""
    relative = comparison.relative
    value = (
        None if relative is None else float(rounded(100 * (relative if signed else abs(relative))))
    )
    if ours.kind == "count":
        return Cell(value, "percent", base_of=at, counts=COMPARATORS)
    return Cell(
        value,
        "percent",
        base_of=at,
        counts=CHILDREN,
        numerator=ours.numerator,
        base=ours.base,
    )


def _bases(partnership: Partnership, year: FinancialYear) -> dict[str, float]:
    """The base of a rate whose own is not recorded: the latest estimate up to the year of
    the children aged 0–17, or of everyone, that a rate per 10,000 is of."""
    estimates = Population.objects.filter(
        partnership=partnership, sex="all", age_from=0, year__lte=year.start_year + 1
    ).order_by("year")
    found: dict[str, float] = {}
    for estimate in estimates:
        if estimate.age_to == 17:
            found[Unit.RATE_CHILDREN] = estimate.count
        elif estimate.age_to is None:
            found[Unit.RATE_POPULATION] = estimate.count
    return found


def _ours(item: IndicatorData, point: Point, bases: dict[str, float], source=None) -> Cell:
    """One of our figures, with the count and base a rate or percentage is of, so the
    published version can apply the minimum base."""
    unit = Unit(item.indicator.unit)
    numerator, base = point.numerator, point.denominator
    if unit in (Unit.RATE_CHILDREN, Unit.RATE_POPULATION) and base is None:
        base = bases.get(unit)
        if base is not None and numerator is None:
            numerator = round(point.value * base / PER[unit])
    return Cell(
        point.value,
        presenters.CELL_KIND[unit],
        source=source,
        counts=CHILDREN,
        numerator=None if unit == Unit.COUNT else numerator,
        base=None if unit == Unit.COUNT else base,
    )


def _described(chart: Chart, item: IndicatorData, bases: dict[str, float]) -> Chart:
    """The time series' own figures with their counts and bases (its comparators' are
    DfE's, published already)."""
    by_period = {p.period_label: p for p in item.local}
    rows = [
        [row[0], *[_with_base(cell, by_period.get(row[0].value), item, bases) for cell in row[1:]]]
        for row in chart.table.rows
    ]
    return Chart(
        key=chart.key,
        title=chart.title,
        description=chart.description,
        spec=chart.spec,
        table=Table(
            key=chart.table.key,
            caption=chart.table.caption,
            columns=chart.table.columns,
            rows=rows,
            source=chart.table.source,
        ),
    )


def _with_base(cell: Cell, point: Point | None, item: IndicatorData, bases) -> Cell:
    if cell.counts != CHILDREN or point is None or cell.value != point.value:
        return cell
    return _ours(item, point, bases)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _FiguresWording(Wording):
    """The report's commentary: each number, period and unit a figure the sentence names,
    so the published version prints the protected value, or leaves the words out."""

    def __init__(
        self,
        item: IndicatorData,
        bases: dict[str, float],
        shared: dict[str, Figure],
        *,
        card: int,
        latest: Cell,
        source: Source,
    ):
        super().__init__()
        self.item, self.bases, self.shared, self.source = item, bases, shared, source
        self.card, self.latest = card, latest  # the headline figure: its place and value
        self.code = item.indicator.code
        self.points = {p.short_label: p for p in presenters.commented_points(item)}
        self.points.update({p.period_label: p for p in presenters.commented_points(item)})
        self.added: list[Figure] = []

    def new_figures(self) -> list[Figure]:
        return self.added

    def _name(self, key: str, label: str, cell: Cell) -> str:
        if key not in self.shared:
            self.shared[key] = Figure(key, label, cell, card=False)
            self.added.append(self.shared[key])
        return named(key)

    def ours(self, label: str, value: float) -> str:
        point = self.points[label]
        latest = self.item.latest
        if latest is not None and point.period_label == latest.period_label:
            return named(self.code)
        cell = _ours(self.item, point, self.bases, self.source)
        return self._name(
            f"{self.code}-{_key(label)}", f"{self.item.indicator.name}, {label}", cell
        )

    def theirs(self, comparison: Comparison) -> str:
        kind = presenters.CELL_KIND[Unit(self.item.indicator.unit)]
        cell = Cell(comparison.theirs, kind, counts=COMPARATORS)
        key = f"{self.code}-{_key(comparison.comparator_label)}"
        return self._name(key, comparison.comparator_label, cell)

    def gap(self, comparison: Comparison) -> str:
        cell = _difference(comparison, self.latest, at=(self.card, 0), signed=False)
        key = f"{self.code}-against-{_key(comparison.comparator_label)}"
        return self._name(key, f"Against {comparison.comparator_label}", cell)

    def period(self, label: str) -> str:
        return self._name(f"period-{_key(label)}", label, Cell(label, "period"))

    def unit(self, unit: str) -> str:
        return self._name(f"unit-{_key(unit)}", unit, Cell(unit, "name"))

    def subject(self, subject: str) -> str:
        return self._name(f"{self.code}-subject", "Subject", Cell(subject, "name"))

    def count(self, number: int) -> str:
        key = f"{self.code}-trend-points"
        return self._name(key, "Figures in the trend", Cell(number, "count", counts="figures"))

    def unless_withheld(self, text: str) -> str:
        return f"[[{text}]]"
