"""The annual report's background jobs: making a file, and reminding to send it on."""

import logging
from datetime import time, timedelta

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from safeboard.core.models import Role
from safeboard.core.notify import send_email
from safeboard.core.schedule import daily

from . import services
from .compose import compose
from .composed import as_data, fingerprint
from .models import ReportFile
from .output import html_to_pdf, render, render_html
from .present import present
from .selectors import reports_not_yet_sent

logger = logging.getLogger("safeboard.annual")
SEND_WITHIN = timedelta(days=7)  # to the national Panel and the What Works Centre


@task()
def make_report_file(*, file_id: int) -> None:
    made = ReportFile.objects.select_related("report__partnership").get(pk=file_id)
    try:
        content, data_fingerprint = _make(made)
    except Exception as error:
        logger.exception("Could not make %s", made)
        services.report_file_fail(made=made, error=str(error))
        return
    services.report_file_finish(made=made, content=content, data_fingerprint=data_fingerprint)


def _make(made: ReportFile) -> tuple[bytes, str]:
    services.report_file_progress(made=made, progress=10, step="Gathering the figures")
    composed = compose(made.report, edition=made.edition)
    data_fingerprint = fingerprint(as_data(composed))
    if made.format == "pdf":
        services.report_file_progress(made=made, progress=40, step="Drawing the charts")
        presented = present(composed)
        services.report_file_progress(made=made, progress=60, step="Laying out the pages")
        content = html_to_pdf(render_html(composed, for_print=True, presented=presented))
    else:
        services.report_file_progress(made=made, progress=50, step="Writing the report")
        content = render(composed, made.format)
    return content, data_fingerprint


@daily("annual-report-send-reminder", at=time(8, 0))
@task()
def remind_to_send_published_reports() -> int:
    """Remind the business unit of each report published but not yet sent to the national
    Child Safeguarding Practice Review Panel and the What Works Centre; return how many."""
    today = timezone.localdate()
    reminded = 0
    for report in reports_not_yet_sent():
        due = timezone.localdate(report.published_at) + SEND_WITHIN
        for person in _business_unit(report):
            send_email(
                to=person.email, subject=_subject(report, due, today), body=_body(report, due)
            )
        reminded += 1
    return reminded


def _business_unit(report):
    return [
        m.person
        for m in report.partnership.memberships.filter(
            is_active=True, roles__role=Role.BUSINESS_UNIT, person__is_active=True
        ).select_related("person")
    ]


def _subject(report, due, today) -> str:
    when = "was due" if due < today else "is due"
    return f"Sending the {report.financial_year.label} annual report {when} on {due:%d %B %Y}"


def _body(report, due) -> str:
    missing = []
    if report.sent_to_panel_on is None:
        missing.append("the national Child Safeguarding Practice Review Panel")
    if report.sent_to_what_works_on is None:
        missing.append("the What Works Centre for Children's Social Care")
    address = reverse(
        "annual:report",
        kwargs={"slug": report.partnership.slug, "year": report.year, "revision": report.revision},
    )
    return (
        f"{report} of {report.partnership} was published on "
        f"{timezone.localdate(report.published_at):%d %B %Y}. It should be sent, within 7 days, "
        f"to {' and '.join(missing)}.\n\nWhen it has been sent, record the date at "
        f"{settings.SAFEBOARD_BASE_URL}{address}\n"
    )
