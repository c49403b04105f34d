"""The published version: the board's composition with every small count of people
protected, decided once per figure.

Only counts of people (see `core.disclosure.COUNTED`) are controlled: counts of 1 to 5
print as "c"; so does any count a reader could work back from a total (secondary
suppression, decided by `core.disclosure.protect`). Each table's interior counts of people
go to `protect`, which is told which totals the table prints. A total that is itself small,
or totals that would give a small count away whatever is hidden, are hidden too, and
`protect` is told they are not printed. A rate or percentage of people is withheld with its
count, and on a base under 10 or one not recorded (`core.disclosure.may_show_share`). Each
withheld cell says why (`Cell.withheld`), for its footnote; the counts and bases a share was
worked out from are not published with it. A figure that repeats a table's cell takes the
table's decision, and sentences are filled from the protected figures afterwards, so no
rendering of a figure can print what another hides.
"""

from dataclasses import replace

from safeboard.core.disclosure import (
    SUPPRESSED,
    counts_people,
    may_show_share,
    protect_with_totals,
)
from safeboard.core.sections import Cell, Chart, Figure, Table, Withheld

from .composed import ComposedReport, ComposedSection

LOW, HIGH = 1, 5
WITHHELD_DRAWING = (
    "The chart is not drawn because some of its figures are withheld; "
    "the table gives what can be published."
)


def publish(report: ComposedReport) -> ComposedReport:
    return replace(report, edition="published", sections=[_section(s) for s in report.sections])


def _section(composed: ComposedSection) -> ComposedSection:
    section = composed.section
    if section is None:
        return composed
    tables = [protect_table(t) for t in section.tables]
    charts = [_chart(c) for c in section.charts]
    decided = {t.key: t for t in [*tables, *(c.table for c in charts)]}
    return replace(
        composed,
        section=replace(
            section, figures=_figures(section.figures, decided), tables=tables, charts=charts
        ),
    )


def _figures(figures: list[Figure], tables: dict[str, Table]) -> list[Figure]:
    """A section's standalone figures are one column: a figure's `base_of` is (i, 0),
    the i-th figure. Each count stands alone, so only its own size can hide it; a figure
    that repeats a table's cell prints what the table prints."""
    column = protect_table(
        Table(key="figures", caption="", columns=["value"], rows=[[f.value] for f in figures])
    )
    return [
        replace(f, value=_repeated(f, tables) if f.same_as else row[0])
        for f, row in zip(figures, column.rows, strict=True)
    ]


def _repeated(figure: Figure, tables: dict[str, Table]) -> Cell:
    assert figure.same_as is not None
    key, r, c = figure.same_as
    if key not in tables:
        raise ValueError(f"Figure {figure.key!r} repeats table {key!r}, not in its section.")
    return tables[key].rows[r][c]


def _chart(chart: Chart) -> Chart:
    """A chart drawn from withheld figures would show them, and so would its text
    alternative: it is published as its (protected) table alone."""
    table = protect_table(chart.table)
    if not any(cell.withheld for row in table.rows for cell in row):
        return replace(chart, table=table)
    return replace(chart, spec={}, description=WITHHELD_DRAWING, table=table)


def protect_table(table: Table) -> Table:
    hidden = _hidden_counts(table)
    reason = _reason_for_counts(table, hidden)
    rows = [
        [_counted(cell, reason) if hidden[r][c] else cell for c, cell in enumerate(row)]
        for r, row in enumerate(table.rows)
    ]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.kind in ("rate", "percent"):
                rows[r][c] = _share(cell, _reason_at(rows, cell.base_of))
    return replace(table, rows=[[_published(cell) for cell in row] for row in rows])


def _reason_for_counts(table: Table, hidden: list[list[bool]]) -> Withheld:
    """Why the table's counts are withheld. Which were small and which were withheld with
    them is never told apart: a reader who knew would know the others are 0 or over 5,
    which can give a small one away."""
    cells = [
        cell
        for row, hides in zip(table.rows, hidden, strict=True)
        for cell, hide in zip(row, hides, strict=True)
        if hide
    ]
    return "small" if all(_small(cell) for cell in cells) else "secondary"


def _counted(cell: Cell, reason: Withheld) -> Cell:
    return replace(cell, value=SUPPRESSED, withheld=reason)


def _reason_at(rows: list[list[Cell]], at: tuple[int, int] | None) -> Withheld:
    if at is None:
        return ""
    r, c = at
    inside = 0 <= r < len(rows) and 0 <= c < len(rows[r])
    return rows[r][c].withheld if inside else ""


def _share(cell: Cell, count_withheld: Withheld) -> Cell:
    """A rate or percentage: withheld with the count it is worked out from, and, of
    people, on a small base."""
    reason: Withheld = count_withheld
    if not reason and not counts_people(cell.counts):
        return cell
    if not reason and cell.numerator is not None and LOW <= cell.numerator <= HIGH:
        reason = "small"
    if not reason and not may_show_share(count_suppressed=False, base=_whole(cell.base)):
        reason = "unknown base" if cell.base is None else "base"
    if not reason or cell.value is None:
        return cell
    return replace(cell, value=SUPPRESSED, withheld=reason)


def _whole(base: float | None) -> int | None:
    return None if base is None else int(base)


def _published(cell: Cell) -> Cell:
    """What the count and base of a share were is the board's: the public gets the share."""
    if cell.numerator is None and cell.base is None:
        return cell
    return replace(cell, numerator=None, base=None)


def _hidden_counts(table: Table) -> list[list[bool]]:
    """Which cells to print as "c", in the table's own row and column order."""
    hidden = [
        [_of_people(cell) and _small(cell) for cell in row] for row in table.rows
    ]  # a count outside a column of counts stands alone: only its own size can hide it
    columns = _count_columns(table)
    if not columns:
        return hidden
    if len(table.total_rows) > 1 or len(table.total_columns) > 1:
        raise ValueError(f"Table {table.key!r}: disclosure control takes one total row and column.")
    total_row = table.total_rows[0] if table.total_rows else None
    total_column = table.total_columns[0] if table.total_columns else None
    total_column = total_column if total_column in columns else None
    rows = [r for r in range(len(table.rows)) if r != total_row]
    interior = [c for c in columns if c != total_column]
    counts = [[_count(table.rows[r][c]) for c in interior] for r in rows]
    totals = [(r, c) for r in range(len(table.rows)) for c in columns]
    totals = [(r, c) for r, c in totals if r == total_row or c == total_column]
    decided, totals_hidden = protect_with_totals(
        counts,
        row_totals=total_column is not None,
        column_totals=total_row is not None,
        low=LOW,
        high=HIGH,
    )
    for i, r in enumerate(rows):
        for j, c in enumerate(interior):
            hidden[r][c] = decided[i][j]
    for r, c in totals:
        hidden[r][c] = hidden[r][c] or totals_hidden
    return hidden


def _small(cell: Cell) -> bool:
    return cell.value is not None and LOW <= int(cell.value) <= HIGH


def _of_people(cell: Cell) -> bool:
    return cell.kind == "count" and counts_people(cell.counts)


def _count_columns(table: Table) -> list[int]:
    """The columns of counts of people: those whose every cell is one."""
    width = len(table.columns)
    return [c for c in range(width) if table.rows and all(_of_people(r[c]) for r in table.rows)]


def _count(cell: Cell) -> int | None:
    return None if cell.value is None else int(cell.value)
