from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import identity, second_factor, services
from ..access import require
from ..forms import InviteForm, MembershipForm, PeopleFilterForm, PersonForm
from ..listing import Column
from ..models import AgencyService, IdentityChangeKind, Role
from ..rules import (
    can_change_identity_of,
    can_invite,
    can_manage,
    can_manage_people_of,
    can_manage_sign_in_of,
    can_propose_identity_change,
)
from ..selectors import (
    agencies_active_in,
    identity_change_get,
    identity_changes_waiting_of,
    membership_get,
    membership_list,
    person_is_locked_out,
    person_memberships,
    services_active_in,
    services_of_partnership,
)
from .base import PartnershipRequest, form_page, list_page, partnership_page

PEOPLE_COLUMNS = [
    Column("name", "Name", lambda m: str(m.person), sort="person__last_name", casefold=True),
    Column("email", "Email", lambda m: m.person.email, sort="person__email", casefold=True),
    Column(
        "job_title",
        "Job title",
        lambda m: m.person.job_title,
        sort="person__job_title",
        casefold=True,
    ),
    Column(
        "agency",
        "Agency",
        lambda m: m.agency.display_name if m.agency else "None",
        sort="agency__name",
        casefold=True,
    ),
    Column(
        "service",
        "Service",
        lambda m: m.service.name if m.service else "None",
        sort="service__name",
        casefold=True,
    ),
    Column("roles", "Roles", lambda m: ", ".join(r.get_role_display() for r in m.roles.all())),
    Column("status", "Status", lambda m: membership_status(m), sort="is_active"),
]


def membership_status(membership) -> str:
    if not membership.is_active:
        return "Deactivated"
    return "Active" if membership.person.has_usable_password() else "Invited"


def _person_url(partnership, membership) -> str:
    return reverse("core:person-detail", kwargs={"slug": partnership.slug, "pk": membership.pk})


def _agencies_they_manage(request: PartnershipRequest, partnership):
    """The agencies whose people this person may manage: all for the business unit."""
    agencies = agencies_active_in(partnership)
    if can_manage(request.user, partnership.pk):
        return agencies
    return agencies.filter(pk__in=[request.place.agency_id])


def _services_of(partnership, agencies, current: AgencyService | None = None):
    """The services in use of those agencies, and the member's own service even if not."""
    services_ = services_active_in(partnership).filter(agency__in=agencies)
    if current is not None:
        services_ = services_ | AgencyService.objects.filter(pk=current.pk)
    return services_.select_related("agency").order_by("agency__name", "name")


@partnership_page
def people_list(request: PartnershipRequest, partnership) -> HttpResponse:
    place = request.place
    services_here = services_of_partnership(partnership)
    filters = PeopleFilterForm(request.GET, services=services_here)
    service_id = filters.cleaned_data["service"] if filters.is_valid() else None
    return list_page(
        request,
        items=lambda search: membership_list(
            user=request.user, partnership=partnership, search=search, service_id=service_id
        ),
        columns=PEOPLE_COLUMNS,
        template="core/people_list.html",
        default_sort="name",
        filename=f"{partnership.slug}-people",
        filters=("q", "service"),
        link=lambda membership: _person_url(partnership, membership),
        context={
            "partnership": partnership,
            "filters": filters if services_here else None,
            "filtered": service_id is not None,
            "can_invite": place.has(Role.BUSINESS_UNIT, Role.AGENCY_LEAD)
            and (place.has(Role.BUSINESS_UNIT) or place.agency_id is not None),
        },
    )


@partnership_page
def person_detail(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    membership = membership_get(user=request.user, partnership=partnership, pk=pk)
    return render(
        request,
        "core/person_detail.html",
        {
            "partnership": partnership,
            "membership": membership,
            "person": membership.person,
            "status": membership_status(membership),
            "elsewhere": person_memberships(user=request.user, person=membership.person).exclude(
                pk=membership.pk
            ),
            "can_manage": can_manage_people_of(request.user, partnership.pk, membership.agency_id),
            "locked_out": person_is_locked_out(person=membership.person),
            "has_authenticator": second_factor.has_second_factor(membership.person),
            "can_manage_sign_in": can_manage_sign_in_of(request.user, partnership.pk),
            "can_change_identity": can_change_identity_of(
                request.user, membership.person, partnership.pk
            ),
            "identity_note": identity.who_can_change(membership.person, partnership.pk),
            "can_propose": can_propose_identity_change(
                request.user, membership.person, partnership.pk
            ),
            "waiting_changes": identity_changes_waiting_of(membership, partnership),
            "is_self": membership.person_id == request.user.pk,
        },
    )


@partnership_page
def person_invite(request: PartnershipRequest, partnership) -> HttpResponse:
    agencies = _agencies_they_manage(request, partnership)
    require(
        can_manage(request.user, partnership.pk)
        or (can_invite(request.user, partnership.pk) and agencies.exists())
    )
    form = InviteForm(
        request.POST or None, agencies=agencies, services=_services_of(partnership, agencies)
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.person_invite(
            actor=request.user, partnership=partnership, **data
        ),
        success=lambda membership: _person_url(partnership, membership),
        message=lambda m: f"{m.person} has been added. They have been emailed a link to sign in.",
        context={
            "title": "Invite a person",
            "back": reverse("core:people", kwargs={"slug": partnership.slug}),
        },
    )


def _refused(request: PartnershipRequest, partnership, membership, reason: str) -> HttpResponse:
    return render(
        request,
        "core/identity_refused.html",
        {
            "partnership": partnership,
            "person": membership.person,
            "reason": reason,
            "back": _person_url(partnership, membership),
        },
        status=403,
    )


@partnership_page
def person_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    """Their name, email and job title: made at once where this partnership holds all of
    the person's memberships, proposed for the others' agreement where it does not."""
    membership = membership_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage_people_of(request.user, partnership.pk, membership.agency_id))
    person = membership.person
    direct = can_change_identity_of(request.user, person, partnership.pk)
    if not direct and not can_propose_identity_change(request.user, person, partnership.pk):
        return _refused(
            request, partnership, membership, identity.who_can_change(person, partnership.pk)
        )
    initial = {name: getattr(person, name) for name in identity.DETAIL_FIELDS}
    context = {
        "title": f"Change {person}'s details",
        "back": _person_url(partnership, membership),
    }
    if direct:

        def save(data: dict) -> object:
            return identity.person_update(
                actor=request.user,
                membership=membership,
                expected_version=data.pop("version"),
                **data,
            )

        message = "Their details have been saved."
    else:

        def save(data: dict) -> object:
            return identity.identity_change_propose(
                actor=request.user,
                membership=membership,
                kind=IdentityChangeKind.DETAILS,
                expected_version=data.pop("version"),
                **data,
            )

        message = "The change has been proposed. It is made when every partnership agrees."
        context |= {
            "title": f"Propose a change to {person}'s details",
            "intro": identity.who_can_change(person, partnership.pk),
            "button": "Propose the change",
        }
    return form_page(
        request,
        form=PersonForm(request.POST or None, initial={**initial, "version": person.version}),
        template="core/form_page.html",
        save=save,
        success=lambda _: _person_url(partnership, membership),
        message=message,
        context=context,
    )


@partnership_page
def membership_edit(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    membership = membership_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage_people_of(request.user, partnership.pk, membership.agency_id))
    initial = {
        "agency": membership.agency_id,
        "service": membership.service_id,
        "version": membership.version,
        "roles": [r.role for r in membership.roles.all()],
    }
    agencies = _agencies_they_manage(request, partnership)
    form = MembershipForm(
        request.POST or None,
        initial=initial,
        agencies=agencies,
        services=_services_of(partnership, agencies, membership.service),
    )
    return form_page(
        request,
        form=form,
        template="core/form_page.html",
        save=lambda data: services.membership_update(
            actor=request.user,
            membership=membership,
            expected_version=data["version"],
            agency=data["agency"],
            service=data.get("service"),
            roles=data["roles"],
        ),
        success=lambda _: _person_url(partnership, membership),
        message="Their agency, service and roles have been saved.",
        context={
            "title": f"Change {membership.person}'s agency, service and roles",
            "back": _person_url(partnership, membership),
        },
    )


def _membership_action(
    request: PartnershipRequest, partnership, pk: int, action, message: str
) -> HttpResponse:
    membership = membership_get(user=request.user, partnership=partnership, pk=pk)
    try:
        action(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message.format(person=membership.person))
    return redirect(_person_url(partnership, membership))


@require_POST
@partnership_page
def membership_deactivate(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    return _membership_action(
        request,
        partnership,
        pk,
        services.membership_deactivate,
        "{person} can no longer use Safeboard in this partnership.",
    )


@require_POST
@partnership_page
def membership_reactivate(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    return _membership_action(
        request,
        partnership,
        pk,
        services.membership_reactivate,
        "{person} can use Safeboard in this partnership again.",
    )


@require_POST
@partnership_page
def invitation_resend(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    return _membership_action(
        request,
        partnership,
        pk,
        services.invitation_resend,
        "A new invitation has been emailed to {person}.",
    )


@require_POST
@partnership_page
def lockout_clear(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    return _membership_action(
        request,
        partnership,
        pk,
        services.lockout_clear,
        "{person} can sign in again.",
    )


@require_POST
@partnership_page
def second_factor_reset(request: PartnershipRequest, partnership, pk: int) -> HttpResponse:
    membership = membership_get(user=request.user, partnership=partnership, pk=pk)
    require(can_manage_sign_in_of(request.user, partnership.pk))
    person = membership.person
    if can_change_identity_of(request.user, person, partnership.pk):
        return _membership_action(
            request,
            partnership,
            pk,
            identity.second_factor_reset,
            "{person} will set up a new authenticator app when they next sign in.",
        )
    if not can_propose_identity_change(request.user, person, partnership.pk):
        return _refused(
            request, partnership, membership, identity.who_can_change(person, partnership.pk)
        )
    return _membership_action(
        request,
        partnership,
        pk,
        lambda *, actor, membership: identity.identity_change_propose(
            actor=actor,
            membership=membership,
            kind=IdentityChangeKind.AUTHENTICATOR,
            expected_version=membership.person.version,
        ),
        "The reset of {person}'s authenticator app has been proposed. "
        "It is made when every partnership agrees.",
    )


def _identity_change_decision(
    request: PartnershipRequest, partnership, pk: int, change_pk: int, decide, message: str
) -> HttpResponse:
    membership = membership_get(user=request.user, partnership=partnership, pk=pk)
    change = identity_change_get(user=request.user, membership=membership, pk=change_pk)
    try:
        decide(actor=request.user, change=change, partnership=partnership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect(_person_url(partnership, membership))


@require_POST
@partnership_page
def identity_change_approve(
    request: PartnershipRequest, partnership, pk: int, change_pk: int
) -> HttpResponse:
    return _identity_change_decision(
        request,
        partnership,
        pk,
        change_pk,
        identity.identity_change_approve,
        "This partnership has agreed to the change.",
    )


@require_POST
@partnership_page
def identity_change_decline(
    request: PartnershipRequest, partnership, pk: int, change_pk: int
) -> HttpResponse:
    return _identity_change_decision(
        request,
        partnership,
        pk,
        change_pk,
        identity.identity_change_decline,
        "The change has been declined. Nothing about them has changed.",
    )
