"""How a figure reads in the report, in every format alike."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from .sections import Cell, Section

SUPPRESSED_TEXT = "c"  # DfE's mark for a suppressed small count
NOT_AVAILABLE = "–"
_FIGURE = re.compile(r"\{figure:([\w-]+)\}")


def _number(value, places: int = 1) -> str:
    if isinstance(value, int) or (isinstance(value, float | Decimal) and value == int(value)):
        return f"{int(value):,}"
    return f"{float(value):,.{places}f}"


def display(cell: Cell) -> str:
    """A cell's value as printed. Percentages are held as percentages (35 is 35%)."""
    value = cell.value
    if value is None or value == "":
        return NOT_AVAILABLE if cell.kind != "text" else ""
    if value == SUPPRESSED_TEXT and cell.kind != "text":
        return SUPPRESSED_TEXT
    if cell.kind in ("count", "rate"):
        return _number(value)
    if cell.kind == "percent":
        return f"{_number(value)}%"
    if cell.kind == "money":
        return f"£{_number(value, places=2)}"
    if cell.kind == "date":
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return f"{day.day} {day:%B %Y}"
    return str(value)


def is_numeric(cell: Cell) -> bool:
    return cell.kind in ("count", "rate", "percent", "money")


def fill_figures(section: Section) -> Section:
    """Put each `{figure:key}` of the section's sentences in words, so a sentence carries
    the same (in the published version, the same protected) value as the figure."""
    values = {figure.key: display(figure.value) for figure in section.figures}

    def value_of(match: re.Match) -> str:
        if match[1] not in values:
            raise ValueError(f"Section {section.key!r} names no figure {match[1]!r}.")
        return values[match[1]]

    def fill(paragraph: str) -> str:
        return _FIGURE.sub(value_of, paragraph)

    return replace(section, paragraphs=[fill(p) for p in section.paragraphs])
