"""`safeboard report southampton 2017-18 --format html --published` on the shipped demo
prints no count of 1 to 5 of people and no percentage or rate of people on a base under 10:
read from the file it writes, cell by cell, against the board's exact figures."""

from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from safeboard.annual.compose import compose
from safeboard.annual.models import AnnualReport
from safeboard.core.disclosure import MINIMUM_BASE, SUPPRESSED, counts_people
from safeboard.demo import load


class _Printed(HTMLParser):
    """Each table's cells by its id, each section's figures and sentences, as text."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.figures: dict[str, list[str]] = {}
        self.paragraphs: dict[str, list[str]] = {}
        self._section = ""
        self._table = ""
        self._text: list[str] | None = None
        self._into: list[str] | None = None
        self._in_note = 0

    def handle_starttag(self, tag, attrs):
        named = dict(attrs)
        if tag == "section":
            self._section = (named.get("id") or "").removeprefix("section-")
        elif tag == "table":
            self._table = named.get("id") or ""
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._start(self.tables[self._table][-1])
        elif tag == "dd":
            self._start(self.figures.setdefault(self._section, []))
        elif tag == "p" and self._section and not named.get("class"):
            self._start(self.paragraphs.setdefault(self._section, []))
        elif tag == "sup":
            self._in_note += 1

    def _start(self, into: list[str]) -> None:
        self._text, self._into = [], into

    def handle_endtag(self, tag):
        if tag == "sup":
            self._in_note -= 1
        elif tag == "table":
            self._table = ""
        elif tag in ("td", "th", "dd", "p") and self._text is not None and self._into is not None:
            self._into.append(" ".join("".join(self._text).split()))
            self._text = self._into = None

    def handle_data(self, data):
        if self._text is not None and not self._in_note:
            self._text.append(data)


@pytest.fixture
def demo(db):
    load.load()
    return AnnualReport.objects.get(partnership__slug="southampton", year=2017, revision=1)


def _of_people(cell) -> bool:
    return cell.kind in ("count", "rate", "percent") and counts_people(cell.counts)


def _must_be_withheld(cell) -> bool:
    if cell.kind == "count":
        return cell.value is not None and 1 <= cell.value <= 5
    small_count = cell.numerator is not None and 1 <= cell.numerator <= 5
    return cell.value is not None and (small_count or cell.base is None or cell.base < MINIMUM_BASE)


def test_the_published_html_prints_no_small_count_of_people_and_no_share_on_a_small_base(
    demo, tmp_path
):
    out = tmp_path / "report.html"
    call_command(
        "report", "southampton", "2017-18", "--format", "html", "--out", str(out), "--published"
    )
    printed = _Printed()
    printed.feed(out.read_text())
    board = compose(demo, edition="board")
    published = compose(demo, edition="published")
    checked = 0
    for composed in board.sections:
        section = composed.section
        if section is None:
            continue
        for table in [*section.tables, *(c.table for c in section.charts)]:
            rows = printed.tables[f"table-{section.key}-{table.key}"][1:]  # after the header
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row):
                    if _of_people(cell) and _must_be_withheld(cell):
                        checked += 1
                        where = f"{section.key} / {table.key} row {r + 1}, {table.columns[c]}"
                        assert rows[r][c] == SUPPRESSED, where
        cards = [f for f in section.figures if f.card]
        for figure, text in zip(cards, printed.figures.get(section.key, []), strict=True):
            if _of_people(figure.value) and _must_be_withheld(figure.value):
                checked += 1
                assert text == SUPPRESSED, f"{section.key} / figure {figure.label}"
    assert checked >= 5  # the demo has small counts of people to withhold
    for composed in published.sections:
        if composed.section is not None:
            assert printed.paragraphs.get(composed.key, []) == composed.section.paragraphs
