"""The emails the report's journey sends: to those who sign it off, and the reminder to
send the published report to the national Panel and the What Works Centre."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from safeboard.core.models import Person

from .models import AnnualReport

SEND_WITHIN = timedelta(days=7)  # to the national Panel and the What Works Centre


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


def report_link(report: AnnualReport) -> str:
    address = reverse(
        "annual:report",
        kwargs={"slug": report.partnership.slug, "year": report.year, "revision": report.revision},
    )
    return settings.SAFEBOARD_BASE_URL + address


def sign_off_requested(report: AnnualReport, *, sender: Person, signer: Person) -> Email:
    body = render_to_string(
        "annual/email/sign_off_requested.txt",
        {
            "report": report,
            "partnership": report.partnership,
            "sender": sender,
            "signer": signer,
            "link": report_link(report),
        },
    )
    return Email(signer.email, f"For your sign-off: {report} of {report.partnership}", body)


def send_on_due(report: AnnualReport) -> date:
    return timezone.localdate(report.published_at) + SEND_WITHIN


def send_on_reminder(report: AnnualReport, *, to: Person, today: date) -> Email:
    due = send_on_due(report)
    when = "was due" if due < today else "is due"
    missing = []
    if report.sent_to_panel_on is None:
        missing.append("the national Child Safeguarding Practice Review Panel")
    if report.sent_to_what_works_on is None:
        missing.append("the What Works Centre for Children's Social Care")
    body = render_to_string(
        "annual/email/send_on_reminder.txt",
        {
            "report": report,
            "partnership": report.partnership,
            "published": timezone.localdate(report.published_at),
            "missing": missing,
            "link": report_link(report),
        },
    )
    subject = f"Sending the {report.financial_year.label} annual report {when} on {due:%d %B %Y}"
    return Email(to.email, subject, body)
