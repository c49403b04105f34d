"""Every read of the core records, scoped to what the person may see.

A record outside the person's scope raises Http404, exactly like one that does not exist.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from . import tokens
from .access import is_business_unit, scope_for
from .models import (
    Agency,
    ApiToken,
    AuditEvent,
    AuditEventRecord,
    GlossaryTerm,
    LocalAuthorityCode,
    Membership,
    MembershipRole,
    Partnership,
    Person,
    StatisticalNeighbour,
)


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


def agency_list(
    *, user, partnership: Partnership, search: str = "", include_inactive: bool = True
) -> QuerySet[Agency]:
    if partnership.pk not in scope_for(user).places:
        return Agency.objects.none()
    agencies = Agency.objects.filter(partnerships=partnership)
    if not include_inactive:
        agencies = agencies.filter(is_active=True)
    if search:
        agencies = agencies.filter(Q(name__icontains=search) | Q(short_name__icontains=search))
    return agencies


def agency_joinable(*, partnership: Partnership) -> QuerySet[Agency]:
    """Active agencies that serve other partnerships and could start serving this one."""
    return Agency.objects.filter(is_active=True).exclude(partnerships=partnership)


def agency_get(*, user, partnership: Partnership, pk: int) -> Agency:
    agency = agency_list(user=user, partnership=partnership).filter(pk=pk).first()
    if agency is None:
        raise Http404("No such agency")
    return agency


def membership_list(
    *, user, partnership: Partnership, search: str = "", agency_id: int | None = None
) -> QuerySet[Membership]:
    """The people of a partnership, as their memberships (with agency and roles)."""
    if partnership.pk not in scope_for(user).places:
        return Membership.objects.none()
    memberships = (
        Membership.objects.filter(partnership=partnership)
        .select_related("person", "agency")
        .prefetch_related(Prefetch("roles", queryset=MembershipRole.objects.order_by("role")))
    )
    if agency_id is not None:
        memberships = memberships.filter(agency_id=agency_id)
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
        .select_related("partnership", "agency")
        .prefetch_related("roles")
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
    if not is_business_unit(user, partnership.pk):
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


def audit_actions(*, user, partnership: Partnership) -> list[str]:
    events = audit_event_list(user=user, partnership=partnership).order_by("action")
    return list(events.values_list("action", flat=True).distinct())


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
