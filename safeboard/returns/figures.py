"""The returns' results as performance figures: one council's counts, rates and
percentages, and the region, England and statistical-neighbour figures worked out from
every council's, once each of those areas is complete.

Pure computation on plain values: the service reads the lookups and writes the figures.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from safeboard.performance.imports import parse_observation_period
from safeboard.performance.models import Area, period_label
from safeboard.performance.rates import computed_value
from safeboard.performance.services import Figure

from .catalogue import MAPPINGS
from .councils import by_number, councils_in, region_members
from .indicators import DEFINITIONS, Result

COMPUTED_SOURCE = "Computed from the statutory returns"
_RATE, _PERCENT = "rate_children", "percentage"


@cache
def period_of(label: str) -> tuple[str, int, int]:
    return parse_observation_period(label)


@cache
def label_of(kind: str, year: int, quarter: int) -> str:
    return period_label(kind, year, quarter)


@cache
def _provenance_note(provenance: tuple[tuple[str, str], ...], note: str) -> tuple[str, str]:
    """(note, file names) of a result, the same for every figure of a council-year."""
    text = "; ".join(
        [f"From {name} (SHA-256 {sha[:12]}…)" for name, sha in provenance]
        + ([note] if note else [])
    )
    return text[:300], ", ".join(name for name, _sha in provenance)[:200]


@dataclass(frozen=True)
class Lookups:
    indicator_ids: Mapping[str, int]  # performance indicator code -> id
    own: Mapping[int, str]  # financial year -> the partnership's council's ONS code
    population: Mapping[tuple[str, int], int]  # (ONS code, year) -> children aged 0-17
    neighbours: Mapping[int, tuple[str, ...]]  # year -> the ten neighbours' ONS codes


# (ONS code, definition, period label) -> (numerator, denominator or None)
Counts = dict[tuple[str, str, str], tuple[int, int | None]]


@dataclass
class Worked:
    figures: list[Figure] = field(default_factory=list)
    counts: Counts = field(default_factory=dict)
    notes: set[str] = field(default_factory=set)


class _CouncilYear(NamedTuple):
    """Where a council's figures of a year go, and what they came from."""

    ons: str
    area: str
    area_code: str
    note: str
    file_names: str
    children: Decimal | None  # aged 0-17, for its rates
    no_population: str  # what the run says when `children` is None


def council_figures(results: Iterable[Result], lookups: Lookups) -> Worked:
    """Each council's figures, as ours (area local) or another authority's (by ONS code)."""
    worked = Worked()
    ids = lookups.indicator_ids
    # Where each council-year's figures go, and what they came from: the same for each of
    # its periods, so worked out once.
    councils: dict[tuple, _CouncilYear | None] = {}
    for result in results:
        kind, year, quarter = period_of(result.period)
        known = (result.la, year, result.provenance, result.note)
        if known not in councils:
            councils[known] = _council_year(*known, lookups, worked.notes)
        council = councils[known]
        if council is None:
            continue
        ons, area, code, note, names, children, no_population = council
        worked.counts[(ons, result.indicator, result.period)] = (
            result.numerator,
            result.denominator,
        )
        where = (area, code, kind, year, quarter)
        mapping = MAPPINGS[result.indicator]
        numerator = Decimal(result.numerator)
        if result.denominator is not None:  # a percentage (re-referrals)
            if result.denominator:
                denominator = Decimal(result.denominator)
                value = computed_value(_PERCENT, numerator, denominator)
                worked.figures.append(
                    _figure(ids[mapping.rate], where, value, numerator, denominator, note, names)
                )
            continue
        worked.figures.append(
            _figure(ids[mapping.count], where, numerator, None, None, note, names)
        )
        if children is not None and numerator <= children:
            value = computed_value(_RATE, numerator, children)
            worked.figures.append(
                _figure(ids[mapping.rate], where, value, numerator, children, note, names)
            )
        elif children is None:
            worked.notes.add(no_population)
    return worked


def _council_year(
    la, year, provenance, result_note, lookups: Lookups, notes: set[str]
) -> _CouncilYear | None:
    """None when the council did not exist that year (and the run says so)."""
    council = by_number(la, year)
    if council is None:
        notes.add(
            f"Council {la} made no returns in {year}-{(year + 1) % 100:02d} by England's "
            "list of councils: its figures were not written."
        )
        return None
    ons = council.ons_code
    area, code = (Area.LOCAL, "") if lookups.own.get(year) == ons else (Area.AUTHORITY, ons)
    note, names = _provenance_note(provenance, result_note)
    population = lookups.population.get((ons, year))
    if population:
        return _CouncilYear(ons, area, code, note, names, Decimal(population), "")
    no_population = (
        f"No 0–17 population of {council.name} ({ons}) for mid-{year}: its counts were "
        "written, not its rates."
    )
    return _CouncilYear(ons, area, code, note, names, None, no_population)


def _figure(indicator_id, where, value, numerator, denominator, note, names="") -> Figure:
    area, code, kind, year, quarter = where
    return Figure(
        indicator_id, area, code, kind, year, quarter, value, numerator, denominator,
        COMPUTED_SOURCE, note, names,
    )  # fmt: skip


def area_figures(counts: Counts, lookups: Lookups) -> Worked:
    """Region and England totals where every council of the area is in `counts`, and the
    statistical neighbours' average where all ten are: otherwise nothing, so the imported
    published comparators stand."""
    worked = Worked()
    by_key: dict[tuple[str, str], dict[str, tuple[int, int | None]]] = {}
    for (ons, code, label), value in counts.items():
        by_key.setdefault((code, label), {})[ons] = value
    for (code, label), found in by_key.items():
        kind, year, quarter = period_of(label)
        for area, area_code, members, name in _areas_of(year):
            if all(m in found for m in members):
                where = (area, area_code, kind, year, quarter)
                note = f"Sum of the returns of all {len(members)} councils of {name}."
                worked.figures.extend(_total(code, where, members, found, lookups, note))
        neighbours = lookups.neighbours.get(year, ())
        if len(neighbours) == 10 and all(n in found for n in neighbours):
            average = _average(code, year, neighbours, found, lookups)
            if average is not None:
                mapping = MAPPINGS[code]
                note = "Mean of the ten statistical neighbours' figures, from their returns."
                worked.figures.append(
                    _figure(lookups.indicator_ids[mapping.rate],
                            (Area.NEIGHBOURS, "", kind, year, quarter),
                            average, None, None, note)
                )  # fmt: skip
    return worked


@cache
def _areas_of(year: int) -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
    """England and each region in a financial year: (area, code, its councils' ONS codes,
    name)."""
    areas = [(Area.ENGLAND, "", tuple(c.ons_code for c in councils_in(year)), "England")]
    for region, members in region_members(year).items():
        codes = tuple(by_number(la, year).ons_code for la in members)  # type: ignore[union-attr]
        areas.append((Area.REGION, region, codes, "the region"))
    return tuple(areas)


def _total(code, where, members, found, lookups: Lookups, note) -> list[Figure]:
    mapping, ids = MAPPINGS[code], lookups.indicator_ids
    numerator = Decimal(sum(found[m][0] for m in members))
    if DEFINITIONS[code].measure == "percent":
        denominator = Decimal(sum(found[m][1] or 0 for m in members))
        if not denominator:
            return []
        value = computed_value(_PERCENT, numerator, denominator)
        return [_figure(ids[mapping.rate], where, value, numerator, denominator, note)]
    figures = [_figure(ids[mapping.count], where, numerator, None, None, note)]
    year = where[3]
    populations = [lookups.population.get((m, year)) for m in members]
    if all(populations):
        children = Decimal(sum(populations))  # type: ignore[arg-type]
        if numerator <= children:
            value = computed_value(_RATE, numerator, children)
            figures.append(_figure(ids[mapping.rate], where, value, numerator, children, note))
    return figures


def _average(code, year, neighbours, found, lookups: Lookups) -> Decimal | None:
    """DfE's statistical-neighbour average: the mean of the ten neighbours' rates (or
    percentages), each unrounded."""
    values: list[Decimal] = []
    for ons in neighbours:
        numerator, denominator = found[ons]
        if DEFINITIONS[code].measure == "percent":
            if not denominator:
                return None
            values.append(Decimal(numerator) / Decimal(denominator) * 100)
            continue
        population = lookups.population.get((ons, year))
        if not population:
            return None
        values.append(Decimal(numerator) / Decimal(population) * 10_000)
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.0001"))
