"""Other modules show their work on a meeting's page through the panel registry."""

import pytest

from safeboard.governance import panels


def test_the_case_review_plan_is_registered_from_its_own_module():
    registered = panels.REGISTRY["case-review-action-plan"]
    assert registered.build.__module__ == "safeboard.reviews.panels"


def test_a_key_registered_twice_by_two_modules_is_refused():
    with pytest.raises(ValueError, match="Two modules register the meeting panel"):
        panels.register("case-review-action-plan", order=1)(lambda **_: None)


def test_held_papers_are_gathered_from_every_panel_by_agenda_item():
    plan = panels.HeldPaper(label="plan", url="/plan")
    challenge = panels.HeldPaper(label="challenge", url="/challenge")
    shown = [
        panels.MeetingPanel(template="a.html", papers={1: plan}),
        panels.MeetingPanel(template="b.html", papers={4: challenge}),
    ]
    assert panels.held_papers(shown) == {1: plan, 4: challenge}
