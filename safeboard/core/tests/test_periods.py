from datetime import date

import pytest
import time_machine

from safeboard.core.periods import (
    FinancialYear,
    PeriodError,
    Quarter,
    check_year,
    financial_year_of,
    parse_period,
    parse_start_year,
)


def test_a_financial_year_runs_from_april_to_march():
    year = FinancialYear(2017)
    assert (year.label, year.start, year.end) == ("2017-18", date(2017, 4, 1), date(2018, 3, 31))


def test_the_year_of_a_date_turns_on_1_april():
    assert financial_year_of(date(2018, 3, 31)).label == "2017-18"
    assert financial_year_of(date(2018, 4, 1)).label == "2018-19"


def test_quarters_have_their_calendar_bounds():
    q1, q2, q3, q4 = FinancialYear(2017).quarters
    assert (q1.start, q1.end) == (date(2017, 4, 1), date(2017, 6, 30))
    assert (q3.start, q3.end) == (date(2017, 10, 1), date(2017, 12, 31))
    assert (q4.start, q4.end) == (date(2018, 1, 1), date(2018, 3, 31))
    assert q2.label == "Q2 2017-18"


def test_quarters_step_across_years():
    q4 = Quarter(FinancialYear(2017), 4)
    assert q4.next().label == "Q1 2018-19"
    assert q4.next().previous() == q4


def test_labels_parse_back():
    assert parse_period("2017-18") == FinancialYear(2017)
    assert parse_period(" Q3 2017-18 ") == Quarter(FinancialYear(2017), 3)
    assert parse_period("1999-00", earliest=1999) == FinancialYear(1999)


@pytest.mark.parametrize("label", ["2017-19", "2017/18", "Q5 2017-18", "Q1 2017", "last year"])
def test_bad_labels_are_refused_with_the_reason(label):
    with pytest.raises(PeriodError, match="2017-18|quarter|financial year"):
        parse_period(label)


@time_machine.travel(date(2026, 12, 7), tick=False)
@pytest.mark.parametrize("label", ["1999-00", "Q4 1999-00", "2028-29", "Q1 2028-29"])
def test_periods_are_accepted_only_from_2000_to_next_year(label):
    with pytest.raises(PeriodError, match="give one from 2000 to 2027"):
        parse_period(label)


@time_machine.travel(date(2026, 12, 7), tick=False)
def test_the_range_runs_from_2000_to_next_year_inclusive():
    assert parse_period("2000-01") == FinancialYear(2000)
    assert parse_period("Q4 2027-28") == Quarter(FinancialYear(2027), 4)
    assert check_year(1995, earliest=1995) == 1995


@time_machine.travel(date(2026, 12, 7), tick=False)
@pytest.mark.parametrize("text", ["0", "10000", "99999999999999999999", "²⁰¹⁷", "-2017", "2017.5"])
def test_a_start_year_out_of_range_or_not_digits_is_refused(text):
    with pytest.raises(PeriodError, match=r"not a year"):
        parse_start_year(text)
