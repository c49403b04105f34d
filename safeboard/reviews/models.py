"""Serious incidents, decisions, reviews, themes and learning products.

Referrals and reviews are restricted records: only the case review group, the chair, the
independent scrutineer and the business unit see them (`core.restricted`). A review's
recommendations live in the one action tracker (`actions.Recommendation`), which links to
the review as its source; they are not copied here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from safeboard.core.models import Agency, Partnership, Role

CASE_REVIEW_ROLES = frozenset(
    {Role.CASE_REVIEW_MEMBER, Role.CHAIR, Role.SCRUTINEER, Role.BUSINESS_UNIT}
)
# Of those, the people who record and change case reviews; the chair and the scrutineer read.
CASE_REVIEW_WRITERS = frozenset({Role.CASE_REVIEW_MEMBER, Role.BUSINESS_UNIT})


class CaseReviewSettings(models.Model):
    """How one partnership runs its case reviews."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.PROTECT, related_name="case_review_settings"
    )
    records_child_names = models.BooleanField(
        default=False,
        help_text="Off by default: referrals carry a pseudonymous reference and no name",
    )
    group = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The body that is the case review group: its meetings take the action plan",
    )
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Case review settings of {self.partnership}"


class ClosureDay(models.Model):
    """A day the partnership's offices are closed, besides weekends and bank holidays.
    The statutory clocks do not count it as a working day."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="closure_days"
    )
    day = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["partnership", "day"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "day"], name="closure_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.day:%-d %B %Y}: {self.reason}"


class AgeBand(models.TextChoices):
    UNBORN = "unborn", "Unborn"
    UNDER_1 = "under_1", "Under 1"
    AGE_1_TO_4 = "1_to_4", "1 to 4"
    AGE_5_TO_9 = "5_to_9", "5 to 9"
    AGE_10_TO_15 = "10_to_15", "10 to 15"
    AGE_16_TO_17 = "16_to_17", "16 to 17"


class Theme(models.Model):
    """A theme the partnership's referrals and reviews raise (e.g. neglect)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="themes")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("partnership", Lower("name"), name="theme_once_per_partnership")
        ]

    def __str__(self) -> str:
        return self.name


class Referral(models.Model):
    """A serious incident referred to the partnership for a possible review."""

    RESTRICTED_TO = CASE_REVIEW_ROLES

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="referrals")
    reference = models.CharField(
        max_length=40, help_text="A pseudonymous reference for the child, never their name"
    )
    child_name = models.CharField(max_length=200, blank=True)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    incident_date = models.DateField()
    became_aware = models.DateField(help_text="The date the local authority became aware")
    referring_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    what_happened = models.TextField()
    died_or_seriously_harmed = models.BooleanField()
    abuse_or_neglect = models.BooleanField(help_text="Abuse or neglect known or suspected")
    looked_after = models.BooleanField()
    why_learn = models.TextField(blank=True, help_text="Why the partnership might learn from it")
    notification_sent = models.DateField(null=True, blank=True)
    rapid_review_held = models.DateField(null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="referrals")
    is_synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-became_aware", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="referral_reference_once"
            ),
            models.CheckConstraint(
                condition=Q(became_aware__gte=models.F("incident_date")),
                name="referral_aware_after_incident",
            ),
            models.CheckConstraint(
                condition=Q(notification_sent__isnull=True)
                | Q(notification_sent__gte=models.F("became_aware")),
                name="referral_notified_after_aware",
            ),
            models.CheckConstraint(
                condition=Q(rapid_review_held__isnull=True)
                | Q(
                    notification_sent__isnull=False,
                    rapid_review_held__gte=models.F("notification_sent"),
                ),
                name="referral_rapid_review_after_notification",
            ),
            models.CheckConstraint(
                condition=Q(died_or_seriously_harmed=True, abuse_or_neglect=True)
                | ~Q(why_learn=""),
                name="referral_meets_criteria_or_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse(
            "reviews:referral-detail", kwargs={"slug": self.partnership.slug, "pk": self.pk}
        )

    @property
    def meets_statutory_criteria(self) -> bool:
        return self.died_or_seriously_harmed and self.abuse_or_neglect


class DecisionOutcome(models.TextChoices):
    LCSPR = "lcspr", "Local child safeguarding practice review"
    SCR = "scr", "Serious case review (before 2019)"
    PARTNERSHIP = "partnership", "Partnership (non-statutory) review"
    OTHER_LEARNING = "other_learning", "Other learning review"
    NO_FURTHER_ACTION = "nfa", "No further action"


class Decision(models.Model):
    """What the partnership decided to do about a referral."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices)
    rationale = models.TextField()
    decided_on = models.DateField()
    decided_by = models.CharField(max_length=200, help_text="e.g. the case review group")
    panel_view = models.TextField(blank=True, help_text="The national panel's view")
    panel_view_received = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=DecisionOutcome.values), name="decision_outcome_known"
            ),
            models.CheckConstraint(
                condition=Q(panel_view="", panel_view_received__isnull=True)
                | (~Q(panel_view="") & Q(panel_view_received__isnull=False)),
                name="decision_panel_view_with_its_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.decided_on:%-d %B %Y})"


class ReviewKind(models.TextChoices):
    LCSPR = "lcspr", "Local child safeguarding practice review"
    SCR = "scr", "Serious case review"
    PARTNERSHIP = "partnership", "Partnership (non-statutory) review"
    OTHER_LEARNING = "other_learning", "Other learning review"
    THEMATIC = "thematic", "Thematic review"


# A decision to review commissions a review of the same kind.
KIND_OF_OUTCOME = {
    DecisionOutcome.LCSPR: ReviewKind.LCSPR,
    DecisionOutcome.SCR: ReviewKind.SCR,
    DecisionOutcome.PARTNERSHIP: ReviewKind.PARTNERSHIP,
    DecisionOutcome.OTHER_LEARNING: ReviewKind.OTHER_LEARNING,
}


class ReviewStatus(models.TextChoices):
    COMMISSIONED = "commissioned", "Commissioned"
    UNDERWAY = "underway", "Underway"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed without publication"


class Redaction(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    NOT_NEEDED = "not_needed", "Not needed"


class Review(models.Model):
    """A case review (from a referral) or a thematic review (from a pattern of concern)."""

    RESTRICTED_TO = CASE_REVIEW_ROLES

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    title = models.CharField(max_length=200)
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    lead_reviewer = models.CharField(max_length=200, blank=True)
    terms_of_reference = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.COMMISSIONED
    )
    commissioned_on = models.DateField()
    publication_date = models.DateField(null=True, blank=True)
    publication_link = models.URLField(blank=True)
    redaction = models.CharField(
        max_length=20, choices=Redaction.choices, default=Redaction.NOT_STARTED
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="reviews")
    is_synthetic = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-commissioned_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReviewKind.values), name="review_kind_known"
            ),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.PUBLISHED)
                | Q(
                    publication_date__isnull=False,
                    redaction__in=[Redaction.COMPLETE, Redaction.NOT_NEEDED],
                ),
                name="review_published_with_date_and_redaction",
            ),
            models.CheckConstraint(
                condition=Q(kind=ReviewKind.THEMATIC) | Q(referral__isnull=False),
                name="review_of_a_case_has_its_referral",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "reviews:review-detail", kwargs={"slug": self.partnership.slug, "pk": self.pk}
        )


class Stage(models.TextChoices):
    SCOPING = "scoping", "Scoping"
    REPORTS_REQUESTED = "reports_requested", "Agency reports requested"
    REPORTS_RECEIVED = "reports_received", "Agency reports received"
    PRACTITIONER_EVENT = "practitioner_event", "Practitioner event"
    FAMILY_INVOLVEMENT = "family_involvement", "Family involvement"
    DRAFT = "draft", "Draft report"
    PARTNER_SIGN_OFF = "partner_sign_off", "Partner sign-off"
    PUBLICATION = "publication", "Publication"


class Milestone(models.Model):
    """One stage of a review: when it is planned and when it was done."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="milestones")
    stage = models.CharField(max_length=30, choices=Stage.choices)
    planned = models.DateField(null=True, blank=True)
    done = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "stage"], name="milestone_once_per_review"),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="milestone_stage_known"
            ),
        ]

    def __str__(self) -> str:
        return self.get_stage_display()


class ProductKind(models.TextChoices):
    BRIEFING = "briefing", "6-step briefing"
    WORKSHOP = "workshop", "Workshop"
    NEWSLETTER = "newsletter", "Newsletter"
    VIDEO = "video", "Video"
    OTHER = "other", "Other"


class LearningProduct(models.Model):
    """How the learning of a review reached practitioners: what, when, for whom, how many."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="learning_products"
    )
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, null=True, blank=True, related_name="learning_products"
    )
    kind = models.CharField(max_length=20, choices=ProductKind.choices)
    title = models.CharField(max_length=200)
    delivered_on = models.DateField()
    audience = models.CharField(
        max_length=200, help_text="For whom, e.g. designated safeguarding leads"
    )
    reached = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people it reached"
    )
    is_synthetic = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-delivered_on", "title"]

    def __str__(self) -> str:
        return self.title


class ReminderClock(models.TextChoices):
    NOTIFICATION = "notification", "Notification to the national panel"
    RAPID_REVIEW = "rapid_review", "Rapid review"


class ReminderSent(models.Model):
    """A deadline reminder the case review group was sent: one per clock per day."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="reminders")
    clock = models.CharField(max_length=20, choices=ReminderClock.choices)
    day = models.DateField()
    due = models.DateField()
    recipients = models.PositiveIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "clock", "day"], name="reminder_once_per_clock_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_clock_display()} reminder, {self.day:%-d %B %Y}"


def action_plan_path(instance: "ActionPlanPaper", filename: str) -> str:
    return f"meetings/{instance.meeting_id}/case-review-action-plan/{filename}"


class ActionPlanPaper(models.Model):
    """The case-review action plan as a paper of a meeting of the case review group: drawn
    from the records as they stand on the meeting's date and kept as a PDF. It is prepared
    again when the records change, until a pack of the meeting is built after it (issued):
    from then on it stays as the group saw it.

    Its agenda item is an ordinary one with no file, so the governance pages and the
    meeting pack, which every member of the partnership reads, name the item and nothing
    more; the paper itself is a restricted record."""

    RESTRICTED_TO = CASE_REVIEW_ROLES

    meeting = models.OneToOneField(
        "governance.Meeting", on_delete=models.PROTECT, related_name="case_review_action_plan"
    )
    agenda_item = models.OneToOneField(
        "governance.AgendaItem", on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to=action_plan_path, max_length=300)
    as_of = models.DateField(help_text="The meeting's date: status and RAG as they stood then")
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    prepared_at = models.DateTimeField()
    recommendations = models.PositiveIntegerField(help_text="How many recommendations it lists")
    actions = models.PositiveIntegerField(help_text="How many actions it lists")

    def __str__(self) -> str:
        return f"Case review action plan for {self.meeting}"
