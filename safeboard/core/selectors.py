"""Every read of the core records, scoped to what the person may see.

A record outside the person's scope raises Http404, exactly like one that does not exist.
"""

from dataclasses import dataclass
from datetime import date

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from . import tokens
from .access import identity_holders, scope_for
from .models import (
    Agency,
    AgencyInPartnership,
    AgencyService,
    ApiToken,
    Arrangement,
    AuditEvent,
    AuditEventRecord,
    GlossaryTerm,
    IdentityChange,
    IdentityChangeKind,
    IdentityChangeStatus,
    LocalAuthorityCode,
    Membership,
    MembershipRole,
    Partnership,
    Person,
    StatisticalNeighbour,
)
from .rules import can_manage


def partnership_list(*, user, search: str = "") -> QuerySet[Partnership]:
    partnerships = Partnership.objects.filter(pk__in=scope_for(user).partnership_ids)
    if search:
        partnerships = partnerships.filter(name__icontains=search)
    return partnerships.annotate(
        current_la_code=Subquery(
            LocalAuthorityCode.objects.filter(partnership=OuterRef("pk"))
            .order_by("-from_year")
            .values("code")[:1]
        )
    )


def partnership_get(*, user, slug: str) -> Partnership:
    partnership = partnership_list(user=user).filter(slug=slug).first()
    if partnership is None:
        raise Http404("No such partnership")
    return partnership


def _terms_here(partnership: Partnership, field: str) -> Subquery:
    return Subquery(
        AgencyInPartnership.objects.filter(agency=OuterRef("pk"), partnership=partnership).values(
            field
        )[:1]
    )


def arrangement_list(*, user, partnership: Partnership) -> QuerySet[Arrangement]:
    """The arrangements the partnership belongs to, for its members, with their members."""
    if partnership.pk not in scope_for(user).places:
        return Arrangement.objects.none()
    return Arrangement.objects.filter(partnerships=partnership).prefetch_related(
        Prefetch("partnerships", queryset=Partnership.objects.order_by("name"))
    )


def arrangement_get(*, user, partnership: Partnership, slug: str) -> Arrangement:
    found = arrangement_list(user=user, partnership=partnership).filter(slug=slug).first()
    if found is None:
        raise Http404("No such arrangement")
    return found


def agency_list(
    *, user, partnership: Partnership, search: str = "", include_inactive: bool = True
) -> QuerySet[Agency]:
    """The partnership's agencies, each annotated with the partnership's own terms:
    `is_statutory_partner`, `is_active` and `terms_version`."""
    if partnership.pk not in scope_for(user).places:
        return Agency.objects.none()
    agencies = agencies_of_partnership(partnership)
    if not include_inactive:
        agencies = agencies.filter(pk__in=agencies_active_in(partnership).values("pk"))
    if search:
        agencies = agencies.filter(Q(name__icontains=search) | Q(short_name__icontains=search))
    return agencies


def with_services(agencies: QuerySet[Agency]) -> QuerySet[Agency]:
    """The agencies with their services, for pages and answers that show them."""
    return agencies.prefetch_related(
        Prefetch("services", queryset=AgencyService.objects.order_by("name"))
    )


def agencies_of_partnership(partnership: Partnership) -> QuerySet[Agency]:
    """Every agency serving the partnership, with its terms there, for an interface that has
    checked access (a form's choices, a report)."""
    return Agency.objects.filter(in_partnerships__partnership=partnership).annotate(
        is_statutory_partner=_terms_here(partnership, "is_statutory_partner"),
        is_active=_terms_here(partnership, "is_active"),
        terms_version=_terms_here(partnership, "version"),
    )


def agencies_active_in(partnership: Partnership) -> QuerySet[Agency]:
    """The agencies active with the partnership, for an interface that has checked access."""
    return Agency.objects.filter(
        in_partnerships__partnership=partnership, in_partnerships__is_active=True
    )


def agency_joinable(*, partnership: Partnership) -> QuerySet[Agency]:
    """Agencies active with another partnership that could start serving this one too."""
    return (
        Agency.objects.filter(in_partnerships__is_active=True)
        .exclude(in_partnerships__partnership=partnership)
        .distinct()
    )


def agency_get(*, user, partnership: Partnership, pk: int) -> Agency:
    agency = with_services(agency_list(user=user, partnership=partnership)).filter(pk=pk).first()
    if agency is None:
        raise Http404("No such agency")
    return agency


def agency_terms_of(agency: Agency, partnership: Partnership) -> AgencyInPartnership:
    """The partnership's own terms with an agency already read through `agency_get`."""
    return AgencyInPartnership.objects.select_related("agency").get(
        agency=agency, partnership=partnership
    )


def agency_partnerships_of(agency: Agency) -> QuerySet[Partnership]:
    """Every partnership the agency serves: the names a shared change must warn of."""
    return agency.partnerships.order_by("name")


def agency_service_get(*, user, partnership: Partnership, agency: Agency, pk: int) -> AgencyService:
    """A service of an agency read through `agency_get`."""
    if partnership.pk not in scope_for(user).places:
        raise Http404("No such service")
    service = AgencyService.objects.select_related("agency").filter(agency=agency, pk=pk).first()
    if service is None:
        raise Http404("No such service")
    return service


def services_active_in(partnership: Partnership) -> QuerySet[AgencyService]:
    """The services in use of the agencies active with the partnership, for a form's choices."""
    return (
        AgencyService.objects.filter(is_active=True, agency__in=agencies_active_in(partnership))
        .select_related("agency")
        .order_by("agency__name", "name")
    )


def services_of_partnership(partnership: Partnership) -> QuerySet[AgencyService]:
    """Every service of the partnership's agencies, for its people list's filter."""
    return (
        AgencyService.objects.filter(agency__in=agencies_of_partnership(partnership).values("pk"))
        .select_related("agency")
        .order_by("agency__name", "name")
    )


def membership_list(
    *,
    user,
    partnership: Partnership,
    search: str = "",
    agency_id: int | None = None,
    service_id: int | None = None,
) -> QuerySet[Membership]:
    """The people of a partnership, as their memberships (with agency, service and roles)."""
    if partnership.pk not in scope_for(user).places:
        return Membership.objects.none()
    memberships = (
        Membership.objects.filter(partnership=partnership)
        .select_related("person", "agency", "service")
        .prefetch_related(Prefetch("roles", queryset=MembershipRole.objects.order_by("role")))
    )
    if agency_id is not None:
        memberships = memberships.filter(agency_id=agency_id)
    if service_id is not None:
        memberships = memberships.filter(service_id=service_id)
    if search:
        memberships = memberships.filter(
            Q(person__first_name__icontains=search)
            | Q(person__last_name__icontains=search)
            | Q(person__email__icontains=search)
            | Q(person__job_title__icontains=search)
        )
    return memberships


def membership_get(*, user, partnership: Partnership, pk: int) -> Membership:
    membership = membership_list(user=user, partnership=partnership).filter(pk=pk).first()
    if membership is None:
        raise Http404("No such person in this partnership")
    return membership


def person_memberships(*, user, person: Person) -> QuerySet[Membership]:
    """A person's memberships in the partnerships the viewer shares with them."""
    return (
        Membership.objects.filter(person=person, partnership__in=scope_for(user).partnership_ids)
        .select_related("partnership", "agency", "service")
        .prefetch_related("roles")
    )


@dataclass(frozen=True)
class WaitingIdentityChange:
    change: IdentityChange
    agreed: list[str]  # the partnerships that have agreed, by name
    to_agree: list[str]  # those still to agree
    agreed_here: bool  # whether the partnership being viewed has agreed
    details: list[tuple[str, str, str]]  # (what, now, proposed) for a change of details


def identity_changes_waiting_of(
    membership: Membership, partnership: Partnership
) -> list[WaitingIdentityChange]:
    """The changes to this member's identity waiting for their partnerships' agreement."""
    person = membership.person
    changes = (
        IdentityChange.objects.filter(person=person, status=IdentityChangeStatus.WAITING)
        .select_related("proposed_by", "proposed_in")
        .prefetch_related("approvals__partnership")
    )
    if not changes:
        return []
    holders = Partnership.objects.filter(pk__in=identity_holders(person)).order_by("name")
    waiting = []
    for change in changes:
        agreed = {a.partnership_id: a.partnership.name for a in change.approvals.all()}
        waiting.append(
            WaitingIdentityChange(
                change=change,
                agreed=sorted(agreed.values()),
                to_agree=[p.name for p in holders if p.pk not in agreed],
                agreed_here=partnership.pk in agreed,
                details=[
                    (label, getattr(person, name), getattr(change, name))
                    for name, label in _DETAIL_LABELS
                    if change.kind == IdentityChangeKind.DETAILS
                    and getattr(person, name) != getattr(change, name)
                ],
            )
        )
    return waiting


_DETAIL_LABELS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email address"),
    ("job_title", "Job title"),
)


def identity_change_get(*, user, membership: Membership, pk: int) -> IdentityChange:
    """One of the changes proposed to the identity of a member the person can see."""
    if membership.partnership_id not in scope_for(user).places:
        raise Http404("No such change")
    change = IdentityChange.objects.filter(person_id=membership.person_id, pk=pk).first()
    if change is None:
        raise Http404("No such change")
    return change


def partnership_people_with_role(partnership_id: int, *roles: str) -> QuerySet[Person]:
    """The partnership's active people who hold one of the roles, for its notices."""
    return (
        Person.objects.filter(
            is_active=True,
            memberships__partnership_id=partnership_id,
            memberships__is_active=True,
            memberships__roles__role__in=roles,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def own_memberships(*, user) -> QuerySet[Membership]:
    """The partnerships a person belongs to, active or not, for their own account page."""
    return (
        Membership.objects.filter(person=user)
        .select_related("partnership", "agency")
        .prefetch_related("roles")
        .order_by("partnership__name")
    )


def glossary_list(*, user, partnership: Partnership, search: str = "") -> QuerySet[GlossaryTerm]:
    if partnership.pk not in scope_for(user).places:
        return GlossaryTerm.objects.none()
    terms = GlossaryTerm.objects.filter(partnership=partnership)
    if search:
        terms = terms.filter(
            Q(term__icontains=search)
            | Q(meaning__icontains=search)
            | Q(former_term__icontains=search)
        )
    return terms


def glossary_term_get(*, user, partnership: Partnership, pk: int) -> GlossaryTerm:
    term = glossary_list(user=user, partnership=partnership).filter(pk=pk).first()
    if term is None:
        raise Http404("No such glossary term")
    return term


def la_code_list(*, user, partnership: Partnership) -> QuerySet[LocalAuthorityCode]:
    if partnership.pk not in scope_for(user).places:
        return LocalAuthorityCode.objects.none()
    return LocalAuthorityCode.objects.filter(partnership=partnership)


def statistical_neighbour_list(
    *, user, partnership: Partnership, year: int | None = None
) -> QuerySet[StatisticalNeighbour]:
    if partnership.pk not in scope_for(user).places:
        return StatisticalNeighbour.objects.none()
    neighbours = StatisticalNeighbour.objects.filter(partnership=partnership)
    if year is not None:
        neighbours = neighbours.filter(year=year)
    return neighbours


# Personal API tokens: each person sees only their own.


def api_token_list(*, user) -> QuerySet[ApiToken]:
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(person=user)


def api_token_get(*, user, pk: int) -> ApiToken:
    token = api_token_list(user=user).filter(pk=pk).first()
    if token is None:
        raise Http404("No such token")
    return token


def api_token_in_force(*, presented: str) -> ApiToken | None:
    """The unrevoked, unexpired token of an active person that `presented` is, else None."""
    prefix = tokens.prefix_of(presented)
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("person").filter(prefix=prefix).first()
    if token is None or not tokens.matches(presented, token.secret_hash):
        return None
    if token.revoked_at is not None or token.expires_at <= timezone.now():
        return None
    return token if token.person.is_active else None


# The audit trail


@dataclass(frozen=True)
class AuditFilter:
    actor_id: int | None = None
    agency_id: int | None = None
    action: str = ""
    target_type: str = ""
    target_id: str = ""
    since: date | None = None
    until: date | None = None


def audit_event_list(
    *, user, partnership: Partnership, only: AuditFilter = AuditFilter()
) -> QuerySet[AuditEvent]:
    """A partnership's audit trail, for its business unit only (dates are inclusive)."""
    if not can_manage(user, partnership.pk):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(partnership_id=partnership.pk)
    exact = {
        "actor_id": only.actor_id,
        "agency_id": only.agency_id,
        "action": only.action,
        "at__date__gte": only.since,
        "at__date__lte": only.until,
    }
    events = events.filter(**{name: value for name, value in exact.items() if value})
    if only.target_type or only.target_id:
        events = events.filter(_about_record(only.target_type, only.target_id)).distinct()
    return events


def _about_record(target_type: str, target_id: str) -> Q:
    """Events about a record: as their target, or among the records an access event names."""
    direct, named = Q(), Q()
    if target_type:
        direct &= Q(target_type=target_type)
        named &= Q(records__target_type=target_type)
    if target_id:
        direct &= Q(target_id=target_id)
        named &= Q(records__target_id=target_id)
    return direct | named


def audit_record_types(*, user, partnership: Partnership) -> list[str]:
    """The kinds of record the partnership's trail is about, named directly or in a list."""
    events = audit_event_list(user=user, partnership=partnership)
    direct = events.order_by().values_list("target_type", flat=True).distinct()
    named = (
        AuditEventRecord.objects.filter(event__in=events)
        .order_by()
        .values_list("target_type", flat=True)
        .distinct()
    )
    return sorted((set(direct) | set(named)) - {""})


def person_is_locked_out(*, person: Person) -> bool:
    """Locked out by too many wrong passwords (counted by `django-axes`, by username)."""
    failures = AccessAttempt.objects.filter(username=person.username).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.AXES_FAILURE_LIMIT
