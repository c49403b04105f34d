"""A reader who holds every public output at once and tries to work out a withheld count.

It knows the exact figures only to judge what it finds (it never uses them to decide what it
may know): what it reads are the published report as data (what the public API and the JSON
download serve), the public case-review page as a visitor gets it, and how those outputs'
tables fit together (which row is a total, which page's column is which report's table).
For each table of counts of people it marks a cell known when any output prints it, and
asks `core.disclosure.pinned_cells` — the exact method — whether a withheld one is fixed
by what is known. It also checks that no output prints a number the others withhold, that
no sentence prints a number its section's published figures do not hold, and that no
percentage or rate of people is printed on a base under 10 or of a withheld count.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from safeboard.annual.composed import decode_value
from safeboard.annual.formatting import SMALL_IN_WORDS, display
from safeboard.core.disclosure import MINIMUM_BASE, SUPPRESSED, counts_people, pinned_cells
from safeboard.core.sections import Cell, Table

Identity = tuple[str, ...]  # what a count is, whichever output prints it


@dataclass
class Layout:
    """A table of counts of people as the reader knows its shape: which cell is which count,
    and which counts are its rows' and columns' totals."""

    name: str
    cells: list[list[Identity | None]]
    row_totals: list[Identity] = field(default_factory=list)
    column_totals: list[Identity] = field(default_factory=list)
    grand_total: Identity | None = None


@dataclass
class Reader:
    exact: dict[Identity, int] = field(default_factory=dict)
    printed: dict[Identity, dict[str, object]] = field(default_factory=dict)  # output -> shown
    layouts: list[Layout] = field(default_factory=list)
    found: list[str] = field(default_factory=list)

    def reads(self, output: str, identity: Identity, shown: object, exact: float) -> None:
        self.exact[identity] = int(exact)
        self.printed.setdefault(identity, {})[output] = shown
        if shown != SUPPRESSED and shown != exact:
            self.found.append(f"{output} prints {shown!r} for {_name(identity)}, not {exact}")

    def known(self, identity: Identity | None) -> bool:
        shown = self.printed.get(identity, {}) if identity else {}
        return any(value != SUPPRESSED for value in shown.values())

    def outputs(self, identity: Identity) -> list[str]:
        return sorted(self.printed.get(identity, {}))

    def given_away(self) -> list[str]:
        found = list(self.found)
        for identity, by_output in self.printed.items():
            hiding = [o for o, v in by_output.items() if v == SUPPRESSED]
            telling = [o for o, v in by_output.items() if v != SUPPRESSED]
            if hiding and telling:
                found.append(
                    f"{_name(identity)} is withheld by {', '.join(sorted(hiding))} "
                    f"but printed by {', '.join(sorted(telling))}"
                )
        for layout in self.layouts:
            found += self._worked_out(layout)
        return found

    def _worked_out(self, layout: Layout) -> list[str]:
        counts = [[self.exact[i] if i else None for i in row] for row in layout.cells]
        hidden = [[bool(i) and not self.known(i) for i in row] for row in layout.cells]
        pinned = pinned_cells(
            counts,
            hidden,
            row_totals=_all_known(self, layout.row_totals),
            column_totals=_all_known(self, layout.column_totals),
            grand_total=self.known(layout.grand_total),
        )
        found = []
        for r, c in pinned:
            identity = layout.cells[r][c]
            assert identity is not None
            involved = sorted(
                {o for row in layout.cells for i in row if i for o in self.outputs(i)}
            )
            found.append(
                f"{_name(identity)} (withheld) can be worked out from {layout.name} "
                f"as printed by {', '.join(involved)}"
            )
        return found


def _all_known(reader: Reader, totals: list[Identity]) -> bool:
    return bool(totals) and all(reader.known(t) for t in totals)


def _name(identity: Identity) -> str:
    return " / ".join(identity)


# The published report as data


REPORT = "the published report (API and JSON download)"


def read_report(reader: Reader, board, published: dict) -> None:
    """Everything the published report's data prints, beside the board's exact figures."""
    for composed, data in zip(board.sections, published["report"]["sections"], strict=True):
        section, printed = composed.section, data["section"]
        if section is None:
            continue
        tables = [*section.tables, *(c.table for c in section.charts)]
        printed_tables = [*printed["tables"], *(c["table"] for c in printed["charts"])]
        for table, shown in zip(tables, printed_tables, strict=True):
            _read_table(reader, section.key, table, shown)
        for figure, shown in zip(section.figures, printed["figures"], strict=True):
            identity = figure_identity(section, figure)
            if figure.value.kind == "count" and counts_people(figure.value.counts):
                reader.reads(REPORT, identity, _printed(shown["value"]), figure.value.value)
                reader.layouts.append(Layout(f"the figure {figure.key!r}", [[identity]]))
            _check_share(reader, f"{section.key} / figure {figure.key}", figure.value, shown)
        check_sentences(reader, section.key, printed)


def figure_identity(section, figure) -> Identity:
    """What the reader knows a headline or sentence figure to be: the case-review figures
    are the year's referrals by decision and their total, as the table beside them is."""
    if section.key == "case-reviews" and figure.key == "referrals":
        return ("case-reviews", "referrals-by-decision", "All referrals", "Referrals")
    if section.key == "case-reviews" and figure.key.startswith("decided-"):
        return ("case-reviews", "referrals-by-decision", figure.label, "Referrals")
    return (section.key, "figure", figure.key)


def _people_columns(table: Table) -> list[int]:
    return [
        c
        for c in range(len(table.columns))
        if table.rows and all(_of_people(row[c]) for row in table.rows)
    ]


def _of_people(cell: Cell) -> bool:
    return cell.kind == "count" and counts_people(cell.counts)


def _read_table(reader: Reader, section: str, table: Table, shown: dict) -> None:
    def identity(r: int, c: int) -> Identity:
        return (section, table.key, str(table.rows[r][0].value), table.columns[c])

    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            printed = shown["rows"][r][c]
            if _of_people(cell):
                reader.reads(REPORT, identity(r, c), _printed(printed), cell.value)
            _check_share(reader, f"{section} / {table.key} [{r + 1}, {c + 1}]", cell, printed)
    columns = _people_columns(table)
    total_row = table.total_rows[0] if table.total_rows else None
    total_column = table.total_columns[0] if table.total_columns else None
    rows = [r for r in range(len(table.rows)) if r != total_row]
    interior = [c for c in columns if c != total_column]
    if not interior:
        return
    reader.layouts.append(
        Layout(
            f"the table {table.key!r}",
            [[identity(r, c) for c in interior] for r in rows],
            row_totals=[identity(r, total_column) for r in rows] if total_column in columns else [],
            column_totals=[identity(total_row, c) for c in interior]
            if total_row is not None
            else [],
            grand_total=identity(total_row, total_column)
            if total_row is not None and total_column in columns
            else None,
        )
    )
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if _of_people(cell) and c not in columns:  # a count alone in its column
                reader.layouts.append(Layout(f"the table {table.key!r}", [[identity(r, c)]]))


def _check_share(reader: Reader, where: str, cell: Cell, printed: dict) -> None:
    if cell.kind not in ("rate", "percent") or not counts_people(cell.counts):
        return
    if printed["value"] in (SUPPRESSED, None):
        return
    if cell.base is None or cell.base < MINIMUM_BASE:
        reader.found.append(f"{where} prints a share on a base of {cell.base} (under 10)")
    if cell.numerator is not None and 1 <= cell.numerator <= 5:
        reader.found.append(f"{where} prints a share of a count of {cell.numerator}")


_PERIODS = re.compile(r"\bQ\d\b|\b\d{4}(?:-\d{2})?\b|mid-\d{4}")
_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?%?")  # "761," in a sentence is 761


def check_sentences(reader: Reader, section: str, printed: dict) -> None:
    """A sentence may print only what its section's published figures print."""
    names = [f["value"]["value"] for f in printed["figures"] if f["value"]["kind"] == "name"]
    shown = {
        display(_cell(f["value"]))
        for f in printed["figures"]
        if f["value"]["value"] != SUPPRESSED and f["value"]["kind"] not in ("name", "period")
    }
    for paragraph in printed["paragraphs"]:
        words = paragraph.replace(SMALL_IN_WORDS, " ")
        for name in sorted(names, key=len, reverse=True):
            words = words.replace(name, " ")
        for number in _NUMBER.findall(_PERIODS.sub(" ", words)):
            if number not in shown:
                reader.found.append(
                    f"a sentence of {section} prints {number}, which none of its published "
                    f"figures holds: {paragraph!r}"
                )


def _printed(data: dict):
    """A value as the published data holds it: a decimal or a float is tagged as such."""
    return decode_value(data["kind"], data["value"])


def _cell(data: dict) -> Cell:
    return Cell(value=_printed(data), kind=data["kind"])


# The public case-review page


PAGE = "the public case-review page"


class _Tables(HTMLParser):
    """The rows of each table on a page, as text."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read_case_review_page(
    reader: Reader, html: str, exact: dict[str, dict[str, int]], *, report_year: str
) -> None:
    """The page's referrals by decision and year. Its column for the report's year counts
    the same referrals as the report's table; the other years are tables of their own.
    `exact` holds each year's true counts by decision label ("All referrals" the total)."""
    parser = _Tables()
    parser.feed(html)
    found = [t for t in parser.tables if t and t[0] and t[0][0] == "Decision"]
    if not found:
        assert "No referrals to count yet" in html
        return
    [decisions] = found
    years = decisions[0][1:]
    body = decisions[1:]
    for y, year in enumerate(years):

        def identity(label: str, year: str = year) -> Identity:
            if year == report_year:
                return ("case-reviews", "referrals-by-decision", label, "Referrals")
            return ("public case reviews", year, label)

        for row in body:
            label, value = row[0], row[1 + y]
            reader.reads(PAGE, identity(label), _number(value), exact[year][label])
        labels = [row[0] for row in body if row[0] != "All referrals"]
        reader.layouts.append(
            Layout(
                f"the page's column for {year}",
                [[identity(label)] for label in labels],
                column_totals=[identity("All referrals")],
            )
        )


def _number(text: str) -> object:
    return SUPPRESSED if text == SUPPRESSED else int(text.replace(",", ""))


def problems(found: Iterable[str]) -> str:
    return "\n".join(found)
