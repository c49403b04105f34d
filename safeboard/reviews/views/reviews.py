"""Reviews with their milestones, themes, and the learning products that spread them."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from safeboard.actions import selectors as action_selectors
from safeboard.actions import services as action_services
from safeboard.actions.forms import ActionForm
from safeboard.actions.views import recommendation_with_action_page
from safeboard.core.access import require
from safeboard.core.listing import Column
from safeboard.core.restricted import accessed_by, restricted_page, shown
from safeboard.core.views.base import PartnershipRequest, form_page, list_page, partnership_page

from .. import rules, selectors, services
from ..forms import (
    LearningProductForm,
    MilestonesForm,
    ReviewEditForm,
    ReviewForm,
    ThemeForm,
)
from ..models import Stage
from .common import day, url, writer, yes_no

REVIEW_COLUMNS = [
    Column("title", "Review", lambda r: r.title, sort="title"),
    Column("kind", "Kind", lambda r: r.get_kind_display(), sort="kind"),
    Column("status", "Status", lambda r: r.get_status_display(), sort="status"),
    Column(
        "commissioned", "Commissioned", lambda r: day(r.commissioned_on), sort="commissioned_on"
    ),
    Column("published", "Published", lambda r: day(r.publication_date), sort="publication_date"),
    Column("lead_reviewer", "Lead reviewer", lambda r: r.lead_reviewer, sort="lead_reviewer"),
    Column("synthetic", "Synthetic (demo)", lambda r: yes_no(r.is_synthetic)),
]

PRODUCT_COLUMNS = [
    Column("title", "What", lambda p: p.title, sort="title"),
    Column("kind", "Kind", lambda p: p.get_kind_display(), sort="kind"),
    Column("delivered_on", "When", lambda p: day(p.delivered_on), sort="delivered_on"),
    Column("audience", "For whom", lambda p: p.audience, sort="audience"),
    Column(
        "reached",
        "People reached",
        lambda p: "" if p.reached is None else p.reached,
        sort="reached",
        numeric=True,
    ),
    Column("review", "Review", lambda p: p.review.title if p.review else "", sort="review__title"),
    Column("synthetic", "Synthetic (demo)", lambda p: yes_no(p.is_synthetic)),
]


@partnership_page
@restricted_page
def review_list(request: PartnershipRequest, partnership) -> HttpResponse:
    return list_page(
        request,
        items=lambda search: selectors.review_list(
            user=request.user, partnership=partnership, search=search
        ),
        columns=REVIEW_COLUMNS,
        template="reviews/review_list.html",
        default_sort="-commissioned",
        filename=f"{partnership.slug}-reviews",
        link=lambda r: url("review-detail", partnership, pk=r.pk),
        restricted=lambda review: [review],
        context={
            "partnership": partnership,
            "can_write": rules.can_write(request.user, partnership),
        },
    )


@partnership_page
@restricted_page
def review_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    review = selectors.review_get(user=request.user, partnership=partnership, pk=pk)
    shown(request, review, *([review.referral] if review.referral else []))
    return render(
        request,
        "reviews/review_detail.html",
        {
            "partnership": partnership,
            "review": review,
            "milestones": review.milestones.all(),
            "recommendations": selectors.review_recommendations(
                review=review, today=timezone.localdate()
            ),
            "accesses": accessed_by(review)[:50],
            "can_write": rules.can_write(request.user, partnership),
            "can_add_recommendations": rules.can_add_recommendations(request.user, partnership),
        },
    )


def _review_for_tracking(request, partnership, pk):
    """The review (404 to those who may not see it), for the business unit to add to the
    tracker (403 to the rest of the case review roles)."""
    review = selectors.review_get(user=request.user, partnership=partnership, pk=pk)
    require(rules.can_add_recommendations(request.user, partnership))
    shown(request, review)
    return review


@partnership_page
@restricted_page
def review_recommendation_add(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    """A recommendation of the review, with its first action, into the one tracker with the
    review as its source."""
    review = _review_for_tracking(request, partnership, pk)
    first_theme = review.themes.first()
    return recommendation_with_action_page(
        request,
        partnership,
        source=review,
        theme=first_theme.name if first_theme else "",
        back=review.get_absolute_url(),
        title=f"Add a recommendation of “{review}”",
        success=lambda _: review.get_absolute_url(),
        message="The recommendation and its action have been added to the action tracker.",
    )


@partnership_page
@restricted_page
def review_action_add(
    request: PartnershipRequest, partnership, pk: int, recommendation_pk: int
) -> HttpResponse:
    """Another action on one of the review's recommendations."""
    review = _review_for_tracking(request, partnership, pk)
    recommendation = selectors.review_recommendation_get(review=review, pk=recommendation_pk)
    form = ActionForm(
        request.POST or None,
        partnership=partnership,
        agencies=action_selectors.owner_agencies(user=request.user, partnership=partnership),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: action_services.action_create(
            actor=request.user, recommendation=recommendation, **data
        ),
        success=lambda _: review.get_absolute_url(),
        message="The action has been added to the action tracker.",
        context={
            "title": f"Add an action on the recommendation: {recommendation}",
            "back": review.get_absolute_url(),
        },
    )


@partnership_page
@restricted_page
def review_create(request: PartnershipRequest, partnership) -> HttpResponse:
    writer(request, partnership)
    form = ReviewForm(
        request.POST or None,
        referrals=selectors.referral_list(user=request.user, partnership=partnership),
        themes=selectors.themes_for_choice(partnership),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.review_commission(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda review: review.get_absolute_url(),
        message=lambda review: f"“{review}” has been commissioned.",
        context={
            "title": "Commission a review",
            "button": "Commission review",
            "back": url("reviews", partnership),
        },
    )


def _review_for_change(request, partnership, pk):
    review = selectors.review_get(user=request.user, partnership=partnership, pk=pk)
    writer(request, partnership)
    shown(request, review)
    return review


@partnership_page
@restricted_page
def review_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    review = _review_for_change(request, partnership, pk)
    fields = ["title", "lead_reviewer", "terms_of_reference", "status", "publication_date"]
    initial = {name: getattr(review, name) for name in fields}
    initial.update(
        publication_link=review.publication_link,
        redaction=review.redaction,
        themes=list(review.themes.all()),
        version=review.version,
    )
    form = ReviewEditForm(
        request.POST or None, initial=initial, themes=selectors.themes_for_choice(partnership)
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.review_update(
            actor=request.user, review=review, expected_version=data.pop("version"), **data
        ),
        success=lambda r: r.get_absolute_url(),
        message="The review has been saved.",
        context={"title": f"Change “{review}”", "back": review.get_absolute_url()},
    )


@partnership_page
@restricted_page
def review_milestones(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    review = _review_for_change(request, partnership, pk)
    initial = {"version": review.version}
    for milestone in review.milestones.all():
        initial[f"{milestone.stage}_planned"] = milestone.planned
        initial[f"{milestone.stage}_done"] = milestone.done
    form = MilestonesForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.review_milestones_set(
            actor=request.user,
            review=review,
            expected_version=data["version"],
            milestones=form.milestones(),
        ),
        success=lambda r: r.get_absolute_url(),
        message="The milestones have been saved.",
        context={
            "title": f"Milestones of “{review}”",
            "back": review.get_absolute_url(),
            "stages": Stage.choices,
        },
    )


@partnership_page
@restricted_page
def theme_list(request: PartnershipRequest, partnership) -> HttpResponse:
    themes = selectors.theme_list(user=request.user, partnership=partnership)
    return render(
        request,
        "reviews/themes.html",
        {
            "partnership": partnership,
            "themes": themes,
            "can_write": rules.can_write(request.user, partnership),
        },
    )


@partnership_page
@restricted_page
def theme_create(request: PartnershipRequest, partnership) -> HttpResponse:
    writer(request, partnership)
    return form_page(
        request,
        form=ThemeForm(request.POST or None),
        template="core/form_page.html",
        save=lambda data: services.theme_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda _: url("themes", partnership),
        message=lambda theme: f"The theme “{theme}” has been added.",
        context={"title": "Add a theme", "back": url("themes", partnership)},
    )


@partnership_page
@restricted_page
def learning_list(request: PartnershipRequest, partnership) -> HttpResponse:
    return list_page(
        request,
        items=lambda search: selectors.learning_product_list(
            user=request.user, partnership=partnership, search=search
        ),
        columns=PRODUCT_COLUMNS,
        template="reviews/learning.html",
        default_sort="-delivered_on",
        filename=f"{partnership.slug}-learning-products",
        restricted=lambda product: [product.review],
        context={
            "partnership": partnership,
            "can_write": rules.can_write(request.user, partnership),
        },
    )


@partnership_page
@restricted_page
def learning_create(request: PartnershipRequest, partnership) -> HttpResponse:
    writer(request, partnership)
    form = LearningProductForm(
        request.POST or None,
        reviews=selectors.review_list(user=request.user, partnership=partnership),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.learning_product_add(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda _: url("learning", partnership),
        message=lambda product: f"“{product}” has been added.",
        context={"title": "Add a learning product", "back": url("learning", partnership)},
    )
