"""Figures with their provenance, and the annual report's section registry.

`Source`, `Cell`, `Table`, `Chart`, `Figure` and `Section` are the whole system's
vocabulary for a figure and where it came from: the report's sections and the modules' own
pages (performance's indicators) speak it, as they speak `core.disclosure` and `core.charts`.

Each module's `report.py` registers a builder that returns its section for a partnership
and a financial year: figures, tables, chart specifications and generated sentences, each
carrying its source. The composer orders them, adds the authored narrative, and renders
HTML, PDF and DOCX; the published version passes every count through `core.disclosure`.

    @register("attendance", "Quality of meeting attendance", order=1100)
    def attendance(partnership, year) -> Section | None: ...

Default order, following the seed report (authored sections are the composer's):
    100 foreword (authored)          600 case reviews and learning
    200 local context                650 child deaths
    300 business plan progress       675 missing, exploited and trafficked
    400 Section 11 and audits        700 learning and development
    500 key performance indicators   800 engagement and communications
    900 next steps (authored)        1000 finance    1100 attendance
    1200 membership                  1300 glossary   1400 functions of each body
A builder returns None when it has nothing for that year; the section is then left out.

What the composer (`annual.compose`) and the published version (`annual.publish`) rely on:
- Every count says what it counts (`Cell.counts`, a word of `core.disclosure.COUNTED`), and
  so does every rate and percentage (what its count counts). Only counts of people, and
  the shares and rates worked out from them, are disclosure-controlled; the composer
  refuses a section with a count, rate or percentage that does not say.
- A sentence is a template: it names a figure of its section as `{figure:<key>}` and
  holds no digit of its own, so it prints the same value as the figure, and in the
  published version the same protected value (a count withheld for being small reads
  "fewer than 6"). Words in `[[` and `]]` are left out when a figure they name is
  withheld. A figure that only a sentence names has `card=False`; periods ("2017-18",
  "Q1") are figures of kind "period", and names of agencies of kind "name". The composer
  refuses a sentence with a digit.
- A figure that repeats a table's cell names it in `same_as` (table key, row, column), so
  the card prints what the table prints.
- A table's count cells are protected together when a whole column holds counts; give at
  most one total row and one total column (`total_rows`, `total_columns`). A percentage
  or rate names its count in `base_of`, or gives it as `numerator`, and the number it is
  a share of as `base`: it is withheld with its count, and on a base under 10.
  Percentages are held as percentages (35 is 35%), money in pounds, dates as dates or ISO
  strings.
- A section's `figures` count as one column: a figure's `base_of` is (i, 0), the i-th.
- A chart whose table loses a value to disclosure control is published as its table alone.
- The key "glossary" is the composer's: it lists the partnership's glossary terms that
  the other sections name in `glossary_terms` or use in their words.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from safeboard.core.disclosure import counts_people
from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear


@dataclass(frozen=True)
class Source:
    """Where a figure came from: a record's or an indicator's page, or a plain description."""

    label: str
    url: str = ""


# "period" is a year or quarter's label, "name" an agency's, body's or priority's: each
# may hold digits, and a sentence prints it as it is.
CellKind = Literal["text", "count", "rate", "percent", "money", "date", "period", "name"]
COUNTED_KINDS = ("count", "rate", "percent")  # the kinds that say what they count
Withheld = Literal["", "small", "secondary", "base", "unknown base"]


@dataclass(frozen=True)
class Cell:
    """One value. A count says what it counts (`counts`); counts of people (children,
    episodes, referrals...) are what disclosure control protects. A rate or percentage
    names the count it was computed from in `base_of` (or gives it as `numerator`) and
    the number it is a share of as `base`."""

    value: Any
    kind: CellKind = "text"
    base_of: tuple[int, int] | None = None  # (row, column) of the count it derives from
    source: Source | None = None
    counts: str = ""  # what the count (or the share's count) counts: see core.disclosure
    numerator: float | None = None
    base: float | None = None
    withheld: Withheld = ""  # why the published version withholds the value


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    # Rows and columns that are totals of the others, so disclosure control can tell
    # which suppressed cells a reader could work back.
    total_rows: tuple[int, ...] = ()
    total_columns: tuple[int, ...] = ()
    source: Source | None = None


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str  # the text alternative: what the chart shows, in words
    spec: dict  # a Vega-Lite specification
    table: Table  # the same figures, for screen readers and print


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: Cell
    card: bool = True  # shown as a headline figure; False when only a sentence names it
    same_as: tuple[str, int, int] | None = None  # (table key, row, column) it repeats


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)  # generated sentences
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    glossary_terms: list[str] = field(default_factory=list)  # terms this section uses


def named(key: str) -> str:
    """A sentence's placeholder for the figure `key`."""
    return "{figure:" + key + "}"


def require_described(section: Section) -> None:
    """Refuse a section with a count, rate or percentage that does not say what it counts,
    naming where it is: without it the published version cannot tell what to protect."""
    placed = [(f"figure {f.key!r}", f.value) for f in section.figures]
    for table in [*section.tables, *(chart.table for chart in section.charts)]:
        placed += [
            (f"table {table.key!r} row {r + 1}, column {table.columns[c]!r}", cell)
            for r, row in enumerate(table.rows)
            for c, cell in enumerate(row)
        ]
    for where, cell in placed:
        if cell.kind in COUNTED_KINDS:
            try:
                counts_people(cell.counts)
            except ValueError as error:
                raise ValueError(f"Section {section.key!r}, {where}: {error}") from None


SectionBuilder = Callable[[Partnership, FinancialYear], Section | None]


@dataclass(frozen=True)
class RegisteredSection:
    key: str
    title: str
    order: int
    build: SectionBuilder


REGISTRY: dict[str, RegisteredSection] = {}


def register(key: str, title: str, *, order: int) -> Callable[[SectionBuilder], SectionBuilder]:
    """Register a module's section builder. `order` sets the default place (the seed's)."""

    def add(build: SectionBuilder) -> SectionBuilder:
        if key in REGISTRY and REGISTRY[key].build is not build:
            raise ValueError(f"Two modules register the annual report section {key!r}.")
        REGISTRY[key] = RegisteredSection(key=key, title=title, order=order, build=build)
        return build

    return add


def registered() -> list[RegisteredSection]:
    """Every registered section, in its default order."""
    return sorted(REGISTRY.values(), key=lambda s: (s.order, s.key))
