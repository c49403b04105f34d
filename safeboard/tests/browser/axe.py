"""The accessibility scan (axe-core, from npm) and the checks every page passes."""

import json
from pathlib import Path

from playwright.sync_api import Page

AXE_SOURCE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = frozenset({"serious", "critical"})


def serious_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it stands."""
    # Evaluated through the browser's debugging protocol, which the page's content
    # security policy does not govern: the policy stays on while the scan runs.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text())
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]


def describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "where": [node["target"] for node in v["nodes"]],
            }
            for v in violations
        ],
        indent=2,
    )


def assert_accessible(page: Page) -> None:
    violations = serious_violations(page)
    assert violations == [], f"axe-core found on {page.url}:\n{describe(violations)}"


class Scanner:
    """Scans the page a journey has reached, and keeps count of the pages loaded, so that
    none goes by unscanned; collects what the browser reports against the content
    security policy."""

    def __init__(self, page: Page, *, base_url: str):
        self.page = page
        self.base_url = base_url
        self.loads: list[str] = []
        self.scanned_upto = 0
        self.unscanned: list[str] = []
        self.policy_errors: list[str] = []
        self.missing: list[str] = []
        page.on("load", lambda loaded: self.loads.append(loaded.url))
        page.on("console", self._console)
        page.on("response", self._response)

    def _response(self, response) -> None:
        # A page may answer with an error (the lockout page is a 429); what it loads may not.
        if response.request.resource_type != "document" and response.status >= 400:
            self.missing.append(f"{response.status} {response.url}")

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.policy_errors.append(f"{self.page.url}: {message.text}")

    def url(self, path: str) -> str:
        return self.base_url + path

    def check(self) -> None:
        """The page now shown: no serious accessibility finding, nothing the policy blocked."""
        self.page.wait_for_load_state("load")
        assert_accessible(self.page)
        assert self.policy_errors == [], "\n".join(self.policy_errors)
        assert self.missing == [], f"the page could not load: {self.missing}"
        # The scan's round trips to the browser have delivered every load event by now.
        self.unscanned += self.loads[self.scanned_upto : -1]
        self.scanned_upto = len(self.loads)

    def assert_every_page_was_checked(self) -> None:
        self.unscanned += self.loads[self.scanned_upto :]
        assert self.unscanned == [], f"pages loaded but not scanned: {self.unscanned}"
