import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from safeboard.core import services
from safeboard.core.models import (
    Agency,
    AuditEvent,
    GlossaryTerm,
    Membership,
    Person,
    Role,
    StatisticalNeighbour,
)
from safeboard.core.versioning import StaleEdit


def events(action):
    return AuditEvent.objects.filter(action=action)


def test_setting_up_a_partnership_makes_its_founder_the_business_unit(cast):
    partnership = services.partnership_create(
        actor=cast.business_unit,
        name="Isle of Wight SCP",
        slug="iow",
        region="E12000008",
        la_code="E06000046",
        la_code_from_year=2017,
    )
    membership = Membership.objects.get(person=cast.business_unit, partnership=partnership)
    assert [r.role for r in membership.roles.all()] == [Role.BUSINESS_UNIT]
    assert partnership.la_codes.get().code == "E06000046"
    event = events("partnership.create").get()
    assert (event.actor_id, event.partnership_id) == (cast.business_unit.pk, partnership.pk)


def test_a_malformed_la_code_leaves_nothing_behind(cast):
    with pytest.raises(ValidationError, match="code"):
        services.partnership_create(
            actor=cast.business_unit,
            name="Nowhere",
            slug="nowhere",
            region="E12000008",
            la_code="X123",
            la_code_from_year=2017,
        )
    assert not events("partnership.create").exists()
    assert not cast.business_unit.memberships.filter(partnership__slug="nowhere").exists()


def test_the_business_unit_adds_an_agency_and_it_is_audited(cast):
    agency = services.agency_create(
        actor=cast.business_unit,
        partnership=cast.partnership,
        name="Solent NHS Trust",
        short_name="Solent",
        sector="health",
    )
    assert list(agency.partnerships.all()) == [cast.partnership]
    event = events("agency.create").get()
    assert event.target_id == str(agency.pk) and event.agency_id == agency.pk


@pytest.mark.parametrize("persona", ["viewer", "chair", "agency_lead", "outsider"])
def test_only_the_business_unit_adds_agencies(cast, persona):
    with pytest.raises(PermissionDenied):
        services.agency_create(
            actor=getattr(cast, persona),
            partnership=cast.partnership,
            name="Solent NHS Trust",
            sector="health",
        )
    assert not Agency.objects.filter(name="Solent NHS Trust").exists()


def test_an_agency_can_serve_a_second_partnership(cast):
    services.agency_join(
        actor=cast.outsider, partnership=cast.other_partnership, agency=cast.health
    )
    assert set(cast.health.partnerships.all()) == {cast.partnership, cast.other_partnership}


def test_a_stale_edit_is_refused_and_changes_nothing(cast):
    police = cast.police
    fields = dict(
        name="Hampshire and IOW Constabulary",
        short_name="Police",
        sector="police",
        confirmed_shared=True,
    )
    services.agency_update(
        actor=cast.business_unit,
        partnership=cast.partnership,
        agency=police,
        expected_version=1,
        **fields,
    )
    stale = Agency.objects.get(pk=police.pk)
    stale.version = 1
    with pytest.raises(StaleEdit, match="Someone else changed this record"):
        services.agency_update(
            actor=cast.business_unit,
            partnership=cast.partnership,
            agency=stale,
            expected_version=1,
            **{**fields, "name": "Police"},
        )
    police.refresh_from_db()
    assert (police.name, police.version) == ("Hampshire and IOW Constabulary", 2)
    # The police serve both partnerships: one event in each trail, for the one change made.
    assert [e.changed_fields for e in events("agency.update")] == [["name"], ["name"]]


def test_inviting_a_new_person_emails_a_one_time_link(
    cast, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.person_invite(
            actor=cast.business_unit,
            partnership=cast.partnership,
            email="New.Person@Example.org",
            first_name="New",
            last_name="Person",
            agency=cast.health,
            roles=[Role.SUBGROUP_MEMBER],
        )
    person = membership.person
    assert person.email == "new.person@example.org" and not person.has_usable_password()
    (message,) = mail.outbox
    link = re.search(r"http\S+/accounts/invitation/\S+/", message.body)[0]
    path = link.split("8000", 1)[1]
    answer = client.post(
        path, {"new_password1": "a long safe passphrase", "new_password2": "a long safe passphrase"}
    )
    assert answer.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a long safe passphrase")
    assert client.get(path).status_code == 404  # the link works once


def test_inviting_someone_known_elsewhere_adds_a_membership_only(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.person_invite(
            actor=cast.business_unit,
            partnership=cast.partnership,
            email="pat.outsider@example.org",
            first_name="Pat",
            last_name="Outsider",
            agency=cast.police,
            roles=[Role.VIEWER],
        )
    assert Person.objects.filter(email="pat.outsider@example.org").count() == 1
    assert cast.outsider.memberships.count() == 2
    assert mail.outbox == []  # they already have a password


def test_inviting_a_member_twice_is_refused(cast):
    with pytest.raises(ValidationError, match="already a member"):
        services.person_invite(
            actor=cast.business_unit,
            partnership=cast.partnership,
            email="viewer@example.org",
            first_name="V",
            last_name="W",
            agency=None,
            roles=[Role.VIEWER],
        )


def test_an_agency_lead_invites_into_their_own_agency_only(cast):
    services.person_invite(
        actor=cast.agency_lead,
        partnership=cast.partnership,
        email="pc@example.org",
        first_name="Pc",
        last_name="Smith",
        agency=cast.police,
        roles=[Role.VIEWER],
    )
    with pytest.raises(PermissionDenied):
        services.person_invite(
            actor=cast.agency_lead,
            partnership=cast.partnership,
            email="nurse@example.org",
            first_name="N",
            last_name="Urse",
            agency=cast.health,
            roles=[Role.VIEWER],
        )


def test_an_agency_lead_cannot_give_the_business_unit_role(cast):
    with pytest.raises(ValidationError, match="Only the business unit can give these roles"):
        services.person_invite(
            actor=cast.agency_lead,
            partnership=cast.partnership,
            email="pc@example.org",
            first_name="Pc",
            last_name="Smith",
            agency=cast.police,
            roles=[Role.BUSINESS_UNIT],
        )
    assert not Person.objects.filter(email="pc@example.org").exists()


def test_a_person_needs_at_least_one_role(cast):
    with pytest.raises(ValidationError, match="at least one role"):
        services.person_invite(
            actor=cast.business_unit,
            partnership=cast.partnership,
            email="x@example.org",
            first_name="X",
            last_name="Y",
            agency=None,
            roles=[],
        )
    assert not Person.objects.filter(email="x@example.org").exists()


def test_changing_roles_is_audited_by_name_only(cast):
    membership = cast.viewer.memberships.get()
    services.membership_update(
        actor=cast.business_unit,
        membership=membership,
        expected_version=1,
        agency=cast.health,
        roles=[Role.VIEWER, Role.TRAINER],
    )
    assert sorted(r.role for r in membership.roles.all()) == ["trainer", "viewer"]
    assert events("membership.update").get().changed_fields == ["agency", "roles"]


def test_the_business_unit_cannot_remove_their_own_role(cast):
    membership = cast.business_unit.memberships.get()
    with pytest.raises(ValidationError, match="your own business unit role"):
        services.membership_update(
            actor=cast.business_unit,
            membership=membership,
            expected_version=1,
            agency=None,
            roles=[Role.VIEWER],
        )


def test_deactivating_the_last_membership_deactivates_the_account(cast):
    services.membership_deactivate(
        actor=cast.business_unit, membership=cast.viewer.memberships.get()
    )
    cast.viewer.refresh_from_db()
    assert not cast.viewer.is_active
    assert events("person.deactivate").count() == 1


def test_deactivating_one_of_two_memberships_keeps_the_account(cast):
    services.person_invite(
        actor=cast.outsider,
        partnership=cast.other_partnership,
        email="viewer@example.org",
        first_name="V",
        last_name="W",
        agency=None,
        roles=[Role.VIEWER],
    )
    services.membership_deactivate(
        actor=cast.business_unit,
        membership=cast.viewer.memberships.get(partnership=cast.partnership),
    )
    cast.viewer.refresh_from_db()
    assert cast.viewer.is_active


def test_nobody_deactivates_themselves(cast):
    with pytest.raises(ValidationError, match="cannot deactivate yourself"):
        services.membership_deactivate(
            actor=cast.business_unit, membership=cast.business_unit.memberships.get()
        )


def test_glossary_terms_are_unique_whatever_their_case(cast):
    services.glossary_term_create(
        actor=cast.business_unit,
        partnership=cast.partnership,
        term="MASH",
        meaning="Multi-agency safeguarding hub",
    )
    with pytest.raises(ValidationError):
        services.glossary_term_create(
            actor=cast.business_unit, partnership=cast.partnership, term="mash", meaning="Again"
        )
    assert GlossaryTerm.objects.count() == 1


def test_statistical_neighbours_are_ten(cast):
    nine = [(f"E0600{n:04d}", f"Council {n}") for n in range(9)]
    with pytest.raises(ValidationError, match="ten statistical neighbours; 9 given"):
        services.statistical_neighbours_set(
            actor=cast.business_unit, partnership=cast.partnership, year=2017, neighbours=nine
        )
    ten = [*nine, ("E06000099", "Council 9")]
    services.statistical_neighbours_set(
        actor=cast.business_unit, partnership=cast.partnership, year=2017, neighbours=ten
    )
    assert StatisticalNeighbour.objects.filter(year=2017).count() == 10


def test_a_new_la_code_from_a_later_year_keeps_the_old_one(cast):
    services.la_code_set(
        actor=cast.business_unit, partnership=cast.partnership, from_year=2017, code="E06000045"
    )
    services.la_code_set(
        actor=cast.business_unit, partnership=cast.partnership, from_year=2020, code="E06000060"
    )
    assert [c.code for c in cast.partnership.la_codes.all()] == ["E06000060", "E06000045"]
