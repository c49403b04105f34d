"""An action's RAG status, computed from its dates, never typed. Plain values, no ORM."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

DONE = frozenset({"completed", "dropped"})


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    GREY = "grey"

    @property
    def label(self) -> str:
        return {"red": "Red", "amber": "Amber", "green": "Green", "grey": "Closed"}[self.value]


@dataclass(frozen=True)
class Thresholds:
    stall_days: int = 60
    amber_due_within_days: int = 30
    amber_not_updated_days: int = 30


def rag_status(
    *, status: str, due_date: date, last_update_on: date, today: date, thresholds: Thresholds
) -> Rag:
    """Grey when completed or dropped; red when overdue or stalled (no update for longer
    than the stall threshold); amber when due soon and not updated lately; else green."""
    if status in DONE:
        return Rag.GREY
    days_to_due = (due_date - today).days
    days_since_update = (today - last_update_on).days
    if days_to_due < 0 or days_since_update > thresholds.stall_days:
        return Rag.RED
    if (
        days_to_due <= thresholds.amber_due_within_days
        and days_since_update > thresholds.amber_not_updated_days
    ):
        return Rag.AMBER
    return Rag.GREEN


def rules(thresholds: Thresholds) -> list[tuple[Rag, str]]:
    """The rules in words, for the pages that show a RAG status."""
    return [
        (
            Rag.RED,
            f"Overdue, or no update for more than {thresholds.stall_days} days (stalled).",
        ),
        (
            Rag.AMBER,
            f"Due within {thresholds.amber_due_within_days} days and not updated for more "
            f"than {thresholds.amber_not_updated_days} days.",
        ),
        (Rag.GREEN, "Not completed, and neither red nor amber."),
        (Rag.GREY, "Completed or dropped."),
    ]


def is_overdue(*, status: str, due_date: date, today: date) -> bool:
    return status not in DONE and due_date < today
