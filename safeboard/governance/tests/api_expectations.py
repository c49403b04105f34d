"""Who gets what from the governance API (see `core.testing`); signed out, 401."""

from safeboard.core.testing import Ask, api_read, seat_scoped, slug
from safeboard.governance.tests.url_expectations import themed_meeting

EXPECTATIONS = {
    "governance-api:bodies": Ask("get", {"slug": slug}, api_read()),
    "governance-api:arrangements": Ask("get", {"slug": slug}, api_read()),
    "governance-api:meetings": Ask("get", {"slug": slug}, api_read()),
    "governance-api:meeting": Ask(
        "get", {"slug": slug, "pk": themed_meeting}, seat_scoped(api_read())
    ),
}
