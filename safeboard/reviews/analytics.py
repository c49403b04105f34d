"""Plain computations for case review figures (no ORM)."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from safeboard.core.disclosure import SUPPRESSED, protect_with_totals
from safeboard.core.periods import FinancialYear


@dataclass(frozen=True)
class PublicTable:
    years: list[str]
    rows: list[tuple[str, list[int | str]]]  # (decision, published counts by year)
    totals: list[int | str]  # all referrals, by year


def decision_table(
    years: Mapping[FinancialYear, Counter], *, labels: Mapping[str, str]
) -> PublicTable:
    """Referrals by decision and year, with each year's total, as they may be published.
    Each year is published as the annual report publishes its own year's table
    (`published_decisions`), so the page and the report can never disagree."""
    ordered = list(years)
    columns = [published_decisions([years[year][key] for key in labels]) for year in ordered]
    rows = [
        (label, [column[0][i] for column in columns]) for i, label in enumerate(labels.values())
    ]
    return PublicTable(
        years=[year.label for year in ordered],
        rows=rows,
        totals=[column[1] for column in columns],
    )


def published_decisions(counts: list[int]) -> tuple[list[int | str], int | str]:
    """One year's referrals by decision and their total as they may be published: small
    counts hidden, as many more as it takes that none can be worked back from the total
    (`core.disclosure`), and the total too when it is small or would give one away."""
    hidden, total_hidden = protect_with_totals([[n] for n in counts], column_totals=True)
    shown = [SUPPRESSED if hide[0] else n for hide, n in zip(hidden, counts, strict=True)]
    total = sum(counts)
    return shown, SUPPRESSED if total_hidden and total else total
