"""Every write of the returns module: receiving a file, reading it, accepting or refusing it."""

import contextlib
import functools
import gc
import logging
import secrets
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, IntegerField, Q
from django.db.models.functions import Cast
from django.utils import timezone

from safeboard.core import audit
from safeboard.core.access import require
from safeboard.core.models import LocalAuthorityCode, Partnership, StatisticalNeighbour
from safeboard.performance.models import (
    AgeBand,
    Area,
    Indicator,
    Observation,
    Population,
    Sex,
)
from safeboard.performance.services import existing_figures, observations_write

from . import figures, pipeline, selectors
from .catalogue import MAPPINGS
from .councils import OwnCodes, by_number, region_members
from .indicators import DEFINITIONS, Computation
from .models import IngestStatus, PseudonymKey, Recompute, ReturnIngest
from .rules import can_manage

_LIVE = (IngestStatus.QUEUED, IngestStatus.RUNNING, IngestStatus.ACCEPTED)
# A reader says it is still reading at least every 5% of the file; one silent this long
# has stopped (its worker was killed or lost), and its job is read again or refused.
READ_LEASE = timedelta(minutes=10)
# A file whose reading stopped this many times is refused rather than read once more: it
# may be what stops the worker.
MOST_READS = 2

logger = logging.getLogger("safeboard.returns")


@transaction.atomic
def pseudonym_secret(*, partnership) -> bytes:
    """The partnership's key, made on first use (a new key would orphan every stored child)."""
    key, created = PseudonymKey.objects.select_for_update().get_or_create(
        partnership=partnership, defaults={"secret": secrets.token_bytes(32)}
    )
    if created:
        audit.record(
            actor=None, action="pseudonym_key.create", target=key, partnership_id=partnership.pk
        )
    return bytes(key.secret)


@transaction.atomic
def ingest_open(
    *,
    actor,
    partnership,
    file_name: str,
    sha256: str,
    incoming: str = "",
    la: str = "",
    year: int | None = None,
) -> tuple[ReturnIngest, bool]:
    """A job for one file; the same file already received gives back its job (a no-op)."""
    existing = ReturnIngest.objects.filter(
        partnership=partnership, sha256=sha256, status__in=_LIVE
    ).first()
    if existing is not None and (existing.status == IngestStatus.ACCEPTED or existing.incoming):
        return existing, False
    if existing is not None:  # left unfinished by an interrupted command: read it again
        existing.status, existing.finished_at = IngestStatus.REJECTED, timezone.now()
        existing.errors = [{"where": "file", "field": "", "problem": "reading was interrupted"}]
        existing.save(update_fields=["status", "finished_at", "errors"])
    ingest = ReturnIngest(
        partnership=partnership,
        file_name=file_name[:255],
        sha256=sha256,
        incoming=incoming,
        la=la,
        year=year,
        submitted_by=actor,
        submitted_by_name=audit.actor_name(actor),
        submitted_at=timezone.now(),
    )
    # A queued job meets the constraints; the database holds them regardless (asking it
    # first, three queries a file, was a good part of ingesting a folder of files).
    ingest.full_clean(validate_constraints=False)
    ingest.save()
    audit.record(actor=actor, action="return.submit", target=ingest, partnership_id=partnership.pk)
    return ingest, True


def ingest_submit(
    *, actor, partnership, upload, la: str = "", year: int | None = None
) -> tuple[ReturnIngest, bool]:
    """Receive an uploaded file and queue it to be read in the background.

    `la` and `year` name the council and year of an SSDA903 table, whose file holds neither.
    """
    from .tasks import read_return

    sha256 = pipeline.sha256_of(upload)
    ingest_expire_stale(partnership=partnership, sha256=sha256)
    known = ReturnIngest.objects.filter(
        partnership=partnership, sha256=sha256, status__in=_LIVE
    ).first()
    if known is not None:
        return known, False
    if pipeline.sniff(upload.read(4096)) is None:
        raise ValidationError(
            {"file": "This is neither a CIN census XML file nor an SSDA903 table (header, "
             "episodes or missing)."}
        )  # fmt: skip
    upload.seek(0)
    incoming = default_storage.save(f"{pipeline.ROOT}/{partnership.pk}/incoming/{sha256}", upload)
    with transaction.atomic():
        ingest, created = ingest_open(
            actor=actor,
            partnership=partnership,
            file_name=upload.name,
            sha256=sha256,
            incoming=incoming,
            la=la,
            year=year,
        )
        if created:
            transaction.on_commit(lambda: read_return.enqueue(ingest_id=ingest.pk))
    if not created:  # the same file arrived twice at once: keep no stray copy of it
        pipeline.discard(default_storage, [incoming])
    return ingest, created


def ingest_progress(*, ingest_id: int, percent: int) -> None:
    """How far the reading has got, which renews the reader's lease. Bookkeeping of a
    running job, so no audit event."""
    ReturnIngest.objects.filter(pk=ingest_id, status=IngestStatus.RUNNING).update(
        progress=percent, heartbeat_at=timezone.now()
    )


def ingest_read(*, ingest_id: int) -> ReturnIngest:
    """Read an uploaded file waiting in storage (the background task's work). However the
    reading fails, the job ends refused, saying why, and the file may be sent again."""
    ingest = _claim(ingest_id)
    if ingest is None:  # finished, or another worker is reading it
        return ReturnIngest.objects.get(pk=ingest_id)
    try:
        outcome = _convert(ingest)
        ingest_progress(ingest_id=ingest.pk, percent=99)
        return ingest_finish(ingest_id=ingest.pk, outcome=outcome)
    except Exception as error:
        logger.exception("Reading return %s (%s) failed", ingest.pk, ingest.file_name)
        return ingest_refuse(ingest_id=ingest.pk, problem=_failure(ingest.file_name, error))
    finally:
        pipeline.discard(default_storage, [ingest.incoming])


def _claim(ingest_id: int) -> ReturnIngest | None:
    """The waiting job, taken by this worker under a new lease; None if it is not waiting."""
    claimed = ReturnIngest.objects.filter(pk=ingest_id, status=IngestStatus.QUEUED).update(
        status=IngestStatus.RUNNING, progress=0, heartbeat_at=timezone.now(), reads=F("reads") + 1
    )
    if not claimed:
        return None
    return ReturnIngest.objects.select_related("partnership").get(pk=ingest_id)


def _convert(ingest: ReturnIngest) -> pipeline.Outcome:
    secret = pseudonym_secret(partnership=ingest.partnership)
    with default_storage.open(ingest.incoming) as handle:
        return pipeline.convert(
            handle,
            name=ingest.file_name,
            size=default_storage.size(ingest.incoming),
            secret=secret,
            la=ingest.la,
            year=ingest.year,
            progress=lambda percent: ingest_progress(ingest_id=ingest.pk, percent=percent),
        )


def _failure(file_name: str, error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"{file_name} is not UTF-8 text: save it as UTF-8 and upload it again"
    return (
        f"{file_name} could not be read to the end ({type(error).__name__}, recorded in the "
        "server's log): nothing of it was kept; upload it again, or ask for help if it fails again"
    )


@transaction.atomic
def ingest_refuse(*, ingest_id: int, problem: str) -> ReturnIngest:
    """End a job that could not be read as refused, with why; nothing of it is kept, and
    the same file may be uploaded again."""
    ingest = ReturnIngest.objects.select_for_update().get(pk=ingest_id)
    if ingest.is_finished:
        return ingest
    incoming = ingest.incoming
    ingest.status, ingest.finished_at = IngestStatus.REJECTED, timezone.now()
    ingest.errors = [{"where": "file", "field": "", "problem": problem}]
    ingest.progress, ingest.incoming = 100, ""
    ingest.save(update_fields=["status", "finished_at", "errors", "progress", "incoming"])
    audit.record(
        actor=None, action="return.reject", target=ingest, partnership_id=ingest.partnership_id
    )
    if incoming:
        transaction.on_commit(functools.partial(pipeline.discard, default_storage, [incoming]))
    return ingest


def ingest_expire_stale(
    *, now: datetime | None = None, partnership=None, sha256: str = ""
) -> list[ReturnIngest]:
    """The jobs whose reader stopped without finishing (its lease ran out), each queued to
    be read again or, after `MOST_READS` tries or with its file gone, refused."""
    cutoff = (now or timezone.now()) - READ_LEASE
    # A job left "Reading" before reads had a lease has no heartbeat: it is stale too.
    stale = ReturnIngest.objects.filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True), status=IngestStatus.RUNNING
    )
    if partnership is not None:
        stale = stale.filter(partnership=partnership, sha256=sha256)
    return [_resume_or_refuse(pk, cutoff) for pk in stale.values_list("pk", flat=True)]


@transaction.atomic
def _resume_or_refuse(ingest_id: int, cutoff: datetime) -> ReturnIngest:
    from .tasks import read_return

    ingest = ReturnIngest.objects.select_for_update().get(pk=ingest_id)
    reading = ingest.heartbeat_at is not None and ingest.heartbeat_at >= cutoff
    if ingest.status != IngestStatus.RUNNING or reading:
        return ingest  # another worker got here first
    kept = bool(ingest.incoming) and default_storage.exists(ingest.incoming)
    if ingest.reads >= MOST_READS or not kept:
        return ingest_refuse(
            ingest_id=ingest.pk,
            problem=f"{ingest.file_name}: reading it stopped before the end "
            f"{'twice' if ingest.reads >= MOST_READS else 'and the file was lost'} (the "
            "worker reading it was stopped); nothing of it was kept: upload it again",
        )
    ingest.status, ingest.progress = IngestStatus.QUEUED, 0
    ingest.save(update_fields=["status", "progress"])
    audit.record(
        actor=None, action="return.resume", target=ingest, partnership_id=ingest.partnership_id
    )
    transaction.on_commit(lambda: read_return.enqueue(ingest_id=ingest.pk))
    return ingest


@transaction.atomic
def ingest_finish(*, ingest_id: int, outcome: pipeline.Outcome) -> ReturnIngest:
    """Accept the file's tables (replacing an earlier submission of the same council-year)
    or, if it had any error, refuse it whole and drop what was staged."""
    ingest = ReturnIngest.objects.select_for_update().get(pk=ingest_id)
    if ingest.is_finished:  # refused meanwhile, its reader taken to have stopped
        return ingest
    ingest.kind, ingest.la, ingest.year = outcome.kind, outcome.la, outcome.year
    ingest.children, ingest.counts, ingest.errors = outcome.children, outcome.counts, outcome.errors
    ingest.finished_at, ingest.progress, ingest.incoming = timezone.now(), 100, ""
    if outcome.errors:
        ingest.status = IngestStatus.REJECTED
        ingest.save()
        audit.record(
            actor=None, action="return.reject", target=ingest, partnership_id=ingest.partnership_id
        )
        return ingest
    _replace_earlier(ingest)
    ingest.status, ingest.stored_at = IngestStatus.ACCEPTED, _store_tables(ingest, outcome)
    # The council-year's earlier return was replaced above, under lock; the database holds
    # the constraints (one accepted return per council-year) should that ever fail.
    ingest.full_clean(validate_constraints=False)
    ingest.save()
    audit.record(
        actor=None, action="return.accept", target=ingest, partnership_id=ingest.partnership_id
    )
    return ingest


def _store_tables(ingest: ReturnIngest, outcome: pipeline.Outcome) -> str:
    """Put the accepted tables in their folder, and return it; if that fails half-way,
    remove what was put there so nothing half-written remains."""
    folder = (
        "/".join(map(str, (pipeline.ROOT, ingest.partnership_id, "tables", ingest.kind, ingest.la)))
        + f"/{ingest.year}/{ingest.pk}"
    )
    staged = pipeline.stage(outcome, default_storage, ingest.partnership_id)
    placed = []
    try:
        for table, name in staged.items():
            placed.append(pipeline.move(default_storage, name, pipeline.table_name(folder, table)))
    except Exception:
        pipeline.discard(default_storage, [*staged.values(), *placed])
        raise
    return folder


def _replace_earlier(ingest: ReturnIngest) -> None:
    earlier = ReturnIngest.objects.select_for_update().filter(
        partnership_id=ingest.partnership_id,
        kind=ingest.kind,
        la=ingest.la,
        year=ingest.year,
        status=IngestStatus.ACCEPTED,
    )
    for old in earlier:
        stale = [pipeline.table_name(old.stored_at, t) for t in old.counts]
        old.status, old.stored_at = IngestStatus.REPLACED, ""
        old.save(update_fields=["status", "stored_at"])
        audit.record(
            actor=None, action="return.replace", target=old, partnership_id=old.partnership_id
        )
        transaction.on_commit(functools.partial(pipeline.discard, default_storage, stale))


# Turning the stored returns into the performance dataset's observations


def recompute_later(*, partnership_id: int, la: str = "", year: int | None = None) -> None:
    """Queue a recompute for when the current transaction commits (after an ingest, of the
    council-year it brought)."""
    from .tasks import recompute_returns

    transaction.on_commit(
        lambda: recompute_returns.enqueue(partnership_id=partnership_id, la=la, year=year)
    )


def recompute(
    *,
    partnership,
    la: str | None = None,
    year: int | None = None,
    actor=None,
    job: str = "command line",
    indicators: Iterable[str] = tuple(DEFINITIONS),
) -> Recompute:
    """Compute the indicators from the partnership's accepted returns (every council's, or
    one council's) and write them as observations, with the region, England and
    statistical-neighbour figures of every area now complete (of every definition, or of
    those named by `indicators`). Unchanged figures are left alone; changed ones keep their
    history. One transaction, one audit event.

    `year` is the financial year a new return changed: only its figures and the next
    year's (whose re-referrals look back into it) are worked out again.

    DuckDB computes in a thread of its own (it lets go of the interpreter while it works)
    while this one reads what the database holds (the lookups and the figures already
    written) and then writes each definition's figures as the next is computed."""
    if actor is not None:
        require(can_manage(actor, partnership.pk))
    indicators = tuple(indicators)
    changed = None if year is None else {year, year + 1}
    returns = selectors.returns_of(
        partnership, la=la, years=None if year is None else {year - 1, year, year + 1}
    )
    with (
        _cycle_collection_paused(),
        Computation(returns, indicators, years=changed) as computation,
        ThreadPoolExecutor(max_workers=1) as pool,
        transaction.atomic(),
    ):
        # Each definition is computed in turn in the thread, while this one writes the
        # figures of the one before.
        pending = [pool.submit(computation.results, code) for code in indicators]
        # One recompute of a partnership writes at a time (two at once would both add the
        # same new figures), and a council's refresh reads the others' counts as they are.
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        years = computation.years
        lookups = _lookups(partnership, years)
        # The figures already written that this run may write again: of a refresh, only
        # those of its years, and of its council and the areas it is part of.
        existing = existing_figures(
            partnership,
            indicator_ids=_written_indicators(lookups, indicators),
            sources=[figures.COMPUTED_SOURCE],
            area_codes=None if la is None else _codes_of(la, years),
            start_years=None if year is None else years,
            totals_only=True,
        )
        run = Recompute.objects.create(
            partnership=partnership,
            la=la or "",
            year=year,
            job=job[:100],
            requested_by=actor,
            requested_by_name=audit.actor_name(actor),
            computed_at=timezone.now(),
            files=[[*key, *found] for key, found in sorted(returns.files.items())],
        )
        # A refresh works the areas' figures out again from the other councils' counts
        # as they were last written.
        stored: dict[str, figures.Counts] = {}
        if la is not None and years:
            for key, found in _stored_counts(partnership, lookups, years).items():
                stored.setdefault(key[1], {})[key] = found
        notes: set[str] = set()

        def batches() -> Iterator[list[figures.Figure]]:
            for code, future in zip(indicators, pending, strict=True):
                worked = figures.council_figures(future.result(), lookups)
                notes.update(worked.notes)
                yield worked.figures
                counts = stored.get(code, {}) | worked.counts
                yield figures.area_figures(counts, lookups).figures

        outcome = observations_write(
            actor=actor,
            partnership=partnership,
            batches=batches(),
            action="returns.recompute",
            target=run,
            at=run.computed_at,
            existing=existing,
        )
        run.notes = sorted(notes)
        run.created, run.changed = outcome.created, outcome.changed
        run.unchanged = outcome.unchanged
        run.save(update_fields=["notes", "created", "changed", "unchanged"])
    return run


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a recompute makes its figures: hundreds of
    thousands of plain tuples and decimals, none in a cycle, whose making would otherwise
    set off collections that each walk every object the process holds (a third of the
    time of a national recompute's own work, measured)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _codes_of(la: str, years: Iterable[int]) -> set[str]:
    """The area codes a council's refresh writes figures under: the council's own, and the
    regions' (whose totals are worked out again from every council's counts). England, the
    neighbours and the partnership's own council have none."""
    codes = {""}
    for year in years:
        codes |= set(region_members(year))
        council = by_number(la, year)
        if council is not None:
            codes.add(council.ons_code)
    return codes


def _written_indicators(lookups: figures.Lookups, definitions: Iterable[str]) -> set[int]:
    """The performance indicators a recompute of these definitions writes."""
    return {
        lookups.indicator_ids[code]
        for definition in definitions
        for code in (MAPPINGS[definition].count, MAPPINGS[definition].rate)
        if code
    }


def _lookups(partnership, years: set[int]) -> figures.Lookups:
    codes = [code for m in MAPPINGS.values() for code in (m.count, m.rate) if code]
    indicator_ids = dict(Indicator.objects.filter(code__in=codes).values_list("code", "pk"))
    ours = OwnCodes(
        tuple(
            LocalAuthorityCode.objects.filter(partnership=partnership)
            .order_by("from_year")
            .values_list("from_year", "code")
        )
    )
    own = {year: ours.code_in(year) for year in years if ours.code_in(year)}
    population = {
        (code, year): count
        for code, year, count in Population.objects.filter(
            partnership=partnership, sex="all", age_from=0, age_to=17, year__in=years
        ).values_list("area_code", "year", "count")
    }
    lists: dict[int, list[str]] = {}
    for year, code in StatisticalNeighbour.objects.filter(partnership=partnership).values_list(
        "year", "code"
    ):
        lists.setdefault(year, []).append(code)
    neighbours = {}
    for year in years:
        known = [y for y in lists if y <= year]
        if known:
            neighbours[year] = tuple(lists[max(known)])
    return figures.Lookups(indicator_ids, own, population, neighbours)


def _stored_counts(partnership, lookups: figures.Lookups, years: set[int]) -> figures.Counts:
    """Every council's counts as last written, for re-working the areas' figures when one
    council is refreshed (the others' returns are not read again)."""
    definition_of = {}
    for code, mapping in MAPPINGS.items():
        wanted = mapping.rate if DEFINITIONS[code].measure == "percent" else mapping.count
        definition_of[lookups.indicator_ids[wanted]] = code
    rows = Observation.objects.filter(
        partnership=partnership,
        source=figures.COMPUTED_SOURCE,
        area__in=[Area.LOCAL, Area.AUTHORITY],
        indicator_id__in=definition_of,
        sex=Sex.ALL,
        age_band=AgeBand.ALL,
        start_year__in=years,
    ).order_by().values_list(
        "indicator_id", "area", "area_code", "period_kind", "start_year", "quarter",
        # whole numbers: read as such, sparing a Decimal per row
        Cast("value", IntegerField()), Cast("numerator", IntegerField()),
        Cast("denominator", IntegerField()),
    )  # fmt: skip
    counts: figures.Counts = {}
    for indicator_id, area, code, kind, year, quarter, value, numerator, denominator in rows:
        ons = lookups.own.get(year, "") if area == Area.LOCAL else code
        label = figures.label_of(kind, year, quarter)
        if denominator is None:
            counts[(ons, definition_of[indicator_id], label)] = (value, None)
        else:
            counts[(ons, definition_of[indicator_id], label)] = (numerator, denominator)
    return counts
