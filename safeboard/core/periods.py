"""Reporting periods: financial years from 1 April and their quarters.

Labels follow the partnership's usage: "2017-18" for a year, "Q1 2017-18" for a quarter.
Every year Safeboard reads, from a file, a form, an address or the API, is checked here
against one sane range, so a year 0 or 10000 is a message and never a failure further on.
"""

import re
from dataclasses import dataclass
from datetime import date

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^Q([1-4]) (\d{4})-(\d{2})$")
_DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII digits only, and never so many that int() refuses


# The partnerships' statutory datasets begin in the 2000s; an indicator whose recorded
# history starts earlier opens its own range (`earliest`).
EARLIEST_YEAR = 2000


class PeriodError(ValueError):
    pass


def latest_year(today: date | None = None) -> int:
    """The last year accepted: next year, for plans and targets set ahead."""
    return (today or date.today()).year + 1


def check_year(year: int, *, earliest: int = EARLIEST_YEAR, today: date | None = None) -> int:
    """The year itself, or PeriodError if it is outside `earliest` to next year."""
    latest = latest_year(today)
    if not earliest <= year <= latest:
        raise PeriodError(
            f"{year} is not a year Safeboard accepts: give one from {earliest} to {latest}."
        )
    return year


@dataclass(frozen=True, order=True)
class FinancialYear:
    start_year: int

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def quarters(self) -> list["Quarter"]:
        return [Quarter(self, n) for n in (1, 2, 3, 4)]

    def previous(self) -> "FinancialYear":
        return FinancialYear(self.start_year - 1)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class Quarter:
    year: FinancialYear
    number: int

    def __post_init__(self) -> None:
        if self.number not in (1, 2, 3, 4):
            raise PeriodError(f"A quarter is numbered 1 to 4, not {self.number}.")

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year.label}"

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.number - 1)
        return date(self.year.start_year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        following = self.next().start
        return date.fromordinal(following.toordinal() - 1)

    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(FinancialYear(self.year.start_year + 1), 1)
        return Quarter(self.year, self.number + 1)

    def previous(self) -> "Quarter":
        if self.number == 1:
            return Quarter(self.year.previous(), 4)
        return Quarter(self.year, self.number - 1)

    def __str__(self) -> str:
        return self.label


def financial_year_of(day: date) -> FinancialYear:
    return FinancialYear(day.year if day.month >= 4 else day.year - 1)


def parse_year(label: str, *, earliest: int = EARLIEST_YEAR) -> FinancialYear:
    match = _YEAR.match(label.strip())
    if not match:
        raise PeriodError(f"“{label}” is not a financial year; write it like 2017-18.")
    start, end = int(match[1]), int(match[2])
    if (start + 1) % 100 != end:
        raise PeriodError(f"“{label}” is not a financial year: {end:02d} does not follow {start}.")
    return FinancialYear(check_year(start, earliest=earliest))


def parse_quarter(label: str, *, earliest: int = EARLIEST_YEAR) -> Quarter:
    match = _QUARTER.match(label.strip())
    if not match:
        raise PeriodError(f"“{label}” is not a quarter; write it like Q1 2017-18.")
    return Quarter(parse_year(f"{match[2]}-{match[3]}", earliest=earliest), int(match[1]))


def parse_period(label: str, *, earliest: int = EARLIEST_YEAR) -> FinancialYear | Quarter:
    """A year ("2017-18") or a quarter ("Q3 2017-18")."""
    text = label.strip()
    if text.startswith("Q"):
        return parse_quarter(text, earliest=earliest)
    return parse_year(text, earliest=earliest)


def parse_start_year(text: str, *, earliest: int = EARLIEST_YEAR) -> int:
    """A financial year given by the year it starts, "2017" (as the API and the returns'
    forms take it)."""
    if not _DIGITS.fullmatch(text.strip()):
        raise PeriodError(f"“{text}” is not a year; write it like 2017 for 2017-18.")
    return check_year(int(text), earliest=earliest)
