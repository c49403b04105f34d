"""Who gets what from the performance dataset's API (see `core.testing`): every member reads
it, as they read the pages; outsiders find nothing; signed out, 401."""

from safeboard.core.testing import Ask, api_read, slug
from safeboard.performance.tests.factories import ObservationFactory


def observation(cast):
    return ObservationFactory(partnership=cast.partnership).pk


EXPECTATIONS = {
    "performance-api:indicators": Ask("get", {"slug": slug}, api_read()),
    "performance-api:indicator": Ask("get", {"slug": slug, "code": "s47-started"}, api_read()),
    "performance-api:indicator-analytics": Ask(
        "get", {"slug": slug, "code": "s47-started"}, api_read()
    ),
    "performance-api:analytics": Ask("get", {"slug": slug}, api_read()),
    "performance-api:observations": Ask("get", {"slug": slug}, api_read()),
    "performance-api:observation": Ask("get", {"slug": slug, "pk": observation}, api_read()),
    "performance-api:population": Ask("get", {"slug": slug}, api_read()),
    "performance-api:disagreements": Ask("get", {"slug": slug}, api_read()),
}
