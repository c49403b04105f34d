"""Writes of observations and population estimates: files imported, and figures worked
out by Safeboard itself, all through the bulk writer."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import IO

from django.db import models, transaction
from django.utils import timezone

from safeboard.core import audit
from safeboard.core.models import Partnership, Person
from safeboard.core.periods import EARLIEST_YEAR

from ..imports import (
    LARGEST,
    ObservationRow,
    PopulationRow,
    Problem,
    check_observations,
    check_population,
)
from ..models import AGE_BAND_AGES, AgeBand, Indicator, Observation, Population, children_described
from ..rates import computed_value
from .bulk import Existing, Figure, ImportOutcome, _upsert
from .common import ImportRefused, read_rows, require_business_unit


@transaction.atomic
def observations_import(
    *,
    actor: Person | None,
    partnership: Partnership,
    rows: Sequence[ObservationRow],
    file_name: str,
    synthetic: bool = False,
) -> ImportOutcome:
    """Write a checked file of observations, all or nothing."""
    require_business_unit(actor, partnership)
    units = dict(
        Indicator.objects.filter(pk__in={r.indicator_id for r in rows}).values_list("pk", "unit")
    )
    populations = _populations(partnership, rows)
    figures = []
    for row in rows:
        value, denominator = row.value, row.denominator
        if value is None:
            assert row.numerator is not None
            if denominator is None:
                denominator = populations[(row.start_year, row.sex, row.age_band)]
            value = computed_value(units[row.indicator_id], row.numerator, denominator)
            _check_computed(row, value)
        figures.append(
            Figure(
                row.indicator_id, row.area, row.area_code, row.period_kind, row.start_year,
                row.quarter, value, row.numerator, denominator, row.source, row.note, file_name,
                row.reference_year, row.sex, row.age_band,
            )
        )  # fmt: skip
    outcome = _upsert(actor, partnership, figures, synthetic=synthetic)
    if outcome.created or outcome.changed:
        audit.record(
            actor=actor,
            action="performance.observations.import",
            partnership_id=partnership.pk,
            changed=["observations"] + (["history"] if outcome.changed else []),
        )
    return outcome


def _check_computed(row: ObservationRow, value: Decimal) -> None:
    if abs(value) >= LARGEST["value"]:
        raise ImportRefused(
            [
                Problem(
                    row.row,
                    "numerator",
                    f"The figure worked out from it, {value:,.0f}, is too large: a value is "
                    f"below {LARGEST['value']:,}.",
                )
            ]
        )


@transaction.atomic
def observations_write(
    *,
    actor: Person | None,
    partnership: Partnership,
    batches: Iterable[Sequence[Figure]],
    action: str,
    target: models.Model | None = None,
    at: datetime | None = None,
    existing: Existing | None = None,
) -> ImportOutcome:
    """Write figures computed by Safeboard itself (no file to check), by the same bulk path
    as an import: unchanged figures are left alone, changed ones keep their history. Each
    batch is written as it comes, so a caller may work out the next meanwhile. The run is
    audited once, as `action` on `target` (its own record of what it read), even when
    nothing changed. `existing` is what `existing_figures` read, when the caller read it
    already (while it worked the figures out)."""
    at = at or timezone.now()
    created = changed = unchanged = 0
    for figures in batches:
        outcome = _upsert(actor, partnership, figures, synthetic=False, at=at, existing=existing)
        created, changed = created + outcome.created, changed + outcome.changed
        unchanged += outcome.unchanged
    audit.record(
        actor=actor,
        action=action,
        target=target,
        partnership_id=partnership.pk,
        changed=(["observations"] if created or changed else []) + (["history"] if changed else []),
    )
    return ImportOutcome(created, changed, unchanged)


def _populations(partnership: Partnership, rows: Sequence[ObservationRow]) -> dict:
    """The population each rate given as a count alone is computed from: the children of
    the row's sex and age band (0–17 for a total) in the mid-year estimate of the year the
    financial year starts in, by (year, sex, age band)."""
    wanted = {
        (r.start_year, r.sex, r.age_band) for r in rows if r.value is None and r.denominator is None
    }
    if not wanted:
        return {}
    bands: dict[tuple[int, int | None], str] = {
        AGE_BAND_AGES[AgeBand(band)]: band for band in {band for _, _, band in wanted}
    }
    found = {}
    estimates = Population.objects.filter(
        partnership=partnership,
        year__in={year for year, _, _ in wanted},
        sex__in={sex for _, sex, _ in wanted},
        age_from__in={ages[0] for ages in bands},
        age_to__in={ages[1] for ages in bands},
    ).values_list("year", "sex", "age_from", "age_to", "count")
    for year, sex, age_from, age_to, count in estimates:
        band = bands.get((age_from, age_to))
        if band is not None:
            found[(year, sex, band)] = Decimal(count)
    problems = [
        Problem(
            row.row,
            "denominator",
            f"No population of {children_described(row.sex, row.age_band)} for "
            f"mid-{row.start_year} to compute the rate from the count: give the denominator, "
            "or import the population first.",
        )
        for row in rows
        if row.value is None
        and row.denominator is None
        and (row.start_year, row.sex, row.age_band) not in found
    ]
    if problems:
        raise ImportRefused(problems)
    return found


@transaction.atomic
def file_import(
    *, actor: Person | None, partnership: Partnership, kind: str, name: str, stream: IO[bytes]
) -> ImportOutcome:
    """Check a CSV or XLSX file of observations or population figures, read from the
    stream, and write it, or refuse it whole with every bad row and cell (ImportRefused)."""
    require_business_unit(actor, partnership)
    return rows_import(
        actor=actor, partnership=partnership, kind=kind, name=name, rows=read_rows(name, stream)
    )


@transaction.atomic
def rows_import(
    *,
    actor: Person | None,
    partnership: Partnership,
    kind: str,
    name: str,
    rows: list[dict[str, str]],
) -> ImportOutcome:
    """`file_import` of a file already read into rows."""
    if kind == "population":
        population = check_population(rows)
        if population.problems:
            raise ImportRefused(population.problems)
        return population_import(
            actor=actor, partnership=partnership, rows=population.rows, file_name=name
        )
    indicators = {
        code: (pk, unit) for pk, code, unit in Indicator.objects.values_list("pk", "code", "unit")
    }
    observations = check_observations(
        rows, indicators=indicators, history_from=_history_from(partnership)
    )
    if observations.problems:
        raise ImportRefused(observations.problems)
    return observations_import(
        actor=actor, partnership=partnership, rows=observations.rows, file_name=name[:200]
    )


def _history_from(partnership: Partnership) -> dict[int, int]:
    """The first year of each indicator's figures, where it is before 2000: an indicator
    with a longer history may be given more of it."""
    return dict(
        Observation.objects.filter(partnership=partnership)
        .values("indicator_id")
        .annotate(first=models.Min("start_year"))
        .filter(first__lt=EARLIEST_YEAR)
        .values_list("indicator_id", "first")
    )


@transaction.atomic
def population_import(
    *,
    actor: Person | None,
    partnership: Partnership,
    rows: Sequence[PopulationRow],
    file_name: str,
    synthetic: bool = False,
) -> ImportOutcome:
    """Write checked population estimates: new bands added, changed counts replaced."""
    require_business_unit(actor, partnership)
    now = timezone.now()
    existing = {
        (p.area_code, p.year, p.sex, p.age_from, p.age_to): p
        for p in Population.objects.filter(partnership=partnership)
    }
    created, changed = [], []
    for row in rows:
        current = existing.get(row.key)
        if current is None:
            created.append(
                Population(
                    partnership=partnership,
                    area_code=row.area_code,
                    year=row.year,
                    sex=row.sex,
                    age_from=row.age_from,
                    age_to=row.age_to,
                    count=row.count,
                    source=row.source,
                    is_synthetic=synthetic,
                    recorded_at=now,
                    file_name=file_name,
                )
            )
        elif current.count != row.count or current.source != row.source:
            current.count, current.source, current.is_synthetic = row.count, row.source, synthetic
            current.recorded_at, current.file_name = now, file_name
            changed.append(current)
    Population.objects.bulk_create(created, batch_size=2000)
    Population.objects.bulk_update(
        changed, ["count", "source", "is_synthetic", "recorded_at", "file_name"], batch_size=1000
    )
    if created or changed:
        audit.record(
            actor=actor,
            action="performance.population.import",
            partnership_id=partnership.pk,
            changed=["population"],
        )
    return ImportOutcome(len(created), len(changed), len(rows) - len(created) - len(changed))
