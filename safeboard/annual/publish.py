"""The published version: the board's composition with every small count protected.

Counts of 1 to 5 print as "c"; so does any count a reader could work back from a total
(secondary suppression, decided by `core.disclosure.protect`), and any rate or percentage
computed from a suppressed count. Each table is handed to `protect` with its total row and
column moved last, as `protect` expects them.
"""

from dataclasses import replace

from .composed import ComposedReport, ComposedSection
from .sections import Cell, Chart, Figure, Table

try:
    from safeboard.core.disclosure import SUPPRESSED, protect
except ModuleNotFoundError:  # core.disclosure is written alongside (issue 6); see below
    SUPPRESSED = "c"

    def protect(  # type: ignore[misc]
        counts, *, row_totals=False, column_totals=False, grand_total=False, low=1, high=5
    ):
        """Primary suppression only, until `core.disclosure.protect` lands and replaces it:
        it hides small counts but not the cells a reader could work back from totals."""
        return [[c is not None and low <= c <= high for c in row] for row in counts]


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
    """Which cells `protect` hides, in the table's own row and column order."""
    hidden = [
        [cell.kind == "count" and protect([[_count(cell)]])[0][0] for cell in row]
        for row in table.rows
    ]  # a count outside a column of counts stands alone: only its own size can hide it
    columns = _count_columns(table)
    if not columns:
        return hidden
    if len(table.total_rows) > 1 or len(table.total_columns) > 1:
        raise ValueError(f"Table {table.key!r}: disclosure control takes one total row and column.")
    total_row = table.total_rows[0] if table.total_rows else None
    total_column = table.total_columns[0] if table.total_columns else None
    row_order = [r for r in range(len(table.rows)) if r != total_row]
    row_order += [total_row] if total_row is not None else []
    column_order = [c for c in columns if c != total_column]
    column_order += [total_column] if total_column in columns else []
    counts = [[_count(table.rows[r][c]) for c in column_order] for r in row_order]
    decided = protect(
        counts,
        row_totals=total_column in columns,
        column_totals=total_row is not None,
        grand_total=total_row is not None and total_column in columns,
    )
    for i, r in enumerate(row_order):
        for j, c in enumerate(column_order):
            hidden[r][c] = decided[i][j]
    return hidden


def _count_columns(table: Table) -> list[int]:
    """The columns of counts: those whose every cell is a count."""
    width = len(table.columns)
    return [c for c in range(width) if table.rows and all(r[c].kind == "count" for r in table.rows)]


def _count(cell: Cell) -> int | None:
    return None if cell.value is None else int(cell.value)
