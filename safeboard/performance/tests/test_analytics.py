"""The dataset's statistics, with plain values — the seed report's own figures among them."""

from decimal import Decimal

import pytest

from safeboard.performance.analytics import (
    Basis,
    NotLikeForLike,
    annualise,
    change,
    compare,
    rag,
    rolling_twelve_months,
    share,
    share_of_year,
    trend,
    year_of_quarters,
    year_to_date,
)
from safeboard.performance.commentary import describe_year
from safeboard.performance.models import Unit
from safeboard.performance.rates import computed_value

QUARTER_RATE = Basis("flow", 3, "2017-18")
STOCK = Basis("stock", 12, "2017-18")


def sn(value, basis=QUARTER_RATE):
    return compare(
        value[0],
        value[1],
        comparator="the statistical neighbour average",
        ours_basis=basis,
        theirs_basis=basis,
    )


@pytest.mark.parametrize(
    ("ours", "theirs", "gap"),
    [
        # The seed divided by its own value (26%, 34%, 18%); the gap is against theirs.
        (69, 51, "35% higher than the statistical neighbour average of 51"),
        (104, 69, "51% higher than the statistical neighbour average of 69"),
        (66, 54, "22% higher than the statistical neighbour average of 54"),
        (161, 164, "2% lower than the statistical neighbour average of 164"),
    ],
)
def test_how_much_higher_is_measured_against_the_comparator(ours, theirs, gap):
    comparison = sn((ours, theirs))
    assert comparison.gap == gap
    assert comparison.relative == pytest.approx((ours - theirs) / theirs)


def test_the_basis_of_a_comparison_shows_the_formula_and_what_was_compared():
    basis = sn((69, 51)).basis
    assert basis.startswith("(69 − 51) ÷ 51 = 35.3%, against the statistical neighbour average")
    assert "a flow over a quarter, 2017-18" in basis


def test_a_comparator_from_another_year_is_labelled_with_its_year():
    comparison = compare(
        104,
        62,
        comparator="England",
        ours_basis=STOCK,
        theirs_basis=Basis("stock", 12, "2016-17"),
    )
    assert comparison.gap == "68% higher than England (2016-17) of 62"


def test_a_stock_is_not_compared_with_a_flow():
    with pytest.raises(NotLikeForLike, match="different things"):
        compare(66, 54, comparator="England", ours_basis=STOCK, theirs_basis=QUARTER_RATE)


def test_a_quarters_flow_is_not_compared_with_a_years_until_annualised_explicitly():
    year = Basis("flow", 12, "2017-18")
    with pytest.raises(NotLikeForLike, match="annualise one explicitly"):
        compare(69, 157, comparator="England", ours_basis=QUARTER_RATE, theirs_basis=year)
    value, basis = annualise(69, QUARTER_RATE)
    assert value == 276
    comparison = compare(value, 157, comparator="England", ours_basis=basis, theirs_basis=year)
    assert "annualised from 3 months (× 12 ÷ 3)" in comparison.basis


def test_a_stock_is_never_annualised():
    with pytest.raises(NotLikeForLike):
        annualise(66, STOCK)


def test_change_on_the_previous_quarter_in_points_and_per_cent():
    moved = change(153, 161, before_label="Q3 2017-18", after_label="Q4 2017-18")
    assert moved.points == 8
    assert moved.summary == "an increase of 8, 5.2% on Q3 2017-18"
    assert moved.basis.startswith("(161 − 153) ÷ 153 = 5.2%")


def test_change_on_the_same_period_last_year():
    # The seed's HRDA referrals: 761 in 2017-18 against 853 in the 12 months of 2016-17.
    moved = change(853, 761, before_label="2016-17", after_label="2017-18")
    assert moved.points == -92
    assert moved.summary == "a decrease of 92, 10.8% on 2016-17"  # not the seed's 12.0%


def test_no_per_cent_change_from_nothing():
    moved = change(0, 4, before_label="Q1", after_label="Q2")
    assert moved.relative is None and "no per cent" in moved.basis


def test_no_change_without_both_figures():
    assert change(None, 4, before_label="Q1", after_label="Q2") is None


def test_a_trend_needs_three_points():
    result = trend([76, 69])
    assert result.direction == "too few points"
    assert result.rule == "A trend needs at least 3 points; there are 2."


@pytest.mark.parametrize(
    ("values", "direction"),
    [
        ([76, 81, 74, 69], "falling"),
        ([51, 55, 60, 66], "rising"),
        ([106, 105, 103, 104], "stable"),
        ([0, 0, 0], "stable"),
    ],
)
def test_a_trend_follows_the_least_squares_slope(values, direction):
    assert trend(values).direction == direction


def test_the_trend_rule_is_printed_with_its_tolerance():
    result = trend([106, 105, 103, 104])
    assert result.slope == pytest.approx(-0.8)
    assert result.rule == (
        "Least-squares line through 4 points: fitted change across the window -2.40; "
        "“stable” when that is within ± 5.23 (5% of the mean)."
    )


def test_rolling_twelve_months_adds_the_last_four_quarters():
    quarters = [("Q4 2016-17", 210), ("Q1", 205), ("Q2", 202), ("Q3", 160), ("Q4", 194)]
    total = rolling_twelve_months(quarters)
    assert total.value == 761
    assert total.basis == "Rolling 12 months to Q4: the sum of Q1, Q2, Q3, Q4"
    assert rolling_twelve_months(quarters[:3]) is None
    assert rolling_twelve_months([("Q1", 1), ("Q2", None), ("Q3", 1), ("Q4", 1)]) is None


def test_year_to_date_adds_the_quarters_so_far():
    total = year_to_date([("Q1", 205), ("Q2", 202), ("Q3", None)], year_label="2017-18")
    assert total.value == 407
    assert total.basis == "2017-18 to date: the sum of Q1, Q2"


def test_a_share_states_its_base():
    repeat = share(55, 205, part_label="repeat referrals", whole_label="referrals")
    assert repeat.basis == "repeat referrals ÷ referrals: 55 ÷ 205 = 26.8%"
    # The seed printed 58.0% for the year's share with children in the household.
    assert share(442, 761, part_label="a", whole_label="b").basis.endswith("= 58.1%")
    with pytest.raises(ValueError, match="cannot exceed"):
        share(9, 4, part_label="with children", whole_label="referrals")


def test_a_rate_per_ten_thousand_children():
    assert round(computed_value(Unit.RATE_CHILDREN, Decimal(522), Decimal(50_200))) == 104


@pytest.mark.parametrize(
    ("value", "target", "polarity", "status"),
    [
        (95, 90, "higher_is_better", "green"),
        (87, 90, "higher_is_better", "amber"),
        (80, 90, "higher_is_better", "red"),
        (60, 66, "lower_is_better", "green"),
        (69, 66, "lower_is_better", "amber"),
        (80, 66, "lower_is_better", "red"),
    ],
)
def test_rag_against_the_target_and_the_direction_of_good(value, target, polarity, status):
    assert rag(value, target=target, polarity=polarity).status == status


def test_no_rag_without_a_target_or_a_direction_of_good():
    assert rag(5, target=None, polarity="lower_is_better") is None
    assert rag(5, target=4, polarity="neither") is None


def test_commentary_in_the_seeds_style_with_every_number_computed():
    year = "2017-18"
    comparisons = [
        compare(
            69,
            theirs,
            comparator=name,
            ours_basis=QUARTER_RATE,
            theirs_basis=QUARTER_RATE,
        )
        for name, theirs in [
            ("the statistical neighbour average", 51),
            ("England", 39),
            ("the South East", 40),
        ]
    ]
    commentary = describe_year(
        subject="the rate of Section 47 enquiries started",
        year_label=year,
        points=[("Q1", 76), ("Q2", 81), ("Q3", 74), ("Q4", 69)],
        unit="per 10,000",
        comparisons=comparisons,
    )
    assert commentary.text == (
        "Over 2017-18 the rate of Section 47 enquiries started fell from 76 in Q1 to 69 in "
        "Q4, with a peak of 81 in Q2; at 69 per 10,000 it is 35% higher than the statistical "
        "neighbour average of 51 and above England (39) and the South East (40)."
    )
    assert commentary.notes[0].startswith("(69 − 76) ÷ 76 = -9.2%")
    assert commentary.notes[1].startswith("(69 − 51) ÷ 51 = 35.3%")
    assert len(commentary.notes) == 4


def test_commentary_names_a_low_and_the_trend():
    commentary = describe_year(
        subject="the number of HRDA referrals",
        year_label="2017-18",
        points=[("Q1", 205), ("Q2", 202), ("Q3", 160), ("Q4", 194)],
        trend=trend([205, 202, 160, 194]),
    )
    assert commentary.text == (
        "Over 2017-18 the number of HRDA referrals fell from 205 in Q1 to 194 in Q4, with a "
        "low of 160 in Q3. Across the last 4 figures the trend is falling."
    )


def test_commentary_prints_percentages_with_their_sign():
    commentary = describe_year(
        subject="the share of HRDA referrals that were repeat referrals",
        year_label="2017-18",
        points=[("Q1", 55 / 205 * 100), ("Q4", 38 / 194 * 100)],
        percentage=True,
    )
    assert commentary.text == (
        "Over 2017-18 the share of HRDA referrals that were repeat referrals fell from 26.8% "
        "in Q1 to 19.6% in Q4."
    )


# A flow's financial year (the seed's HRDA tables)


def test_a_flows_year_is_its_four_quarters_added_up():
    total = year_of_quarters({1: 205, 2: 202, 3: 160, 4: 194}, year_label="2017-18", recorded=999)
    assert total.value == 761
    assert total.basis == "2017-18: the sum of Q1 2017-18, Q2 2017-18, Q3 2017-18, Q4 2017-18"


def test_without_all_four_quarters_the_year_is_as_recorded_or_unknown():
    assert year_of_quarters({}, year_label="2016-17", recorded=853).value == 853
    assert year_of_quarters({1: 205, 2: None}, year_label="2016-17") is None


def test_761_on_853_is_a_fall_of_10_8_per_cent_not_the_seeds_12_0():
    before = year_of_quarters({}, year_label="2016-17", recorded=853)
    after = year_of_quarters({1: 205, 2: 202, 3: 160, 4: 194}, year_label="2017-18")
    fall = change(before.value, after.value, before_label="2016-17", after_label="2017-18")
    assert round(fall.relative * 100, 1) == -10.8


def test_the_years_share_of_repeats_comes_from_the_years_totals_not_its_last_quarter():
    repeats, referrals = {1: 55, 2: 44, 3: 30, 4: 38}, {1: 205, 2: 202, 3: 160, 4: 194}
    year = share_of_year(repeats, referrals, year_label="2017-18")
    assert (year.part, year.whole, round(year.value * 100, 1)) == (167, 761, 21.9)
    assert (
        round(38 / 194 * 100, 1) == 19.6
    )  # Q4 alone, which the report no longer gives as the year


def test_a_years_share_falls_back_to_the_year_as_recorded():
    year = share_of_year({}, {}, year_label="2016-17", recorded=(154, 853))
    assert round(year.value * 100, 1) == 18.1
    assert share_of_year({1: 5}, {1: 20}, year_label="2016-17") is None
