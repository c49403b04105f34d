"""Every read of case reviews. Referrals and reviews are restricted: to anyone outside the
case review group, the chair, the scrutineer and the business unit they do not exist
(404), exactly like a record of another partnership. Published reviews and counts are
public, and have selectors of their own that show nothing else."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from safeboard.actions import selectors as action_selectors
from safeboard.actions.models import Action, Recommendation
from safeboard.actions.rag import Rag
from safeboard.core.access import scope_for
from safeboard.core.models import Partnership
from safeboard.core.periods import FinancialYear, financial_year_of
from safeboard.governance.models import Meeting, MeetingPack

from .clocks import (
    Clock,
    nearest_deadline,
    notification_clock,
    ofsted_and_secretary_of_state_to_be_told,
    rapid_review_clock,
)
from .models import (
    CASE_REVIEW_ROLES,
    ActionPlanPaper,
    CaseReviewSettings,
    ClosureDay,
    DecisionOutcome,
    LearningProduct,
    Milestone,
    Referral,
    Review,
    ReviewStatus,
    Theme,
)
from .rules import can_prepare_action_plan, can_read


def require_reader(user, partnership: Partnership) -> None:
    if not can_read(user, partnership):
        raise Http404("No such page")


# Settings and closure days (what the clocks count)


def settings_of(partnership: Partnership) -> CaseReviewSettings:
    """The partnership's settings; the defaults (no child names) until someone changes them."""
    found = CaseReviewSettings.objects.filter(partnership=partnership).first()
    return found or CaseReviewSettings(partnership=partnership)


def closure_days_of(partnership: Partnership) -> frozenset[date]:
    return frozenset(
        ClosureDay.objects.filter(partnership=partnership).values_list("day", flat=True)
    )


def closure_day_list(*, user, partnership: Partnership) -> QuerySet[ClosureDay]:
    require_reader(user, partnership)
    return ClosureDay.objects.filter(partnership=partnership)


def closure_day_get(*, user, partnership: Partnership, pk: int) -> ClosureDay:
    day = closure_day_list(user=user, partnership=partnership).filter(pk=pk).first()
    if day is None:
        raise Http404("No such closure day")
    return day


# Referrals


def referral_list(
    *, user, partnership: Partnership, search: str = "", open_only: bool = False
) -> QuerySet[Referral]:
    require_reader(user, partnership)
    referrals = Referral.objects.filter(partnership=partnership).select_related(
        "referring_agency", "decision", "partnership"
    )
    if open_only:
        referrals = referrals.filter(decision__isnull=True)
    if search:
        referrals = referrals.filter(
            Q(reference__icontains=search)
            | Q(what_happened__icontains=search)
            | Q(referring_agency__name__icontains=search)
        )
    return referrals


def referral_get(*, user, partnership: Partnership, pk: int) -> Referral:
    referral = (
        referral_list(user=user, partnership=partnership)
        .prefetch_related("themes", "reviews")
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise Http404("No such referral")
    return referral


@dataclass(frozen=True)
class ReferralClocks:
    referral: Referral
    notification: Clock
    rapid_review: Clock

    @property
    def nearest(self) -> date | None:
        return nearest_deadline([self.notification, self.rapid_review])

    @property
    def tell_ofsted_and_secretary_of_state(self) -> bool:
        return ofsted_and_secretary_of_state_to_be_told(looked_after=self.referral.looked_after)


def clocks_of(referral: Referral, *, today: date, closures: frozenset[date]) -> ReferralClocks:
    return ReferralClocks(
        referral=referral,
        notification=notification_clock(
            became_aware=referral.became_aware,
            sent=referral.notification_sent,
            today=today,
            closures=closures,
        ),
        rapid_review=rapid_review_clock(
            notification_sent=referral.notification_sent,
            held=referral.rapid_review_held,
            today=today,
            closures=closures,
        ),
    )


def open_referrals_by_deadline(
    *, user, partnership: Partnership, today: date
) -> list[ReferralClocks]:
    """Referrals awaiting a decision, with both clocks, nearest deadline first (those with
    no running clock last, newest awareness first)."""
    closures = closure_days_of(partnership)
    rows = [
        clocks_of(referral, today=today, closures=closures)
        for referral in referral_list(user=user, partnership=partnership, open_only=True)
    ]
    return sorted(
        rows,
        key=lambda row: (
            row.nearest is None,
            row.nearest or date.max,
            -row.referral.became_aware.toordinal(),
        ),
    )


# Reviews


def review_list(*, user, partnership: Partnership, search: str = "") -> QuerySet[Review]:
    require_reader(user, partnership)
    reviews = Review.objects.filter(partnership=partnership).select_related(
        "referral", "partnership"
    )
    if search:
        reviews = reviews.filter(Q(title__icontains=search) | Q(lead_reviewer__icontains=search))
    return reviews


def review_get(*, user, partnership: Partnership, pk: int) -> Review:
    review = (
        review_list(user=user, partnership=partnership)
        .prefetch_related(
            "themes",
            Prefetch("milestones", queryset=Milestone.objects.order_by("pk")),
            "learning_products",
        )
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise Http404("No such review")
    return review


# Themes and learning


def theme_list(*, user, partnership: Partnership) -> QuerySet[Theme]:
    require_reader(user, partnership)
    return Theme.objects.filter(partnership=partnership).annotate(
        referral_count=Count("referrals", distinct=True),
        review_count=Count("reviews", distinct=True),
    )


def themes_for_choice(partnership: Partnership) -> QuerySet[Theme]:
    return Theme.objects.filter(partnership=partnership)


def learning_product_list(
    *, user, partnership: Partnership, search: str = ""
) -> QuerySet[LearningProduct]:
    require_reader(user, partnership)
    products = LearningProduct.objects.filter(partnership=partnership).select_related("review")
    if search:
        products = products.filter(Q(title__icontains=search) | Q(audience__icontains=search))
    return products


# Public: published reviews and counts, nothing else


def public_partnership_get(*, slug: str) -> Partnership:
    partnership = Partnership.objects.filter(slug=slug, is_active=True).first()
    if partnership is None:
        raise Http404("No such partnership")
    return partnership


@dataclass(frozen=True)
class PublishedReview:
    """The public face of a published review: nothing the publication does not say."""

    title: str
    kind: str
    publication_date: date
    publication_link: str


def published_reviews(*, partnership: Partnership) -> list[PublishedReview]:
    reviews = Review.objects.filter(partnership=partnership, status=ReviewStatus.PUBLISHED)
    return [_published(r) for r in reviews.order_by("-publication_date", "title")]


def _published(review: Review) -> PublishedReview:
    # The database refuses a published review without its publication date.
    assert review.publication_date is not None
    return PublishedReview(
        title=review.title,
        kind=review.get_kind_display(),
        publication_date=review.publication_date,
        publication_link=review.publication_link,
    )


def decision_counts_by_year(*, partnership: Partnership) -> dict[FinancialYear, Counter]:
    """Referrals by decision, by the financial year the local authority became aware
    ("undecided" for those awaiting one). Counts only: no record leaves."""
    rows = Referral.objects.filter(partnership=partnership).values_list(
        "became_aware", "decision__outcome"
    )
    years: dict[FinancialYear, Counter] = {}
    for became_aware, outcome in rows:
        years.setdefault(financial_year_of(became_aware), Counter())[outcome or "undecided"] += 1
    return dict(sorted(years.items(), reverse=True))


DECISION_LABELS = {**dict(DecisionOutcome.choices), "undecided": "Awaiting a decision"}


def referral_list_across(*, user, partnership_slug: str = "") -> QuerySet[Referral]:
    """The referrals of every partnership where the person holds a case review role (or of
    the one named): those elsewhere are not there to be counted, as on the pages."""
    scope = scope_for(user)
    readable = [pk for pk in scope.partnership_ids if scope.has_role(pk, *CASE_REVIEW_ROLES)]
    referrals = Referral.objects.filter(partnership_id__in=readable).select_related(
        "referring_agency", "decision", "partnership"
    )
    if partnership_slug:
        referrals = referrals.filter(partnership__slug=partnership_slug)
    return referrals


# Recommendations: a review's are the one tracker's, with the review as their source


@dataclass(frozen=True)
class TrackedAction:
    action: Action
    rag: Rag


@dataclass(frozen=True)
class ReviewRecommendation:
    recommendation: Recommendation
    actions: list[TrackedAction]


def review_recommendation_get(*, review: Review, pk: int) -> Recommendation:
    """One of the review's recommendations (the review reached through `review_get`)."""
    found = recommendations_from_reviews(review.partnership).filter(source_id=review.pk, pk=pk)
    recommendation = found.first()
    if recommendation is None:
        raise Http404("No such recommendation")
    return recommendation


def recommendations_from_reviews(partnership: Partnership) -> QuerySet[Recommendation]:
    """Every recommendation of the partnership whose source is one of its reviews."""
    return Recommendation.objects.filter(
        partnership=partnership, source_type=ContentType.objects.get_for_model(Review)
    )


def review_recommendations(*, review: Review, today: date) -> list[ReviewRecommendation]:
    """The review's recommendations (reached through `review_get`, which checked who may
    see it), each with its actions and their RAG."""
    thresholds = action_selectors.thresholds_for(review.partnership)
    found = (
        recommendations_from_reviews(review.partnership)
        .filter(source_id=review.pk)
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("owner_agency").order_by("due_date", "pk"),
            )
        )
        .order_by("theme", "reference", "pk")
    )
    return [
        ReviewRecommendation(
            recommendation=recommendation,
            actions=[
                TrackedAction(
                    action, action_selectors.rag_of(action, thresholds=thresholds, on=today)
                )
                for action in recommendation.actions.all()
            ],
        )
        for recommendation in found
    ]


# The action plan as a paper of the case review group's meetings


def action_plan_paper_get(*, user, partnership: Partnership, meeting_pk: int) -> ActionPlanPaper:
    require_reader(user, partnership)
    paper = (
        ActionPlanPaper.objects.filter(
            meeting__body__partnership=partnership, meeting_id=meeting_pk
        )
        .select_related("meeting__body")
        .first()
    )
    if paper is None:
        raise Http404("No such paper")
    return paper


def action_plan_issued(paper: ActionPlanPaper) -> bool:
    """Whether a pack of the meeting has been built since the paper was prepared: the group
    has had the paper, so it stays as it is."""
    return paper.meeting.packs.filter(
        status=MeetingPack.Status.READY, requested_at__gte=paper.prepared_at
    ).exists()


@dataclass(frozen=True)
class MeetingActionPlan:
    paper: ActionPlanPaper | None
    issued: bool
    can_prepare: bool


def meeting_action_plan(*, user, meeting: Meeting) -> MeetingActionPlan | None:
    """What a governance meeting page shows of the case-review action plan: nothing at all
    to those who may not see case reviews, nor at meetings of bodies other than the case
    review group (unless the paper was prepared there before the group changed)."""
    partnership = meeting.body.partnership
    if partnership is None:  # a joint body of an arrangement is no partnership's group
        return None
    if not can_read(user, partnership):
        return None
    paper = ActionPlanPaper.objects.filter(meeting=meeting).first()
    is_group = settings_of(partnership).group_id == meeting.body_id
    if paper is None and not is_group:
        return None
    return MeetingActionPlan(
        paper=paper,
        issued=paper is not None and action_plan_issued(paper),
        can_prepare=is_group and can_prepare_action_plan(user, partnership),
    )
