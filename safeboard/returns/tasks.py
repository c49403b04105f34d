"""Reading an uploaded return runs in the background worker; the page shows its progress."""

from django.tasks import task

from . import services


@task()
def read_return(*, ingest_id: int) -> None:
    services.ingest_read(ingest_id=ingest_id)
