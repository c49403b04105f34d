"""Writes to themes, reviews with their milestones, and learning products."""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeboard.core import audit
from safeboard.core.models import Partnership, Person
from safeboard.core.versioning import apply_changes

from ..models import LearningProduct, Milestone, Referral, Review, Stage, Theme
from .common import check_themes, require_writer

# Themes


@transaction.atomic
def theme_create(*, actor: Person, partnership: Partnership, name: str) -> Theme:
    require_writer(actor, partnership)
    name = name.strip()
    if Theme.objects.filter(partnership=partnership, name__iexact=name).exists():
        raise ValidationError({"name": f"The partnership already has the theme “{name}”."})
    theme = Theme(partnership=partnership, name=name)
    theme.full_clean()
    theme.save()
    audit.record(
        actor=actor,
        action="reviews.theme.create",
        target=theme,
        partnership_id=partnership.pk,
        changed=["name"],
    )
    return theme


# Reviews


@transaction.atomic
def review_commission(
    *,
    actor: Person,
    partnership: Partnership,
    kind: str,
    title: str,
    commissioned_on: date,
    referral: Referral | None = None,
    lead_reviewer: str = "",
    terms_of_reference: str = "",
    themes: Iterable[Theme] = (),
    is_synthetic: bool = False,
) -> Review:
    """A new review, with its milestones laid out (none planned or done yet)."""
    require_writer(actor, partnership)
    if referral is not None and referral.partnership_id != partnership.pk:
        raise ValidationError({"referral": "Choose one of this partnership's referrals."})
    review = Review(
        partnership=partnership,
        kind=kind,
        title=title.strip(),
        referral=referral,
        lead_reviewer=lead_reviewer.strip(),
        terms_of_reference=terms_of_reference.strip(),
        commissioned_on=commissioned_on,
        is_synthetic=is_synthetic,
    )
    review.full_clean()
    review.save()
    review.themes.set(check_themes(partnership, themes))
    Milestone.objects.bulk_create(Milestone(review=review, stage=stage) for stage in Stage.values)
    audit.record(
        actor=actor,
        action="reviews.review.commission",
        target=review,
        partnership_id=partnership.pk,
        changed=["kind", "title", "referral", "lead_reviewer", "terms_of_reference", "themes"],
    )
    return review


@transaction.atomic
def review_update(
    *,
    actor: Person,
    review: Review,
    expected_version: int,
    title: str,
    lead_reviewer: str,
    terms_of_reference: str,
    status: str,
    publication_date: date | None,
    publication_link: str,
    redaction: str,
    themes: Iterable[Theme],
) -> Review:
    require_writer(actor, review.partnership)
    themes = check_themes(review.partnership, themes)
    before = set(review.themes.values_list("pk", flat=True))
    try:
        audit.audited_update(
            actor=actor,
            instance=review,
            expected_version=expected_version,
            changes={
                "title": title.strip(),
                "lead_reviewer": lead_reviewer.strip(),
                "terms_of_reference": terms_of_reference.strip(),
                "status": status,
                "publication_date": publication_date,
                "publication_link": publication_link.strip(),
                "redaction": redaction,
            },
            action="reviews.review.update",
            partnership_id=review.partnership_id,
            also_changed=["themes"] if before != {t.pk for t in themes} else [],
        )
    except ValidationError as error:
        raise _explain_publication(error) from error
    review.themes.set(themes)
    return review


def _explain_publication(error: ValidationError) -> ValidationError:
    """Say in words what the database constraint on publishing asks for."""
    if "review_published_with_date_and_redaction" in str(error):
        return ValidationError(
            {
                "status": "A published review needs its publication date, and its redaction "
                "complete (or not needed)."
            }
        )
    return error


@transaction.atomic
def review_milestones_set(
    *,
    actor: Person,
    review: Review,
    expected_version: int,
    milestones: Mapping[str, tuple[date | None, date | None]],
) -> Review:
    """Record the planned and done dates of the review's stages: {stage: (planned, done)}."""
    require_writer(actor, review.partnership)
    unknown = set(milestones) - set(Stage.values)
    if unknown:
        raise ValidationError(f"Unknown stage: {', '.join(sorted(unknown))}.")
    apply_changes(review, expected_version=expected_version, changes={})
    changed = []
    for stage, (planned, done) in milestones.items():
        milestone, _ = Milestone.objects.get_or_create(review=review, stage=stage)
        if (milestone.planned, milestone.done) != (planned, done):
            milestone.planned, milestone.done = planned, done
            milestone.save(update_fields=["planned", "done"])
            changed.append(stage)
    audit.record(
        actor=actor,
        action="reviews.review.milestones",
        target=review,
        partnership_id=review.partnership_id,
        changed=changed,
    )
    return review


# Learning products


@transaction.atomic
def learning_product_add(
    *,
    actor: Person,
    partnership: Partnership,
    kind: str,
    title: str,
    delivered_on: date,
    audience: str,
    reached: int | None = None,
    review: Review | None = None,
    is_synthetic: bool = False,
) -> LearningProduct:
    require_writer(actor, partnership)
    if review is not None and review.partnership_id != partnership.pk:
        raise ValidationError({"review": "Choose one of this partnership's reviews."})
    product = LearningProduct(
        partnership=partnership,
        review=review,
        kind=kind,
        title=title.strip(),
        delivered_on=delivered_on,
        audience=audience.strip(),
        reached=reached,
        is_synthetic=is_synthetic,
    )
    product.full_clean()
    product.save()
    audit.record(
        actor=actor,
        action="reviews.learning_product.add",
        target=product,
        partnership_id=partnership.pk,
        changed=["kind", "title", "delivered_on", "audience", "reached", "review"],
    )
    return product
