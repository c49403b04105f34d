import pytest

from safeboard.annual import services
from safeboard.annual.compose import compose
from safeboard.annual.models import Status
from safeboard.annual.output import render_html
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


@pytest.mark.parametrize("signer", ["chair", "scrutineer"])
def test_the_demo_report_of_2017_18_is_signed_off_and_reads_as_it_did(db, signer):
    people = load.load()
    report = load.Partnership.objects.get(slug="southampton").annual_reports.get(year=2017)
    report = services.report_submit(
        actor=people["business-unit"], report=report, expected_version=report.version
    )
    live = {e: render_html(compose(report, edition=e)) for e in ("board", "published")}
    report = services.report_sign_off(
        actor=people[signer], report=report, expected_version=report.version
    )
    assert report.status == Status.SIGNED_OFF
    assert {e: render_html(compose(report, edition=e)) for e in live} == live
