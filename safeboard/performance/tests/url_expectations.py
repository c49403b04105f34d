"""Who gets what from each of the performance dataset's pages (see `core.testing`)."""

from safeboard.core.testing import BU_FORM, Ask, members_read, slug
from safeboard.performance.tests import api_expectations

EXPECTATIONS = {
    # Every member reads the dataset; only the business unit imports figures.
    "performance:overview": Ask("get", {"slug": slug}, members_read()),
    "performance:indicator": Ask("get", {"slug": slug, "code": "s47-started"}, members_read()),
    "performance:indicator-choose": Ask("get", {"slug": slug, "code": "s47-started"}, BU_FORM),
    "performance:population": Ask("get", {"slug": slug}, members_read()),
    "performance:import": Ask("get", {"slug": slug}, BU_FORM),
    # A blank template reveals nothing; any member may fetch one.
    "performance:import-template": Ask(
        "get", {"slug": slug, "kind": "observations", "fmt": "xlsx"}, members_read()
    ),
    **api_expectations.EXPECTATIONS,
}
