"""The dataset's series: each indicator's figures from the chosen source for their area and
period, read as plain values in one query, with its comparators and where sources disagree."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import FloatField, QuerySet
from django.db.models.functions import Cast
from django.http import Http404

from safeboard.core.models import Partnership, Region
from safeboard.core.periods import FinancialYear

from .. import analytics
from ..models import AgeBand, Area, Indicator, IndicatorChoice, Observation, PeriodKind, Sex
from ..models import period_label as label_of
from ..rates import computation
from .common import require_member

COMPARATOR_ORDER = (Area.NEIGHBOURS, Area.ENGLAND, Area.REGION, Area.AUTHORITY)
TREND_WINDOW = 8  # the latest points a trend is fitted over


@dataclass(slots=True)
class Point:
    """One figure as the dataset uses it: from the chosen source for its area and period.
    (Slots, not frozen: the overview makes thousands, and a frozen init is slow.)"""

    area: str
    area_code: str
    period_kind: str
    start_year: int
    quarter: int
    value: float
    numerator: float | None
    denominator: float | None
    reference_year: int | None
    source: str
    is_synthetic: bool
    note: str
    unit: str = ""  # the indicator's

    @property
    def computation(self) -> str:
        """How the value was worked out from its count and base, when it was."""
        return computation(self.unit, self.numerator, self.denominator)

    @property
    def period_label(self) -> str:
        return label_of(self.period_kind, self.start_year, self.quarter)

    @property
    def short_label(self) -> str:
        return f"Q{self.quarter}" if self.period_kind == PeriodKind.QUARTER else self.period_label

    @property
    def order(self) -> tuple[int, int]:
        return (self.start_year, self.quarter)

    @property
    def year_label(self) -> str:
        return FinancialYear(self.reference_year or self.start_year).label


@dataclass(frozen=True)
class Disagreement:
    area: str
    period_label: str
    values: dict[str, float]  # source -> value
    used: str


def area_name(area: str, code: str = "") -> str:
    if area == Area.REGION:
        name = Region(code).label if code in Region.values else code
        return name if name in ("London",) else f"the {name}"
    if area == Area.AUTHORITY:
        return code
    return {
        Area.LOCAL: "ours",
        Area.NEIGHBOURS: "the statistical neighbour average",
        Area.ENGLAND: "England",
    }[Area(area)]


def area_title(area: str, code: str = "") -> str:
    """The area's name to start a line with: "The South East", not "The south east"."""
    name = area_name(area, code)
    return name[:1].upper() + name[1:]


def comparator_rank(key: tuple[str, str]) -> int:
    return _comparator_rank(key[0])


@dataclass
class IndicatorData:
    """One indicator's figures, chosen source applied, grouped by area."""

    indicator: Indicator
    choice: IndicatorChoice | None
    series: dict[tuple[str, str], list[Point]] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def main_kind(self) -> str:
        return PeriodKind.QUARTER if self.indicator.frequency == "quarterly" else PeriodKind.YEAR

    def points(self, area: str = Area.LOCAL, code: str = "", kind: str | None = None):
        kind = kind or self.main_kind
        return [p for p in self.series.get((area, code), []) if p.period_kind == kind]

    @property
    def local(self) -> list[Point]:
        return self.points()

    @property
    def latest(self) -> Point | None:
        return self.local[-1] if self.local else None

    @property
    def basis(self) -> analytics.Basis:
        latest = self.latest
        return self._basis(latest.year_label if latest else "")

    def _basis(self, year_label: str) -> analytics.Basis:
        kind: analytics.Kind = "stock" if self.indicator.kind == "stock" else "flow"
        return analytics.Basis(kind, self.indicator.period_months, year_label)

    def previous_change(self) -> analytics.Change | None:
        if len(self.local) < 2:
            return None
        before, after = self.local[-2], self.local[-1]
        return analytics.change(
            before.value,
            after.value,
            before_label=before.period_label,
            after_label=after.period_label,
        )

    def year_ago_change(self) -> analytics.Change | None:
        latest = self.latest
        if latest is None:
            return None
        earlier = next(
            (
                p
                for p in self.local
                if p.start_year == latest.start_year - 1 and p.quarter == latest.quarter
            ),
            None,
        )
        if earlier is None:
            return None
        return analytics.change(
            earlier.value,
            latest.value,
            before_label=earlier.period_label,
            after_label=latest.period_label,
        )

    def comparisons(self) -> list[analytics.Comparison]:
        """Ours at the latest period against each comparator's figure for that period, or
        its latest earlier one (labelled with its year)."""
        latest = self.latest
        if latest is None:
            return []
        found = []
        for area, code in sorted(self.series, key=lambda key: _comparator_rank(key[0])):
            if area == Area.LOCAL:
                continue
            theirs = [p for p in self.points(area, code) if p.order <= latest.order]
            if not theirs:
                continue
            point = theirs[-1]
            found.append(
                analytics.compare(
                    latest.value,
                    point.value,
                    comparator=area_name(area, code),
                    ours_basis=self.basis,
                    theirs_basis=self._basis(point.year_label),
                )
            )
        return found

    def trend(self) -> analytics.Trend:
        return analytics.trend([p.value for p in self.local[-TREND_WINDOW:]])

    def rag(self) -> analytics.Rag | None:
        latest = self.latest
        target = self.choice.target if self.choice else None
        return analytics.rag(
            latest.value if latest else None,
            target=float(target) if target is not None else None,
            polarity=self.indicator.polarity,  # type: ignore[arg-type]
        )

    @property
    def has_synthetic(self) -> bool:
        return any(p.is_synthetic for points in self.series.values() for p in points)


def _comparator_rank(area: str) -> int:
    return COMPARATOR_ORDER.index(area) if area in COMPARATOR_ORDER else -1


_FIELDS = (
    "indicator_id",
    "area",
    "area_code",
    "period_kind",
    "start_year",
    "quarter",
    "value_float",
    "numerator_float",
    "denominator_float",
    "reference_year",
    "source",
    "is_synthetic",
    "note",
)


def totals(observations: QuerySet[Observation]) -> QuerySet[Observation]:
    """Only the totals: the figures for every sex and every age band."""
    return observations.filter(sex=Sex.ALL, age_band=AgeBand.ALL)


def series_rows(observations: QuerySet[Observation], *more: str) -> list[tuple]:
    """Observations as plain tuples (`_FIELDS`, then the `more` fields), figures as floats
    cast by the database: statistics need no Decimal, and converting thousands of them
    costs more than the query. The rows come straight from the cursor: the database has
    cast every figure already, so Django's per-row converters would only repeat it (a
    flag may come as 0 or 1)."""
    query = observations.annotate(
        value_float=Cast("value", FloatField()),
        numerator_float=Cast("numerator", FloatField()),
        denominator_float=Cast("denominator", FloatField()),
    ).values_list(*_FIELDS, *more)
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# The overview compares with these; single other authorities appear on an indicator's page.
SUMMARY_AREAS = (Area.LOCAL, Area.NEIGHBOURS, Area.ENGLAND, Area.REGION)


def dataset(
    *,
    user,
    partnership: Partnership,
    theme: str = "",
    code: str = "",
    areas: Iterable[str] | None = None,
) -> list[IndicatorData]:
    """Every indicator (of a theme, or one by code) with its figures (of `areas`, or all):
    three queries."""
    require_member(user, partnership)
    return dataset_for_report(partnership, theme=theme, code=code, areas=areas)


def dataset_for_report(
    partnership: Partnership,
    *,
    theme: str = "",
    code: str = "",
    until_year: int | None = None,
    areas: Iterable[str] | None = None,
) -> list[IndicatorData]:
    """The dataset as the annual report composer reads it, up to a financial year: the
    totals, not their breakdowns by sex or age band (`breakdown` reads those). The
    composer has checked who is reading; pages use `dataset`."""
    indicators = list(Indicator.objects.filter(theme=theme) if theme else Indicator.objects.all())
    if code:
        indicators = [i for i in indicators if i.code == code]
    if not indicators:
        return []
    choices = {
        c.indicator_id: c
        for c in IndicatorChoice.objects.filter(partnership=partnership, indicator__in=indicators)
    }
    # Each of partnership, indicator, area, sex and age band narrows the one index the
    # figures are kept in; no order is asked of the database (`_gather` puts them in order).
    observations = totals(
        Observation.objects.filter(
            partnership=partnership, indicator_id__in=[i.pk for i in indicators]
        )
    ).order_by()
    if until_year is not None:
        observations = observations.filter(start_year__lte=until_year)
    if areas is not None:
        observations = observations.filter(area__in=list(areas))
    rows = series_rows(observations)
    by_indicator: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        by_indicator[row[0]].append(row)
    return [
        _gather(indicator, choices.get(indicator.pk), by_indicator[indicator.pk])
        for indicator in indicators
    ]


def _gather(indicator: Indicator, choice: IndicatorChoice | None, rows: Iterable[tuple]):
    data = IndicatorData(indicator, choice)
    chosen = choice.chosen_source if choice else ""
    by_key: dict[tuple, list[Point]] = defaultdict(list)
    for row in rows:
        # (area, code, period kind, start year, quarter)
        by_key[(row[1], row[2], row[3], row[4], row[5])].append(_point(indicator.unit, row))
    for _, points in sorted(by_key.items(), key=lambda item: (item[0][3], item[0][4])):
        if len(points) > 1:
            points.sort(key=lambda p: (p.source != chosen, p.source))
        used = points[0]
        data.series.setdefault((used.area, used.area_code), []).append(used)
        if len(points) > 1 and len({p.value for p in points}) > 1:
            data.disagreements.append(
                Disagreement(
                    area_name(used.area, used.area_code),
                    used.period_label,
                    {p.source: p.value for p in points},
                    used.source,
                )
            )
    return data


def _point(unit: str, row: tuple) -> Point:
    # The row is `_FIELDS` in Point's own order after the indicator, and only the flag
    # needs converting (SQLite gives 0 or 1).
    _, area, code, kind, year, quarter, value, numerator, denominator, ref, source, synth, note = (
        row
    )
    return Point(
        area,
        code,
        kind,
        year,
        quarter,
        value,
        numerator,
        denominator,
        ref,
        source,
        synth == 1,
        note,
        unit,
    )


def indicator_data(*, user, partnership: Partnership, code: str) -> IndicatorData:
    found = dataset(user=user, partnership=partnership, code=code)
    if not found:
        raise Http404("No such indicator")
    return found[0]
