"""The report in Word, for partners who edit there: every section, its narrative, figures
and tables (charts as their tables: Word gets the figures, not a picture of them)."""

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import html as lxml_html

_NARRATIVE_STYLES = {"h3": "Heading 3", "h4": "Heading 4", "h5": "Heading 5", "h6": "Heading 6"}


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
        document.add_paragraph(f"{figure['label']}: {figure['text']}", style="List Bullet")
    for table in s["tables"]:
        _table(document, table)
    for chart in s["charts"]:
        document.add_heading(chart["title"], level=2)
        document.add_paragraph(chart["description"])
        _table(document, chart["table"])
    if s["notes"]:
        document.add_paragraph("Sources", style="Heading 3")
        for note in s["notes"]:
            url = f" ({note['url']})" if note["url"] else ""
            document.add_paragraph(f"{note['number']}. {note['label']}{url}")


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
    document.add_paragraph(t["caption"], style="Caption")
    table = document.add_table(rows=1 + len(t["rows"]), cols=len(t["columns"]))
    table.style = "Table Grid"
    for i, column in enumerate(t["columns"]):
        table.rows[0].cells[i].text = column
    _repeat_as_header(table.rows[0])
    for r, row in enumerate(t["rows"], start=1):
        for c, cell in enumerate(row):
            table.rows[r].cells[c].text = cell["text"]


def _repeat_as_header(row) -> None:
    """Mark the first row as the table's header, repeated on each page in Word."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
