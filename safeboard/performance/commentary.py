"""Plain-English commentary on an indicator, written from computed figures only.

In the style of the partnership's report: "Over 2017-18 the rate of Section 47 enquiries
started fell from 76 in Q1 to 69 in Q4, with a peak of 81 in Q2; at 69 per 10,000 it is 35%
higher than the statistical neighbour average of 51 and above England (39) and the South
East (40)." Each number in the text has its basis in `notes`, in the order it appears.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from .analytics import Change, Comparison, Trend, change, figure, rounded


@dataclass(frozen=True)
class Commentary:
    text: str
    notes: list[str] = field(default_factory=list)


def describe_year(
    *,
    subject: str,
    year_label: str,
    points: Sequence[tuple[str, float]],
    unit: str = "",
    comparisons: Sequence[Comparison] = (),
    trend: Trend | None = None,
    percentage: bool = False,
) -> Commentary | None:
    """Commentary on a year's points (quarters, usually) and the latest point's comparisons.

    `subject` reads as the sentence's subject: "the rate of Section 47 enquiries started".
    Percentages print to one decimal place with their sign.
    """
    if not points:
        return None
    show = _percentage if percentage else figure
    notes: list[str] = []
    first_label, first = points[0]
    last_label, last = points[-1]
    if len(points) == 1:
        opening = f"In {year_label} {subject} was {show(last)} ({last_label})"
    else:
        moved = change(first, last, before_label=first_label, after_label=last_label)
        assert moved is not None
        opening = f"Over {year_label} {subject} {_movement(moved, show)}{_extreme(points, show)}"
        notes.append(moved.basis)
    text = opening + _comparisons(show(last), unit, comparisons, notes) + "."
    if trend is not None:
        text += f" {_trend_sentence(trend)}"
        notes.append(trend.rule)
    return Commentary(text, notes)


def _percentage(value: float) -> str:
    return f"{rounded(value, 1)}%"


def _movement(moved: Change, show) -> str:
    span = f"{show(moved.before)} in {moved.before_label} to {show(moved.after)} in "
    if moved.points == 0:
        return f"was {show(moved.after)} in both {moved.before_label} and {moved.after_label}"
    verb = "rose" if moved.points > 0 else "fell"
    return f"{verb} from {span}{moved.after_label}"


def _extreme(points: Sequence[tuple[str, float]], show) -> str:
    """A peak (or low) between the first and the last point, if there was one."""
    middle = points[1:-1]
    if not middle:
        return ""
    ends = (points[0][1], points[-1][1])
    peak_label, peak = max(middle, key=lambda point: point[1])
    if peak > max(ends):
        return f", with a peak of {show(peak)} in {peak_label}"
    low_label, low = min(middle, key=lambda point: point[1])
    if low < min(ends):
        return f", with a low of {show(low)} in {low_label}"
    return ""


def _comparisons(ours: str, unit: str, comparisons: Sequence[Comparison], notes: list[str]) -> str:
    if not comparisons:
        return ""
    lead, *others = comparisons
    notes.append(lead.basis)
    measure = f"{ours} {unit}".strip()
    text = f"; at {measure} it is {lead.gap}"
    grouped: dict[str, list[str]] = {}
    for comparison in others:
        notes.append(comparison.basis)
        label = f"{comparison.comparator_label} ({figure(comparison.theirs)})"
        grouped.setdefault(comparison.position, []).append(label)
    phrases = [f"{position} {_and(labels)}" for position, labels in grouped.items()]
    if phrases:
        text += " and " + " and ".join(phrases)
    return text


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _trend_sentence(trend: Trend) -> str:
    if trend.direction == "too few points":
        return "There are too few points to speak of a trend."
    return f"Across the last {trend.points} figures the trend is {trend.direction}."
