"""Who is told what as the report goes on its way: the signers, and the business unit."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from safeboard.annual import services
from safeboard.core.models import AuditEvent, Role
from safeboard.core.testing import add_person


@pytest.fixture
def base_url(settings):
    settings.SAFEBOARD_BASE_URL = "https://safeboard.example.org"
    return settings.SAFEBOARD_BASE_URL


def _submitted(cast, report, capture):
    with capture(execute=True):
        return services.report_submit(actor=cast.business_unit, report=report, expected_version=1)


def test_sending_for_sign_off_emails_the_chair_and_scrutineer_the_link(
    cast, report, base_url, django_capture_on_commit_callbacks
):
    add_person(cast.other_partnership, "other.chair@example.org", Role.CHAIR)
    _submitted(cast, report, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == [cast.chair.email, cast.scrutineer.email]
    link = f"{base_url}/p/southampton/annual-reports/2017-18/1/"
    for email in mail.outbox:
        assert email.subject == (
            "For your sign-off: Annual report 2017-18 of Southampton Safeguarding Children "
            "Partnership"
        )
        assert link in email.body and "Business Unit has sent" in email.body
    sent = AuditEvent.objects.filter(action="annual_report.submit.email")
    assert sorted(e.target_label.rsplit(" ", 1)[-1] for e in sent) == sorted(
        [cast.chair.email, cast.scrutineer.email]
    )
    assert {e.actor_id for e in sent} == {cast.business_unit.pk}


def test_a_signer_who_has_left_is_not_emailed(cast, report, django_capture_on_commit_callbacks):
    cast.scrutineer.memberships.update(is_active=False)
    _submitted(cast, report, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[cast.chair.email]]


def test_no_email_leaves_when_sending_for_sign_off_fails(
    cast, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.report_submit(actor=cast.business_unit, report=report, expected_version=9)
    assert mail.outbox == [] and not AuditEvent.objects.filter(action__endswith=".email")


def test_publishing_reminds_the_business_unit_to_send_it_on_within_7_days(
    cast, report, base_url, django_capture_on_commit_callbacks
):
    report = _submitted(cast, report, django_capture_on_commit_callbacks)
    report = services.report_sign_off(actor=cast.chair, report=report, expected_version=2)
    mail.outbox.clear()
    with (
        time_machine.travel(dt.datetime(2018, 9, 3, 10, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.report_publish(actor=cast.business_unit, report=report, expected_version=3)
    [email] = mail.outbox
    assert email.to == [cast.business_unit.email]
    assert email.subject == "Sending the 2017-18 annual report is due on 10 September 2018"
    assert "the national Child Safeguarding Practice Review Panel and the What Works" in email.body
    assert f"{base_url}/p/southampton/annual-reports/2017-18/1/" in email.body
    assert AuditEvent.objects.filter(action="annual_report.publish.email").count() == 1
