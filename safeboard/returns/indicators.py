"""The partnership's indicators, computed from the returns' tables (DfE methodology).

Pure computation: tables in (Arrow, one row per record, with `la` and `year` columns
naming the council and financial year of the return each came from), plain result rows
out. Each council-year is counted from its own year's return only, as DfE does; the
one exception is re-referrals, which look back into the previous year's return.
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import duckdb
import pyarrow as pa

from safeboard.core.periods import FinancialYear, Quarter

from .tables import SCHEMAS


@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    measure: str  # "flow" (in the period), "stock" (on the period's last day) or "percent"
    text: str


DEFINITIONS = {
    d.code: d
    for d in (
        Definition(
            "referrals",
            "Referrals",
            "flow",
            "Referrals to children's social care (CIN episodes) whose referral date falls in the "
            "period, from the CIN census of that year. A child referred twice counts twice.",
        ),
        Definition(
            "re_referrals",
            "Re-referrals within 12 months",
            "percent",
            "Referrals in the period made within 12 months of the same child's previous "
            "referral (the previous referral on or after the same day twelve months before), "
            "as a percentage of the period's referrals. Earlier referrals come from this year's "
            "and the previous year's CIN census; without the previous year's return the "
            "figure undercounts, and says so.",
        ),
        Definition(
            "s47_started",
            "Section 47 enquiries started",
            "flow",
            "Section 47 enquiries whose actual start date falls in the period.",
        ),
        Definition(
            "s47_children",
            "Children subject to a Section 47 enquiry",
            "flow",
            "Distinct children with at least one Section 47 enquiry starting in the period.",
        ),
        Definition(
            "icpcs",
            "Initial child protection conferences",
            "flow",
            "Initial child protection conferences held in the period: distinct child and "
            "conference date, from the Section 47 enquiry and the CIN episode.",
        ),
        Definition(
            "cp_plans_at_end",
            "Children on a child protection plan",
            "stock",
            "Distinct children whose plan started on or before the period's last day and had "
            "not ended by then (a plan ending on that day no longer counts). For a year, "
            "this is the figure at 31 March.",
        ),
        Definition(
            "cp_plan_starts",
            "Child protection plans started",
            "flow",
            "Child protection plans whose start date falls in the period.",
        ),
        Definition(
            "cp_plan_ends",
            "Child protection plans ended",
            "flow",
            "Child protection plans whose end date falls in the period.",
        ),
        Definition(
            "looked_after_at_end",
            "Children looked after",
            "stock",
            "Distinct children with an SSDA903 episode open on the period's last day (started "
            "on or before it, not ceased by it: an episode ceasing that day does not count), "
            "leaving out children looked after only under a series of short breaks (legal "
            "status V3 or V4), as DfE does. For a year, this is the figure at 31 March.",
        ),
        Definition(
            "looked_after_starts",
            "Children starting to be looked after",
            "flow",
            "Episodes starting a new period of care (reason for new episode S) in the period, "
            "short breaks (V3, V4) left out.",
        ),
        Definition(
            "looked_after_ceases",
            "Children ceasing to be looked after",
            "flow",
            "Episodes ending in the period other than by a change of placement or legal status "
            "(reason X1), so the child leaves care; short breaks (V3, V4) left out.",
        ),
        Definition(
            "missing_episodes",
            "Missing episodes of looked-after children",
            "flow",
            "Episodes of a looked-after child missing from placement (code M, not 'away "
            "without authorisation') starting in the period.",
        ),
    )
}


class Result(NamedTuple):
    """One definition's figure for a council and period (a tuple: a national recompute
    makes tens of thousands)."""

    la: str
    indicator: str
    period: str  # a `core.periods` label: "2023-24" or "Q1 2023-24"
    numerator: int
    denominator: int | None  # referrals, for re-referrals; else None
    definition: str
    provenance: tuple[tuple[str, str], ...] = ()  # (file name, SHA-256) of the returns used
    note: str = ""


# Each query yields (la, year, period label, numerator, denominator or NULL) for every period of
# the `periods` table (year, label, start_date, end_date) of a council-year with returns.
_QUERIES = {
    "referrals": """
        SELECT r.la, r.year, p.label, count(*), NULL FROM cin_referrals r
        JOIN periods p ON p.year = r.year AND r.referral_date BETWEEN p.start_date AND p.end_date
        GROUP BY ALL""",
    "re_referrals": """
        WITH known AS (SELECT DISTINCT la, child, referral_date FROM cin_referrals),
        previous AS (
            SELECT la, child, referral_date,
                   lag(referral_date) OVER (PARTITION BY la, child ORDER BY referral_date) AS before
            FROM known)
        SELECT r.la, r.year, p.label,
               count(*) FILTER (
                   WHERE v.before >= CAST(r.referral_date - INTERVAL 12 MONTH AS DATE)),
               count(*)
        FROM cin_referrals r
        JOIN previous v USING (la, child, referral_date)
        JOIN periods p ON p.year = r.year AND r.referral_date BETWEEN p.start_date AND p.end_date
        GROUP BY ALL""",
    "s47_started": """
        SELECT s.la, s.year, p.label, count(*), NULL FROM cin_s47 s
        JOIN periods p ON p.year = s.year AND s.start_date BETWEEN p.start_date AND p.end_date
        GROUP BY ALL""",
    "s47_children": """
        SELECT s.la, s.year, p.label, count(DISTINCT s.child), NULL FROM cin_s47 s
        JOIN periods p ON p.year = s.year AND s.start_date BETWEEN p.start_date AND p.end_date
        GROUP BY ALL""",
    "icpcs": """
        WITH held AS (
            SELECT la, year, child, icpc_date FROM cin_s47 WHERE icpc_date IS NOT NULL
            UNION SELECT la, year, child, icpc_date FROM cin_referrals WHERE icpc_date IS NOT NULL)
        SELECT h.la, h.year, p.label, count(*), NULL FROM held h
        JOIN periods p ON p.year = h.year AND h.icpc_date BETWEEN p.start_date AND p.end_date
        GROUP BY ALL""",
    "cp_plans_at_end": """
        SELECT c.la, c.year, p.label, count(DISTINCT c.child), NULL FROM cin_plans c
        JOIN periods p ON p.year = c.year AND c.start_date <= p.end_date
             AND (c.end_date IS NULL OR c.end_date > p.end_date)
        GROUP BY ALL""",
    "cp_plan_starts": """
        SELECT c.la, c.year, p.label, count(*), NULL FROM cin_plans c
        JOIN periods p ON p.year = c.year AND c.start_date BETWEEN p.start_date AND p.end_date
        GROUP BY ALL""",
    "cp_plan_ends": """
        SELECT c.la, c.year, p.label, count(*), NULL FROM cin_plans c
        JOIN periods p ON p.year = c.year AND c.end_date BETWEEN p.start_date AND p.end_date
        GROUP BY ALL""",
    "looked_after_at_end": """
        SELECT e.la, e.year, p.label, count(DISTINCT e.child), NULL FROM lac_episodes e
        JOIN periods p ON p.year = e.year AND e.start_date <= p.end_date
             AND (e.end_date IS NULL OR e.end_date > p.end_date)
        WHERE e.legal_status NOT IN ('V3', 'V4')
        GROUP BY ALL""",
    "looked_after_starts": """
        SELECT e.la, e.year, p.label, count(*), NULL FROM lac_episodes e
        JOIN periods p ON p.year = e.year AND e.start_date BETWEEN p.start_date AND p.end_date
        WHERE e.reason_new = 'S' AND e.legal_status NOT IN ('V3', 'V4')
        GROUP BY ALL""",
    "looked_after_ceases": """
        SELECT e.la, e.year, p.label, count(*), NULL FROM lac_episodes e
        JOIN periods p ON p.year = e.year AND e.end_date BETWEEN p.start_date AND p.end_date
        WHERE e.reason_ceased <> 'X1' AND e.legal_status NOT IN ('V3', 'V4')
        GROUP BY ALL""",
    "missing_episodes": """
        SELECT m.la, m.year, p.label, count(*), NULL FROM lac_missing m
        JOIN periods p ON p.year = m.year AND m.start_date BETWEEN p.start_date AND p.end_date
        WHERE m.kind = 'M'
        GROUP BY ALL""",
}
_SOURCE_TABLE = {
    "referrals": "cin_referrals", "re_referrals": "cin_referrals", "s47_started": "cin_s47",
    "s47_children": "cin_s47", "icpcs": "cin_referrals", "cp_plans_at_end": "cin_plans",
    "cp_plan_starts": "cin_plans", "cp_plan_ends": "cin_plans",
    "looked_after_at_end": "lac_episodes", "looked_after_starts": "lac_episodes",
    "looked_after_ceases": "lac_episodes", "missing_episodes": "lac_missing",
}  # fmt: skip
_RETURN_OF = {"cin": "cin", "lac_episodes": "903_episodes", "lac_missing": "903_missing"}


def _periods(years: Iterable[int]) -> pa.Table:
    rows: dict[str, list] = {"year": [], "label": [], "start_date": [], "end_date": []}
    for start_year in sorted(set(years)):
        year = FinancialYear(start_year)
        periods: tuple[FinancialYear | Quarter, ...] = (year, *year.quarters)
        for period in periods:
            rows["year"].append(start_year)
            rows["label"].append(period.label)
            rows["start_date"].append(period.start)
            rows["end_date"].append(period.end)
    return pa.table(rows, schema=pa.schema(
        [("year", pa.int16()), ("label", pa.string()), ("start_date", pa.date32()),
         ("end_date", pa.date32())]
    ))  # fmt: skip


def _empty(table: str) -> pa.Table:
    schema = SCHEMAS[table].append(pa.field("la", pa.string())).append(pa.field("year", pa.int16()))
    return schema.empty_table()


@dataclass
class Returns:
    """The tables of the returns loaded, and where each council-year's came from."""

    tables: dict[str, pa.Table]
    # (kind, la, year) -> (file name, SHA-256) of the accepted file
    files: dict[tuple[str, str, int], tuple[str, str]] = field(default_factory=dict)
    # Parquet files on a local disk, read by DuckDB itself (in parallel) instead of `tables`
    paths: dict[str, list[str]] = field(default_factory=dict)


def compute(returns: Returns, *, indicators: Iterable[str] = tuple(DEFINITIONS)) -> list[Result]:
    """Every indicator for every council, quarter and financial year the returns cover:
    counts, and for re-referrals the referrals they are out of (rates are worked out
    from the population where the figures are written, in `figures`)."""
    wanted = tuple(indicators)
    with Computation(returns, wanted) as computation:
        return [result for code in wanted for result in computation.results(code)]


class Computation:
    """The returns' tables open in DuckDB, answering one definition at a time: a caller can
    take each definition's results while DuckDB works out the next (DuckDB lets go of the
    interpreter while it works). One definition at a time, from one thread at a time.

    `years` limits the figures to those financial years; the returns of other years are
    still read for the history they give (earlier referrals, for re-referrals)."""

    def __init__(
        self, returns: Returns, indicators: Iterable[str], *, years: Iterable[int] | None = None
    ) -> None:
        self.returns, self.wanted = returns, tuple(indicators)
        self.years = {year for (_kind, _la, year) in returns.files}
        if years is not None:
            self.years &= set(years)
        self.connection, self.opened = duckdb.connect(), False

    def __enter__(self) -> "Computation":
        return self

    def __exit__(self, *exc) -> None:
        self.connection.close()

    def _open(self) -> None:
        """The tables the wanted queries read, and the periods to count in, made known to
        DuckDB (on first use, in the thread that computes)."""
        needed = {name for name in SCHEMAS if any(name in _QUERIES[code] for code in self.wanted)}
        for name in sorted(needed):
            if self.returns.paths.get(name):
                self.connection.read_parquet(self.returns.paths[name]).create_view(name)
            else:
                self.connection.register(name, self.returns.tables.get(name, _empty(name)))
        self.connection.register("periods", _periods(self.years))
        self.opened = True

    def results(self, code: str) -> list[Result]:
        if not self.opened:
            self._open()
        rows = self.connection.execute(_QUERIES[code]).fetchall()
        return _results(code, _with_zeros(code, rows, self.returns, self.years), self.returns)


@functools.cache
def _labels(start_year: int) -> tuple[str, ...]:
    """The labels of a financial year and of its four quarters."""
    year = FinancialYear(start_year)
    return (year.label, *(quarter.label for quarter in year.quarters))


def _with_zeros(code: str, rows: list[tuple], returns: Returns, years: set[int]) -> list[tuple]:
    """A period with nothing to count is a zero, for every council-year whose return is in.
    Rows are (la, year, period label, numerator, denominator or None), sorted."""
    kind = _RETURN_OF.get(_SOURCE_TABLE[code], "cin")
    found = {row[:3]: row for row in rows}
    zero = (0, 0) if code == "re_referrals" else (0, None)
    for file_kind, la, start_year in returns.files:
        if file_kind != kind or start_year not in years:
            continue
        for label in _labels(start_year):
            key = (la, start_year, label)
            if key not in found:
                found[key] = (*key, *zero)
    return [found[key] for key in sorted(found)]


def _results(code: str, rows: list[tuple], returns: Returns) -> list[Result]:
    text = DEFINITIONS[code].text
    kind = _RETURN_OF.get(_SOURCE_TABLE[code], "cin")
    # What each council-year's figures came from, and what they may lack, worked out once.
    known: dict[tuple[str, int], tuple[tuple, str]] = {}
    results = []
    for la, year, label, numerator, denominator in rows:
        about = known.get((la, year))
        if about is None:
            source = returns.files.get((kind, la, year))
            note = ""
            if code == "re_referrals" and ("cin", la, year - 1) not in returns.files:
                note = (
                    f"The {FinancialYear(year - 1).label} CIN census is not loaded, so "
                    "referrals before this year cannot be seen: re-referrals may be "
                    "undercounted."
                )
            about = known[(la, year)] = ((source,) if source else (), note)
        results.append(Result(la, code, label, numerator, denominator, text, *about))
    return results
