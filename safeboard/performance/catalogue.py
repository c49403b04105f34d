"""The built-in catalogue: every indicator of the seed report's dataset, as data.

A migration loads it (and a later migration may change it); partnerships add targets and
choose sources through `IndicatorChoice`, never by editing this list.
"""

SOCIAL_CARE = "Southampton City Council Children's Services"
POLICE = "Hampshire Constabulary"
HRDA = "Southampton City Council, Think Family (MARAC)"

CATALOGUE = [
    {
        "code": "cin-referrals",
        "name": "Child in Need referrals",
        "subject": "the rate of Child in Need referrals",
        "definition": "Referrals to children's social care accepted in the quarter, per 10,000 "
        "children aged 0–17 (ONS mid-year estimate). A flow: a quarter's rate is about a "
        "quarter of a year's.",
        "theme": "social_care",
        "kind": "flow",
        "unit": "rate_children",
        "period_months": 3,
        "polarity": "neither",
        "frequency": "quarterly",
        "source_agency": SOCIAL_CARE,
    },
    {
        "code": "s47-started",
        "name": "Section 47 enquiries started",
        "subject": "the rate of Section 47 enquiries started",
        "definition": "Child protection enquiries (Children Act 1989, section 47) started in the "
        "quarter, per 10,000 children aged 0–17. A flow over a quarter.",
        "theme": "social_care",
        "kind": "flow",
        "unit": "rate_children",
        "period_months": 3,
        "polarity": "neither",
        "frequency": "quarterly",
        "source_agency": SOCIAL_CARE,
    },
    {
        "code": "cp-plans",
        "name": "Children subject to a child protection plan",
        "subject": "the rate of children on a child protection plan",
        "definition": "Children subject to a child protection plan at the end of the quarter, "
        "per 10,000 children aged 0–17. A stock.",
        "theme": "social_care",
        "kind": "stock",
        "unit": "rate_children",
        "period_months": 3,
        "polarity": "neither",
        "frequency": "quarterly",
        "source_agency": SOCIAL_CARE,
    },
    {
        "code": "looked-after",
        "name": "Looked-after children",
        "subject": "the rate of looked-after children",
        "definition": "Children looked after by the local authority at the end of the quarter, "
        "per 10,000 children aged 0–17. A stock.",
        "theme": "social_care",
        "kind": "stock",
        "unit": "rate_children",
        "period_months": 3,
        "polarity": "lower_is_better",
        "frequency": "quarterly",
        "source_agency": SOCIAL_CARE,
    },
    {
        "code": "cse-mash-referrals",
        "name": "MASH referrals where CSE is a factor",
        "subject": "the number of referrals to the MASH where child sexual exploitation is a "
        "factor",
        "definition": "Referrals to the multi-agency safeguarding hub in the year in which child "
        "sexual exploitation is a factor. A count over a year.",
        "theme": "exploitation",
        "kind": "flow",
        "unit": "count",
        "period_months": 12,
        "polarity": "neither",
        "frequency": "annual",
        "source_agency": SOCIAL_CARE,
    },
    {
        "code": "cse-strategy-meetings",
        "name": "CSE referrals going to a strategy meeting",
        "subject": "the number of CSE referrals that went to a strategy meeting",
        "definition": "MASH referrals where CSE is a factor that went to a strategy meeting in "
        "the year. A count over a year.",
        "theme": "exploitation",
        "kind": "flow",
        "unit": "count",
        "period_months": 12,
        "polarity": "neither",
        "frequency": "annual",
        "source_agency": SOCIAL_CARE,
    },
    {
        "code": "cse-police-flagged",
        "name": "Children flagged by the police as at risk of CSE",
        "subject": "the number of children flagged by the police as at risk of CSE",
        "definition": "Children known to Hampshire Constabulary as at risk of child sexual "
        "exploitation at the end of the quarter. A count at a date.",
        "theme": "exploitation",
        "kind": "stock",
        "unit": "count",
        "period_months": 3,
        "polarity": "neither",
        "frequency": "quarterly",
        "source_agency": POLICE,
    },
    {
        "code": "hrda-referrals",
        "name": "High-risk domestic abuse referrals",
        "subject": "the number of high-risk domestic abuse referrals",
        "definition": "Referrals of high-risk domestic abuse (HRDA) cases received in the "
        "quarter. A count over a quarter.",
        "theme": "think_family",
        "kind": "flow",
        "unit": "count",
        "period_months": 3,
        "polarity": "neither",
        "frequency": "quarterly",
        "source_agency": HRDA,
    },
    {
        "code": "hrda-repeat-referrals",
        "name": "Repeat HRDA referrals",
        "subject": "the number of repeat HRDA referrals",
        "definition": "HRDA referrals in the quarter of a case referred in the previous 12 "
        "months. A count over a quarter.",
        "theme": "think_family",
        "kind": "flow",
        "unit": "count",
        "period_months": 3,
        "polarity": "lower_is_better",
        "frequency": "quarterly",
        "source_agency": HRDA,
    },
    {
        "code": "hrda-repeat-share",
        "name": "Share of HRDA referrals that are repeats",
        "subject": "the share of HRDA referrals that were repeat referrals",
        "definition": "Repeat HRDA referrals ÷ all HRDA referrals in the period, as a percentage.",
        "theme": "think_family",
        "kind": "flow",
        "unit": "percentage",
        "period_months": 3,
        "polarity": "lower_is_better",
        "frequency": "quarterly",
        "source_agency": HRDA,
    },
    {
        "code": "hrda-with-children",
        "name": "HRDA cases with children or young people in the household",
        "subject": "the number of HRDA cases with children or young people in the household",
        "definition": "HRDA referrals in the quarter where a child or young person lives in the "
        "household. A count over a quarter.",
        "theme": "think_family",
        "kind": "flow",
        "unit": "count",
        "period_months": 3,
        "polarity": "neither",
        "frequency": "quarterly",
        "source_agency": HRDA,
    },
    {
        "code": "hrda-without-children",
        "name": "HRDA cases without children or young people in the household",
        "subject": "the number of HRDA cases without children or young people in the household",
        "definition": "HRDA referrals in the quarter with no child or young person in the "
        "household. A count over a quarter.",
        "theme": "think_family",
        "kind": "flow",
        "unit": "count",
        "period_months": 3,
        "polarity": "neither",
        "frequency": "quarterly",
        "source_agency": HRDA,
    },
    {
        "code": "hrda-with-children-share",
        "name": "Share of HRDA cases with children in the household",
        "subject": "the share of HRDA cases with children or young people in the household",
        "definition": "HRDA cases with children or young people in the household ÷ all cases "
        "recorded with or without them, as a percentage.",
        "theme": "think_family",
        "kind": "flow",
        "unit": "percentage",
        "period_months": 3,
        "polarity": "neither",
        "frequency": "quarterly",
        "source_agency": HRDA,
    },
    {
        "code": "neet-16-18",
        "name": "Young people aged 16–18 not in education, employment or training",
        "subject": "the number of young people aged 16–18 not in education, employment or training",
        "definition": "Young people aged 16–18 known to the local authority to be NEET, at the "
        "year's count. A count at a date.",
        "theme": "education",
        "kind": "stock",
        "unit": "count",
        "period_months": 12,
        "polarity": "lower_is_better",
        "frequency": "annual",
        "source_agency": "Southampton City Council Education",
    },
    {
        "code": "missing-education",
        "name": "Children missing from school",
        "subject": "the percentage of children missing from school",
        "definition": "Half-day sessions missed by pupils, as a percentage of possible "
        "sessions, over the school year (the measure the seed reports as children missing "
        "from school).",
        "theme": "education",
        "kind": "flow",
        "unit": "percentage",
        "period_months": 12,
        "polarity": "lower_is_better",
        "frequency": "annual",
        "source_agency": "Southampton City Council Education",
    },
    {
        "code": "youth-first-time-entrants",
        "name": "First-time entrants to the youth justice system",
        "subject": "the rate of first-time entrants to the youth justice system",
        "definition": "Young people aged 10–17 receiving their first reprimand, warning, caution "
        "or conviction in the year, per 10,000 of the population aged 10–17.",
        "theme": "youth_justice",
        "kind": "flow",
        "unit": "rate_population",
        "period_months": 12,
        "polarity": "lower_is_better",
        "frequency": "annual",
        "source_agency": "Southampton Youth Offending Service",
    },
]


def install(indicator_model) -> None:
    """Create or bring up to date every built-in indicator (used by a migration)."""
    for position, entry in enumerate(CATALOGUE, start=1):
        indicator_model.objects.update_or_create(
            code=entry["code"],
            defaults={**{k: v for k, v in entry.items() if k != "code"}, "position": position},
        )
