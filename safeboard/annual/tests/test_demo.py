from safeboard.annual.compose import compose
from safeboard.demo import load


def test_the_demo_report_of_2017_18_holds_the_seeds_narrative_and_glossary(db):
    load.load()
    report = load.Partnership.objects.get(slug="southampton").annual_reports.get(year=2017)
    composed = compose(report, edition="board")
    keys = [s.key for s in composed.sections]
    assert keys[0] == "foreword" and "next-steps" in keys
    assert "fifth year as Independent Chair" in composed.sections[0].body_html
    assert keys[-1] == "glossary"  # only the terms the report uses
    terms = [row[0].value for row in composed.sections[-1].section.tables[0].rows]
    assert terms == ["MASH"]  # the foreword's; none of the other 44 terms appear
