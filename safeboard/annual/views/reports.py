"""The list of reports, a report's page, its narrative and the order of its sections."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from safeboard.core.access import require
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page

from .. import rules, services
from ..compose import compose, layout, numbers_to_confirm
from ..forms import (
    AuthoredSectionAddForm,
    AuthoredSectionForm,
    GenerateForm,
    LayoutForm,
    ReportCreateForm,
)
from ..models import Edition, Status
from ..narrative import render_markdown
from ..output import render_html
from ..selectors import (
    frozen_fingerprints,
    layout_get,
    report_file_list,
    report_get,
    report_list,
)
from .common import editions_for, list_url, report_url


@partnership_page
def report_list_page(request: PartnershipRequest, partnership) -> HttpResponse:
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
def report_create(request: PartnershipRequest, partnership) -> HttpResponse:
    require(rules.can_write(request.user, partnership.pk))
    return form_page(
        request,
        form=ReportCreateForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.report_create(
            actor=request.user, partnership=partnership, year=data["year"]
        ),
        success=report_url,
        message=lambda report: f"{report} has been started.",
        context={"title": "Start an annual report", "back": list_url(partnership)},
    )


@partnership_page
def layout_edit(request: PartnershipRequest, partnership) -> HttpResponse:
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
        success=lambda _: list_url(partnership),
        message="The order and titles of the report's sections have been saved.",
        context={"partnership": partnership, "places": places, "back": list_url(partnership)},
    )


@partnership_page
def report_page(request: PartnershipRequest, partnership, year: int, revision: int) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    editions = editions_for(request.user, report)
    pid = partnership.pk
    return render(
        request,
        "annual/report_detail.html",
        {
            "partnership": partnership,
            "report": report,
            "authored": report.authored.all(),
            "files": report_file_list(report=report, editions=editions)[:20],
            "frozen": frozen_fingerprints(report),
            "can_write": rules.can_write(request.user, pid),
            "can_sign_off": rules.can_sign_off(request.user, pid),
            "can_read_board": rules.can_read_board_version(request.user, pid),
            "can_generate": rules.can_generate(request.user, report),
            "numbers": numbers_to_confirm(report)
            if rules.can_read_board_version(request.user, pid)
            else [],
            "generate_form": GenerateForm(),
            "Status": Status,
        },
    )


@partnership_page
def report_preview(
    request: PartnershipRequest, partnership, year: int, revision: int, edition: str
) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    if edition not in Edition.values:
        raise Http404("No such version")
    require(rules.can_read_board_version(request.user, partnership.pk))
    return HttpResponse(render_html(compose(report, edition=edition), request=request))


def _section_context(report, title: str, preview: str | None) -> dict:
    return {
        "partnership": report.partnership,
        "report": report,
        "title": title,
        "preview": preview,
        "back": report_url(report),
    }


@partnership_page
def section_edit(request: PartnershipRequest, partnership, year: int, revision: int, key: str):
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
        success=lambda _: report_url(report),
        message=lambda s: f"“{s.title}” has been saved.",
        context=_section_context(report, f"Write “{section.title}”", None),
    )


def _preview(request, form) -> str | None:
    """The Markdown as it will read, when the writer asks to preview before saving."""
    if request.method == "POST" and "preview" in request.POST and form.is_valid():
        return render_markdown(form.cleaned_data["body"])
    return None


@partnership_page
def section_add(request: PartnershipRequest, partnership, year: int, revision: int) -> HttpResponse:
    report = report_get(user=request.user, partnership=partnership, year=year, revision=revision)
    require(rules.can_write(request.user, partnership.pk))
    return form_page(
        request,
        form=AuthoredSectionAddForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.authored_section_add(actor=request.user, report=report, **data),
        success=lambda _: report_url(report),
        message=lambda s: f"“{s.title}” has been added to the report.",
        context={"title": "Add a section", "back": report_url(report)},
    )
