"""The report in each format, from one presentation and one template tree."""

import json
from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string

from safeboard.core import pdf

from .composed import ComposedReport, as_data, fingerprint
from .present import present

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
}


def render_html(
    report: ComposedReport, *, for_print: bool = False, presented=None, public=None, request=None
) -> str:
    """The report as one self-contained page; `public` adds the published page's downloads
    and revisions. Served to a browser, pass the request: its stylesheet needs the nonce."""
    return render_to_string(
        "annual/report/document.html",
        {
            "r": presented or present(report),
            "for_print": for_print,
            "base_url": settings.SAFEBOARD_BASE_URL,
            "public": public,
        },
        request=request,
    )


def html_to_pdf(html: str) -> bytes:
    """Tagged PDF (PDF/UA-1): language, title, headings, table headers and figure alt text
    are in the structure tree. The report carries its own styles, not the paper's."""
    return pdf.html_to_pdf(html, paper=False, tagged=True)


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
