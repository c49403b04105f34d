"""Agencies shared between partnerships, their services, and the members who work in them."""

import csv
import io
import string

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeboard.core import services
from safeboard.core.models import (
    Agency,
    AgencyInPartnership,
    AgencyService,
    AuditEvent,
    Membership,
    Sector,
)
from safeboard.core.selectors import agencies_active_in, agency_get
from safeboard.core.testing import add_person
from safeboard.core.tests.factories import AgencyFactory, MembershipFactory, PartnershipFactory
from safeboard.core.versioning import StaleEdit


def _url(name: str, **kwargs) -> str:
    return reverse(f"core:{name}", kwargs={"slug": "southampton", **kwargs})


def _events(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action)


# A change to the agency itself


def test_a_change_to_a_shared_agency_is_refused_until_confirmed_naming_every_partnership(cast):
    with pytest.raises(services.SharedChangeUnconfirmed) as refused:
        services.agency_update(
            actor=cast.business_unit,
            partnership=cast.partnership,
            agency=cast.police,
            expected_version=1,
            name="Hampshire and IOW Constabulary",
            short_name="Police",
            sector=Sector.POLICE,
        )
    assert refused.value.partnerships == [cast.other_partnership.name, cast.partnership.name]
    assert cast.other_partnership.name in str(refused.value)
    assert Agency.objects.get(pk=cast.police.pk).name == "Hampshire Constabulary"
    assert not _events("agency.update").exists()


def test_a_confirmed_change_to_a_shared_agency_is_written_into_each_partnerships_trail(cast):
    services.agency_update(
        actor=cast.business_unit,
        partnership=cast.partnership,
        agency=cast.police,
        expected_version=1,
        name="Hampshire and IOW Constabulary",
        short_name="Police",
        sector=Sector.POLICE,
        confirmed_shared=True,
    )
    events = _events("agency.update")
    assert sorted(e.partnership_id for e in events) == sorted(
        [cast.partnership.pk, cast.other_partnership.pk]
    )
    assert {tuple(e.changed_fields) for e in events} == {("name",)}
    assert all(cast.partnership.name in e.target_label for e in events)


def test_an_agency_serving_one_partnership_changes_without_confirming(cast):
    services.agency_update(
        actor=cast.business_unit,
        partnership=cast.partnership,
        agency=cast.health,
        expected_version=1,
        name="University Hospital Southampton NHS FT",
        short_name="UHS",
        sector=Sector.HEALTH,
    )
    assert [e.partnership_id for e in _events("agency.update")] == [cast.partnership.pk]


def test_an_unchanged_shared_agency_saves_without_confirming(cast):
    services.agency_update(
        actor=cast.business_unit,
        partnership=cast.partnership,
        agency=cast.police,
        expected_version=1,
        name=cast.police.name,
        short_name=cast.police.short_name,
        sector=cast.police.sector,
    )
    assert Agency.objects.get(pk=cast.police.pk).version == 2


# What is each partnership's own


def _terms(agency, partnership) -> AgencyInPartnership:
    return AgencyInPartnership.objects.get(agency=agency, partnership=partnership)


def test_a_partnerships_own_terms_change_for_it_alone(cast):
    ours = _terms(cast.police, cast.partnership)
    services.agency_terms_update(
        actor=cast.business_unit,
        terms=ours,
        expected_version=1,
        is_statutory_partner=False,
        is_active=False,
    )
    ours.refresh_from_db()
    theirs = _terms(cast.police, cast.other_partnership)
    assert (ours.is_statutory_partner, ours.is_active) == (False, False)
    assert (theirs.is_statutory_partner, theirs.is_active) == (True, True)
    assert [e.partnership_id for e in _events("agency.terms.update")] == [cast.partnership.pk]
    seen_by_them = agency_get(
        user=cast.outsider, partnership=cast.other_partnership, pk=ours.agency_id
    )
    assert seen_by_them.is_active and seen_by_them.is_statutory_partner


def test_another_partnerships_business_unit_cannot_change_our_terms(cast):
    with pytest.raises(PermissionDenied):
        services.agency_terms_update(
            actor=cast.outsider,
            terms=_terms(cast.police, cast.partnership),
            expected_version=1,
            is_statutory_partner=False,
            is_active=False,
        )


def test_a_stale_change_to_our_terms_is_refused(cast):
    terms = _terms(cast.health, cast.partnership)
    services.agency_terms_update(
        actor=cast.business_unit,
        terms=terms,
        expected_version=1,
        is_statutory_partner=True,
        is_active=True,
    )
    with pytest.raises(StaleEdit):
        services.agency_terms_update(
            actor=cast.business_unit,
            terms=_terms(cast.health, cast.partnership),
            expected_version=1,
            is_statutory_partner=False,
            is_active=True,
        )


def test_an_agency_joins_on_the_joining_partnerships_terms(cast):
    third = PartnershipFactory()
    their_unit = add_person(third, "iw.unit@example.org", "business_unit")
    services.agency_join(
        actor=their_unit, partnership=third, agency=cast.health, is_statutory_partner=True
    )
    assert _terms(cast.health, third).is_statutory_partner
    assert not _terms(cast.health, cast.partnership).is_statutory_partner


def test_an_agency_inactive_with_us_leaves_our_choices_but_not_theirs(cast, client):
    services.agency_terms_update(
        actor=cast.business_unit,
        terms=_terms(cast.police, cast.partnership),
        expected_version=1,
        is_statutory_partner=True,
        is_active=False,
    )
    assert cast.police not in agencies_active_in(cast.partnership)
    assert cast.police in agencies_active_in(cast.other_partnership)


# Services


def test_a_service_of_a_shared_agency_is_written_into_every_trail(cast):
    service = services.agency_service_create(
        actor=cast.business_unit, partnership=cast.partnership, agency=cast.police, name="MASH"
    )
    assert service.agency == cast.police
    assert sorted(e.partnership_id for e in _events("agency.service.create")) == sorted(
        [cast.partnership.pk, cast.other_partnership.pk]
    )


WORDS = st.lists(
    st.text(alphabet=string.ascii_letters + "'&-", min_size=1, max_size=12), min_size=1, max_size=4
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=WORDS, gap=st.integers(min_value=1, max_value=3))
def test_a_service_name_is_taken_whatever_its_case_and_spacing(cast, words, gap):
    agency = AgencyFactory(serves=[cast.partnership])
    service = services.agency_service_create(
        actor=cast.business_unit, partnership=cast.partnership, agency=agency, name=" ".join(words)
    )
    assert service.name == " ".join(words)
    variant = " " * gap + (" " * gap).join(w.swapcase() for w in words) + " " * gap
    with pytest.raises(ValidationError, match="already has a service called"):
        services.agency_service_create(
            actor=cast.business_unit, partnership=cast.partnership, agency=agency, name=variant
        )
    assert agency.services.count() == 1


def test_only_the_business_unit_of_a_partnership_served_adds_services(cast):
    with pytest.raises(PermissionDenied):
        services.agency_service_create(
            actor=cast.agency_lead, partnership=cast.partnership, agency=cast.police, name="MASH"
        )
    portsmouth_only = AgencyFactory(serves=[cast.other_partnership])
    with pytest.raises(PermissionDenied):
        services.agency_service_create(
            actor=cast.business_unit,
            partnership=cast.partnership,
            agency=portsmouth_only,
            name="Housing",
        )
    assert not AgencyService.objects.exists()


def test_a_service_edit_is_versioned(cast):
    service = AgencyService.objects.create(agency=cast.health, name="Maternity")
    services.agency_service_update(
        actor=cast.business_unit,
        partnership=cast.partnership,
        service=service,
        expected_version=1,
        name="Maternity services",
        is_active=True,
    )
    with pytest.raises(StaleEdit):
        services.agency_service_update(
            actor=cast.business_unit,
            partnership=cast.partnership,
            service=AgencyService.objects.get(pk=service.pk),
            expected_version=1,
            name="Midwifery",
            is_active=False,
        )
    assert AgencyService.objects.get(pk=service.pk).name == "Maternity services"


# Members in services


def test_a_member_is_given_only_a_service_of_their_agency(cast):
    maternity = AgencyService.objects.create(agency=cast.health, name="Maternity")
    with pytest.raises(ValidationError, match="not a service of Hampshire Constabulary"):
        services.person_invite(
            actor=cast.business_unit,
            partnership=cast.partnership,
            email="pc@example.org",
            first_name="P",
            last_name="C",
            agency=cast.police,
            service=maternity,
            roles=["viewer"],
        )
    membership = services.person_invite(
        actor=cast.business_unit,
        partnership=cast.partnership,
        email="midwife@example.org",
        first_name="M",
        last_name="W",
        agency=cast.health,
        service=maternity,
        roles=["viewer"],
    )
    assert membership.service == maternity


def test_a_service_no_longer_in_use_is_not_given_but_is_kept(cast):
    old = AgencyService.objects.create(agency=cast.health, name="Old ward", is_active=False)
    membership = cast.subgroup_member.memberships.get()
    with pytest.raises(ValidationError, match="no longer in use"):
        services.membership_update(
            actor=cast.business_unit,
            membership=membership,
            expected_version=1,
            agency=cast.health,
            service=old,
            roles=["subgroup_member"],
        )
    Membership.objects.filter(pk=membership.pk).update(service=old)
    membership.refresh_from_db()
    services.membership_update(
        actor=cast.business_unit,
        membership=membership,
        expected_version=1,
        agency=cast.health,
        service=old,
        roles=["subgroup_member", "viewer"],
    )


def test_the_database_holds_a_members_service_to_their_agency(cast):
    maternity = AgencyService.objects.create(agency=cast.health, name="Maternity")
    membership = cast.agency_lead.memberships.get()  # of the police
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(service=maternity)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=cast.viewer.memberships.get().pk).update(service=maternity)
    health_member = cast.subgroup_member.memberships.get()
    Membership.objects.filter(pk=health_member.pk).update(service=maternity)
    assert Membership.objects.get(pk=health_member.pk).service == maternity


# Pages


def test_editing_a_shared_agency_warns_naming_its_partnerships_then_saves_once_confirmed(
    client, cast
):
    client.force_login(cast.business_unit)
    form = {"version": 1, "name": "Hampshire and IOW Constabulary", "short_name": "Police"}
    form["sector"] = "police"
    warned = client.post(_url("agency-edit", pk=cast.police.pk), form)
    assert warned.status_code == 200
    page = warned.content.decode()
    assert cast.other_partnership.name in page
    assert 'type="checkbox" name="confirm_shared"' in page
    assert Agency.objects.get(pk=cast.police.pk).name == "Hampshire Constabulary"
    saved = client.post(_url("agency-edit", pk=cast.police.pk), {**form, "confirm_shared": "on"})
    assert saved.status_code == 302
    assert Agency.objects.get(pk=cast.police.pk).name == "Hampshire and IOW Constabulary"
    assert _events("agency.update").count() == 2


def test_our_terms_page_changes_only_ours(client, cast):
    client.force_login(cast.business_unit)
    answer = client.post(_url("agency-terms-edit", pk=cast.police.pk), {"version": 1})
    assert answer.status_code == 302
    assert not _terms(cast.police, cast.partnership).is_active
    assert _terms(cast.police, cast.other_partnership).is_active
    detail = client.get(_url("agency-detail", pk=cast.police.pk)).content.decode()
    assert "Inactive" in detail


def test_services_are_added_and_changed_from_the_agency_page(client, cast):
    client.force_login(cast.business_unit)
    added = client.post(_url("agency-service-create", pk=cast.health.pk), {"name": "Maternity"})
    assert added.status_code == 302
    service = AgencyService.objects.get()
    page = client.get(_url("agency-detail", pk=cast.health.pk)).content.decode()
    assert "Maternity" in page
    edit = _url("agency-service-edit", pk=cast.health.pk, service_pk=service.pk)
    assert client.post(edit, {"version": 1, "name": "Maternity"}).status_code == 302
    assert not AgencyService.objects.get().is_active
    again = client.post(_url("agency-service-create", pk=cast.health.pk), {"name": "maternity"})
    assert "already has a service called maternity" in again.content.decode()


def test_another_partnerships_agency_and_its_services_are_not_found(client, cast):
    theirs = AgencyFactory(serves=[cast.other_partnership])
    their_service = AgencyService.objects.create(agency=theirs, name="Housing")
    client.force_login(cast.business_unit)
    for address in (
        _url("agency-terms-edit", pk=theirs.pk),
        _url("agency-service-create", pk=theirs.pk),
        _url("agency-service-edit", pk=theirs.pk, service_pk=their_service.pk),
        # A service is found only under its own agency.
        _url("agency-service-edit", pk=cast.health.pk, service_pk=their_service.pk),
    ):
        assert client.get(address).status_code == 404, address


def test_the_membership_form_offers_services_and_refuses_another_agencys(client, cast):
    maternity = AgencyService.objects.create(agency=cast.health, name="Maternity")
    mash = AgencyService.objects.create(agency=cast.police, name="MASH")
    membership = cast.subgroup_member.memberships.get()
    client.force_login(cast.business_unit)
    address = _url("membership-edit", pk=membership.pk)
    assert "UHS: Maternity" in client.get(address).content.decode()
    form = {"version": 1, "agency": cast.health.pk, "roles": ["subgroup_member"]}
    refused = client.post(address, {**form, "service": mash.pk})
    assert "MASH is not a service of University Hospital Southampton" in refused.content.decode()
    assert client.post(address, {**form, "service": maternity.pk}).status_code == 302
    assert Membership.objects.get(pk=membership.pk).service == maternity


def test_the_people_list_shows_filters_and_exports_the_service(client, cast):
    maternity = AgencyService.objects.create(agency=cast.health, name="Maternity")
    Membership.objects.filter(person=cast.subgroup_member).update(service=maternity)
    client.force_login(cast.business_unit)
    page = client.get(_url("people"), {"service": maternity.pk}).content.decode()
    assert "Subgroup" in page and "Trainer" not in page.split("<tbody")[1]
    answer = client.get(_url("people"), {"service": maternity.pk, "export": "csv"})
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert "Service" in rows[0]
    assert [row[rows[0].index("Service")] for row in rows[1:]] == ["Maternity"]


# The API


def test_the_api_refuses_an_unconfirmed_change_to_a_shared_agency_naming_them(api_client, cast):
    api_client.force_login(cast.business_unit)
    address = reverse("api:agency-detail", kwargs={"slug": "southampton", "pk": cast.police.pk})
    refused = api_client.patch(address, {"version": 1, "name": "Police"}, format="json")
    assert refused.status_code == 400
    assert cast.other_partnership.name in str(refused.json())
    made = api_client.patch(
        address, {"version": 1, "name": "Police", "confirm_shared": True}, format="json"
    )
    assert made.status_code == 200
    assert made.json()["name"] == "Police"
    assert _events("agency.update").count() == 2


def test_the_api_changes_our_terms_for_us_alone(api_client, cast):
    api_client.force_login(cast.business_unit)
    address = reverse("api:agency-detail", kwargs={"slug": "southampton", "pk": cast.police.pk})
    assert api_client.patch(address, {"is_active": False}, format="json").status_code == 400
    answer = api_client.patch(address, {"terms_version": 1, "is_active": False}, format="json")
    assert answer.status_code == 200
    assert answer.json()["is_active"] is False
    assert answer.json()["is_statutory_partner"] is True
    assert _terms(cast.police, cast.other_partnership).is_active


def test_the_api_reads_members_services(api_client, cast):
    maternity = AgencyService.objects.create(agency=cast.health, name="Maternity")
    Membership.objects.filter(person=cast.subgroup_member).update(service=maternity)
    api_client.force_login(cast.viewer)
    membership = cast.subgroup_member.memberships.get()
    answer = api_client.get(
        reverse("api:person-detail", kwargs={"slug": "southampton", "pk": membership.pk})
    )
    assert answer.json()["service"] == {"id": maternity.pk, "name": "Maternity"}
    agency = api_client.get(
        reverse("api:agency-detail", kwargs={"slug": "southampton", "pk": cast.health.pk})
    ).json()
    assert [s["name"] for s in agency["services"]] == ["Maternity"]


# The migration that moved each partnership's terms off the agency


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_todays_terms_for_every_partnership_an_agency_serves():
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("core", "0005_identity_changes")], [("core", "0006_agency_services")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    partnership = old.get_model("core", "Partnership")
    first, second = (
        partnership.objects.create(name=f"P{n}", slug=f"p{n}", region="E12000008") for n in (1, 2)
    )
    agency = old.get_model("core", "Agency")
    police = agency.objects.create(name="Police", sector="police", is_statutory_partner=True)
    police.partnerships.add(first, second)
    charity = agency.objects.create(name="Charity", sector="voluntary", is_active=False)
    charity.partnerships.add(first)
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    terms = new.get_model("core", "AgencyInPartnership").objects.order_by(
        "agency__name", "partnership__name"
    )
    assert [
        (t.agency.name, t.partnership.name, t.is_statutory_partner, t.is_active) for t in terms
    ] == [
        ("Charity", "P1", False, False),
        ("Police", "P1", True, True),
        ("Police", "P2", True, True),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    back = executor.loader.project_state(before).apps.get_model("core", "Agency")
    assert [
        (a.name, a.is_statutory_partner, a.is_active) for a in back.objects.order_by("name")
    ] == [
        ("Charity", False, False),
        ("Police", True, True),
    ]
    assert back.objects.get(name="Police").partnerships.count() == 2
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_agency_page_costs_the_same_queries_however_many_services_and_people(client, cast):
    client.force_login(cast.business_unit)
    address = _url("agency-detail", pk=cast.health.pk)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(address).status_code == 200
        return len(seen)

    AgencyService.objects.create(agency=cast.health, name="Service 0")
    few = queries()
    for n in range(1, 15):
        service = AgencyService.objects.create(agency=cast.health, name=f"Service {n}")
        member = MembershipFactory(partnership=cast.partnership, agency=cast.health)
        Membership.objects.filter(pk=member.pk).update(service=service)
    assert queries() == few
