from datetime import date

from safeboard.annual.composed import ComposedReport, ComposedSection
from safeboard.annual.formatting import fill_figures
from safeboard.annual.publish import publish
from safeboard.core.periods import FinancialYear
from safeboard.core.sections import registered
from safeboard.reviews.report import case_reviews
from safeboard.reviews.tests.factories import (
    DecisionFactory,
    LearningProductFactory,
    ReferralFactory,
    ReviewFactory,
    ThemeFactory,
)

YEAR = FinancialYear(2017)


def values(table):
    return [[cell.value for cell in row] for row in table.rows]


def table(section, key):
    return next(t for t in section.tables if t.key == key)


def referral(cast, aware=date(2017, 6, 1), **fields):
    return ReferralFactory(
        partnership=cast.partnership, referring_agency=cast.police, became_aware=aware, **fields
    )


def test_the_section_is_registered_at_600():
    section = next(s for s in registered() if s.key == "case-reviews")
    assert (section.order, section.title) == (600, "Case reviews and learning")


def publish_section(section):
    """The section as the published report holds it."""
    composed = ComposedSection(section.key, section.title, "generated", section=section)
    report = ComposedReport("P", "p", "2017-18", "board", sections=[composed])
    return publish(report).sections[0].section


def test_a_year_with_no_records_has_no_section(cast):
    assert case_reviews(cast.partnership, YEAR) is None


def test_referrals_by_decision_are_counted_from_the_records(cast):
    for _ in range(2):
        DecisionFactory(referral=referral(cast), outcome="scr")
    DecisionFactory(referral=referral(cast), outcome="nfa")
    referral(cast)  # awaiting a decision
    referral(cast, aware=date(2018, 4, 2))  # next year
    section = case_reviews(cast.partnership, YEAR)
    rows = dict(values(table(section, "referrals-by-decision")))
    assert rows["Serious case review (before 2019)"] == 2
    assert rows["No further action"] == 1
    assert rows["Awaiting a decision"] == 1
    assert rows["All referrals"] == 4
    assert section.figures[0].value.value == 4
    assert section.figures[0].value.source.url == "/p/southampton/case-reviews/referrals/"
    assert (
        fill_figures(section)
        .paragraphs[0]
        .startswith(
            "Referrals received in the year: 4. Decided as local child safeguarding practice "
            "review: 0. Decided as serious case review (before 2019): 2."
        )
    )


def test_the_published_sentence_prints_what_the_table_prints(cast):
    for outcome in ["scr"] * 6 + ["nfa", "nfa", "partnership"]:
        DecisionFactory(referral=referral(cast), outcome=outcome)
    published = fill_figures(publish_section(case_reviews(cast.partnership, YEAR)))
    rows = dict(values(table(published, "referrals-by-decision")))
    assert rows["No further action"] == "c"
    assert "no further action: fewer than 6." in published.paragraphs[0]
    assert "review: fewer than 6." in published.paragraphs[0]
    assert "Referrals received in the year: 9." in published.paragraphs[0]


def test_a_count_withheld_with_a_small_one_is_left_out_of_the_sentence(cast):
    for outcome in ["scr"] * 7 + ["nfa"]:
        DecisionFactory(referral=referral(cast), outcome=outcome)
    published = fill_figures(publish_section(case_reviews(cast.partnership, YEAR)))
    rows = dict(values(table(published, "referrals-by-decision")))
    assert rows["Serious case review (before 2019)"] == rows["No further action"] == "c"
    assert "7" not in published.paragraphs[0] and "1" not in published.paragraphs[0]
    assert "no further action" not in published.paragraphs[0]


def test_a_new_record_changes_the_figures(cast):
    DecisionFactory(referral=referral(cast), outcome="partnership")
    before = dict(values(table(case_reviews(cast.partnership, YEAR), "referrals-by-decision")))
    DecisionFactory(referral=referral(cast), outcome="partnership")
    after = dict(values(table(case_reviews(cast.partnership, YEAR), "referrals-by-decision")))
    assert (
        after["Partnership (non-statutory) review"]
        == before["Partnership (non-statutory) review"] + 1
    )


def test_themes_reviews_and_learning_come_from_the_records(cast):
    neglect = ThemeFactory(partnership=cast.partnership, name="Neglect")
    ThemeFactory(partnership=cast.partnership, name="Never raised")
    for _ in range(3):
        referral(cast).themes.add(neglect)
    one = referral(cast)
    ReviewFactory(
        partnership=cast.partnership, kind="scr", referral=one, commissioned_on=date(2017, 7, 1)
    )
    online = ReviewFactory(
        partnership=cast.partnership,
        title="Online safety",
        commissioned_on=date(2016, 9, 1),
        status="published",
        publication_date=date(2017, 11, 1),
        redaction="not_needed",
    )
    ReviewFactory(
        partnership=cast.partnership,
        commissioned_on=date(2015, 1, 1),
        status="published",
        publication_date=date(2016, 1, 1),
        redaction="complete",
    )
    in_year = date(2017, 10, 10)
    LearningProductFactory(
        partnership=cast.partnership, review=online, reached=40, delivered_on=in_year
    )
    LearningProductFactory(partnership=cast.partnership, reached=None, delivered_on=in_year)
    LearningProductFactory(partnership=cast.partnership, reached=9)  # next year
    section = case_reviews(cast.partnership, YEAR)
    assert values(table(section, "themes")) == [["Neglect", 3]]
    assert values(table(section, "reviews")) == [
        ["Serious case review", 1, 0],
        ["Thematic review", 0, 1],
    ]
    assert [row[0] for row in values(table(section, "published-reviews"))] == ["Online safety"]
    assert values(table(section, "learning-products")) == [["6-step briefing", 2, 40, 1]]
