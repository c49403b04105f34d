"""The meeting pack: contents, agenda and action log, then every PDF paper, as one PDF.

The generated pages are drawn from a template in the paper stylesheet (`core.pdf`); pypdf
merges the papers. A paper in another format, or a PDF that cannot be read, is listed in
the contents as attached separately.
"""

import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from safeboard.actions.models import Action
from safeboard.actions.rag import Thresholds, rag_status
from safeboard.core.pdf import paper_pdf

from .models import AgendaItem, Meeting


@dataclass
class PaperEntry:
    item: AgendaItem
    reader: PdfReader | None
    start_page: int | None = None

    @property
    def pages(self) -> int:
        return len(self.reader.pages) if self.reader else 0


def _read(item: AgendaItem) -> PdfReader | None:
    if not item.paper or item.paper_type != "application/pdf":
        return None
    try:
        with item.paper.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
            len(reader.pages)  # parse now, so a broken file is found here
        return reader
    except (PyPdfError, ValueError, OSError):
        return None


def _front_pages(meeting: Meeting, agenda, papers, log, today) -> bytes:
    return paper_pdf(
        "governance/pack/front.html",
        {"meeting": meeting, "agenda": agenda, "papers": papers, "log": log, "today": today},
    )


def build(
    meeting: Meeting,
    *,
    agenda: list[AgendaItem],
    actions: list[Action],
    thresholds: Thresholds,
    today,
) -> bytes:
    """The pack as PDF bytes."""
    papers = [PaperEntry(item=item, reader=_read(item)) for item in agenda if item.paper]
    log = [
        (
            action,
            rag_status(
                status=action.status,
                due_date=action.due_date,
                last_update_on=action.last_update_on,
                today=today,
                thresholds=thresholds,
            ),
        )
        for action in actions
    ]
    # Draw the front once to count its pages, then again with the papers' page numbers.
    front_length = len(
        PdfReader(io.BytesIO(_front_pages(meeting, agenda, papers, log, today))).pages
    )
    page = front_length + 1
    for paper in papers:
        if paper.reader:
            paper.start_page = page
            page += paper.pages
    writer = PdfWriter()
    writer.append(io.BytesIO(_front_pages(meeting, agenda, papers, log, today)))
    for paper in papers:
        if paper.reader:
            writer.append(paper.reader, outline_item=f"{paper.item.number}. {paper.item.title}")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
