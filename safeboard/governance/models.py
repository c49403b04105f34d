"""The partnership's bodies, their seats, meetings and attendance, and escalations."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeboard.actions.models import Priority
from safeboard.core.models import Agency, Arrangement, Partnership


class GovernanceSettings(models.Model):
    partnership = models.OneToOneField(
        Partnership, on_delete=models.PROTECT, related_name="governance_settings"
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        default=75, help_text="Essential agencies attending less than this % are flagged"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "governance settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_threshold__lte=100), name="threshold_is_a_percentage"
            )
        ]

    def __str__(self) -> str:
        return f"Governance settings of {self.partnership}"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    BI_MONTHLY = "bi_monthly", "Every two months"
    QUARTERLY = "quarterly", "Quarterly"
    TWICE_YEARLY = "twice_yearly", "Twice a year"
    AS_NEEDED = "as_needed", "As needed"
    NOT_RECORDED = "not_recorded", "Not recorded"


class Body(models.Model):
    """The main board, the executive, a subgroup or a panel (seed Appendix 5).

    A body belongs to one partnership, or is a joint body of an arrangement (the 4LSCB
    Policy and Procedures Group), seen by the people of every member partnership."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        help_text="Empty for a joint body of an arrangement",
    )
    arrangement = models.ForeignKey(
        Arrangement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        help_text="The arrangement of a joint body",
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    purpose = models.TextField()
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    terms_of_reference = models.TextField(blank=True)
    quorum_seats = models.PositiveSmallIntegerField(
        default=0, help_text="The fewest seats present for the meeting to be quorate"
    )
    quorum_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="+", help_text="Agencies that must be among them"
    )
    order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["partnership", "order", "name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="body_name_once"),
            models.UniqueConstraint(fields=["arrangement", "name"], name="joint_body_name_once"),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="body_not_own_parent"),
            models.CheckConstraint(
                condition=Q(partnership__isnull=False, arrangement__isnull=True)
                | Q(partnership__isnull=True, arrangement__isnull=False),
                name="body_of_a_partnership_or_an_arrangement",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_joint(self) -> bool:
        return self.arrangement_id is not None


class SeatRole(models.TextChoices):
    """The holder's role on the body: a subgroup's chair runs its meetings."""

    CHAIR = "chair", "Chair"
    MEMBER = "member", "Member"


class Seat(models.Model):
    """A position on a body, held by an agency (seed Appendix 3)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="seats")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        help_text="Empty for the independent chair and lay members",
    )
    position = models.CharField(max_length=200)
    is_essential = models.BooleanField(default=True, help_text="Expected at every meeting")
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(
        max_length=20,
        choices=SeatRole.choices,
        default=SeatRole.MEMBER,
        help_text="The role of the representative and deputy on the body",
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    is_synthetic = models.BooleanField(
        default=False, help_text="Demo data: the seed report does not name who holds it"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["body", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=SeatRole.values), name="seat_role_known")
        ]

    def __str__(self) -> str:
        return f"{self.agency.display_name}: {self.position}" if self.agency else self.position


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    theme = models.ForeignKey(
        Priority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The business-plan priority of a themed meeting",
    )
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} on {self.date:%d %B %Y}"


def paper_path(instance: "AgendaItem", filename: str) -> str:
    return f"meetings/{instance.meeting_id}/papers/{filename}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    presenter = models.CharField(max_length=200, blank=True)
    paper = models.FileField(upload_to=paper_path, max_length=300, blank=True)
    paper_name = models.CharField(max_length=200, blank=True)
    paper_type = models.CharField(max_length=100, blank=True)
    paper_size = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AssuranceStatement(models.Model):
    """An agency's assurance to a themed meeting on how it meets the priority."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="assurance")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    statement = models.TextField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agency"], name="assurance_once_per_agency")
        ]

    def __str__(self) -> str:
        return f"Assurance from {self.agency} to {self.meeting}"


class Presence(models.TextChoices):
    ATTENDED = "attended", "Attended"
    DEPUTY = "deputy", "Deputy sent"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="attendance")
    presence = models.CharField(max_length=20, choices=Presence.choices)
    is_synthetic = models.BooleanField(
        default=False, help_text="Demo data: the seed report gives only a chart"
    )

    class Meta:
        ordering = ["meeting", "seat"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="attendance_once_per_seat"),
            models.CheckConstraint(
                condition=Q(presence__in=Presence.values), name="presence_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat}: {self.get_presence_display()}"


class Escalation(models.Model):
    """A professional disagreement or concern raised to the partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="escalations"
    )
    raised_by = models.CharField(max_length=200, help_text="Who raised it, and their role")
    raised_by_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    about_agencies = models.ManyToManyField(Agency, related_name="+")
    concern = models.TextField()
    raised_on = models.DateField()
    handling = models.TextField(blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("raised_on")),
                name="resolved_after_raised",
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | ~Q(resolution=""),
                name="a_resolution_says_what",
            ),
        ]

    def __str__(self) -> str:
        return f"Escalation raised {self.raised_on:%d %B %Y}"


def pack_path(instance: "MeetingPack", filename: str) -> str:
    return f"meetings/{instance.meeting_id}/packs/{filename}"


class MeetingPack(models.Model):
    """The members' pack of a meeting, built in the background as one PDF."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="packs")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=pack_path, max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField()
    built_at = models.DateTimeField(null=True, blank=True)
    problem = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Pack for {self.meeting} ({self.get_status_display()})"
