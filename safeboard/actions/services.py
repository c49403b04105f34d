"""Every write to the tracker, each in one transaction with its audit event.

The business unit changes everything; an agency lead records updates on their own
agency's actions only; everyone else reads.
"""

from datetime import date, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from safeboard.core import audit
from safeboard.core.access import require
from safeboard.core.audit import actor_name
from safeboard.core.models import Agency, Partnership, Person
from safeboard.core.notify import send_email
from safeboard.core.uploads import CheckedFile

from .models import (
    Action,
    ActionUpdate,
    Evidence,
    Priority,
    Recommendation,
    Reminder,
    Status,
    TrackerSettings,
)
from .rules import can_manage, can_update_action


def _check_owner(partnership: Partnership, agency: Agency, owner: Person | None) -> None:
    if not agency.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({"owner_agency": f"{agency.name} does not serve {partnership}."})
    if (
        owner is not None
        and not owner.memberships.filter(partnership=partnership, is_active=True).exists()
    ):
        raise ValidationError({"owner": f"{owner} is not a member of {partnership}."})


# Settings


@transaction.atomic
def tracker_settings_update(
    *,
    actor: Person,
    partnership: Partnership,
    expected_version: int,
    stall_days: int,
    amber_due_within_days: int,
    amber_not_updated_days: int,
) -> TrackerSettings:
    require(can_manage(actor, partnership.pk))
    found, _ = TrackerSettings.objects.get_or_create(partnership=partnership)
    audit.audited_update(
        actor=actor,
        instance=found,
        expected_version=expected_version,
        changes={
            "stall_days": stall_days,
            "amber_due_within_days": amber_due_within_days,
            "amber_not_updated_days": amber_not_updated_days,
        },
        action="actions.settings.update",
        partnership_id=partnership.pk,
    )
    return found


# Priorities


@transaction.atomic
def priority_create(
    *,
    actor: Person | None,
    partnership: Partnership,
    year: int,
    number: int,
    title: str,
    description: str = "",
) -> Priority:
    require(actor is None or can_manage(actor, partnership.pk))
    priority = Priority(
        partnership=partnership, year=year, number=number, title=title, description=description
    )
    priority.full_clean()
    priority.save()
    audit.record(
        actor=actor,
        action="priority.create",
        target=priority,
        partnership_id=partnership.pk,
        changed=["year", "number", "title", "description"],
    )
    return priority


# Recommendations


@transaction.atomic
def recommendation_create(
    *,
    actor: Person | None,
    partnership: Partnership,
    text: str,
    theme: str,
    date_agreed: date,
    source: models.Model | None = None,
    reference: str = "",
) -> Recommendation:
    """A recommendation from any source. A source of another partnership is refused."""
    require(actor is None or can_manage(actor, partnership.pk))
    if source is not None and getattr(source, "partnership_id", partnership.pk) != partnership.pk:
        raise ValidationError({"source": "The source belongs to another partnership."})
    recommendation = Recommendation(
        partnership=partnership,
        text=text.strip(),
        theme=theme.strip(),
        date_agreed=date_agreed,
        reference=reference.strip(),
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
    )
    recommendation.full_clean()
    recommendation.save()
    audit.record(
        actor=actor,
        action="recommendation.create",
        target=recommendation,
        partnership_id=partnership.pk,
        changed=["text", "theme", "date_agreed", "reference", "source"],
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    actor: Person,
    recommendation: Recommendation,
    expected_version: int,
    text: str,
    theme: str,
    date_agreed: date,
    reference: str,
) -> Recommendation:
    require(can_manage(actor, recommendation.partnership_id))
    audit.audited_update(
        actor=actor,
        instance=recommendation,
        expected_version=expected_version,
        changes={
            "text": text.strip(),
            "theme": theme.strip(),
            "date_agreed": date_agreed,
            "reference": reference.strip(),
        },
        action="recommendation.update",
        partnership_id=recommendation.partnership_id,
    )
    return recommendation


# Actions


@transaction.atomic
def action_create(
    *,
    actor: Person | None,
    recommendation: Recommendation,
    description: str,
    owner_agency: Agency,
    owner: Person | None,
    due_date: date,
    is_synthetic: bool = False,
) -> Action:
    partnership = recommendation.partnership
    require(actor is None or can_manage(actor, partnership.pk))
    _check_owner(partnership, owner_agency, owner)
    action = Action(
        recommendation=recommendation,
        description=description.strip(),
        owner_agency=owner_agency,
        owner=owner,
        due_date=due_date,
        last_update_on=timezone.localdate(),
        is_synthetic=is_synthetic,
    )
    action.full_clean()
    action.save()
    audit.record(
        actor=actor,
        action="action.create",
        target=action,
        partnership_id=partnership.pk,
        agency_id=owner_agency.pk,
        changed=["description", "owner_agency", "owner", "due_date"],
    )
    return action


@transaction.atomic
def action_update(
    *,
    actor: Person,
    action: Action,
    expected_version: int,
    description: str,
    owner_agency: Agency,
    owner: Person | None,
    due_date: date,
) -> Action:
    """The business unit changes what an action is, who owns it and when it is due."""
    partnership = action.recommendation.partnership
    require(can_manage(actor, partnership.pk))
    _check_owner(partnership, owner_agency, owner)
    audit.audited_update(
        actor=actor,
        instance=action,
        expected_version=expected_version,
        changes={
            "description": description.strip(),
            "owner_agency": owner_agency,
            "owner": owner,
            "due_date": due_date,
        },
        action="action.update",
        partnership_id=partnership.pk,
        agency_id=owner_agency.pk,
    )
    return action


@transaction.atomic
def action_record_update(
    *,
    actor: Person | None,
    action: Action,
    expected_version: int,
    on: date,
    note: str,
    status: str,
    dropped_reason: str = "",
    what_was_done: str,
    impact_on_children: str,
    evidence: str,
) -> ActionUpdate:
    """A dated entry on the action's timeline, with where the action now stands.

    A stale version (someone else updated the action meanwhile) is refused whole.
    """
    require(actor is None or can_update_action(actor, action))
    if on > timezone.localdate():
        raise ValidationError({"on": "The date of an update cannot be in the future."})
    if status == Status.DROPPED and not dropped_reason.strip():
        raise ValidationError({"dropped_reason": "Say why the action was dropped."})
    audit.audited_update(
        actor=actor,
        instance=action,
        expected_version=expected_version,
        changes={
            "status": status,
            "dropped_reason": dropped_reason.strip() if status == Status.DROPPED else "",
            "what_was_done": what_was_done.strip(),
            "impact_on_children": impact_on_children.strip(),
            "evidence": evidence.strip(),
            "last_update_on": max(on, action.last_update_on),
        },
        action="action.update.record",
        partnership_id=action.recommendation.partnership_id,
        agency_id=action.owner_agency_id,
    )
    update = ActionUpdate(
        action=action,
        on=on,
        author=actor,
        author_name=actor_name(actor),
        note=note.strip(),
        status=status,
        recorded_at=timezone.now(),
    )
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def evidence_add(*, actor: Person, action: Action, checked: CheckedFile) -> Evidence:
    """Keep a file of evidence (already checked by content) through the storage API."""
    require(can_update_action(actor, action))
    evidence = Evidence(
        action=action,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    evidence.file.save(checked.name, checked.upload, save=False)
    evidence.full_clean()
    evidence.save()
    audit.record(
        actor=actor,
        action="action.evidence.add",
        target=action,
        partnership_id=action.recommendation.partnership_id,
        agency_id=action.owner_agency_id,
        changed=["files"],
    )
    return evidence


# Reminders


@transaction.atomic
def reminder_send(*, action: Action, now: datetime) -> Reminder:
    """Email the action's owner that it is due soon or overdue, and record the email."""
    owner = action.owner
    assert owner is not None, "only actions with a named owner are reminded"
    on = timezone.localdate(now)
    kind = Reminder.Kind.OVERDUE if action.due_date < on else Reminder.Kind.DUE_SOON
    partnership = action.recommendation.partnership
    reminder = Reminder.objects.create(
        action=action, kind=kind, sent_to=owner.email, sent_at=now, due_date=action.due_date
    )
    link = reverse("actions:detail", kwargs={"slug": partnership.slug, "pk": action.pk})
    body = render_to_string(
        "actions/email/reminder.txt",
        {
            "action": action,
            "partnership": partnership,
            "overdue": kind == Reminder.Kind.OVERDUE,
            "link": settings.SAFEBOARD_BASE_URL + link,
        },
    )
    subject = (
        f"{'Overdue' if kind == Reminder.Kind.OVERDUE else 'Due soon'}: an action for {partnership}"
    )
    transaction.on_commit(lambda: send_email(to=reminder.sent_to, subject=subject, body=body))
    audit.record(
        actor=None,
        action="action.reminder.send",
        target=action,
        partnership_id=partnership.pk,
        agency_id=action.owner_agency_id,
    )
    return reminder


@transaction.atomic
def recommendation_with_action_create(
    *,
    actor: Person,
    partnership: Partnership,
    source: models.Model | None,
    reference: str,
    text: str,
    theme: str,
    date_agreed: date,
    description: str,
    owner_agency: Agency,
    owner: Person | None,
    due_date: date,
) -> Action:
    """A recommendation and its first action, made together (as on the page)."""
    recommendation = recommendation_create(
        actor=actor,
        partnership=partnership,
        text=text,
        theme=theme,
        date_agreed=date_agreed,
        source=source,
        reference=reference,
    )
    return action_create(
        actor=actor,
        recommendation=recommendation,
        description=description,
        owner_agency=owner_agency,
        owner=owner,
        due_date=due_date,
    )
