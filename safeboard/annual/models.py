"""The annual report of a partnership for a financial year, and what is made from it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    PUBLISHED = "published", "Published"


class Edition(models.TextChoices):
    BOARD = "board", "Board version (exact figures)"
    PUBLISHED = "published", "Published version (disclosure-controlled)"


class AnnualReport(models.Model):
    """One revision of a partnership's report for a year.

    A published report never changes: a correction is a new revision of the same year,
    which says what changed.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(help_text="Financial year, e.g. 2017 for 2017-18")
    revision = models.PositiveSmallIntegerField(default=1)
    correction_note = models.TextField(
        blank=True, help_text="What this revision corrects in the one published before it"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    sent_to_panel_on = models.DateField(
        null=True, blank=True, verbose_name="sent to the Child Safeguarding Practice Review Panel"
    )
    sent_to_what_works_on = models.DateField(
        null=True, blank=True, verbose_name="sent to the What Works Centre"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["partnership", "-year", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "revision"], name="annual_report_revision_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="annual_report_status_is_known"
            ),
            models.CheckConstraint(
                condition=Q(revision=1) | ~Q(correction_note=""),
                name="annual_report_correction_says_what_changed",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.DRAFT, Status.AWAITING_SIGN_OFF])
                | Q(signed_off_at__isnull=False),
                name="annual_report_signed_off_has_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="annual_report_published_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        revision = f" (revision {self.revision})" if self.revision > 1 else ""
        return f"Annual report {self.financial_year}{revision}"

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear(self.year)

    @property
    def is_frozen(self) -> bool:
        return self.status in (Status.SIGNED_OFF, Status.PUBLISHED)


class AuthoredSection(models.Model):
    """Narrative the partnership writes, in Markdown: the foreword, highlights and so on."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="authored")
    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Markdown")
    order = models.PositiveSmallIntegerField(help_text="Its place by default, as the seed's")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="authored_section_once"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportLayout(models.Model):
    """The partnership's choices for its reports: each section's place, title, or hiding.

    `sections` is a list of {"key", "position", "title", "hidden"}; a section not listed
    keeps its default place and title.
    """

    partnership = models.OneToOneField(
        Partnership, on_delete=models.PROTECT, related_name="report_layout"
    )
    sections = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Report layout of {self.partnership}"


class ReportSnapshot(models.Model):
    """A report's composed data, frozen at sign-off: what every later output is made from."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="snapshots")
    edition = models.CharField(max_length=10, choices=Edition.choices)
    data = models.JSONField()
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "edition"], name="one_snapshot_per_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.report}, {self.get_edition_display()}"


class Format(models.TextChoices):
    HTML = "html", "Web page (HTML)"
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    JSON = "json", "Data (JSON)"


class FileStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class ReportFile(models.Model):
    """One generated output, kept with its hash, who asked for it and the data it came from."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="files")
    edition = models.CharField(max_length=10, choices=Edition.choices)
    format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=10, choices=FileStatus.choices, default=FileStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=100, blank=True)
    file = models.FileField(upload_to="annual-reports/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    data_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the composed data it was made from"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_file_progress_is_a_percentage"
            ),
            models.CheckConstraint(
                condition=~Q(status=FileStatus.DONE) | ~Q(sha256=""),
                name="report_file_done_has_a_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}, {self.get_edition_display()}, {self.get_format_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (FileStatus.DONE, FileStatus.FAILED)

    @property
    def download_name(self) -> str:
        """The file's name for whoever downloads it, whatever name storage gave it."""
        report = self.report
        return (
            f"{report.partnership.slug}-annual-report-{report.financial_year.label}"
            f"-r{report.revision}-{self.edition}.{self.format}"
        )
