"""Load the demo's case reviews (`case_reviews.py`) through the case review services."""

from datetime import date, timedelta

from django.utils import timezone

from safeboard.core.models import Agency, Partnership, Person
from safeboard.core.workingdays import is_working_day
from safeboard.reviews import services
from safeboard.reviews.models import (
    KIND_OF_OUTCOME,
    DecisionOutcome,
    Redaction,
    ReviewKind,
    ReviewStatus,
    Stage,
    Theme,
)

from . import case_reviews as data

_LETTERS = "ABCDEFGHIJ"


def load(actor: Person, partnership: Partnership, agencies: dict[str, Agency]) -> None:
    themes = {
        name: services.theme_create(actor=actor, partnership=partnership, name=name)
        for name in [*data.THEMES, data.ONLINE_SAFETY_THEME]
    }
    _seed_year(actor, partnership, agencies, themes)
    _online_safety(actor, partnership, themes)
    _open_referrals(actor, partnership, agencies, themes, today=timezone.localdate())


def _seed_year(actor, partnership, agencies, themes: dict[str, Theme]) -> None:
    reviewed = 0
    for row in data.REFERRALS:
        (reference, age, incident, aware, agency, happened, harmed, abuse, looked_after,
         why, notified, rapid, outcome, decided, theme_names) = row  # fmt: skip
        referral = services.referral_create(
            actor=actor,
            partnership=partnership,
            reference=reference,
            age_band=age,
            incident_date=date.fromisoformat(incident),
            became_aware=date.fromisoformat(aware),
            referring_agency=agencies[agency],
            what_happened=data.SYNTHETIC + happened,
            died_or_seriously_harmed=harmed,
            abuse_or_neglect=abuse,
            looked_after=looked_after,
            why_learn=why,
            themes=[themes[name] for name in theme_names],
            is_synthetic=True,
        )
        services.referral_record_notification(
            actor=actor, referral=referral, expected_version=1, sent=date.fromisoformat(notified)
        )
        services.referral_record_rapid_review(
            actor=actor, referral=referral, expected_version=2, held=date.fromisoformat(rapid)
        )
        services.decision_record(
            actor=actor,
            referral=referral,
            outcome=outcome,
            rationale=data.RATIONALE[outcome],
            decided_on=date.fromisoformat(decided),
            decided_by=data.DECIDED_BY,
        )
        if outcome in KIND_OF_OUTCOME:
            _review_underway(actor, partnership, referral, outcome, _LETTERS[reviewed])
            reviewed += 1


def _review_underway(actor, partnership, referral, outcome: str, letter: str) -> None:
    decided = referral.decision.decided_on
    review = services.review_commission(
        actor=actor,
        partnership=partnership,
        kind=KIND_OF_OUTCOME[DecisionOutcome(outcome)],
        title=f"Child {letter} (synthetic)",
        referral=referral,
        commissioned_on=decided,
        lead_reviewer="Independent lead reviewer (synthetic)",
        terms_of_reference="Synthetic: how agencies worked together with the child and family "
        "in the year before the incident.",
        themes=list(referral.themes.all()),
        is_synthetic=True,
    )
    _update(actor, review, status=ReviewStatus.UNDERWAY)
    services.review_milestones_set(
        actor=actor,
        review=review,
        expected_version=review.version,
        milestones={
            Stage.SCOPING: (decided + timedelta(days=14), decided + timedelta(days=14)),
            Stage.REPORTS_REQUESTED: (decided + timedelta(days=21), decided + timedelta(days=21)),
            Stage.REPORTS_RECEIVED: (decided + timedelta(days=63), None),
        },
    )


def _update(actor, review, **changes) -> None:
    values = {
        "title": review.title,
        "lead_reviewer": review.lead_reviewer,
        "terms_of_reference": review.terms_of_reference,
        "status": review.status,
        "publication_date": review.publication_date,
        "publication_link": review.publication_link,
        "redaction": review.redaction,
        "themes": list(review.themes.all()),
    }
    services.review_update(
        actor=actor, review=review, expected_version=review.version, **{**values, **changes}
    )


def _online_safety(actor, partnership, themes: dict[str, Theme]) -> None:
    facts = data.ONLINE_SAFETY_REVIEW
    published = date.fromisoformat(facts["publication_date"])
    review = services.review_commission(
        actor=actor,
        partnership=partnership,
        kind=ReviewKind.THEMATIC,
        title=facts["title"],
        commissioned_on=date.fromisoformat(facts["commissioned_on"]),
        lead_reviewer=facts["lead_reviewer"],
        terms_of_reference=facts["terms_of_reference"],
        themes=[themes[data.ONLINE_SAFETY_THEME]],
        is_synthetic=True,  # its dates are
    )
    _update(
        actor,
        review,
        status=ReviewStatus.PUBLISHED,
        publication_date=published,
        publication_link=facts["publication_link"],
        redaction=Redaction.NOT_NEEDED,
    )
    services.review_milestones_set(
        actor=actor,
        review=review,
        expected_version=review.version,
        milestones={Stage.PUBLICATION: (published, published)},
    )
    for kind, title, when, audience, reached, synthetic, of_review in data.LEARNING_PRODUCTS:
        services.learning_product_add(
            actor=actor,
            partnership=partnership,
            kind=kind,
            title=title,
            delivered_on=date.fromisoformat(when),
            audience=audience,
            reached=reached,
            review=review if of_review else None,
            is_synthetic=synthetic,
        )


def working_days_before(day: date, count: int) -> date:
    while count > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def _open_referrals(actor, partnership, agencies, themes, *, today: date) -> None:
    """Two synthetic referrals awaiting a decision, so the demo's clocks run."""
    for (
        reference,
        aware_ago,
        notified_ago,
        agency,
        happened,
        looked_after,
        names,
    ) in data.OPEN_REFERRALS:
        aware = working_days_before(today, aware_ago)
        referral = services.referral_create(
            actor=actor,
            partnership=partnership,
            reference=reference,
            age_band="1_to_4" if not looked_after else "16_to_17",
            incident_date=aware - timedelta(days=1),
            became_aware=aware,
            referring_agency=agencies[agency],
            what_happened=data.SYNTHETIC + happened,
            died_or_seriously_harmed=True,
            abuse_or_neglect=True,
            looked_after=looked_after,
            themes=[themes[name] for name in names],
            is_synthetic=True,
        )
        if notified_ago is not None:
            services.referral_record_notification(
                actor=actor,
                referral=referral,
                expected_version=1,
                sent=working_days_before(today, notified_ago),
            )
