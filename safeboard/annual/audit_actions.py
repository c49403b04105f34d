"""What the annual report's services are audited as."""

from django.db import models

from safeboard.core.audit import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    CREATE = "annual_report.create", "Annual report started"
    SECTION_UPDATE = "annual_report.section.update", "Report section changed"
    SECTION_ADD = "annual_report.section.add", "Report section added"
    LAYOUT_SET = "annual_report.layout.set", "Report layout set"
    SUBMIT = "annual_report.submit", "Report sent for sign-off"
    SUBMIT_EMAIL = "annual_report.submit.email", "Sign-off request emailed"
    RETURN = "annual_report.return", "Report returned to draft"
    SIGN_OFF = "annual_report.sign_off", "Report signed off"
    SIGN_OFF_NUMBER_CONFIRMED = (
        "annual_report.sign_off.number_confirmed",
        "Report's figures confirmed at sign-off",
    )
    PUBLISH = "annual_report.publish", "Report published"
    PUBLISH_EMAIL = "annual_report.publish.email", "Publication emailed"
    SENT = "annual_report.sent", "Report's sending to the Panel recorded"
    CORRECT = "annual_report.correct", "Published report corrected"
    FILE_REQUEST = "annual_report.file.request", "Report file requested"
    FILE_FINISH = "annual_report.file.finish", "Report file made"
    FILE_FAIL = "annual_report.file.fail", "Report file failed"
