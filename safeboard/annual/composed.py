"""The composed report as pure data, and its round trip through JSON.

A draft is composed from the records each time; at sign-off each edition's data is
frozen as JSON, and every later output is made from that, so it cannot change.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .sections import Cell, Chart, Figure, Section, Source, Table

SectionKind = Literal["authored", "generated", "glossary"]


@dataclass(frozen=True)
class ComposedSection:
    key: str
    title: str
    kind: SectionKind
    body_html: str = ""  # authored narrative, rendered and sanitised
    section: Section | None = None  # the figures, tables and charts of a generated section


@dataclass(frozen=True)
class ComposedReport:
    partnership: str
    partnership_slug: str
    year: str  # "2017-18"
    edition: str  # "board" or "published"
    revision: int = 1
    correction_note: str = ""
    sections: list[ComposedSection] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.partnership}: annual report {self.year}"

    def figure_cells(self) -> list[tuple[str, str, Cell]]:
        """Every (section key, where, cell) of figures and tables, for checks and tests."""
        found = []
        for composed in self.sections:
            if composed.section is None:
                continue
            for figure in composed.section.figures:
                found.append((composed.key, figure.key, figure.value))
            for table in _tables(composed.section):
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row):
                        found.append((composed.key, f"{table.key}[{r}][{c}]", cell))
        return found


def _tables(section: Section) -> list[Table]:
    return [*section.tables, *(chart.table for chart in section.charts)]


def as_data(report: ComposedReport) -> dict[str, Any]:
    """The report as JSON-ready data: every section's figures, tables and charts."""
    return asdict(report)


def fingerprint(data: dict[str, Any]) -> str:
    """SHA-256 of the composed data: which data an output was made from."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def from_data(data: dict[str, Any]) -> ComposedReport:
    return ComposedReport(
        partnership=data["partnership"],
        partnership_slug=data["partnership_slug"],
        year=data["year"],
        edition=data["edition"],
        revision=data["revision"],
        correction_note=data["correction_note"],
        sections=[_composed_section(s) for s in data["sections"]],
    )


def _composed_section(data: dict) -> ComposedSection:
    section = data["section"]
    return ComposedSection(
        key=data["key"],
        title=data["title"],
        kind=data["kind"],
        body_html=data["body_html"],
        section=_section(section) if section is not None else None,
    )


def _source(data: dict | None) -> Source | None:
    return Source(**data) if data is not None else None


def _cell(data: dict) -> Cell:
    base = data["base_of"]
    return Cell(
        value=data["value"],
        kind=data["kind"],
        base_of=(base[0], base[1]) if base is not None else None,
        source=_source(data["source"]),
        # Reports frozen before figures said what they count hold none of these.
        counts=data.get("counts", ""),
        numerator=data.get("numerator"),
        base=data.get("base"),
        withheld=data.get("withheld", ""),
    )


def _figure(data: dict) -> Figure:
    same_as = data.get("same_as")
    return Figure(
        key=data["key"],
        label=data["label"],
        value=_cell(data["value"]),
        card=data.get("card", True),
        same_as=(same_as[0], same_as[1], same_as[2]) if same_as is not None else None,
    )


def _table(data: dict) -> Table:
    return Table(
        key=data["key"],
        caption=data["caption"],
        columns=list(data["columns"]),
        rows=[[_cell(c) for c in row] for row in data["rows"]],
        total_rows=tuple(data["total_rows"]),
        total_columns=tuple(data["total_columns"]),
        source=_source(data["source"]),
    )


def _section(data: dict) -> Section:
    return Section(
        key=data["key"],
        title=data["title"],
        paragraphs=list(data["paragraphs"]),
        figures=[_figure(f) for f in data["figures"]],
        tables=[_table(t) for t in data["tables"]],
        charts=[
            Chart(
                key=c["key"],
                title=c["title"],
                description=c["description"],
                spec=c["spec"],
                table=_table(c["table"]),
            )
            for c in data["charts"]
        ],
        glossary_terms=list(data["glossary_terms"]),
    )
