"""Every write to the performance dataset, each in one transaction with its audit event.

Imports write in bulk: the file has been checked whole (`imports`), the existing figures
are read in one query, and new, changed and history rows go in with one statement each
(`bulk`). A figure that is already there unchanged is left alone, so importing a file twice
changes nothing; a changed figure keeps what it was in `ObservationHistory`. Large files are
imported by the background worker (`jobs`).
"""

from .bulk import Existing, Figure, ImportOutcome, existing_figures
from .common import ImportRefused
from .indicators import indicator_choice_set
from .jobs import (
    BACKGROUND_ROWS,
    IMPORT_LEASE,
    PROBLEMS_LISTED,
    import_job_finish,
    import_job_progress,
    import_job_run,
    import_job_submit,
    import_jobs_resume_stopped,
    logger,
)
from .observations import (
    file_import,
    observations_import,
    observations_write,
    population_import,
    rows_import,
)

__all__ = [
    "ImportRefused",
    "Existing",
    "existing_figures",
    "Figure",
    "ImportOutcome",
    "file_import",
    "observations_import",
    "observations_write",
    "population_import",
    "rows_import",
    "indicator_choice_set",
    "BACKGROUND_ROWS",
    "import_job_finish",
    "import_job_progress",
    "import_job_run",
    "import_job_submit",
    "import_jobs_resume_stopped",
    "IMPORT_LEASE",
    "logger",
    "PROBLEMS_LISTED",
]
