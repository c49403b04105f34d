import io
import json
from dataclasses import replace

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pypdf import PdfReader

from safeboard.annual.compose import compose
from safeboard.annual.output import render
from safeboard.annual.present import WITHHELD_REASONS, Notes, _table, present
from safeboard.annual.services import authored_section_update
from safeboard.core.sections import Cell, Source, Table


@pytest.fixture
def composed(cast, report):
    foreword = report.authored.get(key="foreword")
    authored_section_update(
        actor=cast.business_unit,
        section=foreword,
        expected_version=1,
        title=foreword.title,
        body="A year of **real progress**.",
    )
    return compose(report, edition="board")


def _structure(pdf: PdfReader) -> tuple[dict[str, int], list[str]]:
    tags: dict[str, int] = {}
    alts: list[str] = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not isinstance(node, dict):
            return
        if "/S" in node:
            tags[node["/S"]] = tags.get(node["/S"], 0) + 1
        if "/Alt" in node:
            alts.append(str(node["/Alt"]))
        if "/K" in node:
            walk(node["/K"])

    walk(pdf.trailer["/Root"]["/StructTreeRoot"])
    return tags, alts


def test_the_pdf_is_tagged_with_language_title_headings_table_headers_and_alt_text(composed):
    pdf = PdfReader(io.BytesIO(render(composed, "pdf")))
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a PDF boolean object
    assert pdf.metadata.title == (
        "Southampton Safeguarding Children Partnership: annual report 2017-18 (board version)"
    )
    tags, alts = _structure(pdf)
    assert tags["/H1"] == 1 and tags["/H2"] >= 3  # contents, foreword, case reviews
    assert tags["/TH"] >= 6 and tags["/THead"] >= 2
    assert alts == [
        "Attendance at board meetings: Police attended every meeting; UHS three in four."
    ]
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Contents" in text and "Page 2 of" in text


def test_the_word_document_holds_every_section(composed):
    document = Document(io.BytesIO(render(composed, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.title for s in composed.sections]
    assert any("real progress" in p.text for p in document.paragraphs)
    assert len(document.tables) == 2


def test_the_word_document_draws_each_chart_with_its_description_as_alternative_text(composed):
    document = Document(io.BytesIO(render(composed, "docx")))
    [picture] = document.inline_shapes
    properties = picture._inline.docPr
    assert properties.get("descr") == "Police attended every meeting; UHS three in four."
    assert properties.get("title") == "Attendance at board meetings"
    [image] = [p for p in document.part.related_parts.values() if "image" in p.content_type]
    assert image.content_type == "image/png" and image.blob.startswith(b"\x89PNG")


def test_the_word_documents_tables_read_as_the_web_pages(composed):
    referrals = Document(io.BytesIO(render(composed, "docx"))).tables[0]
    header, first = referrals.rows[0].cells, referrals.rows[1].cells
    assert [c.text for c in header] == ["Decision", "Referrals", "Share (%)"]
    assert all(run.bold for c in header for run in c.paragraphs[0].runs)
    assert first[0].paragraphs[0].runs[0].bold  # the row's heading, as the page's <th>
    count = first[1].paragraphs[0]
    assert count.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert [(run.text, bool(run.font.superscript)) for run in count.runs] == [
        ("6", False),
        ("2", True),  # its source, the section's note 2, as the page marks it
    ]


def test_a_chart_published_without_its_drawing_is_its_table_in_word_too(cast, report):
    document = Document(io.BytesIO(render(compose(report, edition="published"), "docx")))
    texts = [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 1  # the attendance chart keeps its drawing
    assert not any("is not drawn" in t for t in texts)
    published = compose(report, edition="published")
    reviews = published.sections[0]
    chart = replace(reviews.section.charts[0], spec={})
    hidden = replace(
        published, sections=[replace(reviews, section=replace(reviews.section, charts=[chart]))]
    )
    document = Document(io.BytesIO(render(hidden, "docx")))
    assert len(document.inline_shapes) == 0
    assert any(
        "is not drawn because some of its figures are suppressed" in p.text
        for p in document.paragraphs
    )


def test_the_json_holds_every_sections_figures(composed):
    data = json.loads(render(composed, "json"))
    reviews = data["report"]["sections"][1]["section"]
    assert reviews["figures"][0]["value"]["value"] == 9
    assert reviews["tables"][0]["rows"][1][1]["value"] == 1
    assert len(data["fingerprint"]) == 64


def test_the_web_page_links_each_figure_to_its_source(composed):
    html = render(composed, "html").decode()
    assert '<html lang="en-GB">' in html
    assert 'href="#section-case-reviews-note-1"' not in html  # notes are by section key
    assert 'href="#case-reviews-note-1"' in html
    assert 'href="http://127.0.0.1:8000/p/southampton/reviews/">Serious incident referrals' in html
    assert '<svg role="img" aria-label="Attendance at board meetings' in html
    assert '<th scope="col">Referrals</th>' in html


def test_the_published_page_names_its_sources_without_links_into_the_partnerships_pages(report):
    html = render(compose(report, edition="published"), "html").decode()
    assert "Serious incident referrals" in html
    assert "/p/southampton/reviews/" not in html


def test_a_long_table_repeats_its_header_on_every_page(report):
    composed = compose(report, edition="board")
    reviews = composed.sections[0]
    table = reviews.section.tables[0]
    long = replace(table, rows=[[Cell(f"Agency {n}"), Cell(n, "count"), Cell(1, "percent")]
                                for n in range(120)], total_rows=())  # fmt: skip
    composed = replace(
        composed,
        sections=[replace(reviews, section=replace(reviews.section, tables=[long], charts=[]))],
    )
    pdf = PdfReader(io.BytesIO(render(composed, "pdf")))
    pages_with_rows = [p.extract_text() for p in pdf.pages if "Agency " in p.extract_text()]
    assert len(pages_with_rows) >= 2
    assert all("Decision" in text and "Referrals" in text for text in pages_with_rows)


def test_a_withheld_figure_is_marked_with_why_and_only_it(report):
    shown = present(compose(report, edition="published"), draw_charts=False)
    [reviews] = [s for s in shown["sections"] if s["key"] == "case-reviews"]
    referrals = next(t for t in reviews["tables"] if t["key"] == "referrals")
    marks = [[cell["withheld_note"] for cell in row] for row in referrals["rows"]]
    assert marks[0] == [None, None, marks[0][2]] and marks[0][2]  # a share of 9: the base
    assert marks[1][1] and marks[1][1] == marks[2][1]  # one note for one reason
    assert marks[3][1] is None  # the total of 9 is printed, unmarked
    notes = {n["number"]: n["label"] for n in reviews["notes"]}
    assert notes[marks[1][1]] == WITHHELD_REASONS["small"]
    assert notes[marks[0][2]] == WITHHELD_REASONS["base"]


def test_a_cells_source_is_not_marked_again_when_its_table_gives_it():
    source, other = Source("Referrals"), Source("Police records")
    rows = [[Cell(4, "count", source=source, counts="referrals")]]
    rows.append([Cell(7, "count", source=other, counts="referrals")])
    shown = _table(Table("t", "Referrals", ["Referrals"], rows, source=source), Notes())
    assert shown["note"] == 1
    assert [row[0]["note"] for row in shown["rows"]] == [None, 2]
