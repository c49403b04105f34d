"""How a figure reads in the report, in every format alike."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from safeboard.core.sections import Cell, Figure, Section

from .publish import HIGH

SUPPRESSED_TEXT = "c"  # DfE's mark for a suppressed small count
NOT_AVAILABLE = "–"
SMALL_IN_WORDS = f"fewer than {HIGH + 1}"
WITHHELD_IN_WORDS = "not published"
_FIGURE = re.compile(r"\{figure:([\w-]+)\}")
_LEFT_OUT_WHEN_WITHHELD = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_DIGIT = re.compile(r"\d")


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
    if cell.kind in ("period", "name"):
        return str(value)
    if cell.kind == "date":
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return f"{day.day} {day:%B %Y}"
    return str(value)


def is_numeric(cell: Cell) -> bool:
    return cell.kind in ("count", "rate", "percent", "money")


def fill_figures(section: Section) -> Section:
    """Write each sentence from its template, so a sentence carries the same (in the
    published version, the same protected) value as the figure it names: `{figure:key}`
    in words, and the words in `[[ ]]` left out when a figure they name is withheld (other
    than a small count, which reads "fewer than 6")."""
    figures = {figure.key: figure for figure in section.figures}

    def figure_of(key: str) -> Figure:
        if key not in figures:
            raise ValueError(f"Section {section.key!r} names no figure {key!r}.")
        return figures[key]

    def clause(match: re.Match) -> str:
        named = [figure_of(key) for key in _FIGURE.findall(match[1])]
        return "" if any(_left_out(figure) for figure in named) else match[1]

    def fill(template: str) -> str:
        _require_no_number(section, template)
        kept = _LEFT_OUT_WHEN_WITHHELD.sub(clause, template)
        return _FIGURE.sub(lambda m: in_words(section, figure_of(m[1])), kept)

    return replace(section, paragraphs=[fill(p) for p in section.paragraphs])


def _left_out(figure: Figure) -> bool:
    """A withheld figure is left out of its words, unless it reads "fewer than 6"."""
    return bool(figure.value.withheld) and not _reads_small(figure.value)


def _reads_small(cell: Cell) -> bool:
    return cell.withheld == "small" and cell.kind == "count"


def in_words(section: Section, figure: Figure) -> str:
    """A figure as a sentence prints it: a count withheld for being small reads "fewer than
    6"; text may not carry a number into a sentence (it would escape protection)."""
    cell = figure.value
    if _reads_small(cell):
        return SMALL_IN_WORDS
    if cell.withheld:
        return WITHHELD_IN_WORDS
    if cell.kind == "text" and _DIGIT.search(str(cell.value)):
        raise ValueError(
            f"Section {section.key!r}: the sentence names text figure {figure.key!r}, which "
            f"holds a number ({cell.value!r}); give it a kind that says what it is."
        )
    return display(cell)


def _require_no_number(section: Section, template: str) -> None:
    if _DIGIT.search(_FIGURE.sub("", template)):
        raise ValueError(
            f"Section {section.key!r}: a sentence holds a number of its own, which "
            f"disclosure control cannot see; name a figure instead: {template!r}"
        )
