import io

from django.test import override_settings
from pypdf import PdfReader

from safeboard.core import pdf

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Board meeting</title></head>
<body>
<h1>Safeguarding partnership board</h1>
<h2 class="first">Contents</h2>
<p>Agenda <a class="page-ref" href="#agenda"></a></p>
<p><a href="/p/hampshire/meetings/">The meetings</a></p>
<h2 id="agenda">Agenda</h2>
<p>Apologies</p>
</body></html>
"""

A4 = (595, 842)  # points, to the nearest


def read(content: bytes) -> PdfReader:
    assert content.startswith(b"%PDF")
    return PdfReader(io.BytesIO(content))


def size(reader: PdfReader, page: int) -> tuple[int, int]:
    box = reader.pages[page].mediabox
    return round(box.width), round(box.height)


def links(reader: PdfReader) -> list[str]:
    return [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/URI" in annotation.get_object().get("/A", {})
    ]


def test_a_paper_is_drawn_in_the_paper_stylesheet():
    reader = read(pdf.html_to_pdf(PAGE))
    # A4, each section on a new page, numbered at the foot, and the contents naming the page.
    assert len(reader.pages) == 2 and size(reader, 0) == A4
    first, second = (page.extract_text() for page in reader.pages)
    assert "Agenda 2" in first and first.rstrip().endswith("1")
    assert second.startswith("Agenda") and second.rstrip().endswith("2")


def test_a_page_with_its_own_styles_is_drawn_without_the_paper_stylesheet():
    reader = read(pdf.html_to_pdf(PAGE, paper=False))
    assert len(reader.pages) == 1
    assert "Apologies" in reader.pages[0].extract_text()


def test_a_tagged_pdf_carries_its_structure_and_an_untagged_one_does_not():
    tagged = read(pdf.html_to_pdf(PAGE, paper=False, tagged=True)).trailer["/Root"]
    assert "/StructTreeRoot" in tagged and tagged["/MarkInfo"]["/Marked"]
    assert tagged["/Lang"] == "en-GB"
    assert "/StructTreeRoot" not in read(pdf.html_to_pdf(PAGE)).trailer["/Root"]


@override_settings(SAFEBOARD_BASE_URL="https://safeboard.example.org")
def test_a_relative_link_leads_to_safeboard():
    assert links(read(pdf.html_to_pdf(PAGE))) == [
        "https://safeboard.example.org/p/hampshire/meetings/"
    ]


@override_settings(
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"paper.html": PAGE.replace("Apologies", "{{ item }}")},
                    )
                ]
            },
        }
    ]
)
def test_a_paper_is_drawn_from_its_template_and_context_in_the_paper_stylesheet():
    reader = read(pdf.paper_pdf("paper.html", {"item": "Apologies & minutes"}))
    assert len(reader.pages) == 2 and size(reader, 1) == A4
    assert "Apologies & minutes" in reader.pages[1].extract_text()
