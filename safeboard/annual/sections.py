"""The annual report's sections, as data.

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
- A sentence names a figure of its section as `{figure:<key>}` rather than printing the
  number, so the published version prints the protected value ("c") there too. A number
  typed into a sentence escapes disclosure control.
- A table's count cells are protected together when a whole column holds counts; give at
  most one total row and one total column (`total_rows`, `total_columns`). A percentage
  or rate names its count in `base_of` and is suppressed with it. Percentages are held as
  percentages (35 is 35%), money in pounds, dates as dates or ISO strings.
- A section's `figures` count as one column: a figure's `base_of` is (i, 0), the i-th.
- A chart whose table loses a value to disclosure control is published as its table alone.
- The key "glossary" is the composer's: it lists the partnership's glossary terms that
  the other sections name in `glossary_terms` or use in their words.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear


@dataclass(frozen=True)
class Source:
    """Where a figure came from: a record's or an indicator's page, or a plain description."""

    label: str
    url: str = ""


CellKind = Literal["text", "count", "rate", "percent", "money", "date"]


@dataclass(frozen=True)
class Cell:
    """One value. Counts (of children, episodes, referrals...) are what disclosure control
    protects; a rate or percentage names the count it was computed from in `base_of`."""

    value: Any
    kind: CellKind = "text"
    base_of: tuple[int, int] | None = None  # (row, column) of the count it derives from
    source: Source | None = None


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


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)  # generated sentences
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    glossary_terms: list[str] = field(default_factory=list)  # terms this section uses


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
