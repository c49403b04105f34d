"""The performance dataset's statistics, as plain functions on plain values.

Every page, report section and export computes a change, a comparison, a trend, a share or
a RAG rating here and nowhere else. Each result carries its basis — the figures, the
formula and the rule — so a reader can check the arithmetic.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Kind = Literal["stock", "flow"]
Polarity = Literal["higher_is_better", "lower_is_better", "neither"]

STABLE_TOLERANCE = 0.05  # a trend is "stable" when its fitted change is under 5% of the mean
MINIMUM_TREND_POINTS = 3
QUARTERS = (1, 2, 3, 4)  # of a financial year, April to June first


class NotLikeForLike(ValueError):
    """Two figures of different kinds or period lengths cannot be compared as they stand."""


def rounded(value: float, places: int = 0) -> Decimal:
    """Round half away from zero, as a reader expects (Python's round() rounds half to even)."""
    step = Decimal(1).scaleb(-places)
    # Through nine places first, so binary noise (5.3 − 4.75 = 0.5499…) cannot flip a half.
    return Decimal(str(round(value, 9))).quantize(step, rounding=ROUND_HALF_UP)


def figure(value: float, places: int = 1) -> str:
    """A figure as printed: whole numbers without decimals, others to `places` decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{rounded(value, places):,}"


def per_cent(value: float, places: int = 0) -> str:
    return f"{rounded(value * 100, places)}%"


# Changes


@dataclass(frozen=True)
class Change:
    before: float
    after: float
    before_label: str
    after_label: str

    @property
    def points(self) -> float:
        return self.after - self.before

    @property
    def relative(self) -> float | None:
        """The change as a share of the earlier value; None when that is 0."""
        return None if self.before == 0 else self.points / self.before

    @property
    def direction(self) -> str:
        return "increase" if self.points > 0 else "decrease" if self.points < 0 else "no change"

    @property
    def summary(self) -> str:
        if self.points == 0:
            return f"no change from {self.before_label} ({figure(self.before)})"
        size = figure(abs(self.points))
        relative = f", {per_cent(abs(self.relative), 1)}" if self.relative is not None else ""
        article = "an" if self.direction == "increase" else "a"
        return f"{article} {self.direction} of {size}{relative} on {self.before_label}"

    @property
    def basis(self) -> str:
        formula = f"({figure(self.after)} − {figure(self.before)})"
        if self.relative is None:
            return f"{self.after_label} {formula} on {self.before_label}; no per cent on a 0 base"
        return (
            f"{formula} ÷ {figure(self.before)} = {per_cent(self.relative, 1)}: "
            f"{self.after_label} against {self.before_label}"
        )


def change(
    before: float | None, after: float | None, *, before_label: str, after_label: str
) -> Change | None:
    """The change from one period to another, in points and per cent; None if either is
    missing."""
    if before is None or after is None:
        return None
    return Change(before, after, before_label, after_label)


# Like-with-like comparison


@dataclass(frozen=True)
class Basis:
    """What a figure is: its kind, the months its rate is expressed over, and its year."""

    kind: Kind
    period_months: int
    year_label: str
    annualised_from: int | None = None  # months of the original figure, when converted

    @property
    def description(self) -> str:
        length = {3: "a quarter", 12: "a year"}.get(self.period_months)
        length = length or f"{self.period_months} months"
        what = "a count at a date" if self.kind == "stock" else f"a flow over {length}"
        if self.annualised_from:
            what += (
                f", annualised from {self.annualised_from} months (× 12 ÷ {self.annualised_from})"
            )
        return f"{what}, {self.year_label}"


def annualise(value: float, basis: Basis) -> tuple[float, Basis]:
    """Convert a flow over part of a year to a year's worth — only ever on request, and
    the result says so."""
    if basis.kind != "flow":
        raise NotLikeForLike("A stock (a count at a date) is not annualised.")
    if basis.period_months == 12:
        return value, basis
    converted = Basis("flow", 12, basis.year_label, annualised_from=basis.period_months)
    return value * 12 / basis.period_months, converted


@dataclass(frozen=True)
class Comparison:
    ours: float
    theirs: float
    comparator: str  # e.g. "the statistical neighbour average"
    ours_basis: Basis
    theirs_basis: Basis

    @property
    def relative(self) -> float | None:
        """(ours − theirs) ÷ theirs: how much higher or lower, against the comparator."""
        return None if self.theirs == 0 else (self.ours - self.theirs) / self.theirs

    @property
    def position(self) -> str:
        if self.ours == self.theirs or (
            self.relative is not None and rounded(self.relative * 100) == 0
        ):
            return "level with"
        return "above" if self.ours > self.theirs else "below"

    @property
    def comparator_label(self) -> str:
        """The comparator, with its year when that differs from ours."""
        if self.theirs_basis.year_label != self.ours_basis.year_label:
            return f"{self.comparator} ({self.theirs_basis.year_label})"
        return self.comparator

    @property
    def gap(self) -> str:
        """e.g. "35% higher than the statistical neighbour average of 51"."""
        if self.position == "level with" or self.relative is None:
            return f"{self.position} {self.comparator_label} of {figure(self.theirs)}"
        word = "higher" if self.ours > self.theirs else "lower"
        size = per_cent(abs(self.relative))
        return f"{size} {word} than {self.comparator_label} of {figure(self.theirs)}"

    @property
    def basis(self) -> str:
        if self.relative is None:
            return f"{self.comparator_label} is 0, so no per cent difference is given"
        return (
            f"({figure(self.ours)} − {figure(self.theirs)}) ÷ {figure(self.theirs)} = "
            f"{per_cent(self.relative, 1)}, against {self.comparator_label}; ours is "
            f"{self.ours_basis.description}; theirs is {self.theirs_basis.description}"
        )


def compare(
    ours: float, theirs: float, *, comparator: str, ours_basis: Basis, theirs_basis: Basis
) -> Comparison:
    """Compare our figure with a comparator's, refusing unlike figures: a stock with a
    flow, or a quarter's flow with a year's (annualise one explicitly first)."""
    if ours_basis.kind != theirs_basis.kind:
        raise NotLikeForLike(
            f"Ours is a {ours_basis.kind} and {comparator} a {theirs_basis.kind}: "
            "they measure different things."
        )
    if ours_basis.period_months != theirs_basis.period_months:
        raise NotLikeForLike(
            f"Ours is over {ours_basis.period_months} months and {comparator} over "
            f"{theirs_basis.period_months}: annualise one explicitly to compare them."
        )
    return Comparison(ours, theirs, comparator, ours_basis, theirs_basis)


# Trends


@dataclass(frozen=True)
class Trend:
    direction: Literal["rising", "falling", "stable", "too few points"]
    points: int
    slope: float | None = None  # change per period, by least squares
    fitted_change: float | None = None  # slope × (points − 1): across the window
    tolerance: float | None = None

    @property
    def rule(self) -> str:
        if self.direction == "too few points":
            return (
                f"A trend needs at least {MINIMUM_TREND_POINTS} points; "
                f"there {'is' if self.points == 1 else 'are'} {self.points}."
            )
        assert self.fitted_change is not None and self.tolerance is not None
        return (
            f"Least-squares line through {self.points} points: fitted change across the "
            f"window {figure(self.fitted_change, 2)}; “stable” when that is within "
            f"± {figure(self.tolerance, 2)} ({per_cent(STABLE_TOLERANCE)} of the mean)."
        )


def trend(values: Sequence[float], *, tolerance_share: float = STABLE_TOLERANCE) -> Trend:
    """The direction of a series of equally spaced values, from its least-squares slope."""
    n = len(values)
    if n < MINIMUM_TREND_POINTS:
        return Trend("too few points", n)
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    spread = sum((x - mean_x) ** 2 for x in range(n))
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / spread
    fitted = slope * (n - 1)
    tolerance = abs(mean_y) * tolerance_share
    if abs(fitted) <= tolerance:
        direction: Literal["rising", "falling", "stable"] = "stable"
    else:
        direction = "rising" if fitted > 0 else "falling"
    return Trend(direction, n, slope, fitted, tolerance)


# Sums over periods and shares


@dataclass(frozen=True)
class Total:
    value: float
    periods: tuple[str, ...]
    description: str

    @property
    def basis(self) -> str:
        return f"{self.description}: the sum of {', '.join(self.periods)}"


def rolling_twelve_months(quarters: Sequence[tuple[str, float | None]]) -> Total | None:
    """The last four quarters' flow added up (None unless all four are known)."""
    window = list(quarters)[-4:]
    if len(window) < 4 or any(value is None for _, value in window):
        return None
    return Total(
        sum(value for _, value in window if value is not None),
        tuple(label for label, _ in window),
        f"Rolling 12 months to {window[-1][0]}",
    )


def year_to_date(quarters: Sequence[tuple[str, float | None]], *, year_label: str) -> Total:
    """The year's quarters so far, added up (the quarters given, in order, with a value)."""
    known = [(label, value) for label, value in quarters if value is not None]
    return Total(
        sum(value for _, value in known),
        tuple(label for label, _ in known),
        f"{year_label} to date",
    )


def year_of_quarters(
    quarters: Mapping[int, float | None], *, year_label: str, recorded: float | None = None
) -> Total | None:
    """A flow's financial year: its four quarters added up, or, when a quarter is not
    known, the year as recorded (a year's figure, or the 12 months to its fourth quarter)."""
    if all(quarters.get(q) is not None for q in QUARTERS):
        return Total(
            sum(quarters[q] or 0 for q in QUARTERS),
            tuple(f"Q{q} {year_label}" for q in QUARTERS),
            year_label,
        )
    if recorded is None:
        return None
    return Total(recorded, (f"{year_label} as recorded",), year_label)


@dataclass(frozen=True)
class Share:
    part: float
    whole: float
    part_label: str
    whole_label: str

    @property
    def value(self) -> float | None:
        return None if self.whole == 0 else self.part / self.whole

    @property
    def basis(self) -> str:
        if self.value is None:
            return f"{self.part_label} of {self.whole_label}: no share of 0"
        return (
            f"{self.part_label} ÷ {self.whole_label}: {figure(self.part)} ÷ "
            f"{figure(self.whole)} = {per_cent(self.value, 1)}"
        )


def share_of_year(
    parts: Mapping[int, float | None],
    wholes: Mapping[int, float | None],
    *,
    year_label: str,
    recorded: tuple[float, float] | None = None,
) -> Share | None:
    """A share over a financial year, from the year's totals (every repeat of the year over
    every referral of the year), never from its last quarter alone; `recorded` is the
    year's (part, whole) when its quarters are not all known."""
    part = year_of_quarters(parts, year_label=year_label)
    whole = year_of_quarters(wholes, year_label=year_label)
    if part is not None and whole is not None:
        totals = (part.value, whole.value)
    elif recorded is not None:
        totals = recorded
    else:
        return None
    return share(*totals, part_label=f"part, {year_label}", whole_label=f"whole, {year_label}")


def share(part: float, whole: float, *, part_label: str, whole_label: str) -> Share:
    if part > whole:
        raise ValueError(f"{part_label} ({part}) cannot exceed {whole_label} ({whole}).")
    return Share(part, whole, part_label, whole_label)


# RAG


@dataclass(frozen=True)
class Rag:
    status: Literal["green", "amber", "red"]
    rule: str


def rag(
    value: float | None,
    *,
    target: float | None,
    polarity: Polarity,
    amber_band: float = 0.05,
) -> Rag | None:
    """Green when the target is met, amber when within `amber_band` of it (as a share of
    the target), red otherwise. No rating without a target or a direction of good."""
    if value is None or target is None or polarity == "neither":
        return None
    band = abs(target) * amber_band
    better = value >= target if polarity == "higher_is_better" else value <= target
    wording = "at or above" if polarity == "higher_is_better" else "at or below"
    rule = (
        f"Green {wording} the target of {figure(target)}; amber within "
        f"{per_cent(amber_band)} of it ({figure(band, 2)}); red beyond."
    )
    if better:
        return Rag("green", rule)
    return Rag("amber" if abs(value - target) <= band else "red", rule)
