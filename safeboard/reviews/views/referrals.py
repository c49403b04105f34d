"""Serious incident referrals: the open list with its clocks, the register, a referral's
page, and recording the notification, the rapid review and the decision."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from safeboard.core.listing import EXPORT_FORMATS, Column, export_response
from safeboard.core.restricted import accessed_by, restricted_page, shown
from safeboard.core.selectors import agency_list
from safeboard.core.views.base import PartnershipRequest, form_page, list_page, partnership_page

from .. import rules, selectors, services
from ..forms import (
    DecisionEditForm,
    DecisionForm,
    NotificationForm,
    RapidReviewForm,
    ReferralEditForm,
    ReferralForm,
)
from .common import day, url, writer, yes_no

OPEN_COLUMNS = [
    Column("reference", "Reference", lambda row: row.referral.reference),
    Column("became_aware", "LA became aware", lambda row: day(row.referral.became_aware)),
    Column(
        "notification", "Notification to the national panel", lambda row: row.notification.summary
    ),
    Column("rapid_review", "Rapid review", lambda row: row.rapid_review.summary),
    Column(
        "ofsted",
        "Ofsted and Secretary of State to be told",
        lambda row: yes_no(row.tell_ofsted_and_secretary_of_state),
    ),
]

REFERRAL_COLUMNS = [
    Column("reference", "Reference", lambda r: r.reference, sort="reference"),
    Column("became_aware", "LA became aware", lambda r: day(r.became_aware), sort="became_aware"),
    Column(
        "agency",
        "Referred by",
        lambda r: r.referring_agency.display_name,
        sort="referring_agency__name",
    ),
    Column("age_band", "Age band", lambda r: r.get_age_band_display(), sort="age_band"),
    Column(
        "decision",
        "Decision",
        lambda r: (
            r.decision.get_outcome_display() if hasattr(r, "decision") else "Awaiting a decision"
        ),
        sort="decision__outcome",
    ),
    Column("synthetic", "Synthetic (demo)", lambda r: yes_no(r.is_synthetic)),
]


@partnership_page
@restricted_page
def open_referrals(request: PartnershipRequest, partnership) -> HttpResponse:
    """Referrals awaiting a decision, nearest statutory deadline first."""
    rows = selectors.open_referrals_by_deadline(
        user=request.user, partnership=partnership, today=timezone.localdate()
    )
    shown(request, *(row.referral for row in rows))
    fmt = request.GET.get("export")
    if fmt in EXPORT_FORMATS:
        return export_response(
            fmt, filename=f"{partnership.slug}-open-referrals", columns=OPEN_COLUMNS, items=rows
        )
    return render(
        request,
        "reviews/open.html",
        {
            "partnership": partnership,
            "rows": rows,
            "can_write": rules.can_write(request.user, partnership),
        },
    )


@partnership_page
@restricted_page
def referral_list(request: PartnershipRequest, partnership) -> HttpResponse:
    return list_page(
        request,
        items=lambda search: selectors.referral_list(
            user=request.user, partnership=partnership, search=search
        ),
        columns=REFERRAL_COLUMNS,
        template="reviews/referral_list.html",
        default_sort="-became_aware",
        filename=f"{partnership.slug}-referrals",
        link=lambda r: url("referral-detail", partnership, pk=r.pk),
        restricted=lambda referral: [referral],
        context={"partnership": partnership},
    )


@partnership_page
@restricted_page
def referral_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    referral = selectors.referral_get(user=request.user, partnership=partnership, pk=pk)
    reviews = list(referral.reviews.all())
    shown(request, referral, *reviews)
    clocks = selectors.clocks_of(
        referral, today=timezone.localdate(), closures=selectors.closure_days_of(partnership)
    )
    return render(
        request,
        "reviews/referral_detail.html",
        {
            "partnership": partnership,
            "referral": referral,
            "decision": getattr(referral, "decision", None),
            "clocks": clocks,
            "reviews": reviews,
            "reminders": referral.reminders.all(),
            "accesses": accessed_by(referral)[:50],
            "can_write": rules.can_write(request.user, partnership),
        },
    )


@partnership_page
@restricted_page
def referral_create(request: PartnershipRequest, partnership) -> HttpResponse:
    writer(request, partnership)
    form = ReferralForm(
        request.POST or None,
        agencies=agency_list(user=request.user, partnership=partnership, include_inactive=False),
        themes=selectors.themes_for_choice(partnership),
        records_child_names=selectors.settings_of(partnership).records_child_names,
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.referral_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda referral: url("referral-detail", partnership, pk=referral.pk),
        message=lambda referral: f"{referral} has been recorded. Its clocks have started.",
        context={
            "title": "Record a serious incident",
            "button": "Record serious incident",
            "back": url("open", partnership),
        },
    )


REFERRAL_FIELDS = [
    "child_name",
    "age_band",
    "incident_date",
    "became_aware",
    "referring_agency",
    "what_happened",
    "died_or_seriously_harmed",
    "abuse_or_neglect",
    "looked_after",
    "why_learn",
]


@partnership_page
@restricted_page
def referral_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    referral = _referral_for_change(request, partnership, pk)
    initial = {name: getattr(referral, name) for name in REFERRAL_FIELDS}
    initial.update(themes=list(referral.themes.all()), version=referral.version)
    form = ReferralEditForm(
        request.POST or None,
        initial=initial,
        agencies=agency_list(user=request.user, partnership=partnership),
        themes=selectors.themes_for_choice(partnership),
        records_child_names=selectors.settings_of(partnership).records_child_names,
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.referral_update(
            actor=request.user, referral=referral, expected_version=data.pop("version"), **data
        ),
        success=lambda r: r.get_absolute_url(),
        message="The referral has been saved.",
        context={"title": f"Change {referral}", "back": referral.get_absolute_url()},
    )


def _referral_for_change(request, partnership, pk):
    referral = selectors.referral_get(user=request.user, partnership=partnership, pk=pk)
    writer(request, partnership)
    shown(request, referral)
    return referral


@partnership_page
@restricted_page
def referral_notification(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    referral = _referral_for_change(request, partnership, pk)
    initial = {"sent": referral.notification_sent, "version": referral.version}
    return form_page(
        request,
        form=NotificationForm(request.POST or None, initial=initial),
        template="core/form_page.html",
        save=lambda data: services.referral_record_notification(
            actor=request.user,
            referral=referral,
            expected_version=data["version"],
            sent=data["sent"],
        ),
        success=lambda r: r.get_absolute_url(),
        message="The notification has been recorded. The rapid review clock has started.",
        context={
            "title": f"Record the notification of {referral}",
            "button": "Record notification",
            "back": referral.get_absolute_url(),
        },
    )


@partnership_page
@restricted_page
def referral_rapid_review(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    referral = _referral_for_change(request, partnership, pk)
    initial = {"held": referral.rapid_review_held, "version": referral.version}
    return form_page(
        request,
        form=RapidReviewForm(request.POST or None, initial=initial),
        template="core/form_page.html",
        save=lambda data: services.referral_record_rapid_review(
            actor=request.user,
            referral=referral,
            expected_version=data["version"],
            held=data["held"],
        ),
        success=lambda r: r.get_absolute_url(),
        message="The rapid review has been recorded.",
        context={
            "title": f"Record the rapid review of {referral}",
            "button": "Record rapid review",
            "back": referral.get_absolute_url(),
        },
    )


@partnership_page
@restricted_page
def referral_decision(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    """Record the decision, or change it (most often to add the national panel's view)."""
    referral = _referral_for_change(request, partnership, pk)
    decision = getattr(referral, "decision", None)
    if decision is None:
        form = DecisionForm(request.POST or None)

        def save(data):
            return services.decision_record(actor=request.user, referral=referral, **data)

    else:
        fields = ["outcome", "rationale", "decided_on", "decided_by", "panel_view"]
        initial = {name: getattr(decision, name) for name in fields}
        initial.update(panel_view_received=decision.panel_view_received, version=decision.version)
        form = DecisionEditForm(request.POST or None, initial=initial)

        def save(data):
            return services.decision_update(
                actor=request.user, decision=decision, expected_version=data.pop("version"), **data
            )

    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=save,
        success=lambda _: referral.get_absolute_url(),
        message="The decision has been recorded.",
        context={
            "title": f"{'Record' if decision is None else 'Change'} the decision on {referral}",
            "button": "Save decision",
            "back": referral.get_absolute_url(),
        },
    )
