"""The composed report made ready to print: values in words, sources as numbered notes,
charts drawn. HTML, PDF and DOCX are all made from this one presentation."""

from dataclasses import dataclass, field
from typing import Any

from safeboard.core.charts import to_svg
from safeboard.core.sections import Cell, Chart, Source, Table

from .composed import ComposedReport, ComposedSection
from .formatting import display, is_numeric


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


# Why the published version withholds a figure: one footnote per reason, marked only on
# the figures withheld.
WITHHELD_REASONS = {
    "small": "Withheld: a count from 1 to 5, so that no child can be identified.",
    "secondary": (
        "Withheld: a count from 1 to 5, or a count withheld with it so that it cannot be "
        "worked out from the totals."
    ),
    "base": "Withheld: a percentage or rate of fewer than 10 is not published.",
    "unknown base": (
        "Withheld: the number this percentage or rate is of is not recorded, so it cannot be "
        "shown to be 10 or more."
    ),
}


def _cell(cell: Cell, notes: Notes, *, sourced: Source | None = None) -> dict:
    """A cell's marks: its source when the table's caption does not already give it, and
    why it is withheld when it is."""
    withheld = Source(WITHHELD_REASONS[cell.withheld]) if cell.withheld else None
    return {
        "text": display(cell),
        "numeric": is_numeric(cell),
        "note": notes.number(cell.source) if cell.source != sourced else None,
        "withheld_note": notes.number(withheld),
    }


def _table(table: Table, notes: Notes) -> dict:
    note = notes.number(table.source)
    return {
        "key": table.key,
        "caption": table.caption,
        "columns": table.columns,
        "rows": [[_cell(c, notes, sourced=table.source) for c in row] for row in table.rows],
        "note": note,
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
        shown["figures"] = [
            {"label": f.label, **_cell(f.value, notes)} for f in section.figures if f.card
        ]
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
