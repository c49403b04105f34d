"""PDF from HTML, drawn by WeasyPrint: the one place Safeboard makes a PDF.

A paper (a meeting pack's own pages, a case review's action plan) is drawn in the one paper
stylesheet, `paper.css` beside this module. A page that carries its own styles, as the
annual report does because it is also a web page, asks for no paper stylesheet, and for a
tagged PDF (PDF/UA-1: its language, title, headings, table headers and figures' text
alternatives in the structure tree). Relative links resolve against Safeboard's address.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

PAPER_STYLESHEET = Path(__file__).with_name("paper.css")


def html_to_pdf(html: str, *, paper: bool = True, tagged: bool = False) -> bytes:
    """The page as PDF bytes: in the paper stylesheet unless `paper` is False, and tagged
    (PDF/UA-1) when `tagged`."""
    import weasyprint  # here, not at import: loading it draws its default styles and logs

    stylesheets = [weasyprint.CSS(filename=str(PAPER_STYLESHEET))] if paper else []
    variant: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True} if tagged else {}
    page = weasyprint.HTML(string=html, base_url=settings.SAFEBOARD_BASE_URL)
    return page.write_pdf(stylesheets=stylesheets, **variant)


def paper_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """A paper drawn from its template and context, in the paper stylesheet."""
    return html_to_pdf(render_to_string(template_name, context))
