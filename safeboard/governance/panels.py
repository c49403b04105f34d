"""The meeting-panel registry: what other modules show on a governance meeting's page.

A module that has papers or work for meetings (a case review's action plan, later a
Section 11 challenge) registers a builder from its own `panels.py`, found at start-up.
Governance calls the builders and knows none of the modules:

    @register("case-review-action-plan", order=100)
    def action_plan(*, user, meeting) -> MeetingPanel | None: ...

A builder decides what the person may see and returns None when it has nothing for them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import Meeting


@dataclass(frozen=True)
class HeldPaper:
    """A paper another module holds for an agenda item, and where the allowed download it."""

    label: str
    url: str


@dataclass(frozen=True)
class MeetingPanel:
    template: str  # included on the meeting page, with `panel` the panel itself
    context: Any = None
    papers: dict[int, HeldPaper] = field(default_factory=dict)  # by agenda item id


PanelBuilder = Callable[..., MeetingPanel | None]


@dataclass(frozen=True)
class RegisteredPanel:
    key: str
    order: int
    build: PanelBuilder


REGISTRY: dict[str, RegisteredPanel] = {}


def register(key: str, *, order: int) -> Callable[[PanelBuilder], PanelBuilder]:
    def add(build: PanelBuilder) -> PanelBuilder:
        if key in REGISTRY and REGISTRY[key].build is not build:
            raise ValueError(f"Two modules register the meeting panel {key!r}.")
        REGISTRY[key] = RegisteredPanel(key=key, order=order, build=build)
        return build

    return add


def panels_for(*, user, meeting: Meeting) -> list[MeetingPanel]:
    """The panels this person sees on this meeting's page, in order."""
    built = (p.build(user=user, meeting=meeting) for p in sorted(REGISTRY.values(), key=_order))
    return [panel for panel in built if panel is not None]


def held_papers(panels: list[MeetingPanel]) -> dict[int, HeldPaper]:
    return {item: paper for panel in panels for item, paper in panel.papers.items()}


def _order(panel: RegisteredPanel) -> tuple[int, str]:
    return (panel.order, panel.key)
