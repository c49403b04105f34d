"""The annual report's background jobs: making a file, and reminding to send it on."""

import logging
from datetime import time

from django.tasks import task
from django.utils import timezone

from safeboard.core.models import Role
from safeboard.core.notify import send_email
from safeboard.core.schedule import daily
from safeboard.core.selectors import partnership_people_with_role

from . import notices, services
from .compose import compose
from .composed import as_data, fingerprint
from .models import ReportFile
from .output import html_to_pdf, render, render_html
from .present import present
from .selectors import reports_not_yet_sent

logger = logging.getLogger("safeboard.annual")


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
        for person in partnership_people_with_role(report.partnership_id, Role.BUSINESS_UNIT):
            email = notices.send_on_reminder(report, to=person, today=today)
            send_email(to=email.to, subject=email.subject, body=email.body)
        reminded += 1
    return reminded
