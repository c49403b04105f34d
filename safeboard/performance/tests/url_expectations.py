"""Who gets what from each of the performance dataset's pages (see `core.testing`)."""

from django.utils import timezone

from safeboard.core.testing import BU_FORM, Ask, members_read, slug
from safeboard.performance.models import ImportJob
from safeboard.performance.tests import api_expectations


def import_job(cast) -> int:
    return ImportJob.objects.create(
        partnership=cast.partnership,
        kind="observations",
        file_name="figures.csv",
        submitted_by_name="Business Unit",
        submitted_at=timezone.now(),
    ).pk


EXPECTATIONS = {
    # Every member reads the dataset; only the business unit imports figures.
    "performance:overview": Ask("get", {"slug": slug}, members_read()),
    "performance:indicator": Ask("get", {"slug": slug, "code": "s47-started"}, members_read()),
    "performance:indicator-choose": Ask("get", {"slug": slug, "code": "s47-started"}, BU_FORM),
    "performance:population": Ask("get", {"slug": slug}, members_read()),
    "performance:import": Ask("get", {"slug": slug}, BU_FORM),
    "performance:import-job": Ask("get", {"slug": slug, "pk": import_job}, BU_FORM),
    # A blank template reveals nothing; any member may fetch one.
    "performance:import-template": Ask(
        "get", {"slug": slug, "kind": "observations", "fmt": "xlsx"}, members_read()
    ),
    **api_expectations.EXPECTATIONS,
}
