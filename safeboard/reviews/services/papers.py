"""The case-review action plan as a paper of the case review group's meetings."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from safeboard.core import audit
from safeboard.core.access import require
from safeboard.core.models import Partnership, Person
from safeboard.governance import services as governance
from safeboard.governance.models import Body, Meeting

from .. import action_plan
from ..models import ActionPlanPaper, CaseReviewSettings
from ..rules import can_prepare_action_plan, can_read
from ..selectors import action_plan_issued, settings_of
from .common import require_writer

AGENDA_TITLE = "Case review action plan"


@transaction.atomic
def group_set(
    *, actor: Person, partnership: Partnership, expected_version: int, group: Body | None
) -> CaseReviewSettings:
    """Name the body that is the partnership's case review group."""
    require_writer(actor, partnership)
    if group is not None and group.partnership_id != partnership.pk:
        raise ValidationError({"group": "Choose one of this partnership's bodies."})
    current, _ = CaseReviewSettings.objects.get_or_create(partnership=partnership)
    audit.audited_update(
        actor=actor,
        instance=current,
        expected_version=expected_version,
        changes={"group": group},
        action="reviews.settings.group",
        partnership_id=partnership.pk,
    )
    return current


@transaction.atomic
def action_plan_prepare(*, actor: Person, meeting: Meeting) -> ActionPlanPaper:
    """Draw the action plan as it stands on the meeting's date and keep it as the meeting's
    paper, adding its agenda item the first time. Prepared again, it replaces the earlier
    one, until a pack of the meeting has been built since: then it stays as issued."""
    partnership = meeting.body.partnership
    if partnership is None:  # a joint body of an arrangement is no partnership's group
        raise PermissionDenied
    require(can_read(actor, partnership) and can_prepare_action_plan(actor, partnership))
    if settings_of(partnership).group_id != meeting.body_id:
        raise ValidationError(
            f"The action plan is a paper of the case review group's meetings, and "
            f"{meeting.body} is not named as the group in the case review settings."
        )
    paper = ActionPlanPaper.objects.select_for_update().filter(meeting=meeting).first()
    if paper is not None and action_plan_issued(paper):
        raise ValidationError(
            "The meeting's pack has been built with this paper: it stays as the group saw it."
        )
    plan = action_plan.plan_as_of(partnership, meeting.date)
    now = timezone.now()
    content = action_plan.paper_pdf(meeting=meeting, plan=plan, prepared_on=timezone.localdate(now))
    if paper is None:
        item = governance.agenda_item_add(
            actor=actor, meeting=meeting, title=AGENDA_TITLE, presenter="Business unit"
        )
        paper = ActionPlanPaper(meeting=meeting, agenda_item=item)
        changed = ["meeting", "file"]
    else:
        earlier, storage = paper.file.name or "", paper.file.storage
        transaction.on_commit(lambda: storage.delete(earlier))
        changed = ["file"]
    paper.as_of = meeting.date
    paper.prepared_by = actor
    paper.prepared_at = now
    paper.recommendations = plan.recommendations
    paper.actions = plan.actions
    paper.file.save(
        f"case-review-action-plan-{meeting.date:%Y-%m-%d}.pdf", ContentFile(content), save=False
    )
    paper.full_clean()
    paper.save()
    audit.record(
        actor=actor,
        action="reviews.action_plan.prepare",
        target=paper,
        partnership_id=partnership.pk,
        changed=changed,
    )
    return paper
