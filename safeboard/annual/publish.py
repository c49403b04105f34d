"""The published version: the board's composition with every small count protected.

Counts of 1 to 5 print as "c"; so does any count a reader could work back from a total
(secondary suppression, decided by `core.disclosure.protect`), and any rate or percentage
computed from a suppressed count. Each table's interior counts go to `protect`, which is
told which totals the table prints. A total that is itself small, or totals that would give
a small count away whatever is hidden, are hidden too, and `protect` is told they are not
printed.
"""

from dataclasses import replace

from safeboard.core.disclosure import SUPPRESSED, DisclosureError, protect

from .composed import ComposedReport, ComposedSection
from .sections import Cell, Chart, Figure, Table

LOW, HIGH = 1, 5


def publish(report: ComposedReport) -> ComposedReport:
    return replace(report, edition="published", sections=[_section(s) for s in report.sections])


def _section(composed: ComposedSection) -> ComposedSection:
    section = composed.section
    if section is None:
        return composed
    return replace(
        composed,
        section=replace(
            section,
            figures=_figures(section.figures),
            tables=[protect_table(t) for t in section.tables],
            charts=[_chart(c) for c in section.charts],
        ),
    )


def _figures(figures: list[Figure]) -> list[Figure]:
    """A section's standalone figures are one column: a figure's `base_of` is (i, 0),
    the i-th figure. Each count stands alone, so only its own size can hide it."""
    column = protect_table(
        Table(key="figures", caption="", columns=["value"], rows=[[f.value] for f in figures])
    )
    return [replace(f, value=row[0]) for f, row in zip(figures, column.rows, strict=True)]


def _chart(chart: Chart) -> Chart:
    """A chart drawn from suppressed figures would show them: it is published as its
    (protected) table alone, its drawing left out."""
    table = protect_table(chart.table)
    if table == chart.table:
        return chart
    return replace(chart, spec={}, table=table)


def protect_table(table: Table) -> Table:
    hidden = _hidden_counts(table)
    rows = [
        [_suppressed(cell) if hidden[r][c] else cell for c, cell in enumerate(row)]
        for r, row in enumerate(table.rows)
    ]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.base_of is not None and _is_hidden(hidden, cell.base_of):
                rows[r][c] = _suppressed(cell)
    return replace(table, rows=rows)


def _is_hidden(hidden: list[list[bool]], at: tuple[int, int]) -> bool:
    r, c = at
    return 0 <= r < len(hidden) and 0 <= c < len(hidden[r]) and hidden[r][c]


def _suppressed(cell: Cell) -> Cell:
    return replace(cell, value=SUPPRESSED)


def _hidden_counts(table: Table) -> list[list[bool]]:
    """Which cells to print as "c", in the table's own row and column order."""
    hidden = [
        [cell.kind == "count" and _small(cell) for cell in row] for row in table.rows
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
    decided, totals_hidden = _protect(
        counts,
        row_totals=total_column is not None,
        column_totals=total_row is not None,
        small_total=any(_small(table.rows[r][c]) for r, c in totals),
    )
    for i, r in enumerate(rows):
        for j, c in enumerate(interior):
            hidden[r][c] = decided[i][j]
    for r, c in totals:
        hidden[r][c] = hidden[r][c] or totals_hidden
    return hidden


def _protect(counts, *, row_totals: bool, column_totals: bool, small_total: bool):
    """`protect` with the table's totals printed, or, when they would give a count away,
    with every total hidden too. Returns the interior's hidden cells and whether the totals
    are hidden."""
    if (row_totals or column_totals) and not small_total:
        try:
            hidden = protect(
                counts,
                row_totals=row_totals,
                column_totals=column_totals,
                grand_total=row_totals and column_totals,
                low=LOW,
                high=HIGH,
            )
        except DisclosureError:
            pass
        else:
            return hidden, False
    return protect(counts, low=LOW, high=HIGH), row_totals or column_totals


def _small(cell: Cell) -> bool:
    return cell.value is not None and LOW <= int(cell.value) <= HIGH


def _count_columns(table: Table) -> list[int]:
    """The columns of counts: those whose every cell is a count."""
    width = len(table.columns)
    return [c for c in range(width) if table.rows and all(r[c].kind == "count" for r in table.rows)]


def _count(cell: Cell) -> int | None:
    return None if cell.value is None else int(cell.value)
