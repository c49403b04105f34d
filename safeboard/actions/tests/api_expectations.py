"""Who gets what from the tracker's API (see `core.testing`); signed out, 401."""

from safeboard.actions.tests.url_expectations import action
from safeboard.core.testing import Ask, api_read, api_write, slug


def update_of_the_police_action(cast):
    return {"version": 1, "on": "2018-01-15", "note": "Reviewed", "status": "in_progress"}


EXPECTATIONS = {
    "actions-api:actions": Ask("get", {"slug": slug}, api_read()),
    "actions-api:action": Ask("get", {"slug": slug, "pk": action}, api_read()),
    "actions-api:action-updates": Ask(
        "get",
        {"slug": slug, "pk": action},
        api_read(),
        also=(
            # The action is the police's: their agency lead and the business unit update it.
            Ask(
                "post",
                {"slug": slug, "pk": action},
                api_write({"business_unit": 201, "agency_lead": 201}),
                data=update_of_the_police_action,
            ),
        ),
    ),
    "actions-api:priorities": Ask("get", {"slug": slug}, api_read()),
    "actions-api:recommendations": Ask("get", {"slug": slug}, api_read()),
}
