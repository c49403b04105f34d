"""What a case review puts on a governance meeting's page: the group's action plan paper."""

from django.urls import reverse

from safeboard.governance.models import Meeting
from safeboard.governance.panels import HeldPaper, MeetingPanel, register

from .selectors import meeting_action_plan


@register("case-review-action-plan", order=100)
def action_plan(*, user, meeting: Meeting) -> MeetingPanel | None:
    plan = meeting_action_plan(user=user, meeting=meeting)
    partnership = meeting.body.partnership
    if plan is None or partnership is None:
        return None
    papers = {}
    if plan.paper is not None and plan.paper.agenda_item_id is not None:
        url = reverse(
            "reviews:meeting-action-plan",
            kwargs={"slug": partnership.slug, "pk": meeting.pk},
        )
        papers[plan.paper.agenda_item_id] = HeldPaper(
            label="case review action plan (restricted)", url=url
        )
    return MeetingPanel(
        template="reviews/includes/meeting_action_plan.html", context=plan, papers=papers
    )
