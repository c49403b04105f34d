"""Disclosure control: what a published table must hide so no small count can be read.

DfE's convention: a count from 1 to 5 is printed as "c" (primary suppression). Hiding it is
not enough when totals are printed too: a row total minus the cells shown gives it back,
and two hidden cells that must sum to 2 are both 1. So more cells are hidden (secondary
suppression) until no hidden cell can be narrowed to a single value by a reader who knows
every published figure and that each hidden count is a whole number — from `low` to `high`
if it was hidden for being small, any number of at least 0 otherwise.

A figure published for a year beside its quarters is a row total: pass the quarters as a
row and `row_totals=True`.

How: the hidden cells and published totals form a network — one node per row and per
column, an edge per hidden cell, and an edge per line total (fixed when published, free
when not). Every table the reader thinks possible is a flow through it, and the true table
is one. A hidden cell can take another value exactly when some cycle of the residual network
runs through its edge (the constraint matrix is totally unimodular, so a cycle moves by
whole numbers). That test is a breadth-first search: exact, and quick on any table a
report prints, with no solver.
"""

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

SUPPRESSED = "c"
MINIMUM_BASE = 10  # no percentage or rate on a base smaller than this

# What a count counts. Disclosure control protects the children, young people and
# families the partnership's work is about: a count of them (or a share or rate worked
# out from one) could identify a child. A count of the partnership's own work (meetings,
# actions, agencies, courses) identifies nobody and is published as it is.
PEOPLE = "people"
THINGS = "things"
COUNTED = {
    "children": PEOPLE,
    "young people": PEOPLE,
    "families": PEOPLE,
    "people": PEOPLE,
    "deaths": PEOPLE,
    "episodes": PEOPLE,
    "referrals": PEOPLE,  # referrals about children
    "cases": PEOPLE,
    "reviews": PEOPLE,  # reviews under way, each about a child
    "meetings": THINGS,
    "attendances": THINGS,
    "actions": THINGS,
    "priorities": THINGS,
    "agencies": THINGS,
    "courses": THINGS,
    "learning products": THINGS,
    "figures": THINGS,  # how many figures a trend is drawn through
    # Practitioners reached by the learning: professionals, not the children it is about.
    "practitioners": THINGS,
    # A published review is public by name: counting them discloses nothing more.
    "published reviews": THINGS,
    # Comparators' figures (England, the region, statistical neighbours) are already
    # published by DfE for a whole area.
    "published statistics": THINGS,
}


def counts_people(counted: str) -> bool:
    """Whether a figure that counts `counted` is disclosure-controlled. A word outside the
    vocabulary is refused, so no figure can go out without saying what it counts."""
    if counted not in COUNTED:
        known = ", ".join(sorted(COUNTED))
        raise ValueError(f"{counted!r} is not something a figure counts here (one of: {known}).")
    return COUNTED[counted] == PEOPLE


Table = Sequence[Sequence[int | None]]
Cell = tuple[int, int]


class DisclosureError(ValueError):
    """The published totals give a small count away whatever cells are hidden."""


def protect(
    counts: Table,
    *,
    row_totals: bool = False,
    column_totals: bool = False,
    grand_total: bool = False,
    low: int = 1,
    high: int = 5,
) -> list[list[bool]]:
    """Which interior cells to hide (True). `None` marks a cell with no figure, which is
    neither shown nor counted in any total.

    Raises DisclosureError when even hiding every cell leaves a small count exposed by the
    totals (then a total must be hidden too).
    """
    _check(counts, low, high)
    network = _Network(counts, row_totals, column_totals, grand_total, low, high)
    for cell in _cells(counts):
        if low <= _value(counts, cell) <= high:
            network.hide(cell, primary=True)
    while (pinned := network.first_pinned()) is not None:
        network.hide(_secondary_for(network, counts, pinned), primary=False)
    return [[(r, c) in network.hidden for c in range(len(row))] for r, row in enumerate(counts)]


def protect_with_totals(
    counts: Table,
    *,
    row_totals: bool = False,
    column_totals: bool = False,
    low: int = 1,
    high: int = 5,
) -> tuple[list[list[bool]], bool]:
    """Which interior cells to hide when the table's totals are printed (every row's, or
    every column's, and the grand total when both), and whether the totals must be hidden
    too: when one of them is itself small, or they would give a small count away whatever
    is hidden. Every page that prints a table with its totals decides it here, so the same
    table is published the same way wherever it appears."""
    totals = _totals(counts, row_totals, column_totals)
    if (row_totals or column_totals) and not any(low <= total <= high for total in totals):
        try:
            hidden = protect(
                counts,
                row_totals=row_totals,
                column_totals=column_totals,
                grand_total=row_totals and column_totals,
                low=low,
                high=high,
            )
        except DisclosureError:
            pass
        else:
            return hidden, False
    return protect(counts, low=low, high=high), row_totals or column_totals


def _totals(counts: Table, rows: bool, columns: bool) -> list[int]:
    found = []
    if rows:
        found += [sum(v for v in row if v is not None) for row in counts]
    if columns:
        width = max((len(row) for row in counts), default=0)
        found += [sum(row[c] or 0 for row in counts if c < len(row)) for c in range(width)]
    if rows and columns:
        found.append(sum(found[: len(counts)]))
    return found


def pinned_cells(
    counts: Table,
    hidden: Sequence[Sequence[bool]],
    *,
    row_totals: bool = False,
    column_totals: bool = False,
    grand_total: bool = False,
    low: int = 1,
    high: int = 5,
) -> list[Cell]:
    """The hidden cells a reader of the published figures could work out exactly."""
    _check(counts, low, high)
    network = _Network(counts, row_totals, column_totals, grand_total, low, high)
    for r, c in _cells(counts):
        if hidden[r][c]:
            network.hide((r, c), primary=low <= _value(counts, (r, c)) <= high)
    return [cell for cell in sorted(network.hidden) if network.is_pinned(cell)]


def publish(counts: Table, hidden: Sequence[Sequence[bool]]) -> list[list[int | str | None]]:
    """The table as printed: hidden cells as "c"."""
    return [
        [SUPPRESSED if hidden[r][c] else value for c, value in enumerate(row)]
        for r, row in enumerate(counts)
    ]


def may_show_share(*, count_suppressed: bool, base: int | None, base_suppressed: bool = False):
    """Whether a percentage or rate of a count may be published: never of a suppressed count
    or on a suppressed base (it would give the count back), never on a base under 10."""
    if count_suppressed or base_suppressed or base is None:
        return False
    return base >= MINIMUM_BASE


def _check(counts: Table, low: int, high: int) -> None:
    if low < 0 or high < low:
        raise ValueError(f"Small counts run from {low} to {high}, which is no range.")
    for row in counts:
        for value in row:
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ValueError(f"{value!r} is not a count.")


def _cells(counts: Table) -> Iterator[Cell]:
    for r, row in enumerate(counts):
        for c, value in enumerate(row):
            if value is not None:
                yield (r, c)


def _value(counts: Table, cell: Cell) -> int:
    value = counts[cell[0]][cell[1]]
    assert value is not None
    return value


def _secondary_for(network: "_Network", counts: Table, pinned: Cell) -> Cell:
    """The next cell to hide so `pinned` is no longer exact: the smallest shown count that
    frees it on its own, else the smallest in its row or column (to build a cycle)."""
    shown = sorted(
        (cell for cell in _cells(counts) if cell not in network.hidden),
        key=lambda cell: (_value(counts, cell), cell),
    )
    if not shown:
        raise DisclosureError(
            f"The totals give away the count in row {pinned[0] + 1}, column {pinned[1] + 1} "
            "even with every cell hidden: hide a total too."
        )
    for cell in shown:
        if network.would_free(pinned, cell):
            return cell
    in_line = [cell for cell in shown if cell[0] == pinned[0] or cell[1] == pinned[1]]
    return (in_line or shown)[0]


@dataclass(frozen=True)
class _Edge:
    tail: str
    head: str
    flow: int
    lower: int
    upper: float  # math.inf when unbounded


class _Network:
    """The reader's knowledge as a flow network through the hidden cells."""

    def __init__(self, counts, row_totals, column_totals, grand_total, low, high):
        self.counts = counts
        self.fixed_rows = row_totals
        self.fixed_columns = column_totals
        self.fixed_total = grand_total
        self.low, self.high = low, high
        self.hidden: dict[Cell, bool] = {}  # cell -> hidden for being small (primary)

    def hide(self, cell: Cell, *, primary: bool) -> None:
        self.hidden[cell] = primary

    def first_pinned(self) -> Cell | None:
        return next((cell for cell in sorted(self.hidden) if self.is_pinned(cell)), None)

    def would_free(self, pinned: Cell, candidate: Cell) -> bool:
        self.hidden[candidate] = False
        try:
            return not self.is_pinned(pinned)
        finally:
            del self.hidden[candidate]

    def is_pinned(self, cell: Cell) -> bool:
        edges = self._edges()
        own = edges[self._cell_edge_key(cell)]
        others = [edge for key, edge in edges.items() if key != self._cell_edge_key(cell)]
        can_rise = own.flow < own.upper and _path(others, own.head, own.tail)
        can_fall = own.flow > own.lower and _path(others, own.tail, own.head)
        return not (can_rise or can_fall)

    @staticmethod
    def _cell_edge_key(cell: Cell) -> str:
        return f"cell {cell[0]} {cell[1]}"

    def _edges(self) -> dict[str, _Edge]:
        inf = float("inf")
        edges: dict[str, _Edge] = {}
        row_flow: dict[int, int] = {}
        column_flow: dict[int, int] = {}
        for (r, c), primary in self.hidden.items():
            value = _value(self.counts, (r, c))
            lower, upper = (self.low, self.high) if primary else (0, inf)
            edges[self._cell_edge_key((r, c))] = _Edge(f"r{r}", f"c{c}", value, lower, upper)
            row_flow[r] = row_flow.get(r, 0) + value
            column_flow[c] = column_flow.get(c, 0) + value
        for r, flow in row_flow.items():
            edges[f"row {r}"] = _line("s", f"r{r}", flow, fixed=self.fixed_rows)
        for c, flow in column_flow.items():
            edges[f"column {c}"] = _line(f"c{c}", "t", flow, fixed=self.fixed_columns)
        total = sum(row_flow.values())
        edges["total"] = _line("t", "s", total, fixed=self.fixed_total)
        return edges


def _line(tail: str, head: str, flow: int, *, fixed: bool) -> _Edge:
    return _Edge(tail, head, flow, flow if fixed else 0, flow if fixed else float("inf"))


def _path(edges: list[_Edge], start: str, goal: str) -> bool:
    """Is there a path from start to goal in the residual network of these edges?"""
    residual: dict[str, list[str]] = {}
    for edge in edges:
        if edge.flow < edge.upper:
            residual.setdefault(edge.tail, []).append(edge.head)
        if edge.flow > edge.lower:
            residual.setdefault(edge.head, []).append(edge.tail)
    seen, queue = {start}, deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for following in residual.get(node, ()):
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return False
