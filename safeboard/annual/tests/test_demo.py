from safeboard.annual.compose import compose
from safeboard.demo import load


def test_the_demo_report_of_2017_18_holds_the_seeds_narrative_and_glossary(db):
    load.load()
    report = load.Partnership.objects.get(slug="southampton").annual_reports.get(year=2017)
    composed = compose(report, edition="board")
    keys = [s.key for s in composed.sections]
    assert keys[0] == "foreword" and "next-steps" in keys
    assert "fifth year as Independent Chair" in composed.sections[0].body_html
    assert "glossary" in keys  # only the terms the report uses; Appendix 5 (functions) follows
    glossary = next(s for s in composed.sections if s.key == "glossary")
    terms = [row[0].value for row in glossary.section.tables[0].rows]
    # The foreword's MASH, and the terms the modules' sections use; not the unused ones.
    assert "MASH" in terms and "RSH" not in terms
