"""Plain computations for case review figures (no ORM)."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from safeboard.core.disclosure import SUPPRESSED, DisclosureError, protect, publish
from safeboard.core.periods import FinancialYear

SMALL = range(1, 6)  # the counts DfE's convention withholds


@dataclass(frozen=True)
class PublicTable:
    years: list[str]
    rows: list[tuple[str, list[int | str]]]  # (decision, published counts by year)
    totals: list[int | str]  # all referrals, by year


def decision_table(
    years: Mapping[FinancialYear, Counter], *, labels: Mapping[str, str]
) -> PublicTable:
    """Referrals by decision and year, with each year's total, as they may be published:
    small counts hidden, and as many more as it takes that no hidden count can be worked
    back from the totals (`core.disclosure`). A total that is itself small, or that would
    give a count away whatever else is hidden, is withheld too."""
    ordered = list(years)
    counts = [[years[year][key] for year in ordered] for key in labels]
    totals = [sum(column) for column in zip(*counts, strict=True)] if counts else []
    hidden, totals_shown = _protected(counts, totals)
    printed = publish(counts, hidden)
    return PublicTable(
        years=[year.label for year in ordered],
        rows=[(label, _numbers(row)) for label, row in zip(labels.values(), printed, strict=True)],
        totals=totals if totals_shown else [SUPPRESSED if t else 0 for t in totals],
    )


def _protected(counts: list[list[int]], totals: list[int]) -> tuple[list[list[bool]], bool]:
    if counts and not any(total in SMALL for total in totals):
        try:
            return protect(counts, column_totals=True), True
        except DisclosureError:
            pass
    return protect(counts), False


def _numbers(row: list) -> list[int | str]:
    return [value for value in row if value is not None]
