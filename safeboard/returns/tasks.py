"""Reading an uploaded return, and recomputing the indicators after, run in the background
worker; the pages show their progress and outcome."""

from django.tasks import task

from safeboard.core.models import Partnership
from safeboard.core.schedule import every

from . import services
from .models import IngestStatus


@task()
def read_return(*, ingest_id: int) -> None:
    ingest = services.ingest_read(ingest_id=ingest_id)
    if ingest.status == IngestStatus.ACCEPTED:
        services.recompute_later(
            partnership_id=ingest.partnership_id, la=ingest.la, year=ingest.year
        )


@every("returns-stopped-reads", minutes=15)
@task()
def resume_stopped_reads() -> int:
    """Read again, or refuse, every return whose reader stopped before the end (its lease
    ran out); return how many."""
    return len(services.ingest_expire_stale())


@task()
def recompute_returns(*, partnership_id: int, la: str = "", year: int | None = None) -> int:
    """Write the indicators of one council (or every council) from its returns, of every
    year or of the year a new return changed; return the run's id."""
    partnership = Partnership.objects.get(pk=partnership_id)
    run = services.recompute(
        partnership=partnership, la=la or None, year=year, job="background task"
    )
    return run.pk
