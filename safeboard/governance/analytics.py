"""Attendance and quorum, computed from plain values (no ORM)."""

from collections.abc import Iterable
from dataclasses import dataclass

PRESENT = frozenset({"attended", "deputy"})


@dataclass(frozen=True)
class AttendanceRow:
    """One seat at one meeting."""

    agency: str
    meeting: int
    presence: str
    essential: bool
    synthetic: bool = False


@dataclass(frozen=True)
class AgencyRate:
    agency: str
    attended: int
    meetings: int
    essential: bool
    below_threshold: bool
    synthetic: bool

    @property
    def rate(self) -> float:
        return 100 * self.attended / self.meetings


def attendance_rates(rows: Iterable[AttendanceRow], *, threshold: int) -> list[AgencyRate]:
    """Each agency's share of meetings attended (a deputy counts), highest first.

    An agency with several seats attended a meeting if any of its seats did; it is
    essential if any of its seats is. Essential agencies below the threshold are flagged.
    """
    meetings: dict[str, dict[int, bool]] = {}
    essential: dict[str, bool] = {}
    synthetic: dict[str, bool] = {}
    for row in rows:
        seen = meetings.setdefault(row.agency, {})
        seen[row.meeting] = seen.get(row.meeting, False) or row.presence in PRESENT
        essential[row.agency] = essential.get(row.agency, False) or row.essential
        synthetic[row.agency] = synthetic.get(row.agency, False) or row.synthetic
    rates = []
    for agency, seen in meetings.items():
        attended = sum(seen.values())
        rate = 100 * attended / len(seen)
        rates.append(
            AgencyRate(
                agency=agency,
                attended=attended,
                meetings=len(seen),
                essential=essential[agency],
                below_threshold=essential[agency] and rate < threshold,
                synthetic=synthetic[agency],
            )
        )
    return sorted(rates, key=lambda r: (-r.rate, r.agency))


def attendance_summary(rates: list[AgencyRate], *, threshold: int) -> str:
    """The chart's text alternative: who attended every meeting, and who is flagged."""
    full = sum(1 for r in rates if r.attended == r.meetings)
    text = f"{full} of {len(rates)} agencies attended every meeting."
    flagged = [r.agency for r in rates if r.below_threshold]
    if flagged:
        text += f" Essential agencies below {threshold}%: {', '.join(flagged)}."
    return text


@dataclass(frozen=True)
class Quorum:
    met: bool
    present: int
    needed: int
    missing_agencies: list[str]


def quorum(
    *, present_seats: int, needed_seats: int, required: Iterable[str], present: Iterable[str]
) -> Quorum:
    """Quorate when enough seats are present and every required agency is among them."""
    missing = sorted(set(required) - set(present))
    return Quorum(
        met=present_seats >= needed_seats and not missing,
        present=present_seats,
        needed=needed_seats,
        missing_agencies=missing,
    )


def rate_chart_spec(rates: list[AgencyRate], *, threshold: int) -> dict:
    """A horizontal bar chart of attendance by agency, with the threshold marked."""
    values = [
        {
            "agency": r.agency,
            "rate": round(r.rate, 1),
            "group": "Essential, below threshold"
            if r.below_threshold
            else ("Essential" if r.essential else "Not essential"),
        }
        for r in rates
    ]
    bars = {
        "mark": "bar",
        "encoding": {
            "y": {"field": "agency", "type": "nominal", "sort": None, "title": None},
            "x": {
                "field": "rate",
                "type": "quantitative",
                "title": "% of meetings attended",
                "scale": {"domain": [0, 100]},
            },
            "color": {
                "field": "group",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": ["Essential", "Essential, below threshold", "Not essential"],
                    "range": ["#1d70b8", "#d4351c", "#b1b4b6"],
                },
            },
        },
    }
    rule = {
        # Named, so a screen reader meets the line by what it means, not as an unlabelled mark.
        "mark": {
            "type": "rule",
            "strokeDash": [4, 4],
            "description": f"The attendance threshold, {threshold:g}% of meetings",
        },
        "encoding": {"x": {"datum": threshold}},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": values},
        "width": 480,
        "layer": [bars, rule],
    }
