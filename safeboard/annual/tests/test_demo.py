import datetime as dt

import pytest
import time_machine
from django.core import mail

from safeboard.annual import services, tasks
from safeboard.annual.compose import compose
from safeboard.annual.models import Status
from safeboard.annual.output import render_html
from safeboard.core import schedule
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


def test_on_the_demo_the_signers_are_told_and_the_published_report_is_sent_on(
    db, django_capture_on_commit_callbacks
):
    people = load.load()
    report = load.Partnership.objects.get(slug="southampton").annual_reports.get(year=2017)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_submit(
            actor=people["business-unit"], report=report, expected_version=report.version
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["chair"].email, people["scrutineer"].email]
    )
    report = services.report_sign_off(
        actor=people["chair"], report=report, expected_version=report.version
    )
    mail.outbox.clear()
    with (
        time_machine.travel(dt.datetime(2018, 9, 3, 10, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.report_publish(
            actor=people["business-unit"], report=report, expected_version=report.version
        )
    assert [m.to for m in mail.outbox] == [[people["business-unit"].email]]
    # And each morning after, from the worker's schedule, until the dates are recorded.
    job = schedule.JOBS["annual-report-send-reminder"]
    assert job.task is tasks.remind_to_send_published_reports
    with time_machine.travel(dt.datetime(2018, 9, 4, 8, 1, tzinfo=dt.UTC), tick=False):
        assert job.name in schedule.enqueue_due()
    reminders = [m for m in mail.outbox if m.subject.startswith("Sending the 2017-18")]
    assert [m.to for m in reminders] == [[people["business-unit"].email]] * 2
    assert reminders[-1].subject.endswith("is due on 10 September 2018")
