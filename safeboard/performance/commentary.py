"""Plain-English commentary on an indicator, written from computed figures only.

In the style of the partnership's report: "Over 2017-18 the rate of Section 47 enquiries
started fell from 76 in Q1 to 69 in Q4, with a peak of 81 in Q2; at 69 per 10,000 it is 35%
higher than the statistical neighbour average of 51 and above England (39) and the South
East (40)." Each number in the text has its basis in `notes`, in the order it appears.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from .analytics import Change, Comparison, Trend, change, figure, per_cent, rounded


@dataclass(frozen=True)
class Commentary:
    text: str
    notes: list[str] = field(default_factory=list)


class Wording:
    """How commentary prints what it says: numbers as they are, for the indicator's page.
    The annual report words its commentary otherwise (as figures its sentences name, which
    the published version protects), so every part that holds a number goes through here."""

    def __init__(self, *, percentage: bool = False):
        self.percentage = percentage

    def ours(self, label: str, value: float) -> str:
        """Our figure for the period `label`."""
        return f"{rounded(value, 1)}%" if self.percentage else figure(value)

    def theirs(self, comparison: Comparison) -> str:
        return figure(comparison.theirs)

    def gap(self, comparison: Comparison) -> str:
        """How much higher or lower than theirs ours is, in per cent."""
        assert comparison.relative is not None
        return per_cent(abs(comparison.relative))

    def period(self, label: str) -> str:
        return label

    def unit(self, unit: str) -> str:
        return unit

    def subject(self, subject: str) -> str:
        """What the sentence is about ("the rate of Section 47 enquiries started")."""
        return subject

    def count(self, number: int) -> str:
        return str(number)

    def unless_withheld(self, text: str) -> str:
        """Words to leave out if a figure they hold is withheld."""
        return text


def describe_year(
    *,
    subject: str,
    year_label: str,
    points: Sequence[tuple[str, float]],
    unit: str = "",
    comparisons: Sequence[Comparison] = (),
    trend: Trend | None = None,
    percentage: bool = False,
    wording: Wording | None = None,
) -> Commentary | None:
    """Commentary on a year's points (quarters, usually) and the latest point's comparisons.

    `subject` reads as the sentence's subject: "the rate of Section 47 enquiries started".
    Percentages print to one decimal place with their sign. `year_label` is already worded.
    """
    if not points:
        return None
    words = wording or Wording(percentage=percentage)
    subject = words.subject(subject)
    notes: list[str] = []
    first_label, first = points[0]
    last_label, last = points[-1]
    if len(points) == 1:
        opening = (
            f"In {year_label} {subject} was {words.ours(last_label, last)} "
            f"({words.period(last_label)})"
        )
    else:
        moved = change(first, last, before_label=first_label, after_label=last_label)
        assert moved is not None
        opening = f"Over {year_label} {subject} {_movement(moved, words)}{_extreme(points, words)}"
        notes.append(moved.basis)
    ours = words.ours(last_label, last)
    text = opening + _comparisons(ours, unit, comparisons, notes, words) + "."
    if trend is not None:
        text += f" {_trend_sentence(trend, words)}"
        notes.append(trend.rule)
    return Commentary(text, notes)


def _movement(moved: Change, words: Wording) -> str:
    before = words.ours(moved.before_label, moved.before)
    after = words.ours(moved.after_label, moved.after)
    before_label, after_label = words.period(moved.before_label), words.period(moved.after_label)
    if moved.points == 0:
        return f"was {after} in both {before_label} and {after_label}"
    verb = "rose" if moved.points > 0 else "fell"
    return f"{verb} from {before} in {before_label} to {after} in {after_label}"


def _extreme(points: Sequence[tuple[str, float]], words: Wording) -> str:
    """A peak (or low) between the first and the last point, if there was one."""
    middle = points[1:-1]
    if not middle:
        return ""
    ends = (points[0][1], points[-1][1])
    peak_label, peak = max(middle, key=lambda point: point[1])
    if peak > max(ends):
        return f", with a peak of {words.ours(peak_label, peak)} in {words.period(peak_label)}"
    low_label, low = min(middle, key=lambda point: point[1])
    if low < min(ends):
        return f", with a low of {words.ours(low_label, low)} in {words.period(low_label)}"
    return ""


def _comparisons(
    ours: str, unit: str, comparisons: Sequence[Comparison], notes: list[str], words: Wording
) -> str:
    if not comparisons:
        return ""
    lead, *others = comparisons
    notes.append(lead.basis)
    measure = f"{ours} {words.unit(unit) if unit else ''}".strip()
    text = f"; at {measure} it is {_gap(lead, words)}"
    grouped: dict[str, list[str]] = {}
    for comparison in others:
        notes.append(comparison.basis)
        label = f"{_comparator(comparison, words)} ({words.theirs(comparison)})"
        grouped.setdefault(comparison.position, []).append(label)
    phrases = [f"{position} {_and(labels)}" for position, labels in grouped.items()]
    if phrases:
        text += " and " + " and ".join(phrases)
    return words.unless_withheld(text)


def _gap(comparison: Comparison, words: Wording) -> str:
    """e.g. "35% higher than the statistical neighbour average of 51"."""
    label = _comparator(comparison, words)
    if comparison.position == "level with" or comparison.relative is None:
        return f"{comparison.position} {label} of {words.theirs(comparison)}"
    word = "higher" if comparison.ours > comparison.theirs else "lower"
    return f"{words.gap(comparison)} {word} than {label} of {words.theirs(comparison)}"


def _comparator(comparison: Comparison, words: Wording) -> str:
    """The comparator, with its year when that differs from ours."""
    year = comparison.theirs_basis.year_label
    if year != comparison.ours_basis.year_label:
        return f"{comparison.comparator} ({words.period(year)})"
    return comparison.comparator


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _trend_sentence(trend: Trend, words: Wording) -> str:
    if trend.direction == "too few points":
        return "There are too few points to speak of a trend."
    return f"Across the last {words.count(trend.points)} figures the trend is {trend.direction}."
