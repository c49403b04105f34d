"""The demo partnership's performance dataset, from the seed report's text.

`FACTS` are figures the report's text gives, as it gives them. Its charts were images, so
`FILLS` are invented to draw full series and are loaded marked synthetic; they keep to what
the text says of them (a peak, a trend, "lower than at any point in 2016/17"). Shares and
comparisons the report printed are not here: Safeboard computes them from these counts.
"""

from django.db import transaction

from safeboard.core.models import Partnership, Person
from safeboard.performance import services
from safeboard.performance.imports import check_observations, check_population
from safeboard.performance.models import Indicator

REPORT = "Annual report 2017/18"
SYNTHETIC = "Demo (synthetic)"
SOUTH_EAST = "E12000008"
SOUTHAMPTON = "E06000045"

# (indicator, area, area code, period, value, numerator, denominator, note)
FACTS = [
    ("cin-referrals", "local", "", "Q4 2017-18", "161", "", "", ""),
    ("cin-referrals", "neighbours", "", "Q4 2017-18", "164", "", "", "Year not given"),
    ("s47-started", "local", "", "Q1 2017-18", "76", "", "", ""),
    ("s47-started", "local", "", "Q2 2017-18", "81", "", "", ""),
    ("s47-started", "local", "", "Q4 2017-18", "69", "", "", ""),
    ("s47-started", "neighbours", "", "Q4 2017-18", "51", "", "", "Year not given"),
    ("s47-started", "england", "", "Q4 2017-18", "39", "", "", "Year not given"),
    ("s47-started", "region", SOUTH_EAST, "Q4 2017-18", "40", "", "", "Year not given"),
    ("cp-plans", "local", "", "Q1 2017-18", "51", "", "", ""),
    ("cp-plans", "local", "", "Q4 2017-18", "66", "", "", ""),
    ("cp-plans", "neighbours", "", "Q4 2017-18", "54", "", "", "Year not given"),
    (
        "looked-after",
        "local",
        "",
        "Q4 2017-18",
        "104",
        "522",
        "50200",
        "The 0–17 population (denominator) is synthetic: the one 522 at 104 implies",
    ),
    ("looked-after", "neighbours", "", "Q4 2017-18", "69", "", "", "Year not given"),
    ("looked-after", "england", "", "Q4 2017-18", "62", "", "", "Year not given"),
    ("looked-after", "region", SOUTH_EAST, "Q4 2017-18", "41", "", "", "Year not given"),
    ("cse-mash-referrals", "local", "", "2015-16", "69", "", "", ""),
    ("cse-mash-referrals", "local", "", "2016-17", "37", "", "", ""),
    ("cse-mash-referrals", "local", "", "2017-18", "29", "", "", ""),
    ("cse-strategy-meetings", "local", "", "2015-16", "43", "", "", ""),
    ("cse-strategy-meetings", "local", "", "2016-17", "17", "", "", ""),
    ("cse-strategy-meetings", "local", "", "2017-18", "5", "", "", ""),
    ("cse-police-flagged", "local", "", "Q4 2016-17", "71", "", "", ""),
    ("cse-police-flagged", "local", "", "Q4 2017-18", "5", "", "", ""),
    ("neet-16-18", "local", "", "2011-12", "520", "", "", "The report says “in 2011”"),
    ("neet-16-18", "local", "", "2015-16", "320", "", "", "The report says “in 2015”"),
    ("missing-education", "local", "", "2012-13", "6.4", "", "", ""),
    ("missing-education", "local", "", "2015-16", "4.75", "", "", ""),
]

# The HRDA tables: quarters of 2017-18, the year's totals, and the 12 months of 2016-17.
HRDA = {
    "hrda-referrals": (205, 202, 160, 194, 761, 853),
    "hrda-repeat-referrals": (55, 44, 30, 38, 167, 154),
    "hrda-with-children": (127, 117, 88, 110, 442, 477),
    "hrda-without-children": (78, 85, 72, 84, 319, 267),
}
HRDA_PERIODS = (
    "Q1 2017-18",
    "Q2 2017-18",
    "Q3 2017-18",
    "Q4 2017-18",
    "2017-18",
    "12 months to Q4 2016-17",
)

# Invented points, each series kept to what the report's text says about it.
FILLS = [
    # Child in need: down over the year, then up 5.2% in Q4 (161 on 153).
    *[
        ("cin-referrals", "local", "", period, value, "", "", "")
        for period, value in [
            ("Q1 2016-17", "182"),
            ("Q2 2016-17", "179"),
            ("Q3 2016-17", "176"),
            ("Q4 2016-17", "178"),
            ("Q1 2017-18", "175"),
            ("Q2 2017-18", "168"),
            ("Q3 2017-18", "153"),
        ]
    ],
    ("cin-referrals", "england", "", "Q4 2017-18", "137", "", "", ""),
    ("cin-referrals", "region", SOUTH_EAST, "Q4 2017-18", "131", "", "", ""),
    # Section 47: no Q3 figure in the text; a falling trend with a peak in Q2.
    *[
        ("s47-started", "local", "", period, value, "", "", "")
        for period, value in [
            ("Q1 2016-17", "84"),
            ("Q2 2016-17", "80"),
            ("Q3 2016-17", "79"),
            ("Q4 2016-17", "77"),
            ("Q3 2017-18", "74"),
        ]
    ],
    # Child protection plans: every point of 2015-16 and 2016-17 above Q4 2017-18's 66.
    *[
        ("cp-plans", "local", "", period, value, "", "", "")
        for period, value in [
            ("Q1 2015-16", "80"),
            ("Q2 2015-16", "78"),
            ("Q3 2015-16", "76"),
            ("Q4 2015-16", "75"),
            ("Q1 2016-17", "74"),
            ("Q2 2016-17", "71"),
            ("Q3 2016-17", "69"),
            ("Q4 2016-17", "68"),
            ("Q2 2017-18", "56"),
            ("Q3 2017-18", "61"),
        ]
    ],
    ("cp-plans", "england", "", "Q4 2017-18", "43", "", "", ""),
    ("cp-plans", "region", SOUTH_EAST, "Q4 2017-18", "40", "", "", ""),
    # Looked after: little change over 2017-18, Q3 the lowest in four years.
    *[
        ("looked-after", "local", "", period, value, "", "", "")
        for period, value in [
            ("Q4 2014-15", "118"),
            ("Q4 2015-16", "115"),
            ("Q1 2016-17", "113"),
            ("Q2 2016-17", "112"),
            ("Q3 2016-17", "110"),
            ("Q4 2016-17", "108"),
            ("Q1 2017-18", "106"),
            ("Q2 2017-18", "105"),
            ("Q3 2017-18", "103"),
        ]
    ],
    # Police CSE flags: a decreasing trend from 71 to 5.
    *[
        ("cse-police-flagged", "local", "", period, value, "", "", "")
        for period, value in [
            ("Q1 2016-17", "88"),
            ("Q2 2016-17", "80"),
            ("Q3 2016-17", "76"),
            ("Q1 2017-18", "40"),
            ("Q2 2017-18", "24"),
            ("Q3 2017-18", "12"),
        ]
    ],
    # NEET: a steady improvement from 520 to 320; slightly above England.
    *[
        ("neet-16-18", "local", "", period, value, "", "", "")
        for period, value in [
            ("2012-13", "470"),
            ("2013-14", "420"),
            ("2014-15", "370"),
            ("2016-17", "310"),
            ("2017-18", "300"),
        ]
    ],
    *[
        ("missing-education", "local", "", period, value, "", "", "")
        for period, value in [("2013-14", "5.9"), ("2014-15", "5.3")]
    ],
    ("missing-education", "england", "", "2015-16", "4.6", "", "", ""),
    # First-time entrants: down from 2012, in line with England by 2016.
    *[
        ("youth-first-time-entrants", "local", "", period, value, "", "", "")
        for period, value in [
            ("2012-13", "61"),
            ("2013-14", "48"),
            ("2014-15", "39"),
            ("2015-16", "33"),
            ("2016-17", "29"),
        ]
    ],
    ("youth-first-time-entrants", "england", "", "2016-17", "29", "", "", ""),
]

# Population: the report gives the whole city by sex (mid-2016). The age bands are
# invented, add up to those totals, and give 50,200 children aged 0–17 (what 522
# looked-after children at 104 per 10,000 implies).
POPULATION_FACTS = [("male", 129_879), ("female", 124_396)]
CHILD_BANDS = {  # (from, to): (male, female)
    (0, 4): (8_100, 7_700),
    (5, 9): (7_400, 7_000),
    (10, 14): (6_600, 6_300),
    (15, 17): (3_600, 3_500),
}
ADULT_WEIGHTS = {  # (from, to or None): share of the adults of each sex
    (18, 19): 5,
    (20, 24): 14,
    (25, 29): 11,
    (30, 34): 9,
    (35, 39): 8,
    (40, 44): 7,
    (45, 49): 7,
    (50, 54): 7,
    (55, 59): 6,
    (60, 64): 5,
    (65, 69): 5,
    (70, 74): 4,
    (75, 79): 3,
    (80, 84): 2,
    (85, None): 2,
}


def _row(entry, source):
    indicator, area, code, period, value, numerator, denominator, note = entry
    return {
        "indicator": indicator,
        "area": area,
        "area_code": code,
        "period": period,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "reference_year": "",
        "source": source,
        "note": note,
    }


def _hrda_rows():
    rows = []
    for code, values in HRDA.items():
        rows += [
            _row((code, "local", "", period, str(value), "", "", ""), REPORT)
            for period, value in zip(HRDA_PERIODS, values, strict=True)
        ]
    # The shares are computed from the counts, on bases stated here.
    for index, period in enumerate(HRDA_PERIODS):
        referrals = HRDA["hrda-referrals"][index]
        repeat = HRDA["hrda-repeat-referrals"][index]
        with_children = HRDA["hrda-with-children"][index]
        recorded = with_children + HRDA["hrda-without-children"][index]
        rows.append(
            _row(("hrda-repeat-share", "local", "", period, "", repeat, referrals, ""), REPORT)
        )
        note = "Base: cases recorded with or without children"
        if recorded != referrals:
            note += f" ({recorded}), not all referrals ({referrals})"
        rows.append(
            _row(
                (
                    "hrda-with-children-share",
                    "local",
                    "",
                    period,
                    "",
                    with_children,
                    recorded,
                    note,
                ),
                REPORT,
            )
        )
    return [{key: str(value) for key, value in row.items()} for row in rows]


def population_rows() -> tuple[list[dict], list[dict]]:
    """(as the report gives them, invented) rows of the population file."""
    facts = [
        _population_row(sex, 0, None, count, "ONS mid-year estimate 2016 (annual report)")
        for sex, count in POPULATION_FACTS
    ]
    invented = [
        {**_population_row("all", 0, 17, 50_200, SYNTHETIC), "year": str(year)}
        for year in (2016, 2017)
    ]
    for index, (sex, total) in enumerate(POPULATION_FACTS):
        children = {band: counts[index] for band, counts in CHILD_BANDS.items()}
        adults = _share_out(total - sum(children.values()), ADULT_WEIGHTS)
        for (start, end), count in {**children, **adults}.items():
            invented.append(_population_row(sex, start, end, count, SYNTHETIC))
    return facts, invented


def _share_out(total: int, weights: dict) -> dict:
    """Split a whole number by weights, giving the remainders to the largest fractions."""
    whole = sum(weights.values())
    exact = {band: total * weight / whole for band, weight in weights.items()}
    counts = {band: int(value) for band, value in exact.items()}
    leftover = total - sum(counts.values())
    for band in sorted(exact, key=lambda b: exact[b] - counts[b], reverse=True)[:leftover]:
        counts[band] += 1
    return counts


def _population_row(sex, start, end, count, source):
    return {
        "area_code": SOUTHAMPTON,
        "year": "2016",
        "sex": sex,
        "age_from": str(start),
        "age_to": "" if end is None else str(end),
        "count": str(count),
        "source": source,
    }


@transaction.atomic
def load(actor: Person, partnership: Partnership) -> None:
    indicators = {
        code: (pk, unit) for pk, code, unit in Indicator.objects.values_list("pk", "code", "unit")
    }
    facts, invented = population_rows()
    for rows, synthetic in ((facts, False), (invented, True)):
        population = check_population(rows)
        assert not population.problems, population.problems
        services.population_import(
            actor=actor,
            partnership=partnership,
            rows=population.rows,
            file_name="demo",
            synthetic=synthetic,
        )
    batches = [
        ([_row(entry, REPORT) for entry in FACTS] + _hrda_rows(), False),
        ([_row(entry, SYNTHETIC) for entry in FILLS], True),
    ]
    for rows, synthetic in batches:
        checked = check_observations(rows, indicators=indicators)
        assert not checked.problems, [str(p) for p in checked.problems]
        services.observations_import(
            actor=actor,
            partnership=partnership,
            rows=checked.rows,
            file_name="demo",
            synthetic=synthetic,
        )
