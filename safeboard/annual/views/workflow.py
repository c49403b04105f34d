"""A report on its way: sign-off, publication, sending on, corrections, and its files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from safeboard.core.access import require
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page

from .. import rules, services
from ..compose import numbers_to_confirm
from ..forms import (
    CorrectionForm,
    GenerateForm,
    SentForm,
    SignOffForm,
)
from ..selectors import (
    report_file_get,
    report_get,
)
from .common import editions_for, file_response, report_url


def _act(request, report, action, message: str) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    return redirect(report_url(report))


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


@require_POST
@partnership_page
def report_submit(
    request: PartnershipRequest, partnership, year: int, revision: int
) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_write(request.user, partnership.pk))
    return _act(
        request,
        report,
        lambda: services.report_submit(
            actor=request.user, report=report, expected_version=_version(request)
        ),
        "The report has been sent for sign-off: the chair and scrutineer have been emailed "
        "the link.",
    )


@require_POST
@partnership_page
def report_return(
    request: PartnershipRequest, partnership, year: int, revision: int
) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    pid = partnership.pk
    require(rules.can_write(request.user, pid) or rules.can_sign_off(request.user, pid))
    return _act(
        request,
        report,
        lambda: services.report_return_to_draft(
            actor=request.user, report=report, expected_version=_version(request)
        ),
        "The report is a draft again.",
    )


@partnership_page
def report_sign_off(
    request: PartnershipRequest, partnership, year: int, revision: int
) -> HttpResponse:
    """The signer reads what they confirm, ticks each small number in the narrative, and
    signs off."""
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_sign_off(request.user, partnership.pk))
    numbers = numbers_to_confirm(report)
    form = SignOffForm(request.POST or None, numbers=numbers, initial={"version": report.version})
    return form_page(
        request,
        form=form,
        template="annual/sign_off_form.html",
        save=lambda data: services.report_sign_off(
            actor=request.user,
            report=report,
            expected_version=data["version"],
            confirmed=data.get("confirmed", []),
        ),
        success=report_url,
        message="The report has been signed off. Both versions are now fixed.",
        context={
            "partnership": partnership,
            "report": report,
            "numbers": numbers,
            "title": f"Sign off the annual report {report.financial_year.label}",
            "back": report_url(report),
        },
    )


@require_POST
@partnership_page
def report_publish(
    request: PartnershipRequest, partnership, year: int, revision: int
) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_write(request.user, partnership.pk))
    return _act(
        request,
        report,
        lambda: services.report_publish(
            actor=request.user, report=report, expected_version=_version(request)
        ),
        "The report has been published. Send it to the national Panel and the What Works "
        "Centre within 7 days, and record when you did.",
    )


@partnership_page
def report_sent(request: PartnershipRequest, partnership, year: int, revision: int) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_write(request.user, partnership.pk))
    initial = {
        "sent_to_panel_on": report.sent_to_panel_on,
        "sent_to_what_works_on": report.sent_to_what_works_on,
        "version": report.version,
    }
    return form_page(
        request,
        form=SentForm(request.POST or None, initial=initial),
        template="core/form_page.html",
        save=lambda data: services.report_sent_record(
            actor=request.user, report=report, expected_version=data.pop("version"), **data
        ),
        success=report_url,
        message="The dates the report was sent on have been recorded.",
        context={"title": "Record where the report was sent", "back": report_url(report)},
    )


@partnership_page
def report_correct(
    request: PartnershipRequest, partnership, year: int, revision: int
) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_write(request.user, partnership.pk))
    return form_page(
        request,
        form=CorrectionForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.report_correct(actor=request.user, report=report, **data),
        success=report_url,
        message=lambda r: f"Revision {r.revision} has been started as a draft.",
        context={
            "title": f"Correct the published {report}",
            "button": "Start a correction",
            "back": report_url(report),
        },
    )


@require_POST
@partnership_page
def report_generate(
    request: PartnershipRequest, partnership, year: int, revision: int
) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_generate(request.user, report))
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a version and a format.")
        return redirect(report_url(report))
    try:
        made = services.report_file_request(actor=request.user, report=report, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report_url(report))
    return redirect(report_url(report, "annual:file-status", pk=made.pk))


@partnership_page
def file_status(request: PartnershipRequest, partnership, year: int, revision: int, pk: int):
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    made = report_file_get(report=report, pk=pk, editions=editions_for(request.user, report))
    context = {"partnership": partnership, "report": report, "made": made}
    if request.headers.get("HX-Request"):
        return render(request, "annual/includes/file_progress.html", context)
    return render(request, "annual/file_status.html", context)


@partnership_page
def file_download(request: PartnershipRequest, partnership, year: int, revision: int, pk: int):
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    made = report_file_get(report=report, pk=pk, editions=editions_for(request.user, report))
    return file_response(made)
