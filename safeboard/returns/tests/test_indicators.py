"""The indicators, on hand-built returns whose answers are worked out here."""

import io

from safeboard.returns.cin import read_cin
from safeboard.returns.indicators import Returns, compute
from safeboard.returns.ssda903 import read_903
from safeboard.returns.tables import Pseudonymiser

from .builders import (
    EPISODES_HEADER,
    MISSING_HEADER,
    S47,
    CinChild,
    Plan,
    Referral,
    cin_xml,
    csv_bytes,
)

KEY = Pseudonymiser(b"a partnership's secret, 32 bytes")


def _returns(*files) -> Returns:
    """Tables and provenance from (kind, bytes[, la, year]) files, as storage would give."""
    tables: dict = {}
    known = {}
    for kind, content, *where in files:
        if kind == "cin":
            parsed = read_cin(io.BytesIO(content), KEY)
        else:
            parsed = read_903(io.BytesIO(content), KEY, kind=kind, la=where[0], year=where[1])
        assert parsed.errors == []
        known[(kind, parsed.la, parsed.year)] = (f"{kind}-{parsed.year}", "0" * 64)
        for name, table in parsed.tables().items():
            tables.setdefault(name, []).append(table)
    import pyarrow as pa

    return Returns({n: pa.concat_tables(t) for n, t in tables.items()}, known)


def _figure(results, indicator, period, la="101"):
    [found] = [r for r in results if (r.la, r.indicator, r.period) == (la, indicator, period)]
    return found


def _rereferral_returns():
    earlier = cin_xml(
        [
            # Referred in May 2022 and again 11 months later, in April 2023: a re-referral.
            CinChild("ELEVEN", [Referral("2022-05-10", closure="2022-06-01")]),
            # Referred in March 2022 and again 13 months later: not a re-referral.
            CinChild("THIRTEEN", [Referral("2022-03-15", closure="2022-04-20")]),
        ],
        census_year=2023,
    )
    this_year = cin_xml(
        [
            CinChild("ELEVEN", [Referral("2023-04-10")]),
            CinChild("THIRTEEN", [Referral("2023-04-16")]),
            CinChild("NEW", [Referral("2023-05-02")]),
        ]
    )
    return earlier, this_year


def test_a_child_re_referred_at_11_months_counts_and_at_13_months_does_not():
    earlier, this_year = _rereferral_returns()
    results = compute(_returns(("cin", earlier), ("cin", this_year)))
    year = _figure(results, "re_referrals", "2023-24")
    assert (year.numerator, year.denominator) == (1, 3)
    assert year.note == ""
    assert _figure(results, "referrals", "Q1 2023-24").numerator == 3


def test_without_last_years_return_re_referrals_say_history_is_missing():
    _, this_year = _rereferral_returns()
    year = _figure(compute(_returns(("cin", this_year))), "re_referrals", "2023-24")
    assert (year.numerator, year.denominator) == (0, 3)
    assert "2022-23 CIN census is not loaded" in year.note


def test_a_plan_open_across_31_march_counts_at_year_end_and_one_ending_that_day_does_not():
    returns = _returns(
        (
            "cin",
            cin_xml(
                [
                    CinChild("OPEN", [Referral("2023-06-01", plans=[Plan("2023-07-01")])]),
                    CinChild(
                        "ENDS", [Referral("2023-06-01", plans=[Plan("2023-07-03", "2024-03-31")])]
                    ),
                    CinChild(
                        "EARLIER",
                        [Referral("2023-04-03", plans=[Plan("2023-04-20", "2023-06-30")])],
                    ),
                ]
            ),
        )
    )
    results = compute(returns)
    assert _figure(results, "cp_plans_at_end", "2023-24").numerator == 1
    assert _figure(results, "cp_plans_at_end", "Q1 2023-24").numerator == 0  # ended 30 June
    assert _figure(results, "cp_plans_at_end", "Q2 2023-24").numerator == 2
    assert _figure(results, "cp_plan_starts", "Q2 2023-24").numerator == 2
    assert _figure(results, "cp_plan_ends", "Q1 2023-24").numerator == 1
    assert _figure(results, "cp_plan_ends", "Q4 2023-24").numerator == 1


def test_section_47_enquiries_children_and_conferences():
    s47s = [S47("2023-04-05", conference="2023-04-19"), S47("2023-10-01")]
    returns = _returns(
        ("cin", cin_xml([CinChild("ONE", [Referral("2023-04-03", s47=s47s)])])),
    )
    results = compute(returns)
    assert _figure(results, "s47_started", "2023-24").numerator == 2
    assert _figure(results, "s47_children", "2023-24").numerator == 1
    assert _figure(results, "s47_children", "Q3 2023-24").numerator == 1
    assert _figure(results, "icpcs", "Q1 2023-24").numerator == 1
    assert _figure(results, "icpcs", "Q3 2023-24").numerator == 0


def test_an_episode_ceasing_on_31_march_is_a_cease_not_a_child_looked_after_that_day():
    episodes = csv_bytes(
        EPISODES_HEADER,
        "CEASES,01/06/2023,S,C2,N1,U1,PR1,31/03/2024,E11,,,,",
        "STAYS,01/05/2023,S,C2,N1,U1,PR1,01/09/2023,X1,,,,",
        "STAYS,01/09/2023,P,C2,N1,U3,PR1,,,,,,",
        "RESPITE,01/02/2024,S,V3,N2,U1,PR1,,,,,,",
        "BEFORE,10/10/2022,S,C1,N1,U1,PR1,,,,,,",
    )
    missing = csv_bytes(MISSING_HEADER, "STAYS,M,02/10/2023,03/10/2023", "STAYS,A,04/10/2023,")
    results = compute(
        _returns(("903_episodes", episodes, "101", 2023), ("903_missing", missing, "101", 2023))
    )
    at_end = _figure(results, "looked_after_at_end", "2023-24")
    assert at_end.numerator == 2  # STAYS and BEFORE; CEASES left that day, RESPITE is a short break
    assert _figure(results, "looked_after_at_end", "Q3 2023-24").numerator == 3
    assert _figure(results, "looked_after_starts", "2023-24").numerator == 2
    assert _figure(results, "looked_after_ceases", "Q4 2023-24").numerator == 1
    assert _figure(results, "looked_after_ceases", "Q2 2023-24").numerator == 0  # X1 stays in care
    assert _figure(results, "missing_episodes", "Q3 2023-24").numerator == 1


def test_results_carry_their_definition_and_the_return_they_came_from():
    _, this_year = _rereferral_returns()
    result = _figure(compute(_returns(("cin", this_year))), "referrals", "Q1 2023-24")
    assert result.provenance == (("cin-2023", "0" * 64),)
    assert "referral date falls in the period" in result.definition
