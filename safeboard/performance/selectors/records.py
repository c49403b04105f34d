"""Reads of the dataset's records one by one: indicators, observations and their history,
import jobs, the partnership's choices and its population estimates."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from safeboard.core.models import Partnership

from ..models import (
    ImportJob,
    Indicator,
    IndicatorChoice,
    Observation,
    ObservationHistory,
    Population,
)
from .common import require_member


def indicator_list(
    *, user, partnership: Partnership, theme: str = "", search: str = ""
) -> QuerySet[Indicator]:
    """The catalogue, each indicator with the partnership's choice about it (if made) in
    `partnership_choices`, a list of at most one."""
    require_member(user, partnership)
    indicators = Indicator.objects.prefetch_related(
        Prefetch(
            "choices",
            queryset=IndicatorChoice.objects.filter(partnership=partnership),
            to_attr="partnership_choices",
        )
    )
    if theme:
        indicators = indicators.filter(theme=theme)
    if search:
        indicators = indicators.filter(
            Q(name__icontains=search) | Q(code__icontains=search) | Q(definition__icontains=search)
        )
    return indicators


def indicator_get(*, user, partnership: Partnership, code: str) -> Indicator:
    indicator = indicator_list(user=user, partnership=partnership).filter(code=code).first()
    if indicator is None:
        raise Http404("No such indicator")
    return indicator


@dataclass(frozen=True)
class ObservationFilters:
    indicator: str = ""  # its code
    area: str = ""
    area_code: str = ""
    period_kind: str = ""
    year: int | None = None  # the financial year by its first calendar year
    quarter: int | None = None
    source: str = ""
    sex: str = ""
    age_band: str = ""


def observation_list(
    *,
    user,
    partnership: Partnership,
    indicator: Indicator | None = None,
    filters: ObservationFilters | None = None,
) -> QuerySet[Observation]:
    """Every figure as recorded, from every source: totals and their breakdowns by sex and
    by age band alike (each says which it is). The dataset's analytics read `dataset`."""
    require_member(user, partnership)
    observations = Observation.objects.filter(partnership=partnership).select_related(
        "indicator", "recorded_by"
    )
    if indicator:
        observations = observations.filter(indicator=indicator)
    if filters is None:
        return observations
    if filters.indicator:
        observations = observations.filter(indicator__code=filters.indicator)
    for name in ("area", "area_code", "period_kind", "source", "sex", "age_band"):
        if getattr(filters, name):
            observations = observations.filter(**{name: getattr(filters, name)})
    if filters.year is not None:
        observations = observations.filter(start_year=filters.year)
    if filters.quarter is not None:
        observations = observations.filter(quarter=filters.quarter)
    return observations


def observation_get(*, user, partnership: Partnership, pk: int) -> Observation:
    observation = observation_list(user=user, partnership=partnership).filter(pk=pk).first()
    if observation is None:
        raise Http404("No such observation")
    return observation


def import_job_get(*, user, partnership: Partnership, pk: int) -> ImportJob:
    """A file being imported in the background, or imported: the partnership's members'
    to find (the page is the business unit's)."""
    require_member(user, partnership)
    job = ImportJob.objects.filter(partnership=partnership, pk=pk).first()
    if job is None:
        raise Http404("No such import")
    return job


def observation_history_list(
    *,
    user,
    partnership: Partnership,
    indicator: Indicator | None = None,
    observation: Observation | None = None,
) -> QuerySet[ObservationHistory]:
    """Figures as they were before a later import or edit changed them, latest change first
    within each figure."""
    require_member(user, partnership)
    history = ObservationHistory.objects.filter(
        observation__partnership=partnership
    ).select_related("observation")
    if indicator is not None:
        history = history.filter(observation__indicator=indicator)
    if observation is not None:
        history = history.filter(observation=observation)
    return history.order_by(
        "-observation__start_year",
        "-observation__quarter",
        "observation__area",
        "observation__area_code",
        "observation__source",
        "-replaced_at",
        "-pk",
    )


def indicator_choice_get(
    *, user, partnership: Partnership, indicator: Indicator
) -> IndicatorChoice | None:
    """The partnership's target, chosen source and publication of an indicator, if set."""
    require_member(user, partnership)
    return IndicatorChoice.objects.filter(partnership=partnership, indicator=indicator).first()


def population_list(
    *, user, partnership: Partnership, area_code: str = "", year: int | None = None, sex: str = ""
) -> QuerySet[Population]:
    require_member(user, partnership)
    estimates = Population.objects.filter(partnership=partnership)
    if area_code:
        estimates = estimates.filter(area_code=area_code)
    if year is not None:
        estimates = estimates.filter(year=year)
    if sex:
        estimates = estimates.filter(sex=sex)
    return estimates
