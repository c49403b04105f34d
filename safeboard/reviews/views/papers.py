"""The case-review action plan as a paper of the case review group's meetings, and which
body is the group."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from safeboard.core.access import require
from safeboard.core.restricted import restricted_page, shown
from safeboard.core.uploads import download
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page
from safeboard.governance import selectors as governance

from .. import rules, selectors, services
from ..forms import GroupForm
from .common import url, writer


def _meeting_url(partnership, meeting) -> str:
    return reverse("governance:meeting", kwargs={"slug": partnership.slug, "pk": meeting.pk})


@partnership_page
@restricted_page
def action_plan_paper(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    paper = selectors.action_plan_paper_get(
        user=request.user, partnership=partnership, meeting_pk=pk
    )
    shown(request, paper)
    return download(
        paper.file.open("rb"),
        as_attachment=True,
        filename=f"case-review-action-plan-{paper.meeting.date:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )


@partnership_page
@restricted_page
def action_plan_prepare(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    selectors.require_reader(request.user, partnership)
    meeting = governance.meeting_get(user=request.user, partnership=partnership, pk=pk)
    require(rules.can_prepare_action_plan(request.user, partnership))
    if request.method == "POST":
        try:
            services.action_plan_prepare(actor=request.user, meeting=meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"The case review action plan has been prepared as at {meeting.date:%-d %B %Y}.",
            )
    return redirect(_meeting_url(partnership, meeting))


@partnership_page
@restricted_page
def group_edit(request: PartnershipRequest, partnership) -> HttpResponse:
    writer(request, partnership)
    current = selectors.settings_of(partnership)
    form = GroupForm(
        request.POST or None,
        initial={"group": current.group_id, "version": current.version},
        bodies=governance.body_list(user=request.user, partnership=partnership),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.group_set(
            actor=request.user,
            partnership=partnership,
            expected_version=data["version"],
            group=data["group"],
        ),
        success=lambda _: url("settings", partnership),
        message="The case review group has been saved.",
        context={"title": "The case review group", "back": url("settings", partnership)},
    )
