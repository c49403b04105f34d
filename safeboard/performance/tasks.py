"""Importing a large file of figures, run in the background worker; its page shows how far
it has got and what came of it."""

from django.tasks import task

from safeboard.core.schedule import every

from . import services


@task()
def import_in_background(*, job_id: int) -> str:
    return services.import_job_run(job_id=job_id).status


@every("performance-stopped-imports", minutes=15)
@task()
def resume_stopped_imports() -> int:
    """Import again, or refuse, every file whose reader stopped before the end; return how
    many."""
    return services.import_jobs_resume_stopped()
