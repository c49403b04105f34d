"""England's councils that make the statutory returns: DfE number, ONS code, name, region.

DfE numbers councils with three digits (852 is Southampton); the performance dataset
names areas by ONS code (E06000045). Both change with reorganisations (Dorset's in 2019,
Buckinghamshire's in 2020, Northamptonshire's in 2021, Cumbria's, North Yorkshire's and
Somerset's in 2023) and boundary changes (Barnsley's and Sheffield's in May 2025), so each
row holds from and until which financial year it stands. The list is data, in
`data/councils.csv`.

Numbers, codes, names and regions are DfE's, as published on Explore Education
Statistics (https://explore-education-statistics.service.gov.uk) and checked year by
year against: "Children in need" (2025 release, years to 31 March 2013-2025), "Children's
social work workforce" (30 September 2017-2025), "Children looked after in England
including adoptions" (years to 31 March 2021-2025), "Outcomes for children in need,
including children looked after" (2018/19-2024/25) and DfE's geography lookup for
published data (local authorities with their dates of operation). DfE's children's
social care files put London's councils in Inner or Outer London; here their region is
London, the ONS region. They also give Gateshead and Northumberland their April 2013
codes in 2012-13, so those rows have no start year.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "councils.csv"


@dataclass(frozen=True)
class Council:
    la: str  # DfE local authority number
    ons_code: str
    name: str
    region: str  # ONS region code
    first_year: int | None  # financial years, e.g. 2023 for 2023-24; None: open
    last_year: int | None

    def stands_in(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or year <= self.last_year
        )


def _year(text: str) -> int | None:
    return int(text) if text else None


@cache
def all_councils() -> tuple[Council, ...]:
    with DATA.open(newline="", encoding="utf-8") as handle:
        return tuple(
            Council(
                row["la"],
                row["ons_code"],
                row["name"],
                row["region"],
                _year(row["first_year"]),
                _year(row["last_year"]),
            )
            for row in csv.DictReader(handle)
        )


@cache
def councils_in(year: int) -> tuple[Council, ...]:
    """The councils making returns in a financial year, in DfE number order."""
    return tuple(c for c in all_councils() if c.stands_in(year))


@cache
def _by_number(year: int) -> dict[str, Council]:
    return {c.la: c for c in councils_in(year)}


@cache
def _by_code(year: int) -> dict[str, Council]:
    return {c.ons_code: c for c in councils_in(year)}


def by_number(la: str, year: int) -> Council | None:
    return _by_number(year).get(la)


def by_ons_code(code: str, year: int) -> Council | None:
    return _by_code(year).get(code)


def region_members(year: int) -> dict[str, tuple[str, ...]]:
    """Each region's councils (DfE numbers) in a financial year."""
    members: dict[str, list[str]] = {}
    for council in councils_in(year):
        members.setdefault(council.region, []).append(council.la)
    return {region: tuple(las) for region, las in members.items()}


def matching(text: str) -> tuple[Council, ...]:
    """Every row, of any year, of the council with this DfE number or ONS code."""
    wanted = text.strip().upper()
    return tuple(c for c in all_councils() if wanted in (c.la, c.ons_code))


def described(council: Council) -> str:
    """A council by name with both its codes: "Southampton (852, E06000045)"."""
    return f"{council.name} ({council.la}, {council.ons_code})"


@dataclass(frozen=True)
class OwnCodes:
    """The ONS code of the partnership's own council from each financial year on (its
    `core.LocalAuthorityCode` rows): figures of that council in those years are ours."""

    starts: tuple[tuple[int, str], ...]  # (first financial year, ONS code), earliest first

    def code_in(self, year: int) -> str:
        """Our council's ONS code in a financial year; "" before the first is known."""
        found = ""
        for first, code in self.starts:
            if first <= year:
                found = code
        return found

    def years_of(self, codes: Iterable[str]) -> list[tuple[int, int | None]]:
        """The spans of financial years (first, last or None: open) when our code was one
        of `codes`."""
        wanted = set(codes)
        ends = [first - 1 for first, _code in self.starts[1:]] + [None]
        return [
            (first, last)
            for (first, code), last in zip(self.starts, ends, strict=True)
            if code in wanted
        ]
