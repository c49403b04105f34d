from safeboard.annual.compose import compose, layout
from safeboard.annual.composed import as_data, fingerprint, from_data
from safeboard.annual.services import authored_section_update, report_layout_set
from safeboard.core import sections
from safeboard.core.models import GlossaryTerm
from safeboard.core.sections import Cell, Figure, Section
from safeboard.core.services import agency_create


def _write(report, key, body, actor):
    section = report.authored.get(key=key)
    authored_section_update(
        actor=actor,
        section=section,
        expected_version=section.version,
        title=section.title,
        body=body,
    )


def test_the_report_holds_the_written_narrative_and_the_modules_sections_in_the_seeds_order(
    cast, report
):
    _write(report, "next-steps", "Embed *Think family*.", cast.business_unit)
    _write(report, "foreword", "# A good year\n\nThank you.", cast.business_unit)
    composed = compose(report, edition="board")
    assert [s.key for s in composed.sections] == ["foreword", "case-reviews", "next-steps"]
    foreword = composed.sections[0]
    assert foreword.title == "Foreword from the chair"
    assert "<h3>A good year</h3>" in foreword.body_html  # below the section's own heading


def test_a_sentence_carries_its_figure(report):
    reviews = compose(report, edition="board").sections[0].section
    assert reviews.paragraphs == ["The SCR group received 9 referrals in the year."]


def test_markdown_is_sanitised(cast, report):
    _write(
        report,
        "foreword",
        "Hello <script>alert(1)</script> [x](javascript:alert(1))",
        cast.business_unit,
    )
    html = compose(report, edition="board").sections[0].body_html
    assert "<script" not in html and "javascript:" not in html


def test_the_glossary_lists_only_the_terms_the_report_uses(cast, report):
    terms = [
        ("CDOP", "Child Death Overview Panel"),
        ("SCR", "Serious Case Review"),
        ("MASH", "Multiagency Safeguarding Hub"),
        ("LA", "Local Authority"),
    ]
    for term, meaning in terms:
        GlossaryTerm.objects.create(partnership=cast.partnership, term=term, meaning=meaning)
    _write(report, "foreword", "The plan for the city.", cast.business_unit)
    glossary = compose(report, edition="board").sections[-1]
    assert glossary.key == "glossary"
    # CDOP is named by the section; SCR is in its words; "la" in "plan" is not the LA.
    assert [row[0].value for row in glossary.section.tables[0].rows] == ["CDOP", "SCR"]


def test_the_partnership_moves_renames_and_hides_sections(cast, report):
    _write(report, "foreword", "Hello.", cast.business_unit)
    _write(report, "highlights", "Much.", cast.business_unit)
    report_layout_set(
        actor=cast.business_unit,
        partnership=cast.partnership,
        expected_version=1,
        entries=[
            {
                "key": "case-reviews",
                "position": 50,
                "title": "Learning from reviews",
                "hidden": False,
            },
            {"key": "highlights", "position": 150, "title": "", "hidden": True},
        ],
    )
    composed = compose(report, edition="board")
    assert [(s.key, s.title) for s in composed.sections] == [
        ("case-reviews", "Learning from reviews"),
        ("foreword", "Foreword from the chair"),
    ]
    assert "highlights" in [p.key for p in layout(report) if p.hidden]


def test_changing_a_record_changes_the_report(cast, report, monkeypatch):
    def agencies(partnership, year):
        count = partnership.agencies.count()
        return Section(
            "agencies",
            "Agencies",
            figures=[Figure("n", "Agencies", Cell(count, "count", counts="agencies"))],
        )

    sections.register("agencies", "Agencies", order=1200)(agencies)
    before = compose(report, edition="board")
    agency_create(
        actor=cast.business_unit, partnership=cast.partnership, name="YOS", sector="other"
    )
    after = compose(report, edition="board")
    assert before.sections[-1].section.figures[0].value.value == 2
    assert after.sections[-1].section.figures[0].value.value == 3
    assert fingerprint(as_data(before)) != fingerprint(as_data(after))


def test_the_composed_report_survives_its_round_trip_through_json(cast, report):
    _write(report, "foreword", "Hello.", cast.business_unit)
    composed = compose(report, edition="board")
    assert from_data(as_data(composed)) == composed


def test_composing_takes_no_more_queries_with_more_records(cast, report, django_assert_num_queries):
    compose(report, edition="board")
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(partnership=cast.partnership, term=f"Term {n}", meaning="m") for n in range(50)
    )
    with django_assert_num_queries(3):  # the layout, the narrative, the glossary
        compose(report, edition="board")
