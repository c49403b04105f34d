"""Load the demo's case reviews (`case_reviews.py`) through the case review services."""

from datetime import date, timedelta

from django.utils import timezone

from safeboard.actions import services as actions
from safeboard.actions.models import Status
from safeboard.core.models import Agency, Partnership, Person
from safeboard.core.workingdays import is_working_day
from safeboard.governance import services as governance
from safeboard.governance.models import Body, MeetingStatus
from safeboard.reviews import services
from safeboard.reviews.models import (
    KIND_OF_OUTCOME,
    DecisionOutcome,
    Redaction,
    Review,
    ReviewKind,
    ReviewStatus,
    Stage,
    Theme,
)

from . import case_reviews as data

_LETTERS = "ABCDEFGHIJ"
# The seed reports the action plans in its 2017-18 report; the end of that year stands in
# for the dates it does not give.
ACTION_PLAN_REPORTED = date(2018, 3, 31)


def load(
    actor: Person, partnership: Partnership, agencies: dict[str, Agency], *, group: Body
) -> None:
    themes = {
        name: services.theme_create(actor=actor, partnership=partnership, name=name)
        for name in [*data.THEMES, data.ONLINE_SAFETY_THEME]
    }
    reviews = _seed_year(actor, partnership, agencies, themes)
    online_safety = _online_safety(actor, partnership, themes)
    _online_safety_recommendations(actor, online_safety)
    _action_plans(actor, reviews, agencies["SCC"])
    _group_meetings(actor, partnership, group)
    _open_referrals(actor, partnership, agencies, themes, today=timezone.localdate())


def _seed_year(actor, partnership, agencies, themes: dict[str, Theme]) -> list[Review]:
    reviews: list[Review] = []
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
            letter = _LETTERS[len(reviews)]
            reviews.append(_review_underway(actor, partnership, referral, outcome, letter))
    return reviews


def _review_underway(actor, partnership, referral, outcome: str, letter: str) -> Review:
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
    return review


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


def _online_safety(actor, partnership, themes: dict[str, Theme]) -> Review:
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
    return review


def _online_safety_recommendations(actor, review: Review) -> None:
    """The review's agreed recommendations, into the one tracker with the review as their
    source. The seed gives no actions for them, so none are invented."""
    assert review.publication_date is not None  # a published review has its date
    for number, text in enumerate(data.ONLINE_SAFETY_RECOMMENDATIONS, start=1):
        actions.recommendation_create(
            actor=actor,
            partnership=review.partnership,
            text=text,
            theme=data.ONLINE_SAFETY_THEME,
            date_agreed=review.publication_date,
            source=review,
            reference=f"OS{number}",
        )


def _action_plans(actor, reviews: list[Review], owner_agency) -> None:
    """The seed's action plans as recommendation -> action, with what was done and its
    impact as the seed prints them. The seed does not say which review each came from,
    who owned it, or when it was due: each theme is sourced to one of the year's serious
    case reviews in turn, owned by the council, and the actions are marked synthetic."""
    serious = [review for review in reviews if review.kind == ReviewKind.SCR]
    for (theme, rows), review in zip(data.ACTION_PLANS.items(), serious, strict=False):
        for number, (recommended, done, impact) in enumerate(rows, start=1):
            _action_plan_row(actor, review, owner_agency, theme, number, recommended, done, impact)


def _action_plan_row(actor, review, owner_agency, theme, number, recommended, done, impact):
    recommendation = actions.recommendation_create(
        actor=actor,
        partnership=review.partnership,
        text=recommended,
        theme=theme,
        date_agreed=review.commissioned_on,
        source=review,
        reference=f"{theme[:2].upper()}{number}",
    )
    action = actions.action_create(
        actor=actor,
        recommendation=recommendation,
        description=done,
        owner_agency=owner_agency,
        owner=None,
        due_date=ACTION_PLAN_REPORTED,
        is_synthetic=True,
    )
    for meeting in map(date.fromisoformat, data.GROUP_MEETINGS):
        reported = meeting - timedelta(days=7)
        if recommendation.date_agreed < reported < ACTION_PLAN_REPORTED:
            actions.action_record_update(
                actor=actor,
                action=action,
                expected_version=action.version,
                on=reported,
                note=data.PROGRESS_NOTE,
                status=Status.IN_PROGRESS,
                what_was_done="",
                impact_on_children="",
                evidence="",
            )
    actions.action_record_update(
        actor=actor,
        action=action,
        expected_version=action.version,
        on=ACTION_PLAN_REPORTED,
        note="As reported in the annual report 2017/18 (owner and dates synthetic).",
        status=Status.COMPLETED,
        what_was_done=done,
        impact_on_children=impact,
        evidence="",
    )


def _group_meetings(actor, partnership, group: Body) -> None:
    """The case review group's quarterly meetings, each with the action plan as its paper,
    drawn as at the meeting's date."""
    services.group_set(actor=actor, partnership=partnership, expected_version=1, group=group)
    for day in map(date.fromisoformat, data.GROUP_MEETINGS):
        meeting = governance.meeting_create(
            actor=actor, body=group, date=day, status=MeetingStatus.HELD
        )
        services.action_plan_prepare(actor=actor, meeting=meeting)


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
