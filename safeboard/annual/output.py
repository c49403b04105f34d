"""The report in each format, from one presentation and one template tree."""

import json
from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string

from .composed import ComposedReport, as_data, fingerprint
from .present import present

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
}


def render_html(
    report: ComposedReport, *, for_print: bool = False, presented=None, public=None
) -> str:
    """The report as one page; `public` adds the published page's downloads and revisions."""
    return render_to_string(
        "annual/report/document.html",
        {
            "r": presented or present(report),
            "for_print": for_print,
            "base_url": settings.SAFEBOARD_BASE_URL,
            "public": public,
        },
    )


def html_to_pdf(html: str) -> bytes:
    """Tagged PDF (PDF/UA-1): language, title, headings, table headers and figure alt text
    are in the structure tree."""
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.SAFEBOARD_BASE_URL).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )


def render_pdf(report: ComposedReport) -> bytes:
    return html_to_pdf(render_html(report, for_print=True))


def render_json(report: ComposedReport) -> bytes:
    data = as_data(report)
    payload = {"fingerprint": fingerprint(data), "report": data}
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str).encode()


def render_docx(report: ComposedReport) -> bytes:
    from .docx import render_docx as render

    return render(present(report, draw_charts=False))


RENDERERS: dict[str, Callable[[ComposedReport], bytes]] = {
    "html": lambda report: render_html(report).encode(),
    "pdf": render_pdf,
    "docx": render_docx,
    "json": render_json,
}


def render(report: ComposedReport, format: str) -> bytes:
    return RENDERERS[format](report)
