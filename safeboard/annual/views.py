"""The annual report's pages: the list, the report, its narrative, files and sign-off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safeboard.core.access import require
from safeboard.core.views.base import form_page, partnership_page

from . import rules, services
from .compose import compose, layout
from .forms import (
    AuthoredSectionAddForm,
    AuthoredSectionForm,
    CorrectionForm,
    GenerateForm,
    LayoutForm,
    ReportCreateForm,
    SentForm,
)
from .models import Edition, Status
from .output import CONTENT_TYPES, render_html
from .selectors import (
    layout_get,
    published_file_get,
    published_report_get,
    published_revisions,
    report_file_get,
    report_file_list,
    report_get,
    report_list,
)


def _url(report, name: str = "annual:report", **extra) -> str:
    kwargs = {"slug": report.partnership.slug, "year": report.year, "revision": report.revision}
    return reverse(name, kwargs={**kwargs, **extra})


def _list_url(partnership) -> str:
    return reverse("annual:report-list", kwargs={"slug": partnership.slug})


def _editions(user, report) -> list[str]:
    """The board version for those allowed exact figures; the published one for every
    member once it is public."""
    editions = []
    if rules.can_read_board_version(user, report.partnership_id):
        editions = [Edition.BOARD, Edition.PUBLISHED]
    elif report.status == Status.PUBLISHED:
        editions = [Edition.PUBLISHED]
    return editions


@partnership_page
def report_list_page(request: HttpRequest, partnership) -> HttpResponse:
    return render(
        request,
        "annual/report_list.html",
        {
            "partnership": partnership,
            "reports": report_list(user=request.user, partnership=partnership),
            "can_write": rules.can_write(request.user, partnership.pk),
        },
    )


@partnership_page
def report_create(request: HttpRequest, partnership) -> HttpResponse:
    require(rules.can_write(request.user, partnership.pk))
    return form_page(
        request,
        form=ReportCreateForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.report_create(
            actor=request.user, partnership=partnership, year=data["year"]
        ),
        success=_url,
        message=lambda report: f"{report} has been started.",
        context={"title": "Start an annual report", "back": _list_url(partnership)},
    )


@partnership_page
def layout_edit(request: HttpRequest, partnership) -> HttpResponse:
    require(rules.can_write(request.user, partnership.pk))
    latest = report_list(user=request.user, partnership=partnership).first()
    places = layout(latest) if latest else []
    saved = layout_get(partnership)
    form = LayoutForm(request.POST or None, places=places, initial={"version": saved.version})
    return form_page(
        request,
        form=form,
        template="annual/layout_form.html",
        save=lambda data: services.report_layout_set(
            actor=request.user,
            partnership=partnership,
            expected_version=data["version"],
            entries=form.entries(),
        ),
        success=lambda _: _list_url(partnership),
        message="The order and titles of the report's sections have been saved.",
        context={"partnership": partnership, "places": places, "back": _list_url(partnership)},
    )


@partnership_page
def report_page(request: HttpRequest, partnership, year: int, revision: int) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    editions = _editions(request.user, report)
    pid = partnership.pk
    return render(
        request,
        "annual/report_detail.html",
        {
            "partnership": partnership,
            "report": report,
            "authored": report.authored.all(),
            "files": report_file_list(report=report, editions=editions)[:20],
            "can_write": rules.can_write(request.user, pid),
            "can_sign_off": rules.can_sign_off(request.user, pid),
            "can_read_board": rules.can_read_board_version(request.user, pid),
            "can_generate": _can_generate(request.user, report),
            "generate_form": GenerateForm(),
            "Status": Status,
        },
    )


@partnership_page
def report_preview(
    request: HttpRequest, partnership, year: int, revision: int, edition: str
) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    if edition not in Edition.values:
        raise Http404("No such version")
    require(rules.can_read_board_version(request.user, partnership.pk))
    return HttpResponse(render_html(compose(report, edition=edition)))


def _section_context(report, title: str, preview: str | None) -> dict:
    return {
        "partnership": report.partnership,
        "report": report,
        "title": title,
        "preview": preview,
        "back": _url(report),
    }


@partnership_page
def section_edit(request: HttpRequest, partnership, year: int, revision: int, key: str):
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    section = report.authored.filter(key=key).first()
    if section is None:
        raise Http404("No such section")
    require(rules.can_write(request.user, partnership.pk))
    initial = {"title": section.title, "body": section.body, "version": section.version}
    form = AuthoredSectionForm(request.POST or None, initial=initial)
    preview = _preview(request, form)
    if preview is not None:
        return render(
            request,
            "annual/section_form.html",
            {"form": form, **_section_context(report, section.title, preview)},
        )
    return form_page(
        request,
        form=form,
        template="annual/section_form.html",
        save=lambda data: services.authored_section_update(
            actor=request.user,
            section=section,
            expected_version=data["version"],
            title=data["title"],
            body=data["body"],
        ),
        success=lambda _: _url(report),
        message=lambda s: f"“{s.title}” has been saved.",
        context=_section_context(report, f"Write “{section.title}”", None),
    )


def _preview(request, form) -> str | None:
    """The Markdown as it will read, when the writer asks to preview before saving."""
    from .narrative import render_markdown

    if request.method == "POST" and "preview" in request.POST and form.is_valid():
        return render_markdown(form.cleaned_data["body"])
    return None


@partnership_page
def section_add(request: HttpRequest, partnership, year: int, revision: int) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_write(request.user, partnership.pk))
    return form_page(
        request,
        form=AuthoredSectionAddForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.authored_section_add(actor=request.user, report=report, **data),
        success=lambda _: _url(report),
        message=lambda s: f"“{s.title}” has been added to the report.",
        context={"title": "Add a section", "back": _url(report)},
    )


def _act(request, report, action, message: str) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    return redirect(_url(report))


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


@require_POST
@partnership_page
def report_submit(request: HttpRequest, partnership, year: int, revision: int) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_write(request.user, partnership.pk))
    return _act(
        request,
        report,
        lambda: services.report_submit(
            actor=request.user, report=report, expected_version=_version(request)
        ),
        "The report has been sent to the chair and scrutineer for sign-off.",
    )


@require_POST
@partnership_page
def report_return(request: HttpRequest, partnership, year: int, revision: int) -> HttpResponse:
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


@require_POST
@partnership_page
def report_sign_off(request: HttpRequest, partnership, year: int, revision: int) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_sign_off(request.user, partnership.pk))
    return _act(
        request,
        report,
        lambda: services.report_sign_off(
            actor=request.user, report=report, expected_version=_version(request)
        ),
        "The report has been signed off. Both versions are now fixed.",
    )


@require_POST
@partnership_page
def report_publish(request: HttpRequest, partnership, year: int, revision: int) -> HttpResponse:
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


def _can_generate(user, report) -> bool:
    """The business unit makes files at any stage; the chair and scrutineer once the
    report has been sent to them."""
    pid = report.partnership_id
    return rules.can_write(user, pid) or (
        rules.can_sign_off(user, pid) and report.status != Status.DRAFT
    )


@require_POST
@partnership_page
def report_generate(request: HttpRequest, partnership, year: int, revision: int) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(_can_generate(request.user, report))
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a version and a format.")
        return redirect(_url(report))
    try:
        made = services.report_file_request(actor=request.user, report=report, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_url(report))
    return redirect(_url(report, "annual:file-status", pk=made.pk))


@partnership_page
def file_status(request: HttpRequest, partnership, year: int, revision: int, pk: int):
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    made = report_file_get(report=report, pk=pk, editions=_editions(request.user, report))
    context = {"partnership": partnership, "report": report, "made": made}
    if request.headers.get("HX-Request"):
        return render(request, "annual/includes/file_progress.html", context)
    return render(request, "annual/file_status.html", context)


@partnership_page
def file_download(request: HttpRequest, partnership, year: int, revision: int, pk: int):
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    made = report_file_get(report=report, pk=pk, editions=_editions(request.user, report))
    return _file_response(made)


def _file_response(made) -> FileResponse:
    if not made.file:
        raise Http404("The file is not ready")
    return FileResponse(
        made.file.open("rb"),
        as_attachment=made.format != "html",
        filename=made.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[made.format],
    )


@partnership_page
def report_sent(request: HttpRequest, partnership, year: int, revision: int) -> HttpResponse:
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
        success=_url,
        message="The dates the report was sent on have been recorded.",
        context={"title": "Record where the report was sent", "back": _url(report)},
    )


@partnership_page
def report_correct(request: HttpRequest, partnership, year: int, revision: int) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_write(request.user, partnership.pk))
    return form_page(
        request,
        form=CorrectionForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.report_correct(actor=request.user, report=report, **data),
        success=_url,
        message=lambda r: f"Revision {r.revision} has been started as a draft.",
        context={
            "title": f"Correct the published {report}",
            "button": "Start a correction",
            "back": _url(report),
        },
    )


# The public's pages


def public_report(request: HttpRequest, slug: str, year: int, revision: int | None = None):
    report = published_report_get(slug=slug, year=year, revision=revision)
    public = {
        "revisions": published_revisions(report),
        "current": report,
        "downloads": [
            f for f in ("pdf", "docx", "json") if published_file_get(report=report, format=f)
        ],
    }
    return HttpResponse(render_html(compose(report, edition=Edition.PUBLISHED), public=public))


def public_download(request: HttpRequest, slug: str, year: int, format: str) -> HttpResponse:
    report = published_report_get(slug=slug, year=year)
    made = published_file_get(report=report, format=format)
    if made is None:
        raise Http404("Not made in this format")
    return _file_response(made)
