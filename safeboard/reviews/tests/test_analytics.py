import itertools
import random
from collections import Counter

from safeboard.core.disclosure import SUPPRESSED, pinned_cells
from safeboard.core.periods import FinancialYear
from safeboard.reviews.analytics import decision_table

LABELS = {"scr": "Serious case review", "nfa": "No further action", "undecided": "Awaiting"}


def table_of(columns: list[list[int]]):
    years = {
        FinancialYear(2018 - n): Counter(dict(zip(LABELS, column, strict=True)))
        for n, column in enumerate(columns)
    }
    return decision_table(years, labels=LABELS)


def test_the_public_table_has_every_decision_for_every_year_with_its_total():
    table = table_of([[0, 7, 9], [6, 8, 0]])
    assert table.years == ["2018-19", "2017-18"]
    assert table.rows == [
        ("Serious case review", [0, 6]),
        ("No further action", [7, 8]),
        ("Awaiting", [9, 0]),
    ]
    assert table.totals == [16, 14]


def test_a_small_count_is_hidden_and_so_is_another_that_would_give_it_back():
    table = table_of([[6, 2, 9], [6, 8, 0]])
    assert table.totals == [17, 14]
    first_year = [row[1][0] for row in table.rows]
    assert first_year.count(SUPPRESSED) == 2  # the 2, and one more so 17 - shown is no help


def test_a_small_total_is_withheld_with_its_counts_and_the_other_years_keep_theirs():
    table = table_of([[3, 0, 0], [6, 8, 0]])
    assert table.totals == [SUPPRESSED, 14]
    assert [row[1][0] for row in table.rows] == [SUPPRESSED, 0, 0]
    assert [row[1][1] for row in table.rows] == [6, 8, 0]


def published_counts(table):
    """The printed table back as counts and hidden marks, for `pinned_cells`."""
    return [[value == SUPPRESSED for value in row[1]] for row in table.rows]


def tables_to_try():
    yield from (
        [list(first), list(second)]
        for first in itertools.product((0, 1, 2, 6), repeat=3)
        for second in itertools.product((0, 3, 7), repeat=3)
    )
    chance = random.Random(8)
    for _ in range(200):
        yield [[chance.choice((0, 1, 2, 4, 5, 6, 9, 14)) for _ in LABELS] for _ in range(3)]


def test_no_published_count_can_be_worked_back():
    for columns in tables_to_try():
        _check_published(columns)


def _check_published(columns):
    table = table_of(columns)
    counts = [[column[row] for column in columns] for row in range(len(LABELS))]
    hidden = published_counts(table)
    for year, total in enumerate(table.totals):
        column = [[row[year]] for row in counts]
        column_hidden = [[row[year]] for row in hidden]
        assert pinned_cells(column, column_hidden, column_totals=total != SUPPRESSED) == [], columns
    shown = [v for row in table.rows for v in row[1] if v != SUPPRESSED]
    shown_totals = [v for v in table.totals if v != SUPPRESSED]
    assert not any(1 <= value <= 5 for value in [*shown, *shown_totals])
    for row, expected in zip(table.rows, counts, strict=True):
        assert all(v in (SUPPRESSED, e) for v, e in zip(row[1], expected, strict=True))
