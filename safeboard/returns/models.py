"""Statutory child-level returns received, and the key that pseudonymises their children."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear


class ReturnKind(models.TextChoices):
    CIN = "cin", "CIN census"
    SSDA903_HEADER = "903_header", "SSDA903 header"
    SSDA903_EPISODES = "903_episodes", "SSDA903 episodes"
    SSDA903_MISSING = "903_missing", "SSDA903 missing"


class PseudonymKey(models.Model):
    """The partnership's secret for hashing child identifiers.

    Kept in the database only, never beside the stored tables, so the tables alone
    cannot be matched back to a child.
    """

    partnership = models.OneToOneField(
        Partnership, on_delete=models.PROTECT, related_name="pseudonym_key"
    )
    secret = models.BinaryField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Pseudonym key of {self.partnership}"


class IngestStatus(models.TextChoices):
    QUEUED = "queued", "Waiting"
    RUNNING = "running", "Reading"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    REPLACED = "replaced", "Replaced by a later submission"


class ReturnIngest(models.Model):
    """One file of a statutory return, read into columnar tables (or refused whole)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="ingests")
    kind = models.CharField(max_length=20, choices=ReturnKind.choices, blank=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    la = models.CharField("council (DfE number)", max_length=3, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Financial year, e.g. 2023 for 2023-24"
    )
    status = models.CharField(
        max_length=10, choices=IngestStatus.choices, default=IngestStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    children = models.PositiveIntegerField(default=0, help_text="Children (CIN) or rows (903)")
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    # The uploaded file waits here until read, then is deleted: it holds raw identifiers.
    incoming = models.CharField(max_length=300, blank=True)
    # Where the accepted tables are, in the file storage.
    stored_at = models.CharField(max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by_name = models.CharField(max_length=200)
    submitted_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # The reading's lease: a worker that has not said it is still reading by then is
    # taken to have stopped, and the next one reads the file again or refuses it.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    reads = models.PositiveSmallIntegerField(default=0, help_text="Times reading was begun")

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        # Each file is looked up by its hash when it arrives: a folder of a thousand files
        # would otherwise read the whole list a thousand times.
        indexes = [models.Index(fields=["partnership", "sha256"], name="ingest_file_hash")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="ingest_progress_percent"),
            models.UniqueConstraint(
                fields=["partnership", "kind", "la", "year"],
                condition=Q(status="accepted"),
                name="one_accepted_return_per_council_year",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | (~Q(la="") & Q(year__isnull=False)),
                name="accepted_return_has_council_and_year",
            ),
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def year_label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}" if self.year is not None else ""

    @property
    def is_finished(self) -> bool:
        return self.status not in (IngestStatus.QUEUED, IngestStatus.RUNNING)


class Recompute(models.Model):
    """One run that turned the stored returns into performance observations: when, by whom
    or which job, from which files, and what it changed."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="recomputes"
    )
    la = models.CharField("council (DfE number)", max_length=3, blank=True, help_text="Blank: all")
    year = models.PositiveSmallIntegerField(
        "financial year changed",
        null=True,
        blank=True,
        help_text="Blank: every year. Else this year's figures and the next year's were redone",
    )
    job = models.CharField(max_length=100, help_text="What ran it: the page, a task, the CLI")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by_name = models.CharField(max_length=200)
    computed_at = models.DateTimeField()
    # [kind, council, year, file name, SHA-256] of every accepted return read
    files = models.JSONField(default=list, blank=True)
    created = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-computed_at", "-pk"]

    def __str__(self) -> str:
        years = "" if self.year is None else f", {FinancialYear(self.year).label} on"
        return f"Recompute {self.pk} of {self.la or 'every council'}{years}"

    @property
    def years_label(self) -> str:
        """The financial years whose figures the run redid, for the page ("" for all)."""
        if self.year is None:
            return ""
        return f"{FinancialYear(self.year).label} and {FinancialYear(self.year + 1).label}"
