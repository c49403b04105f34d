"""Breakdowns of a figure by sex and by age band, from the chosen source."""

from collections import defaultdict
from dataclasses import dataclass

from safeboard.core.models import Partnership

from ..models import AgeBand, Area, Observation, Sex, children_described
from .common import require_member
from .series import IndicatorData, Point, _point, series_rows


@dataclass(frozen=True)
class Part:
    """One sex or one age band of a figure, from the chosen source."""

    label: str
    whom: str  # "female children aged 0–17": the base of a rate of children
    point: Point


@dataclass(frozen=True)
class Breakdown:
    """Our figures for one period by sex and by age band, beside the total."""

    period_label: str
    total: Point | None
    by_sex: list[Part]
    by_age_band: list[Part]


_SEXES = [sex for sex in Sex if sex != Sex.ALL]
_AGE_BANDS = [band for band in AgeBand if band != AgeBand.ALL]


def breakdown(*, user, partnership: Partnership, data: IndicatorData) -> Breakdown | None:
    """Our latest period that has figures by sex or age band, each from the chosen source;
    None when the indicator has no breakdown. One query."""
    require_member(user, partnership)
    indicator = data.indicator
    parts = Observation.objects.filter(
        partnership=partnership, indicator=indicator, area=Area.LOCAL, period_kind=data.main_kind
    ).exclude(sex=Sex.ALL, age_band=AgeBand.ALL)
    by_period: dict[tuple[int, int], dict[tuple[str, str], list[Point]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for *row, sex, age_band in series_rows(parts, "sex", "age_band"):
        point = _point(indicator.unit, tuple(row))
        by_period[point.order][(sex, age_band)].append(point)
    if not by_period:
        return None
    latest = max(by_period)
    chosen = data.choice.chosen_source if data.choice else ""
    used = {
        key: min(points, key=lambda p: (p.source != chosen, p.source))
        for key, points in by_period[latest].items()
    }
    total = next((p for p in data.local if p.order == latest), None)
    some = next(iter(used.values()))
    return Breakdown(
        period_label=some.period_label,
        total=total,
        by_sex=[
            Part(sex.label, children_described(sex, AgeBand.ALL), used[(sex, AgeBand.ALL)])
            for sex in _SEXES
            if (sex, AgeBand.ALL) in used
        ],
        by_age_band=[
            Part(band.label, children_described(Sex.ALL, band), used[(Sex.ALL, band)])
            for band in _AGE_BANDS
            if (Sex.ALL, band) in used
        ],
    )
