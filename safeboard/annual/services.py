"""Every write to the annual report's records, each with its audit event."""

import hashlib
from collections.abc import Collection
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from safeboard.core import audit
from safeboard.core.access import require
from safeboard.core.models import Partnership, Person, Role
from safeboard.core.notify import send_email
from safeboard.core.selectors import partnership_people_with_role

from . import notices, rules
from .compose import AUTHORED_DEFAULTS, NumberToConfirm, compose_live, numbers_to_confirm
from .composed import SnapshotError, as_data, fingerprint
from .models import (
    AnnualReport,
    AuthoredSection,
    FileStatus,
    ReportFile,
    ReportLayout,
    ReportSnapshot,
    Status,
)


def _audit(actor, action: str, target, report: AnnualReport, changed=()) -> None:
    audit.record(
        actor=actor,
        action=action,
        target=target,
        partnership_id=report.partnership_id,
        changed=changed,
    )


# The report and its narrative


@transaction.atomic
def report_create(*, actor: Person, partnership: Partnership, year: int) -> AnnualReport:
    """A new report for a year, with the narrative sections the partnership writes."""
    require(rules.can_write(actor, partnership.pk))
    if AnnualReport.objects.filter(partnership=partnership, year=year).exists():
        raise ValidationError({"year": "There is already a report for this year."})
    report = AnnualReport(partnership=partnership, year=year)
    report.full_clean()
    report.save()
    AuthoredSection.objects.bulk_create(
        AuthoredSection(report=report, key=key, title=title, order=order)
        for key, title, order in AUTHORED_DEFAULTS
    )
    _audit(actor, "annual_report.create", report, report, ["year"])
    return report


def _require_draft(report: AnnualReport) -> None:
    if report.status != Status.DRAFT:
        raise ValidationError(
            "The report is no longer a draft: its narrative can change only in a draft."
        )


@transaction.atomic
def authored_section_update(
    *, actor: Person, section: AuthoredSection, expected_version: int, title: str, body: str
) -> AuthoredSection:
    report = section.report
    require(rules.can_write(actor, report.partnership_id))
    _require_draft(report)
    audit.audited_update(
        actor=actor,
        instance=section,
        expected_version=expected_version,
        changes={"title": title, "body": body},
        action="annual_report.section.update",
        partnership_id=report.partnership_id,
    )
    return section


@transaction.atomic
def authored_section_add(
    *, actor: Person, report: AnnualReport, title: str, body: str = "", order: int = 950
) -> AuthoredSection:
    """A section of the partnership's own, beyond the usual ones."""
    require(rules.can_write(actor, report.partnership_id))
    _require_draft(report)
    base = slugify(title)[:50] or "section"
    taken = set(report.authored.values_list("key", flat=True))
    key = (
        base
        if base not in taken
        else next(f"{base}-{n}" for n in range(2, 100) if f"{base}-{n}" not in taken)
    )
    section = AuthoredSection(report=report, key=key, title=title, body=body, order=order)
    section.full_clean()
    section.save()
    _audit(actor, "annual_report.section.add", section, report, ["title", "body"])
    return section


@transaction.atomic
def report_layout_set(
    *, actor: Person, partnership: Partnership, expected_version: int, entries: list[dict]
) -> ReportLayout:
    """The partnership's order, titles and hidden sections for its reports."""
    require(rules.can_write(actor, partnership.pk))
    layout, created = ReportLayout.objects.get_or_create(partnership=partnership)
    if created and expected_version != 1:
        raise ValidationError("Someone else changed the layout while you were editing it.")
    audit.audited_update(
        actor=actor,
        instance=layout,
        expected_version=expected_version,
        changes={"sections": entries},
        action="annual_report.layout.set",
        partnership_id=partnership.pk,
    )
    return layout


# The way to publication


def _move(actor, report: AnnualReport, expected_version: int, changes: dict, action: str):
    audit.audited_update(
        actor=actor,
        instance=report,
        expected_version=expected_version,
        changes=changes,
        action=action,
        partnership_id=report.partnership_id,
    )
    return report


def _require_status(report: AnnualReport, status: str, message: str) -> None:
    if report.status != status:
        raise ValidationError(message)


def _email_on_commit(actor, report: AnnualReport, email: notices.Email, action: str) -> None:
    """Sent once the change is saved, so nobody is told of a change that was rolled back."""
    transaction.on_commit(partial(send_email, to=email.to, subject=email.subject, body=email.body))
    audit.record(
        actor=actor,
        action=action,
        target=report,
        partnership_id=report.partnership_id,
        label=f"{report}: emailed to {email.to}",
    )


@transaction.atomic
def report_submit(*, actor: Person, report: AnnualReport, expected_version: int) -> AnnualReport:
    """The business unit sends the draft to the chair and scrutineer for sign-off, and
    each of them is emailed the link."""
    require(rules.can_write(actor, report.partnership_id))
    _require_status(report, Status.DRAFT, "Only a draft can be sent for sign-off.")
    changes = {"status": Status.AWAITING_SIGN_OFF}
    report = _move(actor, report, expected_version, changes, "annual_report.submit")
    for signer in partnership_people_with_role(report.partnership_id, *rules.SIGNERS):
        email = notices.sign_off_requested(report, sender=actor, signer=signer)
        _email_on_commit(actor, report, email, "annual_report.submit.email")
    return report


@transaction.atomic
def report_return_to_draft(
    *, actor: Person, report: AnnualReport, expected_version: int
) -> AnnualReport:
    """Back to the business unit for changes, before anyone has signed it off."""
    pid = report.partnership_id
    require(rules.can_write(actor, pid) or rules.can_sign_off(actor, pid))
    _require_status(
        report, Status.AWAITING_SIGN_OFF, "Only a report awaiting sign-off can go back."
    )
    return _move(actor, report, expected_version, {"status": Status.DRAFT}, "annual_report.return")


@transaction.atomic
def report_sign_off(
    *, actor: Person, report: AnnualReport, expected_version: int, confirmed: Collection[str] = ()
) -> AnnualReport:
    """The chair or scrutineer signs the report off, which freezes both versions. Each small
    number about people in the narrative escapes disclosure control, so the signer first
    confirms each may be published (`confirmed` holds their keys)."""
    require(rules.can_sign_off(actor, report.partnership_id))
    _require_status(
        report, Status.AWAITING_SIGN_OFF, "Only a report awaiting sign-off can be signed off."
    )
    numbers = numbers_to_confirm(report)
    _require_confirmed(numbers, set(confirmed))
    for edition in ("board", "published"):
        try:
            data = as_data(compose_live(report, edition=edition))
        except SnapshotError as error:
            raise ValidationError(f"The report cannot be signed off: {error}") from error
        ReportSnapshot.objects.create(
            report=report, edition=edition, data=data, fingerprint=fingerprint(data)
        )
    changes = {
        "status": Status.SIGNED_OFF,
        "signed_off_at": timezone.now(),
        "signed_off_by": actor,
    }
    report = _move(actor, report, expected_version, changes, "annual_report.sign_off")
    for found in numbers:
        audit.record(
            actor=actor,
            action="annual_report.sign_off.number_confirmed",
            target=report,
            partnership_id=report.partnership_id,
            label=f"{found.section_title}: “{found.number.excerpt}”",
        )
    return report


def _require_confirmed(numbers: list[NumberToConfirm], confirmed: set[str]) -> None:
    missing = [n for n in numbers if n.key not in confirmed]
    if missing:
        raise ValidationError(
            {
                "confirmed": [
                    f"Confirm that “{n.number.written}” in “{n.section_title}” "
                    f"(“{n.number.excerpt}”) may be published, or return the report as a draft."
                    for n in missing
                ]
            }
        )


@transaction.atomic
def report_publish(*, actor: Person, report: AnnualReport, expected_version: int) -> AnnualReport:
    """The published version becomes public at its stable address; the business unit is
    reminded at once to send it to the national Panel and the What Works Centre."""
    require(rules.can_write(actor, report.partnership_id))
    _require_status(report, Status.SIGNED_OFF, "Only a signed-off report can be published.")
    changes = {"status": Status.PUBLISHED, "published_at": timezone.now()}
    report = _move(actor, report, expected_version, changes, "annual_report.publish")
    today = timezone.localdate()
    for person in partnership_people_with_role(report.partnership_id, Role.BUSINESS_UNIT):
        email = notices.send_on_reminder(report, to=person, today=today)
        _email_on_commit(actor, report, email, "annual_report.publish.email")
    return report


@transaction.atomic
def report_sent_record(
    *,
    actor: Person,
    report: AnnualReport,
    expected_version: int,
    sent_to_panel_on: date | None,
    sent_to_what_works_on: date | None,
) -> AnnualReport:
    """When the published report went to the national Panel and the What Works Centre."""
    require(rules.can_write(actor, report.partnership_id))
    _require_status(report, Status.PUBLISHED, "Only a published report is sent on.")
    published = timezone.localdate(report.published_at)
    for sent in (sent_to_panel_on, sent_to_what_works_on):
        if sent is not None and not published <= sent <= timezone.localdate():
            raise ValidationError(
                "A report is sent on or after the day it was published, and not in the future."
            )
    changes = {
        "sent_to_panel_on": sent_to_panel_on,
        "sent_to_what_works_on": sent_to_what_works_on,
    }
    return _move(actor, report, expected_version, changes, "annual_report.sent")


@transaction.atomic
def report_correct(*, actor: Person, report: AnnualReport, correction_note: str) -> AnnualReport:
    """A published report never changes: its correction is a new revision, a draft that
    starts from the same narrative and says what it corrects."""
    require(rules.can_write(actor, report.partnership_id))
    _require_status(report, Status.PUBLISHED, "Only a published report is corrected.")
    if not correction_note.strip():
        raise ValidationError({"correction_note": "Say what the correction changes."})
    latest = AnnualReport.objects.filter(partnership=report.partnership, year=report.year)
    if latest.order_by("-revision").first() != report:
        raise ValidationError("A later revision of this report exists already: correct that.")
    correction = AnnualReport(
        partnership=report.partnership,
        year=report.year,
        revision=report.revision + 1,
        correction_note=correction_note.strip(),
    )
    correction.full_clean()
    correction.save()
    AuthoredSection.objects.bulk_create(
        AuthoredSection(report=correction, key=a.key, title=a.title, body=a.body, order=a.order)
        for a in report.authored.all()
    )
    _audit(actor, "annual_report.correct", correction, correction, ["correction_note"])
    return correction


# Generated files


@transaction.atomic
def report_file_request(
    *, actor: Person, report: AnnualReport, edition: str, format: str
) -> ReportFile:
    """Ask the worker to make the report in a format; the page shows its progress."""
    from .tasks import make_report_file

    require(rules.can_generate(actor, report))
    made = ReportFile(report=report, edition=edition, format=format, requested_by=actor)
    made.full_clean()
    made.save()
    _audit(actor, "annual_report.file.request", made, report, ["edition", "format"])
    transaction.on_commit(partial(make_report_file.enqueue, file_id=made.pk))
    return made


def report_file_progress(*, made: ReportFile, progress: int, step: str) -> None:
    """The worker's progress on a file. Not audited: it is the worker's state, not a
    change anyone made; the request and the result are audited."""
    ReportFile.objects.filter(pk=made.pk).update(
        status=FileStatus.RUNNING, progress=progress, step=step
    )


@transaction.atomic
def report_file_finish(*, made: ReportFile, content: bytes, data_fingerprint: str) -> ReportFile:
    report = made.report
    made.sha256 = hashlib.sha256(content).hexdigest()
    made.file.save(made.download_name, ContentFile(content), save=False)
    made.data_fingerprint = data_fingerprint
    made.status = FileStatus.DONE
    made.progress = 100
    made.step = "Ready"
    made.finished_at = timezone.now()
    made.full_clean()
    made.save()
    _audit(None, "annual_report.file.finish", made, report, ["file", "sha256"])
    return made


@transaction.atomic
def report_file_fail(*, made: ReportFile, error: str) -> None:
    ReportFile.objects.filter(pk=made.pk).update(
        status=FileStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )
    _audit(None, "annual_report.file.fail", made, made.report, ["status"])
