"""The case-review action plan as it stood on a date, and its paper for the case review
group's meeting.

The plan is the seed's layout: by theme, "Recommendation | What was done and by whom |
What was the impact on children", with each action's status and RAG. Status and RAG are
those of the date, worked out from the actions' dated updates; what was done and its
impact are the text as recorded when the paper is prepared (the tracker keeps no earlier
versions of it), which is why the paper is kept as it was prepared once the group has it.

These reads are not scoped to a person: the paper's services and pages check who may see
case reviews before they call them.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from safeboard.actions import selectors as action_selectors
from safeboard.actions.models import Action, Recommendation, Status
from safeboard.actions.rag import Rag, Thresholds, rag_status
from safeboard.core import pdf
from safeboard.core.models import Partnership

from .models import Review
from .selectors import recommendations_from_reviews


@dataclass(frozen=True)
class PlanAction:
    action: Action
    status: str
    rag: Rag
    updated: bool  # whether the action had an update on or before the date

    @property
    def status_label(self) -> str:
        return Status(self.status).label


@dataclass(frozen=True)
class PlanRecommendation:
    recommendation: Recommendation
    review: Review | None
    actions: list[PlanAction]


@dataclass(frozen=True)
class ThemePlan:
    theme: str
    recommendations: list[PlanRecommendation]

    def count(self, rag: Rag) -> int:
        return sum(1 for r in self.recommendations for a in r.actions if a.rag == rag)


@dataclass(frozen=True)
class ActionPlan:
    as_of: date
    themes: list[ThemePlan]

    @property
    def recommendations(self) -> int:
        return sum(len(t.recommendations) for t in self.themes)

    @property
    def actions(self) -> int:
        return sum(len(r.actions) for t in self.themes for r in t.recommendations)

    def count(self, rag: Rag) -> int:
        return sum(t.count(rag) for t in self.themes)

    @property
    def by_rag(self) -> list[tuple[Rag, int]]:
        return [(rag, self.count(rag)) for rag in Rag]


def action_as_of(action: Action, *, agreed: date, on: date, thresholds: Thresholds) -> PlanAction:
    """Where the action stood on the date: the status of its latest update by then (not
    started if none), and the RAG that status and date give. With no update by then, the
    action counts as last touched when its recommendation was agreed."""
    latest = next((u for u in action.updates.all() if u.on <= on), None)
    status = latest.status if latest else Status.NOT_STARTED
    rag = rag_status(
        status=status,
        due_date=action.due_date,
        last_update_on=latest.on if latest else agreed,
        today=on,
        thresholds=thresholds,
    )
    return PlanAction(action=action, status=status, rag=rag, updated=latest is not None)


def plan_as_of(partnership: Partnership, on: date) -> ActionPlan:
    """Every recommendation of the partnership's reviews agreed by the date, with its
    actions as they stood then, grouped by theme."""
    thresholds = action_selectors.thresholds_for(partnership)
    recommendations = list(
        recommendations_from_reviews(partnership)
        .filter(date_agreed__lte=on)
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("owner_agency")
                .prefetch_related("updates")  # newest first, as the timeline orders them
                .order_by("due_date", "pk"),
            )
        )
        .order_by("theme", "reference", "pk")
    )
    reviews = Review.objects.in_bulk({r.source_id for r in recommendations})
    themes: dict[str, list[PlanRecommendation]] = {}
    for recommendation in recommendations:
        themes.setdefault(recommendation.theme or "Other", []).append(
            PlanRecommendation(
                recommendation=recommendation,
                review=reviews.get(recommendation.source_id or 0),
                actions=[
                    action_as_of(
                        action,
                        agreed=recommendation.date_agreed,
                        on=on,
                        thresholds=thresholds,
                    )
                    for action in recommendation.actions.all()
                ],
            )
        )
    return ActionPlan(as_of=on, themes=[ThemePlan(theme, rows) for theme, rows in themes.items()])


def paper_pdf(*, meeting, plan: ActionPlan, prepared_on: date) -> bytes:
    """The plan as the meeting's paper, in the paper stylesheet of every paper."""
    return pdf.paper_pdf(
        "reviews/action_plan_paper.html",
        {"meeting": meeting, "plan": plan, "prepared_on": prepared_on},
    )
