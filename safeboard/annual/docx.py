"""The report in Word, for partners who edit there: every section, its narrative, figures,
charts and tables, as the web page has them. Each chart is a picture whose alternative
text is the chart's description, followed by its table."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import html as lxml_html

from safeboard.core.charts import to_png

_NARRATIVE_STYLES = {"h3": "Heading 3", "h4": "Heading 4", "h5": "Heading 5", "h6": "Heading 6"}
CHART_WIDTH = Cm(15)  # the text width of an A4 page with Word's default margins
NOT_DRAWN = (
    "The chart is not drawn because some of its figures are suppressed; the table gives "
    "what can be published."
)


def render_docx(r: dict) -> bytes:
    document = Document()
    document.core_properties.title = r["title"]
    document.core_properties.language = "en-GB"
    document.add_heading(r["title"], level=0)
    if r["revision"] > 1:
        document.add_paragraph(f"Revision {r['revision']}. {r['correction_note']}")
    for section in r["sections"]:
        _section(document, section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _section(document, s: dict) -> None:
    document.add_heading(s["title"], level=1)
    if s["body_html"]:
        _narrative(document, s["body_html"])
    for paragraph in s["paragraphs"]:
        document.add_paragraph(paragraph)
    for figure in s["figures"]:
        item = document.add_paragraph(f"{figure['label']}: {figure['text']}", style="List Bullet")
        _note_ref(item, figure["note"])
    for table in s["tables"]:
        _table(document, table)
    for chart in s["charts"]:
        _chart(document, chart)
    if s["notes"]:
        document.add_paragraph("Sources", style="Heading 3")
        for note in s["notes"]:
            url = f" ({note['url']})" if note["url"] else ""
            document.add_paragraph(f"{note['number']}. {note['label']}{url}")


def _chart(document, chart: dict) -> None:
    document.add_heading(chart["title"], level=2)
    if chart["spec"]:
        document.add_picture(io.BytesIO(to_png(chart["spec"])), width=CHART_WIDTH)
        _describe(document.inline_shapes[-1], chart["title"], chart["description"])
        document.add_paragraph(chart["description"], style="Caption")
    else:
        document.add_paragraph(NOT_DRAWN)
    _table(document, chart["table"])


def _describe(picture, title: str, description: str) -> None:
    """Word's alternative text, which screen readers read for the picture."""
    properties = picture._inline.docPr
    properties.set("title", title)
    properties.set("descr", description)


def _narrative(document, body_html: str) -> None:
    for element in lxml_html.fragment_fromstring(body_html, create_parent="div"):
        text = element.text_content().strip()
        if element.tag in _NARRATIVE_STYLES:
            document.add_paragraph(text, style=_NARRATIVE_STYLES[element.tag])
        elif element.tag in ("ul", "ol"):
            style = "List Bullet" if element.tag == "ul" else "List Number"
            for item in element.iter("li"):
                document.add_paragraph(item.text_content().strip(), style=style)
        elif text:
            document.add_paragraph(text)


def _table(document, t: dict) -> None:
    """Caption, a header row repeated on each page, each row's first cell as its heading
    (bold, as the web page's row headers), numbers aligned right, and source marks."""
    _note_ref(document.add_paragraph(t["caption"], style="Caption"), t["note"])
    table = document.add_table(rows=1 + len(t["rows"]), cols=len(t["columns"]))
    table.style = "Table Grid"
    for i, column in enumerate(t["columns"]):
        _write(table.rows[0].cells[i], column, bold=True)
    _repeat_as_header(table.rows[0])
    for r, row in enumerate(t["rows"], start=1):
        for c, cell in enumerate(row):
            paragraph = _write(table.rows[r].cells[c], cell["text"], bold=c == 0)
            if cell["numeric"] and c > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _note_ref(paragraph, cell["note"])


def _write(cell, text: str, *, bold: bool):
    paragraph = cell.paragraphs[0]
    paragraph.add_run(text).bold = bold
    return paragraph


def _note_ref(paragraph, note: int | None) -> None:
    if note is not None:
        paragraph.add_run(str(note)).font.superscript = True


def _repeat_as_header(row) -> None:
    """Mark the first row as the table's header, repeated on each page in Word."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
