import datetime as dt
import hashlib

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from safeboard.annual import services, tasks
from safeboard.annual.compose import compose
from safeboard.annual.models import AnnualReport, FileStatus, Status
from safeboard.annual.tasks import remind_to_send_published_reports
from safeboard.core.models import AuditEvent, GlossaryTerm


def _signed_off(cast, report):
    report = services.report_submit(actor=cast.business_unit, report=report, expected_version=1)
    return services.report_sign_off(actor=cast.scrutineer, report=report, expected_version=2)


def _published(cast, report):
    report = _signed_off(cast, report)
    return services.report_publish(actor=cast.business_unit, report=report, expected_version=3)


def test_only_the_chair_or_scrutineer_signs_off(cast, report):
    report = services.report_submit(actor=cast.business_unit, report=report, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.report_sign_off(actor=cast.business_unit, report=report, expected_version=2)
    report = services.report_sign_off(actor=cast.chair, report=report, expected_version=2)
    assert report.status == Status.SIGNED_OFF and report.signed_off_by == cast.chair


def test_a_draft_cannot_be_signed_off_or_published(cast, report):
    with pytest.raises(ValidationError, match="awaiting sign-off"):
        services.report_sign_off(actor=cast.chair, report=report, expected_version=1)
    with pytest.raises(ValidationError, match="signed-off"):
        services.report_publish(actor=cast.business_unit, report=report, expected_version=1)


def test_signing_off_freezes_both_versions(cast, report):
    report = _signed_off(cast, report)
    board, published = compose(report, edition="board"), compose(report, edition="published")
    GlossaryTerm.objects.create(partnership=cast.partnership, term="CDOP", meaning="Panel")
    assert compose(report, edition="board") == board
    assert compose(report, edition="published") == published
    foreword = report.authored.get(key="foreword")
    with pytest.raises(ValidationError, match="no longer a draft"):
        services.authored_section_update(
            actor=cast.business_unit, section=foreword, expected_version=1, title="F", body="x"
        )


def test_a_correction_is_a_new_revision_that_says_what_changed(cast, report):
    report = _published(cast, report)
    with pytest.raises(ValidationError):
        services.report_correct(actor=cast.business_unit, report=report, correction_note=" ")
    correction = services.report_correct(
        actor=cast.business_unit, report=report, correction_note="The finance table's total."
    )
    assert (correction.revision, correction.status) == (2, Status.DRAFT)
    assert AnnualReport.objects.get(pk=report.pk).status == Status.PUBLISHED
    assert compose(correction, edition="board").correction_note == "The finance table's total."


def test_a_file_is_made_in_the_background_and_kept_with_its_hash_maker_and_data(
    cast, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.report_file_request(
            actor=cast.business_unit, report=report, edition="published", format="json"
        )
    made.refresh_from_db()
    assert made.status == FileStatus.DONE and made.progress == 100
    content = made.file.read()
    assert made.sha256 == hashlib.sha256(content).hexdigest()
    assert made.requested_by == cast.business_unit
    assert made.data_fingerprint.encode() in content  # the JSON names the data it holds
    assert AuditEvent.objects.filter(action="annual_report.file.finish").count() == 1


def test_the_chair_cannot_make_files_of_a_draft(cast, report):
    with pytest.raises(PermissionDenied):
        services.report_file_request(
            actor=cast.chair, report=report, edition="board", format="json"
        )


def test_the_business_unit_is_reminded_to_send_the_published_report(cast, report):
    with time_machine.travel(dt.datetime(2018, 9, 3, 10, tzinfo=dt.UTC), tick=False):
        report = _published(cast, report)
    with time_machine.travel(dt.datetime(2018, 9, 12, 9, tzinfo=dt.UTC), tick=False):
        assert remind_to_send_published_reports.call() == 1
        assert mail.outbox[-1].to == [cast.business_unit.email]
        assert "was due on 10 September 2018" in mail.outbox[-1].subject
        services.report_sent_record(
            actor=cast.business_unit,
            report=report,
            expected_version=4,
            sent_to_panel_on=dt.date(2018, 9, 11),
            sent_to_what_works_on=dt.date(2018, 9, 12),
        )
        assert remind_to_send_published_reports.call() == 0


def test_a_report_is_not_sent_before_it_was_published(cast, report):
    with time_machine.travel(dt.datetime(2018, 9, 3, 10, tzinfo=dt.UTC), tick=False):
        report = _published(cast, report)
        with pytest.raises(ValidationError, match="on or after the day it was published"):
            services.report_sent_record(
                actor=cast.business_unit,
                report=report,
                expected_version=4,
                sent_to_panel_on=dt.date(2018, 9, 1),
                sent_to_what_works_on=None,
            )


def test_a_file_asked_for_in_a_change_that_is_undone_is_never_made(
    cast, report, monkeypatch, django_capture_on_commit_callbacks
):
    made = []
    monkeypatch.setattr(tasks, "_make", lambda file: made.append(file) or (b"{}", "fingerprint"))
    with (
        django_capture_on_commit_callbacks(execute=True) as enqueued,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.report_file_request(
            actor=cast.business_unit, report=report, edition="board", format="json"
        )
        raise RuntimeError("The page failed after the request was written")
    assert (enqueued, made) == ([], [])
    # Asked for in a change that holds, it is made once the change is written.
    with django_capture_on_commit_callbacks(execute=True) as enqueued:
        services.report_file_request(
            actor=cast.business_unit, report=report, edition="board", format="json"
        )
        assert made == []
    assert len(enqueued) == 1 and [file.format for file in made] == ["json"]


def test_a_file_that_cannot_be_made_says_why(
    cast, report, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(composed, format):
        raise RuntimeError("No fonts")

    monkeypatch.setattr(tasks, "render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        made = services.report_file_request(
            actor=cast.business_unit, report=report, edition="board", format="docx"
        )
    made.refresh_from_db()
    assert (made.status, made.error, made.sha256) == (FileStatus.FAILED, "No fonts", "")


def test_the_chair_returns_the_report_to_the_business_unit_for_changes(cast, report):
    report = services.report_submit(actor=cast.business_unit, report=report, expected_version=1)
    report = services.report_return_to_draft(actor=cast.chair, report=report, expected_version=2)
    assert report.status == Status.DRAFT
    with pytest.raises(PermissionDenied):
        services.report_submit(actor=cast.chair, report=report, expected_version=3)


def test_two_people_writing_the_foreword_at_once_do_not_overwrite_each_other(cast, report):
    foreword = report.authored.get(key="foreword")
    services.authored_section_update(
        actor=cast.business_unit, section=foreword, expected_version=1, title="F", body="Mine."
    )
    stale = report.authored.get(key="foreword")
    stale.version = 1
    with pytest.raises(ValidationError, match="Someone else changed this record"):
        services.authored_section_update(
            actor=cast.business_unit, section=stale, expected_version=1, title="F", body="Theirs."
        )
    assert report.authored.get(key="foreword").body == "Mine."
