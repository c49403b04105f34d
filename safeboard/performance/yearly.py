"""A flow kept by quarter, as the annual report gives it: the year's total and its change
on the year before (the seed's "761 … down from 853"), or a share over the year from the
year's totals (167 of 761), with the quarters as supporting detail. Sentences name their
figures as `{figure:key}`, so the published version prints what disclosure control allows."""

from dataclasses import dataclass, field, replace

from safeboard.core.periods import FinancialYear
from safeboard.core.sections import Cell, Figure, Source, Table

from . import analytics
from .charts import CHILDREN, COMPARATORS
from .models import PeriodKind, Unit
from .selectors import IndicatorData


@dataclass
class YearOfAFlow:
    """What a quarterly flow adds to the report's section."""

    figures: list[Figure] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def is_quarterly_flow(data: IndicatorData) -> bool:
    return data.indicator.kind == "flow" and data.main_kind == PeriodKind.QUARTER


def year_of_a_flow(
    data: IndicatorData, year: FinancialYear, source: Source, *, first: int
) -> YearOfAFlow | None:
    """`first` is where these figures start among the section's, for their `base_of`."""
    if not is_quarterly_flow(data):
        return None
    if data.indicator.unit == Unit.COUNT:
        return _count_year(data, year, source, first)
    if data.indicator.unit == Unit.PERCENTAGE:
        return _share_year(data, year, source, first)
    return None


def _quarters(data: IndicatorData, year: FinancialYear, field: str = "value") -> dict:
    return {
        p.quarter: getattr(p, field)
        for p in data.points(kind=PeriodKind.QUARTER)
        if p.start_year == year.start_year
    }


def _recorded_year(data: IndicatorData, year: FinancialYear):
    """The year's own figure, or the 12 months to its fourth quarter, the same span."""
    for kind, quarter in ((PeriodKind.YEAR, 0), (PeriodKind.ROLLING, 4)):
        for point in data.points(kind=kind):
            if point.start_year == year.start_year and point.quarter == quarter:
                return point
    return None


def _count_total(data: IndicatorData, year: FinancialYear) -> analytics.Total | None:
    recorded = _recorded_year(data, year)
    return analytics.year_of_quarters(
        _quarters(data, year),
        year_label=year.label,
        recorded=recorded.value if recorded is not None else None,
    )


def _count_year(data, year: FinancialYear, source: Source, first: int) -> YearOfAFlow | None:
    code, before_year = data.indicator.code, FinancialYear(year.start_year - 1)
    total = _count_total(data, year)
    if total is None:
        return None
    found = YearOfAFlow()
    found.figures.append(
        _count_figure(f"{code}-year", f"{data.indicator.name}, {year.label}", total.value, source)
    )
    sentence = (
        f"{_capital(data.indicator.subject)} in {_period(found, code, year)} "
        f"was {{figure:{code}-year}}"
    )
    before = _count_total(data, before_year)
    if before is not None:
        found.figures.append(
            _count_figure(
                f"{code}-year-before",
                f"{data.indicator.name}, {before_year.label}",
                before.value,
                source,
            )
        )
        sentence += _change_words(
            found, code, total.value, before.value, before_year, source, first
        )
    found.paragraphs.append(sentence + ".")
    quarters = _quarters_table(data, year, total, source)
    if quarters:
        # The year's figure is the quarters table's total: one protection decision for both,
        # so a withheld total is withheld from the sentence too.
        [table] = quarters
        found.figures[0] = replace(found.figures[0], same_as=(table.key, len(table.rows) - 1, 1))
        found.tables.append(table)
    return found


def _change_words(found, code, after: float, before: float, before_year, source, first) -> str:
    change = analytics.change(before, after, before_label=before_year.label, after_label="")
    in_before = _period(found, code, before_year)
    words = f", against {{figure:{code}-year-before}} in {in_before}"
    if change is None or change.relative is None or change.points == 0:
        return words
    direction = "down" if change.points < 0 else "up"
    fall_or_rise = "a fall" if change.points < 0 else "a rise"
    found.figures.append(
        Figure(
            f"{code}-change",
            f"Change on {before_year.label}",
            Cell(
                analytics.rounded(abs(change.relative) * 100, 1),
                "percent",
                base_of=_at(found, first, f"{code}-year-before"),  # the count it divides by
                source=source,
                counts=COMPARATORS,  # a change between two counts, no share of people
            ),
        )
    )
    return (
        f", {direction} from {{figure:{code}-year-before}} in {in_before}: "
        f"{fall_or_rise} of {{figure:{code}-change}}"
    )


def _quarters_table(data, year: FinancialYear, total: analytics.Total, source) -> list[Table]:
    """The quarters behind the year's total, when it was added up from them."""
    quarters = _quarters(data, year)
    if len(total.periods) != len(analytics.QUARTERS):
        return []
    rows = [
        [Cell(f"Q{q} {year.label}"), _count_cell(quarters[q], source)] for q in analytics.QUARTERS
    ]
    rows.append([Cell(f"The year {year.label}"), _count_cell(total.value, source)])
    return [
        Table(
            key=f"{data.indicator.code}-quarters",
            caption=f"{data.indicator.name} by quarter, {year.label}",
            columns=["Quarter", data.indicator.name],
            rows=rows,
            total_rows=(len(rows) - 1,),
            source=source,
        )
    ]


def _share_year(data, year: FinancialYear, source: Source, first: int) -> YearOfAFlow | None:
    code, before_year = data.indicator.code, FinancialYear(year.start_year - 1)
    this = _share(data, year)
    if this is None or this.value is None:
        return None
    found = YearOfAFlow()
    found.figures += [
        _count_figure(
            f"{code}-year-part", f"Counted in the share, {year.label}", this.part, source
        ),
        _count_figure(f"{code}-year-whole", f"Of all, {year.label}", this.whole, source),
        _share_figure(
            f"{code}-year", f"{data.indicator.name}, {year.label}", this, first + 1, source
        ),
    ]
    sentence = (
        f"{_capital(data.indicator.subject)} over {_period(found, code, year)} was "
        f"{{figure:{code}-year}}: {{figure:{code}-year-part}} of {{figure:{code}-year-whole}}"
    )
    before = _share(data, before_year)
    if before is not None and before.value is not None:
        found.figures.append(
            _count_figure(
                f"{code}-before-whole", f"Of all, {before_year.label}", before.whole, source
            )
        )
        found.figures.append(
            _share_figure(
                f"{code}-year-before",
                f"{data.indicator.name}, {before_year.label}",
                before,
                _at(found, first, f"{code}-before-whole")[0],
                source,
            )
        )
        sentence += (
            f", against {{figure:{code}-year-before}} in {_period(found, code, before_year)}"
        )
    found.paragraphs.append(sentence + ".")
    return found


def _share(data: IndicatorData, year: FinancialYear) -> analytics.Share | None:
    recorded = _recorded_year(data, year)
    counted = None
    if recorded is not None and recorded.numerator is not None and recorded.denominator:
        counted = (recorded.numerator, recorded.denominator)
    return analytics.share_of_year(
        _quarters(data, year, "numerator"),
        _quarters(data, year, "denominator"),
        year_label=year.label,
        recorded=counted,
    )


def _share_figure(key: str, label: str, share: analytics.Share, base: int, source) -> Figure:
    value = analytics.rounded((share.value or 0) * 100, 1)
    cell = Cell(
        value,
        "percent",
        base_of=(base, 0),
        source=source,
        counts=CHILDREN,
        numerator=share.part,
        base=share.whole,
    )
    return Figure(key, label, cell)


def _count_figure(key: str, label: str, value: float, source: Source) -> Figure:
    return Figure(key, label, _count_cell(value, source))


def _count_cell(value: float | None, source: Source) -> Cell:
    return Cell(None if value is None else int(value), "count", source=source, counts=CHILDREN)


def _at(found: YearOfAFlow, first: int, key: str) -> tuple[int, int]:
    """Where a figure stands among the section's, for a `base_of` that names it."""
    return (first + next(i for i, f in enumerate(found.figures) if f.key == key), 0)


def _period(found: YearOfAFlow, code: str, year: FinancialYear) -> str:
    """A year a sentence names, as a figure too: a sentence holds no number of its own."""
    key = f"{code}-period-{year.start_year}"
    if all(f.key != key for f in found.figures):
        found.figures.append(Figure(key, year.label, Cell(year.label, "period"), card=False))
    return f"{{figure:{key}}}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
