"""Working days for statutory clocks: weekends and England & Wales bank holidays excluded,
and any local closure days the partnership adds.

Bank holidays come from the maintained `holidays` library (England's calendar, which
England and Wales share), so substitute days and one-off holidays are right without a
list of our own.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date, closures: Iterable[date] = ()) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year) and day not in set(closures)


def add_working_days(start: date, days: int, closures: Iterable[date] = ()) -> date:
    """The date `days` working days after `start` (the start day itself not counted)."""
    closed = frozenset(closures)
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, closed):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, closures: Iterable[date] = ()) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start, closures)
    closed = frozenset(closures)
    return sum(
        1
        for n in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(days=n), closed)
    )
