"""The bulk writer: the figures already there read as plain rows in one query, new ones
inserted by one hand-built statement run over every row (`executemany`), changed ones
updated with their history, and no model instance made for a figure that is new.

Tuned, so kept apart: the `make bench` benchmark `bench/performance.py` justifies it, with
its "Import with full checking" figure (README, Benchmarks: 110,000 rows, by sex and age
band too, at 13,335 rows/s against 2,866 rows/s for `csv` + `bulk_create`, a ratio of 4.65
against a target of at least 2). The statutory returns' recompute writes its figures
through it too (`bench/returns.py`).
"""

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple, cast

from django.db import connection, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import F, Field
from django.utils import timezone

from safeboard.core import audit
from safeboard.core.models import Partnership, Person

from ..imports import OBSERVATION_KEY, observation_key
from ..models import AgeBand, Area, Observation, ObservationHistory, Sex

_KEY = OBSERVATION_KEY
_COMPARED = ("value", "numerator", "denominator", "reference_year", "note")
# Where the compared fields sit in a row read as ("pk", *_KEY, *_COMPARED).
_WAS = slice(1 + len(_KEY), 1 + len(_KEY) + len(_COMPARED))
# The figures already written, by key: ("pk", *_KEY, *_COMPARED) each.
Existing = dict[tuple, tuple]


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    changed: int
    unchanged: int

    @property
    def summary(self) -> str:
        return (
            f"{self.created} new, {self.changed} changed (earlier values kept in the history), "
            f"{self.unchanged} unchanged."
        )


class Figure(NamedTuple):
    """One figure ready to be written, worked out elsewhere (e.g. from the statutory returns)
    and carrying its own provenance: the note and file names it came from. A tuple: a
    national recompute makes tens of thousands."""

    indicator_id: int
    area: str
    area_code: str
    period_kind: str
    start_year: int
    quarter: int
    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None
    source: str
    note: str = ""
    file_name: str = ""
    reference_year: int | None = None
    sex: str = "all"
    age_band: str = "all"

    @property
    def key(self) -> tuple:
        return observation_key(self)


def existing_figures(
    partnership: Partnership,
    *,
    indicator_ids: Iterable[int],
    sources: Iterable[str],
    areas: Iterable[str] | None = None,
    area_codes: Iterable[str] | None = None,
    start_years: Iterable[int] | None = None,
    totals_only: bool = False,
) -> Existing:
    """The figures already written of these indicators and sources (and areas, and years;
    and only the totals, of sex and age band "all"), as plain rows by key, not model
    instances: a re-run reads thousands and changes few."""
    found = Observation.objects.filter(
        partnership=partnership, indicator_id__in=set(indicator_ids), source__in=set(sources)
    )
    if areas is not None or totals_only:
        # Every area named when none is: the unique index (partnership, indicator, area,
        # sex, age band, area code, ...) is then searched down to the area codes, not
        # scanned through every figure of each indicator.
        found = found.filter(area__in=set(Area.values if areas is None else areas))
    if totals_only:
        found = found.filter(sex=Sex.ALL, age_band=AgeBand.ALL)
    if area_codes is not None:
        found = found.filter(area_code__in=set(area_codes))
    if start_years is not None:
        found = found.filter(start_year__in=set(start_years))
    # In no order: a key finds each (ordering them would join the indicators and sort).
    rows = found.order_by().values_list("pk", *_KEY, *_COMPARED)
    return {row[1 : 1 + len(_KEY)]: row for row in rows}


def _upsert(
    actor: Person | None,
    partnership: Partnership,
    figures: Sequence[Figure],
    *,
    synthetic: bool,
    at: datetime | None = None,
    existing: Existing | None = None,
) -> ImportOutcome:
    """New figures inserted, changed ones updated with their history, in bulk: the figures
    already there are read in one query (only of the areas and sources written), and the
    provenance of those that change in one more."""
    now = at or timezone.now()
    if existing is None:
        existing = existing_figures(
            partnership,
            indicator_ids={f.indicator_id for f in figures},
            sources={f.source for f in figures},
            areas={f.area for f in figures},
            area_codes={f.area_code for f in figures},
            start_years={f.start_year for f in figures},
            totals_only=all(f.sex == Sex.ALL and f.age_band == AgeBand.ALL for f in figures),
        )
    replaced_by = audit.actor_name(actor)
    created, changed, replaced = [], [], []
    for figure in figures:
        fields = (
            figure.value,
            figure.numerator,
            figure.denominator,
            figure.reference_year,
            figure.note,
        )
        current = existing.get(figure.key)
        if current is None:
            created.append(
                (
                    partnership.pk,
                    figure.indicator_id,
                    figure.area,
                    figure.area_code,
                    figure.period_kind,
                    figure.start_year,
                    figure.quarter,
                    figure.source,
                    synthetic,
                    actor.pk if actor else None,
                    now,
                    figure.file_name,
                    *fields,
                    figure.sex,
                    figure.age_band,
                )
            )
        elif any(_differs(old, new) for old, new in zip(current[_WAS], fields, strict=True)):
            replaced.append(current)
            observation = Observation(pk=current[0], **dict(zip(_COMPARED, fields, strict=True)))
            observation.recorded_by_id, observation.recorded_at = actor.pk if actor else None, now
            observation.file_name, observation.is_synthetic = figure.file_name, synthetic
            observation.version = F("version") + 1
            changed.append(observation)
    history = []
    for start in range(0, len(replaced), 5000):
        batch = replaced[start : start + 5000]
        recorded = {
            pk: (at, name)
            for pk, at, name in Observation.objects.filter(pk__in=[row[0] for row in batch])
            .order_by()
            .values_list("pk", "recorded_at", "file_name")
        }
        for row in batch:
            recorded_at, file_name = recorded[row[0]]
            value, numerator, denominator = row[_WAS][:3]
            history.append(
                ObservationHistory(
                    observation_id=row[0], value=value, numerator=numerator,
                    denominator=denominator, recorded_at=recorded_at, replaced_at=now,
                    replaced_by_name=replaced_by, file_name=file_name,
                )
            )  # fmt: skip
    _insert_observations(created)
    ObservationHistory.objects.bulk_create(history, batch_size=2000)
    Observation.objects.bulk_update(
        changed,
        [*_COMPARED, "recorded_by", "recorded_at", "file_name", "is_synthetic", "version"],
        batch_size=1000,
    )
    return ImportOutcome(len(created), len(changed), len(figures) - len(created) - len(changed))


_INSERTED = (
    "partnership_id",
    "indicator_id",
    "area",
    "area_code",
    "period_kind",
    "start_year",
    "quarter",
    "source",
    "is_synthetic",
    "recorded_by_id",
    "recorded_at",
    "file_name",
    *_COMPARED,
    "sex",
    "age_band",
)


def _insert_observations(rows: list[tuple]) -> None:
    """New observations in one prepared statement run over every row (executemany): no
    model instance per row. The values were checked in bulk; the database's constraints
    stand behind that check."""
    if not rows:
        return
    ops = connection.ops
    fields = {name: Observation._meta.get_field(name.removesuffix("_id")) for name in _INSERTED}
    # Only decimals and times need converting; every other value is bound as it is.
    adapters = [
        (index, adapt)
        for index, name in enumerate(_INSERTED)
        if (adapt := _adapter(ops, fields[name])) is not None
    ]
    columns = ", ".join(
        ops.quote_name(cast(str, cast(Field, fields[name]).column)) for name in _INSERTED
    )
    placeholders = ", ".join(["%s"] * len(_INSERTED))
    table = ops.quote_name(Observation._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}, version) VALUES ({placeholders}, 1)"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            batch = rows[start : start + 5000]
            if adapters:
                batch = [_adapted(row, adapters) for row in batch]
            cursor.executemany(sql, batch)


def _adapted(row: tuple, adapters: list) -> tuple:
    values = list(row)
    for index, adapt in adapters:
        values[index] = adapt(values[index])
    return tuple(values)


def _adapter(ops, field):
    """How the database wants this field's value bound, for raw SQL (None: as it is)."""
    if isinstance(field, models.DecimalField):
        if type(ops).adapt_decimalfield_value is BaseDatabaseOperations.adapt_decimalfield_value:
            return None  # the driver takes a Decimal (SQLite's and PostgreSQL's do)
        digits, places = field.max_digits, field.decimal_places
        return lambda value: ops.adapt_decimalfield_value(value, digits, places)
    if isinstance(field, models.DateTimeField):
        # A whole file or run shares one time: convert it once, not once a row.
        return functools.lru_cache(maxsize=8)(ops.adapt_datetimefield_value)
    return None


def _differs(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (None if old is None else Decimal(old)) != (None if new is None else Decimal(new))
    return old != new
