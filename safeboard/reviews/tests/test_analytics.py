from collections import Counter

from safeboard.core.periods import FinancialYear
from safeboard.reviews.analytics import decision_table, public_count


def test_counts_of_one_to_five_are_printed_as_c():
    assert [public_count(n) for n in (0, 1, 5, 6, 9)] == ["0", "c", "c", "6", "9"]


def test_the_public_table_has_every_decision_for_every_year_and_no_totals():
    years = {FinancialYear(2018): Counter(scr=0, nfa=7), FinancialYear(2017): Counter(scr=6, nfa=2)}
    table = decision_table(years, labels={"scr": "Serious case review", "nfa": "No further action"})
    assert table.years == ["2018-19", "2017-18"]
    assert table.rows == [("Serious case review", ["0", "6"]), ("No further action", ["7", "c"])]
