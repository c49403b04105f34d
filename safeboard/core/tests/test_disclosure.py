"""Disclosure control, checked by an attacker who knows everything that was published.

The attacker is written independently of `core.disclosure`: it enumerates every table of
whole numbers consistent with the shown cells, the published totals and each hidden cell's
bounds (from `low` to `high` if hidden for being small, any number of at least 0 if not),
and reports the hidden cells that take one value only.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeboard.core.disclosure import (
    SUPPRESSED,
    DisclosureError,
    counts_people,
    may_show_share,
    pinned_cells,
    protect,
    protect_with_totals,
    publish,
)


def attack(counts, hidden, *, rows, columns, grand, low=1, high=5):
    """The hidden cells whose value the published figures fix, found by exhaustive search."""
    cells = [
        (r, c)
        for r, row in enumerate(counts)
        for c, value in enumerate(row)
        if value is not None and hidden[r][c]
    ]
    if not cells:
        return []

    # What a published total leaves for its hidden cells: the total minus the cells shown,
    # which is what the hidden cells truly add up to.
    def line(members):
        return members, sum(counts[r][c] for r, c in members)

    lines = []  # (the hidden cells of a line with a published total, what they add up to)
    if rows:
        lines += [line([cell for cell in cells if cell[0] == r]) for r in range(len(counts))]
    if columns:
        width = max(len(row) for row in counts)
        lines += [line([cell for cell in cells if cell[1] == c]) for c in range(width)]
    if grand:
        lines.append(line(cells))
    lines = [(set(members), target) for members, target in lines if members]

    def bounds(cell):
        small = low <= counts[cell[0]][cell[1]] <= high
        lower, upper = (low, high) if small else (0, None)
        for members, target in lines:
            if cell in members:
                upper = target if upper is None else min(upper, target)
        return lower, upper

    unbounded = {cell for cell in cells if bounds(cell)[1] is None}
    searched = [cell for cell in cells if cell not in unbounded]
    domain = {cell: bounds(cell) for cell in searched}
    lines = [(members - unbounded, target) for members, target in lines]

    def feasible(fixed):
        """Is there a table of whole numbers matching everything published, with `fixed`?"""
        low_of = {cell: fixed.get(cell, domain[cell][0]) for cell in searched}
        high_of = {cell: fixed.get(cell, domain[cell][1]) for cell in searched}
        assignment = dict(fixed)

        def possible():
            for members, target in lines:
                done = sum(assignment[c] for c in members if c in assignment)
                open_low = sum(low_of[c] for c in members if c not in assignment)
                open_high = sum(high_of[c] for c in members if c not in assignment)
                if not done + open_low <= target <= done + open_high:
                    return False
            return True

        free = [cell for cell in searched if cell not in fixed]

        def search(index):
            if not possible():
                return False
            if index == len(free):
                return True
            cell = free[index]
            for value in range(low_of[cell], high_of[cell] + 1):
                assignment[cell] = value
                if search(index + 1):
                    return True
            del assignment[cell]
            return False

        return search(0)

    def exact(cell):
        truth = counts[cell[0]][cell[1]]
        lower, upper = domain[cell]
        return not any(
            feasible({cell: value}) for value in range(lower, upper + 1) if value != truth
        )

    return sorted(cell for cell in searched if exact(cell))


def tables(max_rows=4, max_columns=4):
    count = st.one_of(
        st.integers(0, 6), st.integers(0, 6), st.integers(0, 20), st.none().map(lambda _: None)
    )
    return st.integers(1, max_rows).flatmap(
        lambda r: st.integers(1, max_columns).flatmap(
            lambda c: st.lists(st.lists(count, min_size=c, max_size=c), min_size=r, max_size=r)
        )
    )


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=tables(),
    rows=st.booleans(),
    columns=st.booleans(),
    grand=st.booleans(),
)
def test_no_hidden_count_can_be_worked_back_from_what_is_published(counts, rows, columns, grand):
    flags = {"row_totals": rows, "column_totals": columns, "grand_total": grand}
    try:
        hidden = protect(counts, **flags)
    except DisclosureError:
        everything = [[value is not None for value in row] for row in counts]
        assert attack(counts, everything, rows=rows, columns=columns, grand=grand) != []
        return
    for r, row in enumerate(counts):
        for c, value in enumerate(row):
            if value is not None and 1 <= value <= 5:
                assert hidden[r][c], "every count from 1 to 5 is hidden"
            if value is None:
                assert not hidden[r][c]
    assert attack(counts, hidden, rows=rows, columns=columns, grand=grand) == []


def test_two_hidden_cells_that_must_sum_to_two_are_not_published():
    counts = [[1, 1, 40]]
    naive = [[True, True, False]]
    assert attack(counts, naive, rows=True, columns=False, grand=False) == [(0, 0), (0, 1)]
    assert pinned_cells(counts, naive, row_totals=True) == [(0, 0), (0, 1)]
    hidden = protect(counts, row_totals=True)
    assert hidden == [[True, True, True]]
    assert publish(counts, hidden) == [[SUPPRESSED, SUPPRESSED, SUPPRESSED]]


def test_a_total_minus_the_shown_cells_would_give_a_small_count_back():
    counts = [[3, 12, 20], [9, 14, 30]]
    hidden = protect(counts, row_totals=True, column_totals=True)
    assert sum(map(sum, hidden)) >= 4  # a rectangle of hidden cells at the least
    assert hidden[0][0]
    assert attack(counts, hidden, rows=True, columns=True, grand=False) == []


def test_a_year_published_beside_its_quarters_is_a_row_total():
    # The seed's police CSE flags: 5 in Q4 would be printed as "c", but the year's total
    # beside the quarters would give it back unless another quarter is hidden too.
    quarters = [[22, 14, 9, 5]]
    hidden = protect(quarters, row_totals=True)
    assert hidden[0][3] and sum(hidden[0]) == 2
    assert hidden[0][2], "the smallest other quarter is hidden with it"
    assert protect(quarters) == [[False, False, False, True]]  # no year total, no need


def test_nothing_needs_hiding_when_no_count_is_small():
    assert protect([[0, 12], [40, 7]], row_totals=True, column_totals=True, grand_total=True) == [
        [False, False],
        [False, False],
    ]


def test_a_total_that_gives_a_lone_small_count_away_is_refused():
    with pytest.raises(DisclosureError, match="hide a total too"):
        protect([[4, None]], row_totals=True)


def test_counts_are_whole_numbers_of_at_least_zero():
    with pytest.raises(ValueError, match="not a count"):
        protect([[-1, 3]])


@pytest.mark.parametrize(
    ("count_suppressed", "base", "shown"),
    [(False, 200, True), (True, 200, False), (False, 9, False), (False, 10, True)],
)
def test_a_share_is_shown_only_of_a_shown_count_on_a_base_of_ten_or_more(
    count_suppressed, base, shown
):
    assert may_show_share(count_suppressed=count_suppressed, base=base) is shown


def test_only_counts_of_people_are_controlled():
    assert counts_people("children") and counts_people("referrals") and counts_people("deaths")
    assert not counts_people("meetings") and not counts_people("actions")
    assert not counts_people("learning products")


def test_a_figure_must_count_something_the_vocabulary_knows():
    with pytest.raises(ValueError, match="'widgets' is not something a figure counts"):
        counts_people("widgets")
    with pytest.raises(ValueError, match="not something a figure counts"):
        counts_people("")


def test_a_table_printed_with_its_totals_keeps_them_when_they_give_nothing_away():
    hidden, totals_hidden = protect_with_totals([[6], [2], [1]], column_totals=True)
    assert not totals_hidden
    assert [row[0] for row in hidden] == [False, True, True]
    assert pinned_cells([[6], [2], [1]], hidden, column_totals=True) == []


def test_a_small_total_is_hidden_with_the_counts():
    hidden, totals_hidden = protect_with_totals([[3], [0]], column_totals=True)
    assert totals_hidden and hidden == [[True], [False]]


def test_totals_that_would_give_a_count_away_whatever_is_hidden_are_hidden():
    hidden, totals_hidden = protect_with_totals([[4, None]], row_totals=True)
    assert totals_hidden and hidden == [[True, False]]
