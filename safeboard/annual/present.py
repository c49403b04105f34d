"""The composed report made ready to print: values in words, sources as numbered notes,
charts drawn. HTML, PDF and DOCX are all made from this one presentation."""

from dataclasses import dataclass, field
from typing import Any

from safeboard.core.charts import to_svg

from .composed import ComposedReport, ComposedSection
from .formatting import display, is_numeric
from .sections import Cell, Chart, Source, Table


@dataclass
class Notes:
    """Sources numbered in order of first use; one source, one number."""

    numbers: dict[Source, int] = field(default_factory=dict)

    def number(self, source: Source | None) -> int | None:
        if source is None:
            return None
        return self.numbers.setdefault(source, len(self.numbers) + 1)

    @property
    def listed(self) -> list[tuple[int, Source]]:
        return [(n, s) for s, n in self.numbers.items()]


def _cell(cell: Cell, notes: Notes) -> dict:
    return {"text": display(cell), "numeric": is_numeric(cell), "note": notes.number(cell.source)}


def _table(table: Table, notes: Notes) -> dict:
    return {
        "key": table.key,
        "caption": table.caption,
        "columns": table.columns,
        "rows": [[_cell(c, notes) for c in row] for row in table.rows],
        "note": notes.number(table.source),
    }


def _chart(chart: Chart, notes: Notes, draw: bool) -> dict:
    svg = ""
    if draw and chart.spec:
        svg = to_svg(chart.spec, title=chart.title, description=chart.description)
    return {
        "key": chart.key,
        "title": chart.title,
        "description": chart.description,
        "svg": svg,
        "drawn": bool(chart.spec),
        "spec": chart.spec,
        "table": _table(chart.table, notes),
    }


def _note(number: int, source: Source, key: str, public: bool) -> dict:
    """The public cannot follow a link into the partnership's own pages: it gets the label."""
    url = "" if public and source.url.startswith("/") else source.url
    return {"id": f"{key}-note-{number}", "number": number, "label": source.label, "url": url}


def _section(composed: ComposedSection, draw: bool, public: bool) -> dict:
    notes = Notes()
    shown: dict[str, Any] = {
        "key": composed.key,
        "anchor": f"section-{composed.key}",
        "title": composed.title,
        "kind": composed.kind,
        "body_html": composed.body_html,
        "paragraphs": [],
        "figures": [],
        "tables": [],
        "charts": [],
    }
    section = composed.section
    if section is not None:
        shown["paragraphs"] = section.paragraphs
        shown["figures"] = [{"label": f.label, **_cell(f.value, notes)} for f in section.figures]
        shown["tables"] = [_table(t, notes) for t in section.tables]
        shown["charts"] = [_chart(c, notes, draw) for c in section.charts]
    shown["notes"] = [_note(n, s, composed.key, public) for n, s in notes.listed]
    return shown


def present(report: ComposedReport, *, draw_charts: bool = True) -> dict:
    return {
        "title": report.title,
        "partnership": report.partnership,
        "year": report.year,
        "edition": report.edition,
        "revision": report.revision,
        "correction_note": report.correction_note,
        "sections": [
            _section(s, draw_charts, public=report.edition == "published") for s in report.sections
        ],
    }
