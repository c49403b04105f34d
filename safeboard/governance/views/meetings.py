"""Pages of a body's meetings: their agenda and papers, attendance, and assurance."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from safeboard.actions.selectors import priority_list
from safeboard.core.access import require
from safeboard.core.models import Agency
from safeboard.core.selectors import agencies_active_in
from safeboard.core.uploads import download
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page

from .. import panels, selectors, services
from ..forms import AgendaItemForm, AssuranceForm, AttendanceForm, MeetingCreateForm, MeetingForm
from ..rules import can_manage, can_run_meetings, can_send_any_assurance
from .common import page_url, require_runner, shared_warning


def _priorities(request, partnership, body):
    """The priorities a meeting may be themed on: none for a joint body's meetings, which
    are no one partnership's."""
    if body.is_joint:
        return priority_list(user=request.user, partnership=partnership).none()
    return priority_list(user=request.user, partnership=partnership)


@partnership_page
def meeting_create(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, pk=pk)
    require_runner(request, body)
    form = MeetingCreateForm(
        request.POST or None,
        initial={"status": "planned"},
        priorities=_priorities(request, partnership, body),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.meeting_create(actor=request.user, body=body, **data),
        success=lambda meeting: page_url("meeting", partnership, pk=meeting.pk),
        message="The meeting has been added.",
        context={
            "title": f"Add a meeting of {body.name}",
            "back": page_url("body", partnership, pk=pk),
            "intro": shared_warning(body),
        },
    )


@partnership_page
def meeting_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    shown = panels.panels_for(user=request.user, meeting=meeting)
    held = panels.held_papers(shown)
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "partnership": partnership,
            "meeting": meeting,
            "agenda": [(item, held.get(item.pk)) for item in selectors.agenda(meeting=meeting)],
            "attendance": selectors.attendance_by_seat(meeting=meeting),
            "quorum": selectors.meeting_quorum(meeting=meeting),
            "pack": selectors.latest_pack(meeting=meeting),
            "assurance": selectors.assurance_status(meeting=meeting) if meeting.theme else None,
            "panels": shown,
            "serves": selectors.body_partnerships(meeting.body) if meeting.body.is_joint else [],
            "can_manage": can_run_meetings(request.user, meeting.body),
            "can_send_assurance": meeting.theme_id is not None
            and can_send_any_assurance(request.user, partnership.pk),
        },
    )


@partnership_page
def meeting_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    require_runner(request, meeting.body)
    back = page_url("meeting", partnership, pk=meeting.pk)
    initial = {
        name: getattr(meeting, name)
        for name in ("date", "theme", "status", "minutes", "decisions", "version")
    }
    return form_page(
        request,
        form=MeetingForm(
            request.POST or None,
            initial=initial,
            priorities=_priorities(request, partnership, meeting.body),
        ),
        template="core/form_page.html",
        save=lambda data: services.meeting_update(
            actor=request.user, meeting=meeting, expected_version=data.pop("version"), **data
        ),
        success=lambda _: back,
        message="The meeting has been saved.",
        context={
            "title": f"Change the meeting: {meeting}",
            "back": back,
            "intro": shared_warning(meeting.body),
        },
    )


@partnership_page
def agenda_item_add(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    require_runner(request, meeting.body)
    back = page_url("meeting", partnership, pk=meeting.pk)
    return form_page(
        request,
        form=AgendaItemForm(request.POST or None, request.FILES or None),
        template="governance/upload_form_page.html",
        save=lambda data: services.agenda_item_add(actor=request.user, meeting=meeting, **data),
        success=lambda _: back,
        message="The agenda item has been added.",
        context={
            "title": "Add an agenda item",
            "back": back,
            "intro": shared_warning(meeting.body),
        },
    )


@partnership_page
def paper(request: PartnershipRequest, partnership, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    item = selectors.agenda_item_get(meeting=meeting, pk=item_pk)
    if not item.paper:
        raise Http404("This agenda item has no paper")
    return download(
        item.paper.open("rb"),
        as_attachment=True,
        filename=item.paper_name,
        content_type=item.paper_type,
    )


@partnership_page
def attendance_record(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    require_runner(request, meeting.body)
    form = AttendanceForm(request.POST or None, rows=selectors.attendance_by_seat(meeting=meeting))
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda _data: services.attendance_record(
            actor=request.user, meeting=meeting, presences=form.presences()
        ),
        success=lambda _: page_url("meeting", partnership, pk=meeting.pk),
        message="The attendance has been recorded.",
        context={
            "title": f"Attendance at {meeting}",
            "back": page_url("meeting", partnership, pk=meeting.pk),
            "intro": shared_warning(meeting.body),
        },
    )


@partnership_page
def assurance_submit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    place = request.place
    require(can_send_any_assurance(request.user, partnership.pk))
    if can_manage(request.user, partnership.pk):
        agencies = agencies_active_in(partnership)
    else:
        agencies = Agency.objects.filter(pk__in=[place.agency_id])
    if meeting.theme_id is None:
        raise Http404("Assurance is sent to themed meetings only")
    back = page_url("meeting", partnership, pk=meeting.pk)
    form = AssuranceForm(
        request.POST or None,
        agencies=agencies,
        initial={"agency": place.agency_id} if place.agency_id else None,
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.assurance_submit(actor=request.user, meeting=meeting, **data),
        success=lambda _: back,
        message="The assurance has been sent to the meeting.",
        context={"title": f"Send assurance: {meeting.theme}", "back": back},
    )
