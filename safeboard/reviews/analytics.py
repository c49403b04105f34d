"""Plain computations for case review figures (no ORM)."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from safeboard.core.periods import FinancialYear

SUPPRESSED = "c"


def public_count(count: int) -> str:
    """A count as it may be published: DfE's rule prints 1 to 5 as "c".

    Interim, for this module's public page only, until `core.disclosure` lands; it must
    then give way to it, which also protects counts a reader could work back.
    """
    return str(count) if count == 0 or count > 5 else SUPPRESSED


@dataclass(frozen=True)
class PublicTable:
    years: list[str]
    rows: list[tuple[str, list[str]]]  # (decision, public counts by year)


def decision_table(
    years: Mapping[FinancialYear, Counter], *, labels: Mapping[str, str]
) -> PublicTable:
    """Referrals by decision and year, every count passed through `public_count`, and no
    totals (a total less the shown counts would give a suppressed one away)."""
    ordered = list(years)
    return PublicTable(
        years=[year.label for year in ordered],
        rows=[
            (label, [public_count(years[year][key]) for year in ordered])
            for key, label in labels.items()
        ],
    )
