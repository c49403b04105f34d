from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safeboard.actions.selectors import priority_list
from safeboard.core.access import require
from safeboard.core.arrangements import arrangement_proposals_waiting
from safeboard.core.charts import to_svg
from safeboard.core.models import Agency
from safeboard.core.periods import FinancialYear
from safeboard.core.selectors import agencies_active_in, arrangement_get, arrangement_list
from safeboard.core.uploads import download
from safeboard.core.views.base import PartnershipRequest, form_page, partnership_page

from . import analytics, panels, selectors, services
from .forms import (
    AgendaItemForm,
    AssuranceForm,
    AttendanceForm,
    BodyCreateForm,
    BodyForm,
    EscalationForm,
    EscalationUpdateForm,
    GovernanceSettingsForm,
    JointBodyCreateForm,
    MeetingCreateForm,
    MeetingForm,
    SeatCreateForm,
    SeatForm,
)
from .rules import (
    can_manage,
    can_manage_body,
    can_read_escalations,
    can_run_meetings,
    can_send_any_assurance,
)


def _url(name: str, partnership, **kwargs) -> str:
    return reverse(f"governance:{name}", kwargs={"slug": partnership.slug, **kwargs})


def _bu(request, partnership) -> None:
    require(can_manage(request.user, partnership.pk))


def _runs(request, body) -> None:
    require(can_run_meetings(request.user, body))


def _shared(body) -> str:
    """What a person changing a joint body is told first: who else it serves."""
    if not body.is_joint:
        return ""
    names = ", ".join(p.name for p in selectors.body_partnerships(body))
    return (
        f"{body.name} is a joint body of {body.arrangement}. It serves {names}: a change "
        "here is seen by each of them and written into each one's audit trail."
    )


# Bodies


@partnership_page
def body_list(request: PartnershipRequest, partnership) -> HttpResponse:
    return render(
        request,
        "governance/body_list.html",
        {
            "partnership": partnership,
            "bodies": selectors.body_list(user=request.user, partnership=partnership),
            "arrangements": arrangement_list(user=request.user, partnership=partnership),
            "can_manage": can_manage(request.user, partnership.pk),
            "can_read_escalations": can_read_escalations(request.user, partnership),
        },
    )


@partnership_page
def body_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, pk=pk)
    return render(
        request,
        "governance/body_detail.html",
        {
            "partnership": partnership,
            "body": body,
            "seats": selectors.seat_list(body=body, active_only=False),
            "meetings": selectors.meeting_list(
                user=request.user, partnership=partnership, body=body
            ),
            "children": selectors.body_list(user=request.user, partnership=partnership).filter(
                parent=body
            ),
            "serves": selectors.body_partnerships(body) if body.is_joint else [],
            "can_manage": can_manage_body(request.user, body),
            "can_run": can_run_meetings(request.user, body),
        },
    )


def _body_form(request, partnership, body=None):
    bodies = selectors.body_list(user=request.user, partnership=partnership)
    if body is None:
        people = selectors.seat_holders(partnership)
        agencies = selectors.seat_agencies(partnership)
        arrangements = arrangement_list(user=request.user, partnership=partnership)
        if arrangements:
            return JointBodyCreateForm(
                request.POST or None,
                people=people,
                agencies=agencies,
                bodies=bodies,
                arrangements=arrangements,
            )
        return BodyCreateForm(request.POST or None, people=people, agencies=agencies, bodies=bodies)
    initial = {
        name: getattr(body, name)
        for name in (
            "name",
            "short_name",
            "parent",
            "purpose",
            "chair",
            "frequency",
            "terms_of_reference",
            "quorum_seats",
            "version",
        )
    }
    initial["quorum_agencies"] = list(body.quorum_agencies.all())
    return BodyForm(
        request.POST or None,
        initial=initial,
        people=selectors.seat_holders(partnership, keeping=[body.chair_id]),
        agencies=selectors.seat_agencies(
            partnership, keeping=[a.pk for a in initial["quorum_agencies"]]
        ),
        bodies=bodies.filter(partnership=body.partnership, arrangement=body.arrangement).exclude(
            pk=body.pk
        ),
    )


def _body_create(actor, partnership, data):
    arrangement = data.pop("arrangement", None)
    if arrangement is not None:
        return services.body_create(actor=actor, arrangement=arrangement, **data)
    return services.body_create(actor=actor, partnership=partnership, **data)


@partnership_page
def body_create(request: PartnershipRequest, partnership) -> HttpResponse:
    _bu(request, partnership)
    return form_page(
        request,
        form=_body_form(request, partnership),
        template="core/form_page.html",
        save=lambda data: _body_create(request.user, partnership, data),
        success=lambda body: _url("body", partnership, pk=body.pk),
        message=lambda body: f"{body.name} has been added.",
        context={"title": "Add a board, subgroup or panel", "back": _url("bodies", partnership)},
    )


@partnership_page
def body_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage_body(request.user, body))
    back = _url("body", partnership, pk=body.pk)
    return form_page(
        request,
        form=_body_form(request, partnership, body),
        template="core/form_page.html",
        save=lambda data: services.body_update(
            actor=request.user, body=body, expected_version=data.pop("version"), **data
        ),
        success=lambda _: back,
        message="The body's details have been saved.",
        context={"title": f"Change {body.name}", "back": back, "intro": _shared(body)},
    )


@partnership_page
def seat_create(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage_body(request.user, body))
    back = _url("body", partnership, pk=body.pk)
    form = SeatCreateForm(
        request.POST or None,
        people=selectors.seat_holders(partnership),
        agencies=selectors.seat_agencies(partnership),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.seat_create(actor=request.user, body=body, **data),
        success=lambda _: back,
        message="The seat has been added.",
        context={"title": f"Add a seat on {body.name}", "back": back, "intro": _shared(body)},
    )


@partnership_page
def seat_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    seat = selectors.seat_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage_body(request.user, seat.body))
    back = _url("body", partnership, pk=seat.body_id)
    initial = {
        name: getattr(seat, name)
        for name in (
            "position",
            "agency",
            "is_essential",
            "representative",
            "deputy",
            "role",
            "is_active",
            "version",
        )
    }
    holders = [seat.representative_id, seat.deputy_id]
    return form_page(
        request,
        form=SeatForm(
            request.POST or None,
            initial=initial,
            people=selectors.seat_holders(partnership, keeping=holders),
            agencies=selectors.seat_agencies(partnership, keeping=[seat.agency_id]),
        ),
        template="core/form_page.html",
        save=lambda data: services.seat_update(
            actor=request.user, seat=seat, expected_version=data.pop("version"), **data
        ),
        success=lambda _: back,
        message="The seat has been saved.",
        context={
            "title": f"Change the seat: {seat}",
            "back": back,
            "intro": _shared(seat.body),
        },
    )


# Meetings


def _priorities(request, partnership, body):
    """The priorities a meeting may be themed on: none for a joint body's meetings, which
    are no one partnership's."""
    if body.is_joint:
        return priority_list(user=request.user, partnership=partnership).none()
    return priority_list(user=request.user, partnership=partnership)


@partnership_page
def meeting_create(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    body = selectors.body_get(user=request.user, partnership=partnership, pk=pk)
    _runs(request, body)
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
        success=lambda meeting: _url("meeting", partnership, pk=meeting.pk),
        message="The meeting has been added.",
        context={
            "title": f"Add a meeting of {body.name}",
            "back": _url("body", partnership, pk=pk),
            "intro": _shared(body),
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
    _runs(request, meeting.body)
    back = _url("meeting", partnership, pk=meeting.pk)
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
            "intro": _shared(meeting.body),
        },
    )


@partnership_page
def agenda_item_add(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    _runs(request, meeting.body)
    back = _url("meeting", partnership, pk=meeting.pk)
    return form_page(
        request,
        form=AgendaItemForm(request.POST or None, request.FILES or None),
        template="governance/upload_form_page.html",
        save=lambda data: services.agenda_item_add(actor=request.user, meeting=meeting, **data),
        success=lambda _: back,
        message="The agenda item has been added.",
        context={"title": "Add an agenda item", "back": back, "intro": _shared(meeting.body)},
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
    _runs(request, meeting.body)
    form = AttendanceForm(request.POST or None, rows=selectors.attendance_by_seat(meeting=meeting))
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda _data: services.attendance_record(
            actor=request.user, meeting=meeting, presences=form.presences()
        ),
        success=lambda _: _url("meeting", partnership, pk=meeting.pk),
        message="The attendance has been recorded.",
        context={
            "title": f"Attendance at {meeting}",
            "back": _url("meeting", partnership, pk=meeting.pk),
            "intro": _shared(meeting.body),
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
    back = _url("meeting", partnership, pk=meeting.pk)
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


# Attendance by agency (seed Appendix 2)


@partnership_page
def attendance_report(request: PartnershipRequest, partnership) -> HttpResponse:
    bodies = list(selectors.body_list(user=request.user, partnership=partnership))
    if not bodies:
        return render(request, "governance/attendance.html", {"partnership": partnership})
    chosen = request.GET.get("body", "")
    body = next((b for b in bodies if str(b.pk) == chosen), bodies[0])
    years = selectors.attendance_years(user=request.user, partnership=partnership, body=body)
    label = request.GET.get("year", "")
    year = next((y for y in years if FinancialYear(y).label == label), years[0] if years else None)
    rates = (
        selectors.attendance_rates(user=request.user, partnership=partnership, body=body, year=year)
        if year is not None
        else []
    )
    threshold = selectors.settings_get(partnership=partnership).attendance_threshold
    return render(
        request,
        "governance/attendance.html",
        {
            "partnership": partnership,
            "bodies": bodies,
            "body": body,
            "years": [FinancialYear(y) for y in years],
            "year": FinancialYear(year) if year is not None else None,
            "rates": rates,
            "synthetic": any(r.synthetic for r in rates),
            "threshold": threshold,
            "chart": _attendance_chart(body, year, rates, threshold) if rates else "",
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


def _attendance_chart(body, year, rates, threshold) -> str:
    return to_svg(
        analytics.rate_chart_spec(rates, threshold=threshold),
        title=f"Attendance by agency at {body.name}, {FinancialYear(year).label}",
        description=analytics.attendance_summary(rates, threshold=threshold),
    )


# Escalations


def _escalation_reader(request, partnership) -> None:
    require(can_read_escalations(request.user, partnership))


@partnership_page
def escalation_list(request: PartnershipRequest, partnership) -> HttpResponse:
    _escalation_reader(request, partnership)
    return render(
        request,
        "governance/escalation_list.html",
        {
            "partnership": partnership,
            "escalations": selectors.escalation_list(user=request.user, partnership=partnership),
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def escalation_create(request: PartnershipRequest, partnership) -> HttpResponse:
    _bu(request, partnership)
    return form_page(
        request,
        form=EscalationForm(request.POST or None, partnership=partnership),
        template="core/form_page.html",
        save=lambda data: services.escalation_create(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda e: _url("escalation", partnership, pk=e.pk),
        message="The escalation has been recorded.",
        context={"title": "Record an escalation", "back": _url("escalations", partnership)},
    )


@partnership_page
def escalation_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    _escalation_reader(request, partnership)
    escalation = selectors.escalation_get(user=request.user, partnership=partnership, pk=pk)
    return render(
        request,
        "governance/escalation_detail.html",
        {
            "partnership": partnership,
            "escalation": escalation,
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def escalation_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    _bu(request, partnership)
    escalation = selectors.escalation_get(user=request.user, partnership=partnership, pk=pk)
    back = _url("escalation", partnership, pk=escalation.pk)
    initial = {
        n: getattr(escalation, n) for n in ("handling", "resolved_on", "resolution", "version")
    }
    return form_page(
        request,
        form=EscalationUpdateForm(request.POST or None, initial=initial),
        template="core/form_page.html",
        save=lambda data: services.escalation_update(
            actor=request.user, escalation=escalation, expected_version=data.pop("version"), **data
        ),
        success=lambda _: back,
        message="The escalation has been saved.",
        context={"title": "Handling and resolution", "back": back},
    )


@partnership_page
def governance_settings(request: PartnershipRequest, partnership) -> HttpResponse:
    _bu(request, partnership)
    found = selectors.settings_get(partnership=partnership)
    back = _url("attendance", partnership)
    form = GovernanceSettingsForm(
        request.POST or None,
        initial={"attendance_threshold": found.attendance_threshold, "version": found.version},
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.settings_update(
            actor=request.user,
            partnership=partnership,
            expected_version=data.pop("version"),
            **data,
        ),
        success=lambda _: back,
        message="The attendance threshold has been saved.",
        context={"title": "Attendance threshold", "back": back},
    )


# Meeting packs


@partnership_page
def pack_request(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    _runs(request, meeting.body)
    if request.method == "POST":
        services.meeting_pack_request(actor=request.user, meeting=meeting)
        messages.success(request, "The meeting pack is being built. Refresh this page shortly.")
    return redirect(_url("meeting", partnership, pk=meeting.pk))


@partnership_page
def pack_download(request: PartnershipRequest, partnership, pk: int, pack_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, partnership=partnership, pk=pk)
    pack = selectors.pack_get(meeting=meeting, pk=pack_pk)
    return download(
        pack.file.open("rb"),
        as_attachment=True,
        filename=f"{meeting.body.short_name or 'meeting'}-pack-{meeting.date:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )


# Arrangements: several partnerships working as one (the 4LSCB)


@partnership_page
def arrangement_list_page(request: PartnershipRequest, partnership) -> HttpResponse:
    proposals = arrangement_proposals_waiting(user=request.user, partnership=partnership)
    return render(
        request,
        "governance/arrangement_list.html",
        {
            "partnership": partnership,
            "arrangements": arrangement_list(user=request.user, partnership=partnership),
            "for_agreement": [w for w in proposals if not w.agreed_here],
            "agreed": [w for w in proposals if w.agreed_here],
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )


@partnership_page
def arrangement_detail(request: PartnershipRequest, partnership, arrangement: str) -> HttpResponse:
    found = arrangement_get(user=request.user, partnership=partnership, slug=arrangement)
    return render(
        request,
        "governance/arrangement_detail.html",
        {
            "partnership": partnership,
            "arrangement": found,
            "bodies": selectors.arrangement_bodies(
                user=request.user, partnership=partnership, arrangement=found
            ),
            "can_manage": can_manage(request.user, partnership.pk),
        },
    )
