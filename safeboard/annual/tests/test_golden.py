"""Golden test: the demo partnership's 2017-18 report, section by section, against the seed.

The seed's own figures come out unchanged; the figures it derived wrongly come out right
(S47 69 against 51 is 35% higher, not 26%); the published version hides small counts.
"""

import re

import pytest

from safeboard.annual.compose import compose
from safeboard.annual.models import AnnualReport
from safeboard.core import sections as registry


@pytest.fixture
def report(demo_people):
    return AnnualReport.objects.get(partnership__slug="southampton", year=2017, revision=1)


def sections(report, edition="board"):
    return {s.key: s.section for s in compose(report, edition=edition).sections if s.section}


def figures(section):
    return {f.key: f.value.value for f in section.figures}


def table(section, key):
    found = next(t for t in section.tables if t.key == key)
    return {row[0].value: [cell.value for cell in row[1:]] for row in found.rows}


def test_local_context_holds_the_seeds_population(report, db):
    context = figures(sections(report)["local-context"])
    assert (context["population-male"], context["population-female"]) == (129_879, 124_396)


def test_the_business_plan_has_the_four_priorities_and_their_actions(report, db):
    progress = table(sections(report)["business-plan"], "business-plan-progress")
    assert list(progress) == [
        "1. Think Family",
        "2. Neglect",
        "3. Improving the Lives of Vulnerable Young People (LAC and MET)",
        "4. Improving Communication",
    ]
    assert sum(row[0] for row in progress.values()) == 20


def test_indicators_keep_the_seeds_values_and_correct_its_percentages(report, db):
    kpis = sections(report)["key-performance-indicators"]
    latest = figures(kpis)
    assert (latest["s47-started"], latest["cp-plans"], latest["looked-after"]) == (69, 66, 104)
    summary = table(kpis, "kpi-summary")
    neighbours = "the statistical neighbour average"
    assert summary["Section 47 enquiries started"][2:5] == [neighbours, 51, 35]
    assert summary["Looked-after children"][2:5] == [neighbours, 69, 51]
    assert summary["Children subject to a child protection plan"][2:5] == [neighbours, 54, 22]


def test_case_reviews_count_the_nine_referrals_by_decision(report, db):
    reviews = sections(report)["case-reviews"]
    assert figures(reviews)["referrals"] == 9
    decisions = table(reviews, "referrals-by-decision")
    assert decisions["Serious case review (before 2019)"] == [6]
    assert decisions["Partnership (non-statutory) review"] == [1]
    assert decisions["No further action"] == [2]


def test_the_published_version_hides_the_small_counts(report, db):
    decisions = table(sections(report, "published")["case-reviews"], "referrals-by-decision")
    assert decisions["Partnership (non-statutory) review"] == ["c"]
    assert decisions["No further action"] == ["c"]


def test_attendance_names_the_agencies_not_essential_at_every_meeting(report, db):
    text = " ".join(sections(report)["attendance"].paragraphs)
    assert "NHS England" in text and "CAFCASS" in text and "SCAS" in text


def test_membership_and_functions_come_from_the_bodies(report, db):
    by_section = sections(report)
    membership = next(t for t in by_section["membership"].tables if t.key == "membership")
    assert membership.rows[0][0].value == "Independent Chair"
    functions = table(by_section["functions"], "functions")
    assert functions["Main Board"][-1] == "Quarterly"
    assert "Child Death Overview Panel" in functions


def test_the_glossary_holds_only_terms_the_report_uses(report, db):
    terms = table(sections(report)["glossary"], "glossary")
    assert {"CSE", "HRDA", "MASH", "UBB"} <= set(terms) and "RSH" not in terms


def test_every_registered_section_says_what_it_counts_and_types_no_number(report, db):
    """Each builder's sentences name their figures: none holds a digit of its own, so none
    can print what disclosure control withholds."""
    built = [s.build(report.partnership, report.financial_year) for s in registry.registered()]
    built = [section for section in built if section is not None]
    assert {s.key for s in built} >= {"business-plan", "attendance", "case-reviews"}
    for section in built:
        registry.require_described(section)
        for template in section.paragraphs:
            assert not re.search(r"\d", re.sub(r"\{figure:[\w-]+\}", "", template)), template
