from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from safeboard.core.models import AuditEvent
from safeboard.core.versioning import StaleEdit
from safeboard.reviews import services
from safeboard.reviews.models import (
    DecisionOutcome,
    Milestone,
    Redaction,
    ReviewKind,
    ReviewStatus,
    Stage,
)
from safeboard.reviews.tests.factories import ReferralFactory, ReviewFactory, ThemeFactory


def new_referral(cast, actor=None, **changes):
    values = dict(
        actor=actor or cast.business_unit,
        partnership=cast.partnership,
        reference="SR-2018-01",
        age_band="under_1",
        incident_date=date(2018, 3, 5),
        became_aware=date(2018, 3, 8),
        referring_agency=cast.police,
        what_happened="An infant was admitted with a head injury.",
        died_or_seriously_harmed=True,
        abuse_or_neglect=True,
        looked_after=False,
    )
    return services.referral_create(**{**values, **changes})


def test_the_case_review_group_records_a_serious_incident_with_an_audit_event(cast):
    referral = new_referral(cast, actor=cast.case_review_member)
    event = AuditEvent.objects.get(action="reviews.referral.create")
    assert (event.target_id, event.actor_id) == (str(referral.pk), cast.case_review_member.pk)


@pytest.mark.parametrize("persona", ["chair", "scrutineer", "viewer", "agency_lead", "outsider"])
def test_only_the_business_unit_and_review_group_record_referrals(cast, persona):
    with pytest.raises(PermissionDenied):
        new_referral(cast, actor=getattr(cast, persona))


def test_a_name_is_refused_unless_the_partnership_records_names(cast):
    with pytest.raises(ValidationError, match="reference for the child, not a name"):
        new_referral(cast, child_name="Jane Doe")
    services.settings_update(
        actor=cast.business_unit,
        partnership=cast.partnership,
        expected_version=1,
        records_child_names=True,
    )
    assert new_referral(cast, child_name="Jane Doe").child_name == "Jane Doe"


def test_a_referral_outside_the_criteria_says_why_the_partnership_might_learn(cast):
    with pytest.raises(ValidationError, match="Say why the partnership might learn"):
        new_referral(cast, abuse_or_neglect=False)
    referral = new_referral(cast, abuse_or_neglect=False, why_learn="Agencies disagreed on risk.")
    assert not referral.meets_statutory_criteria


def test_awareness_cannot_come_before_the_incident(cast):
    with pytest.raises(ValidationError, match="cannot become aware before"):
        new_referral(cast, became_aware=date(2018, 3, 1))


def test_the_referring_agency_must_serve_the_partnership(cast):
    from safeboard.core.tests.factories import AgencyFactory

    with pytest.raises(ValidationError, match="serves the partnership"):
        new_referral(cast, referring_agency=AgencyFactory())


def test_the_rapid_review_waits_for_the_notification(cast):
    referral = ReferralFactory(partnership=cast.partnership, referring_agency=cast.police)
    with pytest.raises(ValidationError, match="notification to the national panel first"):
        services.referral_record_rapid_review(
            actor=cast.business_unit, referral=referral, expected_version=1, held=date(2018, 4, 1)
        )
    services.referral_record_notification(
        actor=cast.business_unit, referral=referral, expected_version=1, sent=date(2018, 3, 9)
    )
    services.referral_record_rapid_review(
        actor=cast.business_unit, referral=referral, expected_version=2, held=date(2018, 3, 28)
    )
    referral.refresh_from_db()
    assert (referral.notification_sent, referral.rapid_review_held) == (
        date(2018, 3, 9),
        date(2018, 3, 28),
    )


def test_a_stale_notification_edit_is_refused(cast):
    referral = ReferralFactory(partnership=cast.partnership, referring_agency=cast.police)
    services.referral_record_notification(
        actor=cast.business_unit, referral=referral, expected_version=1, sent=date(2018, 3, 9)
    )
    with pytest.raises(StaleEdit):
        services.referral_record_notification(
            actor=cast.case_review_member,
            referral=referral,
            expected_version=1,
            sent=date(2018, 3, 12),
        )


def test_a_decision_is_recorded_once_then_gains_the_panels_view(cast):
    referral = ReferralFactory(partnership=cast.partnership, referring_agency=cast.police)
    decision = services.decision_record(
        actor=cast.case_review_member,
        referral=referral,
        outcome=DecisionOutcome.LCSPR,
        rationale="Criteria met; learning about safe sleeping.",
        decided_on=date(2018, 4, 3),
        decided_by="The case review group",
    )
    with pytest.raises(ValidationError, match="already been recorded"):
        services.decision_record(
            actor=cast.business_unit,
            referral=referral,
            outcome=DecisionOutcome.NO_FURTHER_ACTION,
            rationale="-",
            decided_on=date(2018, 4, 3),
            decided_by="-",
        )
    services.decision_update(
        actor=cast.business_unit,
        decision=decision,
        expected_version=1,
        outcome=decision.outcome,
        rationale=decision.rationale,
        decided_on=decision.decided_on,
        decided_by=decision.decided_by,
        panel_view="The panel agrees a local review is appropriate.",
        panel_view_received=date(2018, 4, 20),
    )
    decision.refresh_from_db()
    assert decision.panel_view_received == date(2018, 4, 20)


def test_the_panels_view_comes_with_its_date(cast):
    referral = ReferralFactory(partnership=cast.partnership, referring_agency=cast.police)
    with pytest.raises(ValidationError, match="with the date it came"):
        services.decision_record(
            actor=cast.business_unit,
            referral=referral,
            outcome=DecisionOutcome.SCR,
            rationale="Criteria met.",
            decided_on=date(2018, 4, 3),
            decided_by="The SCR group",
            panel_view="Agreed.",
        )


def test_a_commissioned_review_has_every_milestone_laid_out(cast):
    review = services.review_commission(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind=ReviewKind.THEMATIC,
        title="Online safety",
        commissioned_on=date(2016, 9, 1),
    )
    assert sorted(review.milestones.values_list("stage", flat=True)) == sorted(Stage.values)
    services.review_milestones_set(
        actor=cast.case_review_member,
        review=review,
        expected_version=1,
        milestones={Stage.SCOPING: (date(2016, 9, 10), date(2016, 9, 12))},
    )
    assert Milestone.objects.get(review=review, stage=Stage.SCOPING).done == date(2016, 9, 12)


def test_a_case_review_names_its_referral(cast):
    with pytest.raises(ValidationError):
        services.review_commission(
            actor=cast.business_unit,
            partnership=cast.partnership,
            kind=ReviewKind.SCR,
            title="Child A",
            commissioned_on=date(2018, 5, 1),
        )


def test_a_review_is_published_only_with_its_date_and_redaction_done(cast):
    review = ReviewFactory(partnership=cast.partnership)
    values = dict(
        actor=cast.business_unit,
        review=review,
        expected_version=1,
        title=review.title,
        lead_reviewer="",
        terms_of_reference="",
        status=ReviewStatus.PUBLISHED,
        publication_date=None,
        publication_link="",
        redaction=Redaction.IN_PROGRESS,
        themes=[],
    )
    with pytest.raises(ValidationError, match="publication date"):
        services.review_update(**values)
    review.refresh_from_db()
    services.review_update(
        **{
            **values,
            "review": review,
            "publication_date": date(2018, 1, 15),
            "redaction": Redaction.NOT_NEEDED,
        }
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED


def test_themes_are_the_partnerships_own(cast):
    services.theme_create(actor=cast.business_unit, partnership=cast.partnership, name="Neglect")
    with pytest.raises(ValidationError, match="already has the theme"):
        services.theme_create(
            actor=cast.business_unit, partnership=cast.partnership, name="neglect"
        )
    elsewhere = ThemeFactory(partnership=cast.other_partnership)
    with pytest.raises(ValidationError, match="one of this partnership's"):
        new_referral(cast, themes=[elsewhere])


def test_the_chair_may_not_add_a_closure_day(cast):
    with pytest.raises(PermissionDenied):
        services.closure_day_add(
            actor=cast.chair, partnership=cast.partnership, day=date(2026, 12, 29), reason="x"
        )


def test_themes_are_added_to_a_referral_later(cast):
    referral = new_referral(cast)
    neglect = ThemeFactory(partnership=cast.partnership, name="Neglect")
    services.referral_update(
        actor=cast.case_review_member,
        referral=referral,
        expected_version=1,
        age_band=referral.age_band,
        incident_date=referral.incident_date,
        became_aware=referral.became_aware,
        referring_agency=referral.referring_agency,
        what_happened=referral.what_happened,
        died_or_seriously_harmed=True,
        abuse_or_neglect=True,
        looked_after=False,
        why_learn="",
        themes=[neglect],
    )
    assert list(referral.themes.all()) == [neglect]
    event = AuditEvent.objects.get(action="reviews.referral.update")
    assert event.changed_fields == ["themes"]


def test_a_corrected_awareness_cannot_follow_the_notification(cast):
    referral = ReferralFactory(
        partnership=cast.partnership,
        referring_agency=cast.police,
        notification_sent=date(2018, 3, 9),
    )
    with pytest.raises(ValidationError, match="notification was sent before"):
        services.referral_update(
            actor=cast.business_unit,
            referral=referral,
            expected_version=1,
            age_band=referral.age_band,
            incident_date=referral.incident_date,
            became_aware=date(2018, 3, 12),
            referring_agency=referral.referring_agency,
            what_happened="x",
            died_or_seriously_harmed=True,
            abuse_or_neglect=True,
            looked_after=False,
            why_learn="",
            themes=[],
        )
