from datetime import date

from safeboard.core.workingdays import add_working_days, is_working_day, working_days_between


def test_five_working_days_skip_the_weekend():
    assert add_working_days(date(2026, 11, 27), 5) == date(2026, 12, 4)  # Friday to Friday


def test_the_friday_before_good_friday_skips_easter():
    # 2024: Good Friday 29 March, Easter Monday 1 April.
    assert add_working_days(date(2024, 3, 22), 5) == date(2024, 4, 2)


def test_christmas_and_boxing_day_and_their_substitutes():
    # 2021: Christmas and Boxing Day on a weekend; substitutes on 27 and 28 December.
    assert not is_working_day(date(2021, 12, 27))
    assert not is_working_day(date(2021, 12, 28))
    assert add_working_days(date(2021, 12, 23), 1) == date(2021, 12, 24)
    assert add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)


def test_fifteen_working_days_across_new_year():
    assert add_working_days(date(2025, 12, 19), 15) == date(2026, 1, 14)


def test_a_local_closure_day_counts_as_closed():
    assert add_working_days(date(2026, 11, 27), 1, closures=[date(2026, 11, 30)]) == date(
        2026, 12, 1
    )


def test_working_days_between_counts_after_the_start():
    assert working_days_between(date(2026, 11, 27), date(2026, 12, 4)) == 5
    assert working_days_between(date(2026, 12, 4), date(2026, 11, 27)) == -5
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 27)) == 0
