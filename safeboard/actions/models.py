"""One tracker for every recommendation, wherever it comes from, and the actions that
follow it; the business plan's priorities are one such source."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from safeboard.core.models import Agency, Partnership


class TrackerSettings(models.Model):
    """The partnership's thresholds for an action's RAG status (see `actions.rag`)."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.PROTECT, related_name="tracker_settings"
    )
    stall_days = models.PositiveSmallIntegerField(
        default=60, help_text="An action with no update for longer than this is red"
    )
    amber_due_within_days = models.PositiveSmallIntegerField(
        default=30, help_text="An action due within this many days..."
    )
    amber_not_updated_days = models.PositiveSmallIntegerField(
        default=30, help_text="...and not updated for longer than this is amber"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "tracker settings"
        constraints = [
            models.CheckConstraint(condition=Q(stall_days__gte=1), name="stall_days_positive"),
        ]

    def __str__(self) -> str:
        return f"Action thresholds of {self.partnership}"


class Priority(models.Model):
    """A business-plan priority ("theme") for a financial year."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="priorities"
    )
    year = models.PositiveSmallIntegerField(help_text="Financial year, e.g. 2017 for 2017-18")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["partnership", "-year", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "number"], name="priority_number_once_per_year"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="priority_numbered_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Recommendation(models.Model):
    """Something the partnership agreed should change. Its source is any record of any
    module (a priority, a case review, an audit...), linked, never copied."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="recommendations"
    )
    reference = models.CharField(max_length=20, blank=True, help_text="e.g. a, b, 3.2")
    text = models.TextField()
    theme = models.CharField(max_length=200)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    date_agreed = models.DateField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["partnership", "theme", "reference", "pk"]
        indexes = [models.Index(fields=["source_type", "source_id"], name="recommendation_source")]
        constraints = [
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="recommendation_source_whole_or_none",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.reference}. " if self.reference else ""
        return f"{label}{self.text[:80]}"

    @property
    def source_kind(self) -> str:
        """What kind of record the source is, e.g. "Priority" or "Case review"."""
        if self.source_type is None:
            return "None"
        model = self.source_type.model_class()
        return str(model._meta.verbose_name).capitalize() if model else self.source_type.model


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    DROPPED = "dropped", "Dropped"


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"actions/{instance.action_id}/evidence/{filename}"


class Action(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField(verbose_name="What will be done")
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="actions", verbose_name="Owner agency"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name="Owner",
    )
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    dropped_reason = models.TextField(blank=True)
    what_was_done = models.TextField(blank=True, verbose_name="What was done and by whom")
    impact_on_children = models.TextField(blank=True, verbose_name="Impact on children")
    evidence = models.TextField(blank=True, verbose_name="Evidence of assurance")
    last_update_on = models.DateField(help_text="The date of the latest update (or creation)")
    is_synthetic = models.BooleanField(
        default=False, help_text="Demo data: details the seed report does not give"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="action_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DROPPED) | ~Q(dropped_reason=""),
                name="a_dropped_action_says_why",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]


class ActionUpdate(models.Model):
    """A dated entry on an action's timeline."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    on = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=300)
    note = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-on", "-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.note[:60]}"


class Evidence(models.Model):
    """A file of evidence for an action, kept through the storage API."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.name


class Reminder(models.Model):
    """An email the daily job sent to an action's owner."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(db_index=True)
    due_date = models.DateField()

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder to {self.sent_to}"
