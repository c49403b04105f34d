"""Every read of the core records, scoped to what the person may see.

A record outside the person's scope raises Http404, exactly like one that does not exist.
"""

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from .access import scope_for
from .models import (
    Agency,
    GlossaryTerm,
    LocalAuthorityCode,
    Membership,
    MembershipRole,
    Partnership,
    Person,
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
