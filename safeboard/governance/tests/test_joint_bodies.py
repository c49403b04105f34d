"""A joint body of an arrangement is seen by the people of every member partnership, and by
nobody else; nothing else of one member is seen by another's people. Any member's business
unit runs it, and every change is written into each member's audit trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from safeboard.actions.models import Priority
from safeboard.core import selectors as core_selectors
from safeboard.core import services as core_services
from safeboard.core.models import (
    AuditEvent,
    Membership,
    MembershipRole,
    Partnership,
    Region,
    Role,
)
from safeboard.core.testing import add_person
from safeboard.governance import selectors, services
from safeboard.governance.models import MeetingStatus
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory

MEMBERS = ["southampton", "portsmouth", "isle-of-wight", "hampshire"]


@pytest.fixture
def four(cast):
    """The four partnerships of the 4LSCB, each with its business unit, and a fifth
    partnership outside the arrangement with its own."""
    partnerships = {"southampton": cast.partnership, "portsmouth": cast.other_partnership}
    for slug in ["isle-of-wight", "hampshire", "dorset"]:
        partnerships[slug] = Partnership.objects.create(
            name=f"{slug.title()} Partnership", slug=slug, region=Region.SOUTH_EAST
        )
    business_units = {"southampton": cast.business_unit, "portsmouth": cast.outsider}
    for slug in ["isle-of-wight", "hampshire", "dorset"]:
        business_units[slug] = add_person(
            partnerships[slug], f"bu@{slug}.example.org", Role.BUSINESS_UNIT
        )
    return partnerships, business_units


@pytest.fixture
def founder(four):
    """Someone who is the business unit of all four members (as whoever set them up)."""
    partnerships, _ = four
    person = add_person(partnerships["southampton"], "founder@example.org", Role.BUSINESS_UNIT)
    for slug in MEMBERS[1:]:
        membership = Membership.objects.create(person=person, partnership=partnerships[slug])
        MembershipRole.objects.create(membership=membership, role=Role.BUSINESS_UNIT)
    return person


@pytest.fixture
def arrangement(four, founder):
    partnerships, _ = four
    return core_services.arrangement_create(
        actor=founder,
        name="4LSCB",
        slug="4lscb",
        partnerships=[partnerships[s] for s in MEMBERS],
        purpose="One Section 11 process",
    )


@pytest.fixture
def joint(arrangement, four):
    _, business_units = four
    body = services.body_create(
        actor=business_units["portsmouth"],
        arrangement=arrangement,
        name="4LSCB Policy and Procedures Group",
        purpose="Coordinates the 4LSCB procedures",
        frequency="not_recorded",
    )
    MeetingFactory(body=body, date=datetime.date(2017, 10, 1), status=MeetingStatus.HELD)
    return body


def body_url(slug, body):
    return reverse("governance:body", kwargs={"slug": slug, "pk": body.pk})


def test_a_joint_body_is_seen_in_every_member_partnership_and_nowhere_else(client, four, joint):
    partnerships, business_units = four
    meeting = joint.meetings.get()
    for slug in MEMBERS:
        person = business_units[slug]
        assert joint in selectors.body_list(user=person, partnership=partnerships[slug])
        client.force_login(person)
        assert client.get(body_url(slug, joint)).status_code == 200
        meeting_url = reverse("governance:meeting", kwargs={"slug": slug, "pk": meeting.pk})
        assert client.get(meeting_url).status_code == 200
    outsider = business_units["dorset"]
    assert joint not in selectors.body_list(user=outsider, partnership=partnerships["dorset"])
    client.force_login(outsider)
    assert client.get(body_url("dorset", joint)).status_code == 404
    meeting_url = reverse("governance:meeting", kwargs={"slug": "dorset", "pk": meeting.pk})
    assert client.get(meeting_url).status_code == 404


def test_a_members_own_bodies_stay_its_own(client, four, joint):
    partnerships, business_units = four
    portsmouths = BodyFactory(partnership=partnerships["portsmouth"], name="Portsmouth board")
    southampton = business_units["southampton"]
    seen = selectors.body_list(user=southampton, partnership=partnerships["southampton"])
    assert portsmouths not in seen
    with pytest.raises(Http404):
        selectors.body_get(
            user=southampton, partnership=partnerships["southampton"], pk=portsmouths.pk
        )
    client.force_login(southampton)
    assert client.get(body_url("southampton", portsmouths)).status_code == 404
    assert client.get(body_url("portsmouth", portsmouths)).status_code == 404


def test_every_change_to_a_joint_body_is_written_into_each_members_trail(four, joint):
    partnerships, business_units = four
    services.body_update(
        actor=business_units["hampshire"],
        body=joint,
        expected_version=joint.version,
        name=joint.name,
        short_name="4LSCB policy group",
        parent=None,
        purpose=joint.purpose,
        chair=None,
        frequency=joint.frequency,
        terms_of_reference="",
        quorum_seats=0,
        quorum_agencies=[],
    )
    trails = AuditEvent.objects.filter(action="body.update", target_id=str(joint.pk))
    assert sorted(trails.values_list("partnership_id", flat=True)) == sorted(
        partnerships[s].pk for s in MEMBERS
    )
    created = AuditEvent.objects.filter(action="body.create", target_id=str(joint.pk))
    assert created.count() == 4


def test_a_business_unit_outside_the_arrangement_cannot_change_a_joint_body(four, joint):
    _, business_units = four
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=business_units["dorset"], body=joint, date=datetime.date(2018, 1, 1)
        )


def test_the_edit_page_names_every_partnership_the_joint_body_serves(client, four, joint):
    partnerships, business_units = four
    client.force_login(business_units["southampton"])
    page = client.get(
        reverse("governance:body-edit", kwargs={"slug": "southampton", "pk": joint.pk})
    ).content.decode()
    for slug in MEMBERS:
        assert partnerships[slug].name in page
    assert partnerships["dorset"].name not in page
    assert "written into each one" in page


def test_a_joint_body_is_added_from_a_members_bodies_page(client, four, arrangement):
    partnerships, business_units = four
    client.force_login(business_units["isle-of-wight"])
    answer = client.post(
        reverse("governance:body-create", kwargs={"slug": "isle-of-wight"}),
        {
            "arrangement": arrangement.pk,
            "name": "4LSCB Section 11 panel",
            "purpose": "Reads the joint returns",
            "frequency": "quarterly",
            "quorum_seats": 0,
        },
    )
    assert answer.status_code == 302
    made = arrangement.bodies.get()
    assert made.partnership is None
    seen = selectors.body_list(
        user=business_units["hampshire"], partnership=partnerships["hampshire"]
    )
    assert made in seen


def test_a_joint_bodys_meeting_takes_no_partnerships_theme(cast, four, joint):
    theme = Priority.objects.create(partnership=cast.partnership, year=2017, number=1, title="X")
    with pytest.raises(ValidationError):
        services.meeting_create(
            actor=cast.business_unit, body=joint, date=datetime.date(2018, 1, 1), theme=theme
        )


def test_a_joint_bodys_seat_is_held_by_an_agency_of_any_member_and_no_other(cast, four, joint):
    partnerships, _ = four
    portsmouth_only = core_services.agency_create(
        actor=cast.outsider,
        partnership=partnerships["portsmouth"],
        name="Portsmouth City Council",
        short_name="PCC",
        sector="local_authority",
        is_statutory_partner=True,
    )
    seat = services.seat_create(
        actor=cast.business_unit, body=joint, agency=portsmouth_only, position="Lead"
    )
    assert seat.body == joint
    dorset_only = core_services.agency_create(
        actor=four[1]["dorset"],
        partnership=partnerships["dorset"],
        name="Dorset Council",
        sector="local_authority",
        is_statutory_partner=True,
    )
    with pytest.raises(ValidationError):
        services.seat_create(actor=cast.business_unit, body=joint, agency=dorset_only, position="X")


def test_an_arrangement_is_made_by_the_business_unit_of_every_member(four, founder):
    partnerships, business_units = four
    with pytest.raises(PermissionDenied):
        core_services.arrangement_create(
            actor=business_units["southampton"],
            name="Joined without asking",
            slug="joined",
            partnerships=[partnerships["southampton"], partnerships["dorset"]],
        )
    with pytest.raises(ValidationError):
        core_services.arrangement_create(
            actor=founder, name="Alone", slug="alone", partnerships=[partnerships["southampton"]]
        )


def test_the_arrangement_is_written_into_each_members_trail(four, arrangement):
    partnerships, _ = four
    events = AuditEvent.objects.filter(action="arrangement.create", target_id=str(arrangement.pk))
    assert sorted(events.values_list("partnership_id", flat=True)) == sorted(
        partnerships[s].pk for s in MEMBERS
    )


def test_the_arrangements_are_read_by_their_members_only(four, arrangement):
    partnerships, business_units = four
    for slug in MEMBERS:
        found = core_selectors.arrangement_get(
            user=business_units[slug], partnership=partnerships[slug], slug="4lscb"
        )
        assert found == arrangement
    dorset = partnerships["dorset"]
    assert not core_selectors.arrangement_list(user=business_units["dorset"], partnership=dorset)
    with pytest.raises(Http404):
        core_selectors.arrangement_get(
            user=business_units["dorset"], partnership=dorset, slug="4lscb"
        )
    with pytest.raises(Http404):  # a member's arrangement, asked through another partnership
        core_selectors.arrangement_get(
            user=business_units["southampton"], partnership=dorset, slug="4lscb"
        )


def test_the_arrangement_pages_show_the_members_and_the_joint_bodies(client, four, joint):
    partnerships, business_units = four
    client.force_login(business_units["hampshire"])
    listing = client.get(reverse("governance:arrangements", kwargs={"slug": "hampshire"}))
    assert "4LSCB" in listing.content.decode()
    detail = client.get(
        reverse("governance:arrangement", kwargs={"slug": "hampshire", "arrangement": "4lscb"})
    ).content.decode()
    assert joint.name in detail
    for slug in MEMBERS:
        assert partnerships[slug].name in detail
    client.force_login(business_units["dorset"])
    answer = client.get(
        reverse("governance:arrangement", kwargs={"slug": "dorset", "arrangement": "4lscb"})
    )
    assert answer.status_code == 404


def test_the_api_reads_the_arrangement_and_its_joint_bodies(api_client, four, joint):
    _, business_units = four
    api_client.force_login(business_units["isle-of-wight"])
    base = {"slug": "isle-of-wight"}
    [found] = api_client.get(reverse("governance-api:arrangements", kwargs=base)).json()["results"]
    assert found["slug"] == "4lscb" and found["bodies"] == [joint.pk]
    assert sorted(found["partnerships"]) == sorted(MEMBERS)
    bodies = api_client.get(reverse("governance-api:bodies", kwargs=base)).json()["results"]
    assert [(b["name"], b["arrangement"]) for b in bodies] == [(joint.name, "4lscb")]
    api_client.force_login(business_units["dorset"])
    outside = api_client.get(reverse("governance-api:arrangements", kwargs={"slug": "dorset"}))
    assert outside.json()["results"] == []


def test_a_subgroup_member_sees_a_joint_body_only_where_they_sit(cast, four, joint):
    partnerships, _ = four
    seen = selectors.body_list(user=cast.subgroup_member, partnership=cast.partnership)
    assert joint not in seen
    services.seat_create(
        actor=cast.business_unit,
        body=joint,
        agency=cast.health,
        position="Health lead",
        representative=cast.subgroup_member,
    )
    seen = selectors.body_list(user=cast.subgroup_member, partnership=cast.partnership)
    assert list(seen) == [joint]


def test_a_business_unit_seats_its_own_people_on_a_joint_body_and_lists_no_others(
    client, cast, four, joint
):
    _, business_units = four
    portsmouth_person = business_units["portsmouth"]  # Pat Outsider, of Portsmouth
    client.force_login(cast.business_unit)
    address = reverse("governance:seat-create", kwargs={"slug": "southampton", "pk": joint.pk})
    form = client.get(address).content.decode()
    assert cast.viewer.get_full_name() in form
    assert portsmouth_person.get_full_name() not in form
    seat = services.seat_create(
        actor=portsmouth_person,
        body=joint,
        agency=cast.police,
        position="Police lead",
        representative=portsmouth_person,
    )
    address = reverse("governance:seat-edit", kwargs={"slug": "southampton", "pk": seat.pk})
    form = client.get(address).content.decode()
    assert portsmouth_person.get_full_name() in form  # who holds it already stays choosable
    body_page = client.get(body_url("southampton", joint)).content.decode()
    assert portsmouth_person.get_full_name() in body_page  # the joint body's seats are joint
