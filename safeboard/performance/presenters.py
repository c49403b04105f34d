"""What the pages and the report say about an indicator, from its selected figures.

No queries here: each function takes `IndicatorData` from the selectors and returns plain
values, commentary and chart specifications.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from safeboard.core.sections import CellKind

from . import analytics, charts
from .commentary import Commentary, Wording, describe_year
from .models import Area, Indicator, Unit
from .selectors import Breakdown, IndicatorData, Point, area_title, comparator_rank

CELL_KIND: dict[Unit, CellKind] = {
    Unit.RATE_CHILDREN: "rate",
    Unit.RATE_POPULATION: "rate",
    Unit.PERCENTAGE: "percent",
    Unit.COUNT: "count",
}
VALUE_HEADING = {
    Unit.RATE_CHILDREN: "Rate per 10,000",
    Unit.RATE_POPULATION: "Rate per 10,000",
    Unit.PERCENTAGE: "Percentage",
    Unit.COUNT: "Count",
}
OURS = "Our area"
HRDA_PARTS = ("hrda-with-children", "hrda-without-children")


def shown(indicator: Indicator, value: float | None) -> str:
    """A value with its unit, as the page prints it."""
    if value is None:
        return "No figure"
    printed = analytics.figure(value)
    if indicator.unit == Unit.PERCENTAGE:
        return f"{printed}%"
    return f"{printed} {indicator.suffix}".strip()


@dataclass(frozen=True)
class Summary:
    """One row of the dataset overview."""

    data: IndicatorData
    latest: Point | None
    previous: analytics.Change | None
    year_ago: analytics.Change | None
    comparisons: tuple[analytics.Comparison, ...]  # nearest comparator first
    trend: analytics.Trend
    rag: analytics.Rag | None

    @property
    def indicator(self) -> Indicator:
        return self.data.indicator

    @property
    def comparison(self) -> analytics.Comparison | None:
        """The first comparator's: the one the overview prints."""
        return self.comparisons[0] if self.comparisons else None

    @property
    def latest_text(self) -> str:
        if self.latest is None:
            return "No figure"
        return f"{shown(self.indicator, self.latest.value)} ({self.latest.period_label})"

    @property
    def previous_text(self) -> str:
        return self.previous.summary if self.previous else "No earlier figure"

    @property
    def year_ago_text(self) -> str:
        return self.year_ago.summary if self.year_ago else "No figure a year before"

    @property
    def comparison_text(self) -> str:
        return self.comparison.gap if self.comparison else "No comparator"

    @property
    def rag_text(self) -> str:
        return self.rag.status.title() if self.rag else "No target"


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    count: str  # the count a rate or percentage was worked out from, when given
    shown: str
    computation: str  # "522 ÷ 50,200 × 10,000 (female children aged 0–17)"
    point: Point


@dataclass(frozen=True)
class BreakdownTable:
    caption: str
    heading: str  # "Sex" or "Age band"
    value_heading: str
    rows: list[BreakdownRow]


def breakdown_tables(indicator: Indicator, breakdown: Breakdown | None) -> list[BreakdownTable]:
    """The latest period by sex and by age band, each table led by the total."""
    if breakdown is None:
        return []
    total = []
    if breakdown.total is not None:
        total = [_breakdown_row(indicator, "All", "children aged 0–17", breakdown.total)]
    found = []
    for heading, parts in (("Sex", breakdown.by_sex), ("Age band", breakdown.by_age_band)):
        if parts:
            found.append(
                BreakdownTable(
                    caption=f"{indicator.name} by {heading.lower()}, {breakdown.period_label}",
                    heading=heading,
                    value_heading=VALUE_HEADING[Unit(indicator.unit)],
                    rows=total
                    + [_breakdown_row(indicator, p.label, p.whom, p.point) for p in parts],
                )
            )
    return found


def _breakdown_row(indicator: Indicator, label: str, whom: str, point: Point) -> BreakdownRow:
    count = ""
    if point.numerator is not None and indicator.unit != Unit.COUNT:
        count = analytics.figure(point.numerator)
    worked = point.computation
    if worked and indicator.unit == Unit.RATE_CHILDREN:
        worked = f"{worked} ({whom})"
    return BreakdownRow(label, count, shown(indicator, point.value), worked, point)


def summarise(data: IndicatorData) -> Summary:
    return Summary(
        data=data,
        latest=data.latest,
        previous=data.previous_change(),
        year_ago=data.year_ago_change(),
        comparisons=tuple(data.comparisons()),
        trend=data.trend(),
        rag=data.rag(),
    )


@dataclass(frozen=True)
class Analysis:
    """Everything the indicator page, the report and the API say about an indicator, worked
    out once: the overview's summary, the commentary with its footnotes, and the sums."""

    summary: Summary
    commentary: Commentary | None
    sums: list[analytics.Total]

    @property
    def indicator(self) -> Indicator:
        return self.summary.indicator

    @property
    def data(self) -> IndicatorData:
        return self.summary.data


def analyse(data: IndicatorData) -> Analysis:
    summary = summarise(data)
    return Analysis(summary=summary, commentary=commentary(summary), sums=sums(data))


def sums(data: IndicatorData) -> list[analytics.Total]:
    """For a quarterly count over time (a flow): the rolling 12 months and the year to date,
    each with the quarters it adds up."""
    indicator = data.indicator
    if indicator.kind != "flow" or indicator.unit != Unit.COUNT or data.main_kind != "quarter":
        return []
    latest = data.latest
    if latest is None:
        return []
    quarters = [(p.period_label, p.value) for p in data.local]
    found = [analytics.rolling_twelve_months(quarters)]
    this_year = [(p.period_label, p.value) for p in data.local if p.start_year == latest.start_year]
    found.append(analytics.year_to_date(this_year, year_label=latest.year_label))
    return [total for total in found if total is not None]


def commentary(summary: Summary, wording: Wording | None = None) -> Commentary | None:
    """The seed's kind of paragraph: the latest year's movement and the comparators, from
    the summary's own comparisons and trend, worded as the page (or `wording`) prints."""
    data = summary.data
    latest = data.latest
    if latest is None:
        return None
    percentage = data.indicator.unit == Unit.PERCENTAGE
    words = wording or Wording(percentage=percentage)
    if data.main_kind == "quarter":
        labels = [(p.short_label, p.value) for p in commented_points(data)]
        year_label = words.period(latest.year_label)
    else:
        points = commented_points(data)
        labels = [(p.period_label, p.value) for p in points]
        first, last = words.period(points[0].period_label), words.period(points[-1].period_label)
        year_label = f"the years {first} to {last}"
    return describe_year(
        subject=data.indicator.subject,
        year_label=year_label,
        points=labels,
        unit="" if percentage else data.indicator.suffix,
        comparisons=summary.comparisons,
        trend=summary.trend,
        percentage=percentage,
        wording=words,
    )


def commented_points(data: IndicatorData) -> list[Point]:
    """The points the commentary speaks of: the latest year's quarters, or the last four
    years."""
    latest = data.latest
    if latest is None:
        return []
    if data.main_kind == "quarter":
        return [p for p in data.local if p.start_year == latest.start_year]
    return data.local[-4:]


def series(data: IndicatorData) -> list[tuple[str, list[tuple[str, float]]]]:
    """Ours first, then each comparator, as (name, [(period, value)])."""
    found = [(OURS, [(p.period_label, p.value) for p in data.local])]
    for area, code in sorted(data.series, key=comparator_rank):
        if area != Area.LOCAL:
            points = data.points(area, code)
            if points:
                found.append(
                    (
                        area_title(area, code),
                        [(p.period_label, p.value) for p in points],
                    )
                )
    return found


def indicator_charts(data: IndicatorData, siblings: Sequence[IndicatorData] = ()):
    """The indicator's time series, its latest year's quarters, and for the HRDA cases the
    seed's stacked bars of cases with and without children in the household."""
    indicator = data.indicator
    kind = CELL_KIND[Unit(indicator.unit)]
    unit = dict(Unit.choices)[indicator.unit]
    found = [
        charts.time_series(
            key=f"{indicator.code}-series",
            title=f"{indicator.name} over time",
            unit=unit,
            series=series(data),
            kind=kind,
        )
    ]
    latest = data.latest
    if latest is not None and data.main_kind == "quarter":
        quarters = [
            (p.short_label, p.value) for p in data.local if p.start_year == latest.start_year
        ]
        found.append(
            charts.quarterly_bars(
                key=f"{indicator.code}-quarters",
                title=f"{indicator.name}, {latest.year_label} by quarter",
                unit=unit,
                points=quarters,
                kind=kind,
            )
        )
    by_code = {d.indicator.code: d for d in siblings}
    if indicator.code in (*HRDA_PARTS, "hrda-with-children-share") and all(
        code in by_code for code in HRDA_PARTS
    ):
        found.append(hrda_stacked(by_code))
    return [chart for chart in found if chart is not None]


def hrda_stacked(by_code: dict[str, IndicatorData]):
    parts = [
        (
            name,
            [(p.short_label, p.value) for p in _latest_year(by_code[code].local)],
        )
        for code, name in zip(
            HRDA_PARTS,
            ("With children in the household", "Without children"),
            strict=True,
        )
    ]
    year = _latest_year(by_code[HRDA_PARTS[0]].local)
    title = "HRDA cases with and without children in the household"
    if year:
        title += f", {year[0].year_label}"
    return charts.stacked_bars(key="hrda-children", title=title, parts=parts)


def _latest_year(points: list[Point]) -> list[Point]:
    if not points:
        return []
    return [p for p in points if p.start_year == points[-1].start_year]
