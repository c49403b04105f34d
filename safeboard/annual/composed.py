"""The composed report as pure data, and its round trip through JSON.

A draft is composed from the records each time; at sign-off each edition's data is
frozen as JSON, and every later output is made from that, so it cannot change. The frozen
data must give back exactly what the sections held, so a value JSON has no type for
(a date, a decimal, a float that PostgreSQL's jsonb would rewrite as an integer) is written
as a tagged string, and each kind of cell accepts only the values that kind may hold.
"""

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from safeboard.core.disclosure import SUPPRESSED
from safeboard.core.sections import Cell, CellKind, Chart, Figure, Section, Source, Table

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


class SnapshotError(ValueError):
    """A section holds a value its cell's kind cannot hold, or frozen data is not ours."""


_NUMBERS = (int, float, Decimal)
KIND_HOLDS: dict[CellKind, tuple[type, ...]] = {
    "text": (str,),
    "count": _NUMBERS,  # whole numbers, though an indicator's observations hold 29 as 29.0
    "rate": _NUMBERS,
    "percent": _NUMBERS,
    "money": _NUMBERS,
    "date": (date, str),
    "period": (str,),  # "2017-18", "Q4 2017-18": a period a sentence names
    "name": (str,),  # a unit or a decision's name a sentence names
}  # and, for every kind, None (no figure) and the suppressed mark


def as_data(report: ComposedReport) -> dict[str, Any]:
    """The report as JSON-ready data: every section's figures, tables and charts."""
    data = asdict(report)
    for composed, section in zip(report.sections, data["sections"], strict=True):
        if composed.section is not None:
            _encode_section(composed.section, section["section"])
    return data


def _encode_section(section: Section, data: dict) -> None:
    for figure, figure_data in zip(section.figures, data["figures"], strict=True):
        where = f"section {section.key!r}, figure {figure.key!r}"
        _encode_cell(figure.value, figure_data["value"], where)
    tables = [*zip(section.tables, data["tables"], strict=True)]
    tables += [(c.table, d["table"]) for c, d in zip(section.charts, data["charts"], strict=True)]
    for table, table_data in tables:
        for r, (row, row_data) in enumerate(zip(table.rows, table_data["rows"], strict=True)):
            for c, (cell, cell_data) in enumerate(zip(row, row_data, strict=True)):
                where = f"section {section.key!r}, table {table.key!r}, row {r + 1}, column {c + 1}"
                _encode_cell(cell, cell_data, where)


def _encode_cell(cell: Cell, data: dict, where: str) -> None:
    data["value"] = encode_value(cell, where)
    # The count and base a share is of are numbers of any type too.
    data["numerator"] = _encode_number(cell.numerator)
    data["base"] = _encode_number(cell.base)


def _encode_number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, float):
        return {"float": repr(value)}
    return value


def _decode_number(data: Any) -> Any:
    if isinstance(data, dict) and len(data) == 1:
        [(tag, text)] = data.items()
        if tag == "decimal" and isinstance(text, str):
            return Decimal(text)
        if tag == "float" and isinstance(text, str):
            return float(text)
    if data is None or isinstance(data, int):
        return data
    raise SnapshotError(f"a frozen cell: the frozen number {data!r} is not one Safeboard wrote.")


def encode_value(cell: Cell, where: str) -> Any:
    """A cell's value as JSON, checked against its kind."""
    value = cell.value
    _check_kind(cell.kind, value, where)
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def decode_value(kind: CellKind, data: Any, where: str = "a frozen cell") -> Any:
    """The value `encode_value` wrote, of the type it had."""
    value = data
    if isinstance(data, dict):
        readers: dict[str, Callable[[str], Any]] = {
            "decimal": Decimal,
            "float": float,
            "date": date.fromisoformat,
        }
        [(tag, text)] = data.items() if len(data) == 1 else [("", None)]
        if tag not in readers or not isinstance(text, str):
            raise SnapshotError(f"{where}: the frozen value {data!r} is not one Safeboard wrote.")
        value = readers[tag](text)
    _check_kind(kind, value, where)
    return value


def _check_kind(kind: CellKind, value: Any, where: str) -> None:
    if value is None or value == SUPPRESSED:
        return
    if kind not in KIND_HOLDS:
        raise SnapshotError(f"{where}: {kind!r} is not a kind of cell.")
    if not _holds(kind, value):
        raise SnapshotError(
            f"{where}: a {kind} cell cannot hold {value!r} ({type(value).__name__})."
        )


def _holds(kind: CellKind, value: Any) -> bool:
    if isinstance(value, bool | datetime) or not isinstance(value, KIND_HOLDS[kind]):
        return False  # a bool is an int and a datetime a date, but neither is such a figure
    if isinstance(value, Decimal | float):
        finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        return finite and (kind != "count" or value == int(value))
    if kind == "date" and isinstance(value, str):
        return _is_iso_date(value)
    return True


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


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
        value=decode_value(data["kind"], data["value"]),
        kind=data["kind"],
        base_of=(base[0], base[1]) if base is not None else None,
        source=_source(data["source"]),
        # Reports frozen before figures said what they count hold none of these.
        counts=data.get("counts", ""),
        numerator=_decode_number(data.get("numerator")),
        base=_decode_number(data.get("base")),
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
