"""Every write to the performance dataset, each in one transaction with its audit event.

Imports write in bulk: the file has been checked whole (`imports`), the existing figures
are read in one query, and new, changed and history rows go in with one statement each.
A figure that is already there unchanged is left alone, so importing a file twice changes
nothing; a changed figure keeps what it was in `ObservationHistory`.
"""

import functools
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import IO, NamedTuple, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import F, Field, Q
from django.utils import timezone

from safeboard.core import audit
from safeboard.core.access import require as require_permission
from safeboard.core.models import Partnership, Person
from safeboard.core.periods import EARLIEST_YEAR
from safeboard.core.uploads import reading_progress

from .imports import (
    LARGEST,
    OBSERVATION_KEY,
    FileUnreadable,
    ObservationRow,
    PopulationRow,
    Problem,
    check_observations,
    check_population,
    observation_key,
    read_table,
)
from .models import (
    AGE_BAND_AGES,
    AgeBand,
    Area,
    ImportJob,
    ImportStatus,
    Indicator,
    IndicatorChoice,
    Observation,
    ObservationHistory,
    Population,
    Sex,
    children_described,
)
from .rates import computed_value
from .rules import can_manage

_KEY = OBSERVATION_KEY
_COMPARED = ("value", "numerator", "denominator", "reference_year", "note")
# Where the compared fields sit in a row read as ("pk", *_KEY, *_COMPARED).
_WAS = slice(1 + len(_KEY), 1 + len(_KEY) + len(_COMPARED))
# The figures already written, by key: ("pk", *_KEY, *_COMPARED) each.
Existing = dict[tuple, tuple]


class ImportRefused(ValidationError):
    """The file has bad rows or cells; nothing was written. `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__([str(problem) for problem in problems])


def _require_business_unit(actor: Person | None, partnership: Partnership) -> None:
    # No actor is the command line, run by whoever operates the server.
    if actor is not None:
        require_permission(can_manage(actor, partnership.pk))


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
    _require_business_unit(actor, partnership)
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


def _differs(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (None if old is None else Decimal(old)) != (None if new is None else Decimal(new))
    return old != new


@transaction.atomic
def file_import(
    *, actor: Person | None, partnership: Partnership, kind: str, name: str, stream: IO[bytes]
) -> ImportOutcome:
    """Check a CSV or XLSX file of observations or population figures, read from the
    stream, and write it, or refuse it whole with every bad row and cell (ImportRefused)."""
    _require_business_unit(actor, partnership)
    return rows_import(
        actor=actor, partnership=partnership, kind=kind, name=name, rows=_read(name, stream)
    )


def _read(name: str, stream: IO[bytes]) -> list[dict[str, str]]:
    try:
        return read_table(name, stream)
    except FileUnreadable as error:
        raise ImportRefused([Problem(1, "(file)", str(error))]) from error


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
    _require_business_unit(actor, partnership)
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


@transaction.atomic
def indicator_choice_set(
    *,
    actor: Person,
    partnership: Partnership,
    indicator: Indicator,
    expected_version: int,
    target: Decimal | None,
    chosen_source: str,
    is_published: bool,
) -> IndicatorChoice:
    """The partnership's target, chosen source and publication of one indicator."""
    require_permission(can_manage(actor, partnership.pk))
    choice, _ = IndicatorChoice.objects.get_or_create(partnership=partnership, indicator=indicator)
    audit.audited_update(
        actor=actor,
        instance=choice,
        expected_version=expected_version,
        changes={
            "target": target,
            "chosen_source": chosen_source.strip(),
            "is_published": is_published,
        },
        action="performance.indicator.choose",
        partnership_id=partnership.pk,
    )
    return choice


# Large files, imported by the background worker

# A file of more rows than this is imported in the background, its page showing how far
# it has got: about 2 MB, or some seconds of checking and writing.
BACKGROUND_ROWS = 20_000
# The reader renews its lease at every 5% of the file; one silent this long has stopped.
IMPORT_LEASE = timedelta(minutes=10)
PROBLEMS_LISTED = 1_000

logger = logging.getLogger("safeboard.performance")


def import_job_submit(
    *, actor: Person, partnership: Partnership, kind: str, upload: IO[bytes], name: str
) -> ImportJob:
    """Keep a large file and queue it to be imported by the background worker."""
    from .tasks import import_in_background

    require_permission(can_manage(actor, partnership.pk))
    incoming = default_storage.save(
        f"performance/{partnership.pk}/incoming/{uuid.uuid4().hex}", File(upload)
    )
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                partnership=partnership,
                kind=kind,
                file_name=name[:200],
                incoming=incoming,
                submitted_by=actor,
                submitted_by_name=audit.actor_name(actor),
                submitted_at=timezone.now(),
            )
            audit.record(
                actor=actor, action="performance.import.submit", target=job,
                partnership_id=partnership.pk,
            )  # fmt: skip
            transaction.on_commit(lambda: import_in_background.enqueue(job_id=job.pk))
    except BaseException:
        default_storage.delete(incoming)  # no stray copy of a file nobody will read
        raise
    return job


def import_job_progress(*, job_id: int, percent: int) -> None:
    """How far the reading has got, which renews the lease. Bookkeeping, so no audit."""
    ImportJob.objects.filter(pk=job_id, status=ImportStatus.RUNNING).update(
        progress=percent, heartbeat_at=timezone.now()
    )


def import_job_run(*, job_id: int) -> ImportJob:
    """Import a waiting job's file (the background task's work). However it fails, the job
    ends refused, saying why; nothing of a refused file is written."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, progress=0, heartbeat_at=timezone.now(), reads=F("reads") + 1
    )
    job = ImportJob.objects.select_related("partnership", "submitted_by").get(pk=job_id)
    if not claimed:  # finished, or another worker is reading it
        return job
    try:
        return _import_job_file(job)
    except ImportRefused as refusal:
        return import_job_finish(job_id=job.pk, problems=_listed(refusal.problems))
    except PermissionDenied:
        return import_job_finish(
            job_id=job.pk, problems=[f"{job.submitted_by_name} may no longer import figures."]
        )
    except Exception as error:
        logger.exception("Importing %s (job %s) failed", job.file_name, job.pk)
        problem = (
            f"{job.file_name} could not be imported to the end ({type(error).__name__}, "
            "recorded in the server's log): nothing of it was written; import it again."
        )
        return import_job_finish(job_id=job.pk, problems=[problem])
    finally:
        _discard_incoming(job.incoming)


def _listed(problems: list[Problem]) -> list[str]:
    """The problems kept on a refused job: a file wrong on every row would otherwise keep
    (and show) hundreds of thousands."""
    listed = [str(problem) for problem in problems[:PROBLEMS_LISTED]]
    if len(problems) > PROBLEMS_LISTED:
        listed.append(
            f"And {len(problems) - PROBLEMS_LISTED:,} more problems: put these right, and "
            "import the file again to see the rest."
        )
    return listed


def _import_job_file(job: ImportJob) -> ImportJob:
    if job.submitted_by is None:  # the import would otherwise run as the command line
        raise PermissionDenied
    with default_storage.open(job.incoming) as handle:
        # A workbook is read by its parts, in any order: only a CSV file is read through.
        stream: IO[bytes] = handle
        if not job.file_name.lower().endswith(".xlsx"):
            stream = reading_progress(
                handle,
                default_storage.size(job.incoming),
                lambda percent: import_job_progress(job_id=job.pk, percent=percent * 9 // 10),
            )
        rows = _read(job.file_name, stream)
    with transaction.atomic():
        outcome = rows_import(
            actor=job.submitted_by,
            partnership=job.partnership,
            kind=job.kind,
            name=job.file_name,
            rows=rows,
        )
        return import_job_finish(job_id=job.pk, summary=outcome.summary)


@transaction.atomic
def import_job_finish(*, job_id: int, summary: str = "", problems=()) -> ImportJob:
    """End a job: imported, with what changed, or refused, with every problem."""
    job = ImportJob.objects.select_for_update().get(pk=job_id)
    if job.is_finished:
        return job
    if job.incoming:
        transaction.on_commit(functools.partial(_discard_incoming, job.incoming))
    job.status = ImportStatus.REFUSED if problems else ImportStatus.IMPORTED
    job.summary, job.problems = summary[:200], list(problems)
    job.progress, job.finished_at, job.incoming = 100, timezone.now(), ""
    job.save()
    audit.record(
        actor=None,
        action=f"performance.import.{job.status}",
        target=job,
        partnership_id=job.partnership_id,
    )
    return job


def import_jobs_resume_stopped(*, now: datetime | None = None) -> int:
    """Queue again every job whose reader stopped (its lease ran out), or refuse it if its
    file is gone; return how many. Importing a file again is safe: an import that had
    been written changes nothing the second time."""
    from .tasks import import_in_background

    cutoff = (now or timezone.now()) - IMPORT_LEASE
    stopped = ImportJob.objects.filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True), status=ImportStatus.RUNNING
    )
    found = list(stopped.values_list("pk", flat=True))
    for job_id in found:
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=job_id)
            if job.status != ImportStatus.RUNNING:
                continue
            kept = bool(job.incoming) and default_storage.exists(job.incoming)
            if job.reads >= 2 or not kept:
                why = "twice" if job.reads >= 2 else "and its file was lost"
                import_job_finish(
                    job_id=job.pk,
                    problems=[
                        f"{job.file_name}: the import stopped before the end {why}; nothing "
                        "of it was written: import it again."
                    ],
                )
                continue
            job.status, job.progress = ImportStatus.QUEUED, 0
            job.save(update_fields=["status", "progress"])
            audit.record(
                actor=None, action="performance.import.resume", target=job,
                partnership_id=job.partnership_id,
            )  # fmt: skip
            transaction.on_commit(functools.partial(import_in_background.enqueue, job_id=job.pk))
    return len(found)


def _discard_incoming(name: str) -> None:
    if name and default_storage.exists(name):
        default_storage.delete(name)
