"""Every write of the returns module: receiving a file, reading it, accepting or refusing it."""

import secrets

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from safeboard.core import audit

from . import pipeline
from .models import IngestStatus, PseudonymKey, ReturnIngest

_LIVE = (IngestStatus.QUEUED, IngestStatus.RUNNING, IngestStatus.ACCEPTED)


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
    """How far the reading has got. Bookkeeping of a running job, so no audit event."""
    ReturnIngest.objects.filter(pk=ingest_id).update(progress=percent, status=IngestStatus.RUNNING)


def ingest_read(*, ingest_id: int) -> ReturnIngest:
    """Read an uploaded file waiting in storage (the background task's work)."""
    ingest = ReturnIngest.objects.select_related("partnership").get(pk=ingest_id)
    if ingest.is_finished:
        return ingest
    secret = pseudonym_secret(partnership=ingest.partnership)
    ingest_progress(ingest_id=ingest.pk, percent=0)
    try:
        with default_storage.open(ingest.incoming) as handle:
            outcome = pipeline.convert(
                handle,
                name=ingest.file_name,
                size=default_storage.size(ingest.incoming),
                secret=secret,
                la=ingest.la,
                year=ingest.year,
                progress=lambda percent: ingest_progress(ingest_id=ingest.pk, percent=percent),
            )
    finally:
        pipeline.discard(default_storage, [ingest.incoming])
    return ingest_finish(ingest_id=ingest.pk, outcome=outcome)


@transaction.atomic
def ingest_finish(*, ingest_id: int, outcome: pipeline.Outcome) -> ReturnIngest:
    """Accept the file's tables (replacing an earlier submission of the same council-year)
    or, if it had any error, refuse it whole and drop what was staged."""
    ingest = ReturnIngest.objects.select_for_update().get(pk=ingest_id)
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
    staged = pipeline.stage(outcome, default_storage, ingest.partnership_id)
    _replace_earlier(ingest)
    folder = (
        "/".join(map(str, (pipeline.ROOT, ingest.partnership_id, "tables", ingest.kind, ingest.la)))
        + f"/{ingest.year}/{ingest.pk}"
    )
    for table, name in staged.items():
        pipeline.move(default_storage, name, pipeline.table_name(folder, table))
    ingest.status, ingest.stored_at = IngestStatus.ACCEPTED, folder
    # The council-year's earlier return was replaced above, under lock; the database holds
    # the constraints (one accepted return per council-year) should that ever fail.
    ingest.full_clean(validate_constraints=False)
    ingest.save()
    audit.record(
        actor=None, action="return.accept", target=ingest, partnership_id=ingest.partnership_id
    )
    return ingest


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
        transaction.on_commit(lambda names=stale: pipeline.discard(default_storage, names))
