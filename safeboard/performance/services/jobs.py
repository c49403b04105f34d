"""Large files, imported by the background worker, their page showing how far it has got."""

import functools
import logging
import uuid
from datetime import datetime, timedelta
from typing import IO

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from safeboard.core import audit
from safeboard.core.access import require as require_permission
from safeboard.core.models import Partnership, Person
from safeboard.core.uploads import reading_progress

from ..imports import Problem
from ..models import ImportJob, ImportStatus
from ..rules import can_manage
from .common import ImportRefused, read_rows
from .observations import rows_import

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
    from ..tasks import import_in_background

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
        rows = read_rows(job.file_name, stream)
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
    from ..tasks import import_in_background

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
