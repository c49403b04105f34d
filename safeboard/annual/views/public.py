"""The public's pages: the published report at its stable address, and its files."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from ..compose import compose
from ..models import Edition
from ..output import render_html
from ..selectors import (
    published_file_get,
    published_report_get,
    published_revisions,
)
from .common import file_response


def public_report(request: HttpRequest, slug: str, year: int, revision: int | None = None):
    report = published_report_get(slug=slug, year=year, revision=revision)
    public = {
        "revisions": published_revisions(report),
        "current": report,
        "downloads": [
            f
            for f in ("html", "pdf", "docx", "json")
            if published_file_get(report=report, format=f)
        ],
    }
    return HttpResponse(
        render_html(compose(report, edition=Edition.PUBLISHED), public=public, request=request)
    )


def public_download(request: HttpRequest, slug: str, year: int, format: str) -> FileResponse:
    report = published_report_get(slug=slug, year=year)
    made = published_file_get(report=report, format=format)
    if made is None:
        raise Http404("Not made in this format")
    return file_response(made)
