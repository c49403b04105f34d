"""Every read of the tracker, scoped to the person's partnerships.

Everyone in a partnership may read its actions (they are the board's business, not
restricted records); who may change them is `rules.can_update_action`.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from safeboard.core.access import scope_for
from safeboard.core.models import Agency, Partnership
from safeboard.core.rules import can_see_restricted
from safeboard.core.selectors import agencies_active_in

from .models import Action, ActionUpdate, Priority, Recommendation, Status, TrackerSettings
from .rag import Rag, Thresholds, is_overdue, rag_status


def _member(user, partnership: Partnership) -> bool:
    return partnership.pk in scope_for(user).places


def today() -> date:
    return timezone.localdate()


def tracker_settings_get(*, partnership: Partnership) -> TrackerSettings:
    """The partnership's thresholds; the defaults until the business unit sets its own."""
    found = TrackerSettings.objects.filter(partnership=partnership).first()
    return found or TrackerSettings(partnership=partnership)


def thresholds_for(partnership: Partnership) -> Thresholds:
    found = tracker_settings_get(partnership=partnership)
    return Thresholds(
        stall_days=found.stall_days,
        amber_due_within_days=found.amber_due_within_days,
        amber_not_updated_days=found.amber_not_updated_days,
    )


def rag_of(action: Action, *, thresholds: Thresholds, on: date | None = None) -> Rag:
    return rag_status(
        status=action.status,
        due_date=action.due_date,
        last_update_on=action.last_update_on,
        today=on or today(),
        thresholds=thresholds,
    )


# Priorities


def priority_list(*, user, partnership: Partnership, year: int | None = None) -> QuerySet[Priority]:
    if not _member(user, partnership):
        return Priority.objects.none()
    priorities = Priority.objects.filter(partnership=partnership)
    return priorities if year is None else priorities.filter(year=year)


def priority_get(*, user, partnership: Partnership, pk: int) -> Priority:
    priority = priority_list(user=user, partnership=partnership).filter(pk=pk).first()
    if priority is None:
        raise Http404("No such priority")
    return priority


def plan_years(*, user, partnership: Partnership) -> list[int]:
    years = priority_list(user=user, partnership=partnership).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


# Recommendations and actions


def recommendation_list(*, user, partnership: Partnership) -> QuerySet[Recommendation]:
    if not _member(user, partnership):
        return Recommendation.objects.none()
    return Recommendation.objects.filter(partnership=partnership).select_related("source_type")


def recommendation_get(*, user, partnership: Partnership, pk: int) -> Recommendation:
    found = recommendation_list(user=user, partnership=partnership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such recommendation")
    return found


def source_label(*, user, recommendation: Recommendation) -> str:
    """What the recommendation came from, naming a restricted source (a case review...)
    only to those who may see it; others learn only its kind."""
    source_type = recommendation.source_type
    if source_type is None:
        return "None recorded"
    model = source_type.model_class()
    if (
        model is not None
        and hasattr(model, "RESTRICTED_TO")
        and not can_see_restricted(user, recommendation.partnership_id, model)
    ):
        return recommendation.source_kind
    return f"{recommendation.source_kind}: {recommendation.source}"


@dataclass(frozen=True)
class ActionFilters:
    search: str = ""
    source_type: int | None = None
    theme: str = ""
    agency: int | None = None
    status: str = ""
    rag: str = ""
    due_from: date | None = None
    due_to: date | None = None
    overdue: bool = False


def action_list(
    *, user, partnership: Partnership, filters: ActionFilters | None = None
) -> QuerySet[Action]:
    if not _member(user, partnership):
        return Action.objects.none()
    filters = filters or ActionFilters()
    actions = Action.objects.filter(recommendation__partnership=partnership).select_related(
        "recommendation__source_type", "owner_agency", "owner"
    )
    if filters.search:
        actions = actions.filter(
            Q(description__icontains=filters.search)
            | Q(recommendation__text__icontains=filters.search)
            | Q(what_was_done__icontains=filters.search)
        )
    if filters.source_type:
        actions = actions.filter(recommendation__source_type_id=filters.source_type)
    if filters.theme:
        actions = actions.filter(recommendation__theme=filters.theme)
    if filters.agency:
        actions = actions.filter(owner_agency_id=filters.agency)
    if filters.status:
        actions = actions.filter(status=filters.status)
    if filters.due_from:
        actions = actions.filter(due_date__gte=filters.due_from)
    if filters.due_to:
        actions = actions.filter(due_date__lte=filters.due_to)
    if filters.overdue:
        actions = actions.exclude(status__in=[Status.COMPLETED, Status.DROPPED]).filter(
            due_date__lt=today()
        )
    if filters.rag:
        actions = _with_rag(actions, partnership, Rag(filters.rag))
    return actions


def _with_rag(actions: QuerySet[Action], partnership: Partnership, wanted: Rag):
    """Narrow to one RAG status, computed by the one rule in `rag.py` (not restated in SQL)."""
    thresholds = thresholds_for(partnership)
    on = today()
    keep = [
        pk
        for pk, status, due, last in actions.values_list(
            "pk", "status", "due_date", "last_update_on"
        )
        if rag_status(
            status=status, due_date=due, last_update_on=last, today=on, thresholds=thresholds
        )
        == wanted
    ]
    return actions.filter(pk__in=keep)


def action_get(*, user, partnership: Partnership, pk: int) -> Action:
    action = action_list(user=user, partnership=partnership).filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    return action


def action_timeline(*, action: Action) -> QuerySet[ActionUpdate]:
    return action.updates.select_related("author")


def themes(*, user, partnership: Partnership) -> list[str]:
    found = recommendation_list(user=user, partnership=partnership).values_list("theme", flat=True)
    return sorted(set(found))


def source_types(*, user, partnership: Partnership) -> list[ContentType]:
    ids = (
        recommendation_list(user=user, partnership=partnership)
        .exclude(source_type=None)
        .values_list("source_type_id", flat=True)
    )
    return list(ContentType.objects.filter(pk__in=set(ids)))


def owner_agencies(*, user, partnership: Partnership) -> QuerySet[Agency]:
    if not _member(user, partnership):
        return Agency.objects.none()
    return agencies_active_in(partnership)


# The business plan


@dataclass
class PriorityProgress:
    priority: Priority
    rows: list[tuple[Action, Rag]]

    def count(self, rag: Rag) -> int:
        return sum(1 for _, r in self.rows if r == rag)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def completed(self) -> int:
        return sum(1 for action, _ in self.rows if action.status == Status.COMPLETED)

    @property
    def overdue(self) -> int:
        on = today()
        return sum(
            1
            for action, _ in self.rows
            if is_overdue(status=action.status, due_date=action.due_date, today=on)
        )

    @property
    def by_rag(self) -> list[tuple[Rag, int]]:
        return [(rag, self.count(rag)) for rag in Rag]


def planned_actions(priorities: list[Priority]) -> dict[int, list[Action]]:
    """Each priority's planned actions (by priority pk), in the order of their references.
    Unscoped: the caller has already read the priorities through a scoped selector."""
    grouped: dict[int, list[Action]] = {p.pk: [] for p in priorities}
    actions = (
        Action.objects.filter(
            recommendation__source_type=ContentType.objects.get_for_model(Priority),
            recommendation__source_id__in=list(grouped),
        )
        .select_related("recommendation", "owner_agency", "owner")
        .order_by("recommendation__reference", "pk")
    )
    for action in actions:
        source_id = action.recommendation.source_id
        if source_id is not None:
            grouped[source_id].append(action)
    return grouped


def plan_progress(*, user, partnership: Partnership, year: int) -> list[PriorityProgress]:
    """Each priority of the year with its planned actions, overdue actions first."""
    priorities = list(priority_list(user=user, partnership=partnership, year=year))
    grouped = planned_actions(priorities)
    thresholds = thresholds_for(partnership)
    on = today()

    def overdue_first(row: tuple[Action, Rag]) -> bool:
        return not is_overdue(status=row[0].status, due_date=row[0].due_date, today=on)

    return [
        PriorityProgress(
            priority=p,
            rows=sorted(
                [(a, rag_of(a, thresholds=thresholds, on=on)) for a in grouped[p.pk]],
                key=overdue_first,
            ),
        )
        for p in priorities
    ]


def actions_by_theme(
    *, user, partnership: Partnership, source_type: int | None = None
) -> list[tuple[str, list[Action]]]:
    """The seed's layout: Recommendation | What was done and by whom | Impact on children,
    grouped by theme."""
    actions = action_list(
        user=user, partnership=partnership, filters=ActionFilters(source_type=source_type)
    ).order_by("recommendation__theme", "recommendation__reference", "pk")
    grouped: dict[str, list[Action]] = {}
    for action in actions:
        grouped.setdefault(action.recommendation.theme, []).append(action)
    return list(grouped.items())


# Reminders (the system's own read, across partnerships)

REMIND_DAYS_BEFORE = 7
REMIND_EVERY = 7  # days: one reminder per action per week


def actions_due_for_reminder(*, now) -> QuerySet[Action]:
    """Open actions with an owner, due within a week or overdue, not reminded this week."""
    on = timezone.localdate(now)
    return (
        Action.objects.exclude(status__in=[Status.COMPLETED, Status.DROPPED])
        .filter(
            owner__isnull=False,
            owner__is_active=True,
            recommendation__partnership__is_active=True,
            due_date__lte=on + timedelta(days=REMIND_DAYS_BEFORE),
        )
        .exclude(reminders__sent_at__gt=now - timedelta(days=REMIND_EVERY))
        .select_related("owner", "recommendation__partnership")
        .distinct()
    )


def open_actions(partnership: Partnership) -> QuerySet[Action]:
    """The partnership's action log: every action not completed or dropped, soonest due
    first. For documents built for the board (meeting packs), not a person's page."""
    return (
        Action.objects.filter(recommendation__partnership=partnership)
        .exclude(status__in=[Status.COMPLETED, Status.DROPPED])
        .select_related("owner_agency")
        .order_by("due_date", "pk")
    )
