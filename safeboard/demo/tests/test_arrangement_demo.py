"""The demo's four partnerships form the seed's 4LSCB, whose joint body each of them sees
and no partnership outside it does; the demo subgroup member works their subgroup's
records only."""

import pytest
from django.urls import reverse

from safeboard.core import services
from safeboard.core.models import Arrangement, Partnership, Person, Region
from safeboard.demo import seed
from safeboard.governance import selectors
from safeboard.governance.models import Body

JOINT = "4LSCB Policy and Procedures Group"
# The demo business unit of each of the four partnerships, by their email's key.
BUSINESS_UNITS = {
    "southampton": "business-unit",
    "portsmouth": "portsmouth",
    "isle-of-wight": "isle-of-wight",
    "hampshire": "hampshire",
}


@pytest.fixture
def demo(demo_people):
    return demo_people


@pytest.fixture
def outside(demo):
    """A partnership outside the arrangement, set up by its own business unit."""
    founder = Person.objects.create_user(
        username="bu@dorset.example.org", email="bu@dorset.example.org", password="x"
    )
    partnership = services.partnership_create(
        actor=founder,
        name="Dorset Safeguarding Children Partnership",
        slug="dorset",
        region=Region.SOUTH_WEST,
        la_code="E06000059",
        la_code_from_year=2017,
    )
    return partnership, founder


def test_the_four_partnerships_form_the_4lscb_with_its_joint_body(demo):
    arrangement = Arrangement.objects.get(slug="4lscb")
    slugs = {p.slug for p in arrangement.partnerships.all()}
    assert slugs == set(seed.ALL_FOUR)
    joint = Body.objects.get(name=JOINT)
    assert joint.arrangement == arrangement and joint.partnership is None


def test_the_joint_body_is_seen_in_all_four_demo_partnerships_and_nowhere_else(
    client, demo, outside
):
    joint = Body.objects.get(name=JOINT)
    for slug, key in BUSINESS_UNITS.items():
        person = demo[key]
        partnership = Partnership.objects.get(slug=slug)
        assert joint in selectors.body_list(user=person, partnership=partnership)
        client.force_login(person)
        page = client.get(reverse("governance:bodies", kwargs={"slug": slug})).content.decode()
        assert JOINT in page, slug
        detail = client.get(reverse("governance:body", kwargs={"slug": slug, "pk": joint.pk}))
        assert detail.status_code == 200
    partnership, founder = outside
    assert joint not in selectors.body_list(user=founder, partnership=partnership)
    client.force_login(founder)
    page = client.get(reverse("governance:bodies", kwargs={"slug": "dorset"})).content.decode()
    assert JOINT not in page
    detail = client.get(reverse("governance:body", kwargs={"slug": "dorset", "pk": joint.pk}))
    assert detail.status_code == 404


def test_portsmouth_sees_the_joint_body_but_none_of_southamptons_own(demo):
    portsmouth = Partnership.objects.get(slug="portsmouth")
    seen = selectors.body_list(user=demo["portsmouth"], partnership=portsmouth)
    assert [b.name for b in seen] == [JOINT]


def test_the_demo_subgroup_member_sits_on_the_monitoring_and_evaluation_group(client, demo):
    southampton = Partnership.objects.get(slug="southampton")
    member = demo["subgroup-member"]
    seen = selectors.body_list(user=member, partnership=southampton)
    assert [b.name for b in seen] == ["Monitoring & Evaluation Group"]
    seat = seen[0].seats.get(representative=member)
    assert seat.is_synthetic  # the seed names no subgroup's members
    board = Body.objects.get(partnership=southampton, name="Main Board")
    client.force_login(member)
    address = reverse("governance:body", kwargs={"slug": "southampton", "pk": board.pk})
    assert client.get(address).status_code == 404
    meeting = board.meetings.first()
    address = reverse("governance:meeting", kwargs={"slug": "southampton", "pk": meeting.pk})
    assert client.get(address).status_code == 404
    own = reverse("governance:body", kwargs={"slug": "southampton", "pk": seen[0].pk})
    page = client.get(own).content.decode()
    assert "Synthetic" in page
