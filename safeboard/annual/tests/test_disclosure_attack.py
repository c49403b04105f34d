"""Every public output read together gives no withheld count away: on the shipped demo,
and on many random partnership-years."""

import json
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeboard.annual.compose import compose_live
from safeboard.annual.composed import ComposedReport, ComposedSection
from safeboard.annual.formatting import fill_figures
from safeboard.annual.models import AnnualReport
from safeboard.annual.output import render_json
from safeboard.annual.publish import publish
from safeboard.annual.services import report_create
from safeboard.core.periods import FinancialYear
from safeboard.core.sections import Cell, Figure, Section, Source, Table, named
from safeboard.demo import load
from safeboard.reviews import selectors as review_selectors
from safeboard.reviews.analytics import decision_table as public_decision_table
from safeboard.reviews.models import Decision, Referral
from safeboard.reviews.report import _decision_sentence, decision_table
from safeboard.reviews.tests.factories import DecisionFactory, ReferralFactory, ThemeFactory

from .attacker import (
    Layout,
    Reader,
    check_sentences,
    problems,
    read_case_review_page,
    read_report,
)

OUTCOMES = list(review_selectors.DECISION_LABELS)  # the page's order: outcomes, then undecided


def exact_by_year(years: dict[FinancialYear, Counter]) -> dict[str, dict[str, int]]:
    labels = review_selectors.DECISION_LABELS
    return {
        year.label: {
            **{labels[key]: counts[key] for key in labels},
            "All referrals": sum(counts.values()),
        }
        for year, counts in years.items()
    }


@pytest.fixture
def demo(db):
    load.load()
    return AnnualReport.objects.get(partnership__slug="southampton", year=2017, revision=1)


def test_the_demo_gives_nothing_away_read_all_together(demo, client):
    board = compose_live(demo, edition="board")
    published = json.loads(render_json(compose_live(demo, edition="published")))
    reader = Reader()
    read_report(reader, board, published)
    page = client.get(reverse("reviews:public", kwargs={"slug": "southampton"}))
    years = review_selectors.decision_counts_by_year(partnership=demo.partnership)
    read_case_review_page(
        reader, page.content.decode(), exact_by_year(years), report_year=board.year
    )
    assert reader.layouts and reader.printed
    assert problems(reader.given_away()) == ""


# Random partnership-years, built at the level of the builders' inputs: each year's
# referrals by decision (the case-review section and the public page), and a table of
# children by agency and sex with its totals and shares, as a module might give.

decisions = st.lists(st.integers(0, 12), min_size=len(OUTCOMES), max_size=len(OUTCOMES))


def _counter(counts: list[int]) -> Counter:
    """A year's referrals by decision as the report's builder counts them (None: awaiting)."""
    keys = [None if key == "undecided" else key for key in OUTCOMES]
    return Counter(dict(zip(keys, counts, strict=True)))


def _page_counter(counts: list[int]) -> Counter:
    """The same as the page's selector counts them ("undecided": awaiting)."""
    return Counter(dict(zip(OUTCOMES, counts, strict=True)))


def _children_table(rows: list[list[int]]) -> Table:
    """Children by agency and sex, with each agency's total and its share of all."""
    everyone = sum(map(sum, rows))
    cells = []
    for r, (girls, boys) in enumerate(rows):
        total = girls + boys
        share = round(100 * total / everyone, 1) if everyone else None
        cells.append(
            [
                Cell(f"Agency {r + 1}"),
                Cell(girls, "count", counts="children"),
                Cell(boys, "count", counts="children"),
                Cell(total, "count", counts="children"),
                Cell(share, "percent", base_of=(r, 3), counts="children", base=everyone),
            ]
        )
    cells.append(
        [
            Cell("All agencies"),
            Cell(sum(r[0] for r in rows), "count", counts="children"),
            Cell(sum(r[1] for r in rows), "count", counts="children"),
            Cell(everyone, "count", counts="children"),
            Cell(100 if everyone else None, "percent", counts="children", base=everyone),
        ]
    )
    return Table(
        key="children-by-agency",
        caption="Children by agency",
        columns=["Agency", "Girls", "Boys", "All", "Share (%)"],
        rows=cells,
        total_rows=(len(cells) - 1,),
        total_columns=(3,),
    )


def _section(year_counts: list[int], children: list[list[int]]) -> Section:
    source = Source("Referrals")
    table = decision_table(_counter(year_counts), source)
    sentence, figures = _decision_sentence(table)
    children_table = _children_table(children)
    all_children = children_table.rows[-1][3]
    figures.append(Figure("children", "Children", all_children))
    sentence += " Children seen by the agencies: " + named("children") + "."
    return Section(
        key="case-reviews",
        title="Case reviews",
        paragraphs=[sentence],
        figures=figures,
        tables=[table, children_table],
    )


def _composed(section: Section, edition: str) -> ComposedReport:
    report = ComposedReport(
        "Anytown",
        "anytown",
        "2017-18",
        "board",
        sections=[ComposedSection(section.key, section.title, "generated", section=section)],
    )
    if edition == "published":
        report = publish(report)
    return ComposedReport(
        **{
            **report.__dict__,
            "sections": [
                ComposedSection(s.key, s.title, s.kind, section=fill_figures(s.section))
                for s in report.sections
            ],
        }
    )


class _PublicPage:
    """The public case-review page's table as its template prints it."""

    @staticmethod
    def html(years: dict[FinancialYear, Counter]) -> str:
        table = public_decision_table(years, labels=review_selectors.DECISION_LABELS)
        head = "".join(f"<th>{y}</th>" for y in table.years)
        body = "".join(
            f"<tr><th>{label}</th>" + "".join(f"<td>{v}</td>" for v in counts) + "</tr>"
            for label, counts in table.rows
        )
        totals = "".join(f"<td>{t}</td>" for t in table.totals)
        return (
            f"<table><tr><th>Decision</th>{head}</tr>{body}"
            f"<tr><th>All referrals</th>{totals}</tr></table>"
        )


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    this_year=decisions,
    other_years=st.lists(decisions, max_size=2),
    children=st.lists(st.lists(st.integers(0, 9), min_size=2, max_size=2), min_size=1, max_size=4),
)
def test_random_partnership_years_give_nothing_away_read_all_together(
    this_year, other_years, children
):
    section = _section(this_year, children)
    board = _composed(section, "board")
    published = json.loads(render_json(_composed(section, "published")))
    years = {FinancialYear(2017): _page_counter(this_year)}
    years.update({FinancialYear(2016 - n): _page_counter(c) for n, c in enumerate(other_years)})
    reader = Reader()
    read_report(reader, board, published)
    read_case_review_page(
        reader, _PublicPage.html(years), exact_by_year(years), report_year="2017-18"
    )
    assert problems(reader.given_away()) == ""


# The attacker itself finds what the brief's outputs gave away, so its silence above means
# something.


def _decisions_read(reader, output, shown):
    labels = ["SCR", "Partnership review", "No further action", "All referrals"]
    exact = [6, 1, 2, 9]
    for label, value, printed in zip(labels, exact, shown, strict=True):
        reader.reads(output, ("case-reviews", "decisions", label), printed, value)


def test_the_attacker_works_back_a_count_from_a_printed_total():
    reader = Reader()
    _decisions_read(reader, "the report", [6, "c", 2, 9])
    reader.layouts.append(
        Layout(
            "the decisions",
            [
                [("case-reviews", "decisions", label)]
                for label in ["SCR", "Partnership review", "No further action"]
            ],
            column_totals=[("case-reviews", "decisions", "All referrals")],
        )
    )
    [found] = reader.given_away()
    assert "Partnership review" in found and "worked out from the decisions" in found


def test_the_attacker_reads_a_total_one_page_hides_from_another_that_prints_it():
    reader = Reader()
    _decisions_read(reader, "the public page", [6, "c", "c", "c"])
    _decisions_read(reader, "the report", [6, "c", "c", 9])
    found = reader.given_away()
    assert any(
        "All referrals is withheld by the public page but printed by the report" in f for f in found
    )


def test_the_attacker_reads_a_sentence_that_prints_what_its_figures_withhold():
    reader = Reader()
    printed = {
        "paragraphs": ["1 was decided as partnership review."],
        "figures": [{"value": {"value": "c", "kind": "count"}}],
    }
    check_sentences(reader, "case-reviews", printed)
    assert reader.found and "prints 1" in reader.found[0]


# Fewer, slower examples through the records themselves: the real builder, composer and
# public page, on referrals recorded with random decisions, years and themes.

recorded = st.lists(
    st.tuples(
        st.sampled_from([*OUTCOMES[:-1], None]),  # None: awaiting a decision
        st.sampled_from([date(2017, 6, 1), date(2018, 1, 9), date(2016, 9, 5)]),
        st.lists(st.integers(0, 2), max_size=2, unique=True),
    ),
    max_size=30,
)


@pytest.fixture
def recorder(cast):
    themes = [ThemeFactory(partnership=cast.partnership, name=n) for n in ("Neglect", "CSE", "DA")]
    report = report_create(actor=cast.business_unit, partnership=cast.partnership, year=2017)

    def record(referrals) -> AnnualReport:
        Decision.objects.filter(referral__partnership=cast.partnership).delete()
        Referral.objects.filter(partnership=cast.partnership).delete()
        for outcome, aware, theme_numbers in referrals:
            made = ReferralFactory(
                partnership=cast.partnership, referring_agency=cast.police, became_aware=aware
            )
            made.themes.set([themes[n] for n in theme_numbers])
            if outcome is not None:
                DecisionFactory(referral=made, outcome=outcome)
        return report

    return record


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(referrals=recorded)
def test_recorded_referrals_give_nothing_away_read_all_together(recorder, cast, client, referrals):
    report = recorder(referrals)
    board = compose_live(report, edition="board")
    published = json.loads(render_json(compose_live(report, edition="published")))
    reader = Reader()
    read_report(reader, board, published)
    slug = cast.partnership.slug
    page = client.get(reverse("reviews:public", kwargs={"slug": slug}))
    years = review_selectors.decision_counts_by_year(partnership=cast.partnership)
    read_case_review_page(
        reader, page.content.decode(), exact_by_year(years), report_year="2017-18"
    )
    assert problems(reader.given_away()) == ""
