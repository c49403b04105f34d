"""Who gets what from each of the annual report's pages (see `core.testing`).

The business unit writes and runs the report; the chair and the scrutineer read the board
version and sign it off; other members see the list and the report's state but not the
board version's exact figures; the public reads what is published.
"""

from django.test import TestCase

from safeboard.annual import services
from safeboard.core.testing import BU_FORM, BU_POST, PUBLIC, Ask, members_read, only, slug

BOARD_READ = only({"business_unit": 200, "chair": 200, "scrutineer": 200})
BOARD_FILE = only({"business_unit": 200, "chair": 200, "scrutineer": 200}, others=404)
SIGNERS_POST = only({"chair": 302, "scrutineer": 302})


def year(cast) -> int:
    services.report_create(actor=cast.business_unit, partnership=cast.partnership, year=2017)
    return 2017


def published(cast) -> int:
    report = services.report_create(
        actor=cast.business_unit, partnership=cast.partnership, year=2017
    )
    report = services.report_submit(actor=cast.business_unit, report=report, expected_version=1)
    report = services.report_sign_off(actor=cast.chair, report=report, expected_version=2)
    services.report_publish(actor=cast.business_unit, report=report, expected_version=3)
    return 2017


def published_with_json(cast) -> int:
    published(cast)
    report = cast.partnership.annual_reports.get()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the file is made on commit
        services.report_file_request(
            actor=cast.business_unit, report=report, edition="published", format="json"
        )
    return 2017


def board_file(cast) -> int:
    report = services.report_create(
        actor=cast.business_unit, partnership=cast.partnership, year=2017
    )
    with TestCase.captureOnCommitCallbacks(execute=True):  # the file is made on commit
        made = services.report_file_request(
            actor=cast.business_unit, report=report, edition="board", format="json"
        )
    return made.pk


REPORT = {"slug": slug, "year": year, "revision": 1}
FILE = {"slug": slug, "year": 2017, "revision": 1, "pk": board_file}
PUBLISHED = {"slug": slug, "year": published, "revision": 1}

EXPECTATIONS = {
    "annual:report-list": Ask("get", {"slug": slug}, members_read()),
    "annual:report-create": Ask("get", {"slug": slug}, BU_FORM),
    "annual:layout-edit": Ask("get", {"slug": slug}, BU_FORM),
    "annual:report": Ask("get", REPORT, members_read()),
    "annual:report-preview": Ask("get", {**REPORT, "edition": "board"}, BOARD_READ),
    "annual:section-add": Ask("get", REPORT, BU_FORM),
    "annual:section-edit": Ask("get", {**REPORT, "key": "foreword"}, BU_FORM),
    # The chair and scrutineer make files once the report is sent to them, not of a draft.
    "annual:report-generate": Ask("post", REPORT, BU_POST),
    "annual:file-status": Ask("get", FILE, BOARD_FILE),
    "annual:file-download": Ask("get", FILE, BOARD_FILE),
    "annual:report-submit": Ask("post", REPORT, BU_POST),
    "annual:report-return": Ask("post", REPORT, {**SIGNERS_POST, "business_unit": 302}),
    "annual:report-sign-off": Ask("get", REPORT, only({"chair": 200, "scrutineer": 200})),
    "annual:report-publish": Ask("post", REPORT, BU_POST),
    "annual:report-sent": Ask("get", PUBLISHED, BU_FORM),
    "annual:report-correct": Ask("get", PUBLISHED, BU_FORM),
    "annual:public-report": Ask("get", {"slug": slug, "year": published}, PUBLIC),
    "annual:public-revision": Ask("get", PUBLISHED, PUBLIC),
    # The report as data over the API: the same people as the board version's page.
    "annual-api:board-report": Ask(
        "get", {"slug": slug, "year": year}, {**BOARD_READ, "anonymous": 401}
    ),
    "annual-api:published": Ask("get", {"slug": slug, "year": published}, PUBLIC),
    "annual:public-download": Ask(
        "get", {"slug": slug, "year": published_with_json, "format": "json"}, PUBLIC
    ),
}
