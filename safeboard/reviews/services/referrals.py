"""Writes to referrals, their decisions, and the settings their clocks count by."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeboard.core import audit
from safeboard.core.models import Agency, Partnership, Person

from ..models import CaseReviewSettings, ClosureDay, Decision, Referral, Theme
from ..selectors import settings_of
from .common import check_themes, require_writer

# Settings


@transaction.atomic
def settings_update(
    *, actor: Person, partnership: Partnership, expected_version: int, records_child_names: bool
) -> CaseReviewSettings:
    require_writer(actor, partnership)
    current, _ = CaseReviewSettings.objects.get_or_create(partnership=partnership)
    audit.audited_update(
        actor=actor,
        instance=current,
        expected_version=expected_version,
        changes={"records_child_names": records_child_names},
        action="reviews.settings.update",
        partnership_id=partnership.pk,
    )
    return current


@transaction.atomic
def closure_day_add(
    *, actor: Person, partnership: Partnership, day: date, reason: str
) -> ClosureDay:
    require_writer(actor, partnership)
    closure = ClosureDay(partnership=partnership, day=day, reason=reason.strip())
    closure.full_clean()
    closure.save()
    audit.record(
        actor=actor,
        action="reviews.closure_day.add",
        target=closure,
        partnership_id=partnership.pk,
        changed=["day", "reason"],
    )
    return closure


@transaction.atomic
def closure_day_remove(*, actor: Person, closure: ClosureDay) -> None:
    require_writer(actor, closure.partnership)
    audit.record(
        actor=actor,
        action="reviews.closure_day.remove",
        target=closure,
        partnership_id=closure.partnership_id,
    )
    closure.delete()


# Referrals


def _check_referral(
    partnership: Partnership,
    *,
    names_new_child: bool,
    referring_agency: Agency,
    meets_criteria: bool,
    why_learn: str,
    incident_date: date,
    became_aware: date,
) -> None:
    """The rules a referral's details follow, in the words a person would understand."""
    if names_new_child and not settings_of(partnership).records_child_names:
        raise ValidationError(
            {"child_name": "This partnership records a reference for the child, not a name."}
        )
    if not referring_agency.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({"referring_agency": "Choose an agency that serves the partnership."})
    if not meets_criteria and not why_learn.strip():
        raise ValidationError(
            {
                "why_learn": "Say why the partnership might learn from it: the child did not "
                "die or suffer serious harm with abuse or neglect known or suspected."
            }
        )
    if became_aware < incident_date:
        raise ValidationError(
            {"became_aware": "The local authority cannot become aware before the incident."}
        )


@transaction.atomic
def referral_create(
    *,
    actor: Person,
    partnership: Partnership,
    reference: str,
    age_band: str,
    incident_date: date,
    became_aware: date,
    referring_agency: Agency,
    what_happened: str,
    died_or_seriously_harmed: bool,
    abuse_or_neglect: bool,
    looked_after: bool,
    why_learn: str = "",
    child_name: str = "",
    themes: Iterable[Theme] = (),
    is_synthetic: bool = False,
) -> Referral:
    """A serious incident referred for review. Its clocks start from `became_aware`."""
    require_writer(actor, partnership)
    _check_referral(
        partnership,
        names_new_child=bool(child_name.strip()),
        referring_agency=referring_agency,
        meets_criteria=died_or_seriously_harmed and abuse_or_neglect,
        why_learn=why_learn,
        incident_date=incident_date,
        became_aware=became_aware,
    )
    referral = Referral(
        partnership=partnership,
        reference=reference.strip(),
        child_name=child_name.strip(),
        age_band=age_band,
        incident_date=incident_date,
        became_aware=became_aware,
        referring_agency=referring_agency,
        what_happened=what_happened.strip(),
        died_or_seriously_harmed=died_or_seriously_harmed,
        abuse_or_neglect=abuse_or_neglect,
        looked_after=looked_after,
        why_learn=why_learn.strip(),
        is_synthetic=is_synthetic,
    )
    referral.full_clean()
    referral.save()
    referral.themes.set(check_themes(partnership, themes))
    audit.record(
        actor=actor,
        action="reviews.referral.create",
        target=referral,
        partnership_id=partnership.pk,
        changed=["reference", "child_name", "what_happened", "criteria", "dates", "themes"],
    )
    return referral


@transaction.atomic
def referral_update(
    *,
    actor: Person,
    referral: Referral,
    expected_version: int,
    age_band: str,
    incident_date: date,
    became_aware: date,
    referring_agency: Agency,
    what_happened: str,
    died_or_seriously_harmed: bool,
    abuse_or_neglect: bool,
    looked_after: bool,
    why_learn: str,
    themes: Iterable[Theme],
    child_name: str | None = None,
) -> Referral:
    """Correct a referral's details or add the themes it raises. A corrected awareness date
    moves the clocks; `child_name` None leaves the name as it is."""
    partnership = referral.partnership
    require_writer(actor, partnership)
    name = referral.child_name if child_name is None else child_name.strip()
    _check_referral(
        partnership,
        names_new_child=bool(name) and name != referral.child_name,
        referring_agency=referring_agency,
        meets_criteria=died_or_seriously_harmed and abuse_or_neglect,
        why_learn=why_learn,
        incident_date=incident_date,
        became_aware=became_aware,
    )
    if referral.notification_sent is not None and became_aware > referral.notification_sent:
        raise ValidationError(
            {"became_aware": "The notification was sent before this date; check both."}
        )
    themes = check_themes(partnership, themes)
    before = set(referral.themes.values_list("pk", flat=True))
    audit.audited_update(
        actor=actor,
        instance=referral,
        expected_version=expected_version,
        changes={
            "child_name": name,
            "age_band": age_band,
            "incident_date": incident_date,
            "became_aware": became_aware,
            "referring_agency": referring_agency,
            "what_happened": what_happened.strip(),
            "died_or_seriously_harmed": died_or_seriously_harmed,
            "abuse_or_neglect": abuse_or_neglect,
            "looked_after": looked_after,
            "why_learn": why_learn.strip(),
        },
        action="reviews.referral.update",
        partnership_id=partnership.pk,
        also_changed=["themes"] if before != {theme.pk for theme in themes} else [],
    )
    referral.themes.set(themes)
    return referral


@transaction.atomic
def referral_record_notification(
    *, actor: Person, referral: Referral, expected_version: int, sent: date
) -> Referral:
    """The notification to the national panel was sent; the rapid review clock starts."""
    require_writer(actor, referral.partnership)
    if sent < referral.became_aware:
        raise ValidationError(
            {"sent": "The notification cannot be sent before the local authority became aware."}
        )
    audit.audited_update(
        actor=actor,
        instance=referral,
        expected_version=expected_version,
        changes={"notification_sent": sent},
        action="reviews.referral.notification",
        partnership_id=referral.partnership_id,
    )
    return referral


@transaction.atomic
def referral_record_rapid_review(
    *, actor: Person, referral: Referral, expected_version: int, held: date
) -> Referral:
    require_writer(actor, referral.partnership)
    if referral.notification_sent is None:
        raise ValidationError("Record the notification to the national panel first.")
    if held < referral.notification_sent:
        raise ValidationError({"held": "The rapid review follows the notification."})
    audit.audited_update(
        actor=actor,
        instance=referral,
        expected_version=expected_version,
        changes={"rapid_review_held": held},
        action="reviews.referral.rapid_review",
        partnership_id=referral.partnership_id,
    )
    return referral


# Decisions


def _check_panel_view(panel_view: str, panel_view_received: date | None) -> None:
    if bool(panel_view.strip()) != (panel_view_received is not None):
        raise ValidationError(
            {"panel_view_received": "Give the national panel's view with the date it came."}
        )


@transaction.atomic
def decision_record(
    *,
    actor: Person,
    referral: Referral,
    outcome: str,
    rationale: str,
    decided_on: date,
    decided_by: str,
    panel_view: str = "",
    panel_view_received: date | None = None,
) -> Decision:
    require_writer(actor, referral.partnership)
    if Decision.objects.filter(referral=referral).exists():
        raise ValidationError("A decision has already been recorded for this referral.")
    if decided_on < referral.became_aware:
        raise ValidationError({"decided_on": "The decision follows the referral."})
    _check_panel_view(panel_view, panel_view_received)
    decision = Decision(
        referral=referral,
        outcome=outcome,
        rationale=rationale.strip(),
        decided_on=decided_on,
        decided_by=decided_by.strip(),
        panel_view=panel_view.strip(),
        panel_view_received=panel_view_received,
    )
    decision.full_clean()
    decision.save()
    audit.record(
        actor=actor,
        action="reviews.decision.record",
        target=referral,
        partnership_id=referral.partnership_id,
        changed=["outcome", "rationale", "decided_on", "decided_by", "panel_view"],
    )
    return decision


@transaction.atomic
def decision_update(
    *,
    actor: Person,
    decision: Decision,
    expected_version: int,
    outcome: str,
    rationale: str,
    decided_on: date,
    decided_by: str,
    panel_view: str,
    panel_view_received: date | None,
) -> Decision:
    """Change a decision, most often to add the national panel's view when it arrives."""
    referral = decision.referral
    require_writer(actor, referral.partnership)
    _check_panel_view(panel_view, panel_view_received)
    audit.audited_update(
        actor=actor,
        instance=decision,
        expected_version=expected_version,
        changes={
            "outcome": outcome,
            "rationale": rationale.strip(),
            "decided_on": decided_on,
            "decided_by": decided_by.strip(),
            "panel_view": panel_view.strip(),
            "panel_view_received": panel_view_received,
        },
        action="reviews.decision.update",
        target=referral,
        partnership_id=referral.partnership_id,
    )
    return decision
