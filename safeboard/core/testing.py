"""Named people for tests: one per role in one partnership, a second subgroup member, and
an outsider.

def test_the_viewer_cannot_add_an_agency(cast, client):
    client.force_login(cast.viewer)
    ...

The `client` fixture is a `SignedInClient`: `force_login` (and `login`) sign the person in
fully, with their second factor given, as most tests want. Tests of signing in itself
use Django's plain `Client`, with which a person has given only their password.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from .models import Agency, Membership, MembershipRole, Partnership, Person, Region, Role, Sector

PERSONAS = (
    "business_unit",
    "chair",
    "scrutineer",
    "agency_lead",
    "subgroup_member",
    "cdop_member",
    "case_review_member",
    "trainer",
    "viewer",
)


@dataclass
class Cast:
    partnership: Partnership
    other_partnership: Partnership
    police: Agency  # the agency lead's agency
    health: Agency
    business_unit: Person
    chair: Person
    scrutineer: Person
    agency_lead: Person
    subgroup_member: Person
    cdop_member: Person
    case_review_member: Person
    trainer: Person
    viewer: Person
    # A subgroup member too, who (where a test seats them) sits on another subgroup than
    # the one `subgroup_member` sits on: they ask for a subgroup's records not theirs.
    other_subgroup_member: Person
    outsider: Person  # the business unit of another partnership

    def persona(self, name: str) -> Person | None:
        """A persona by name; "anonymous" is nobody."""
        return None if name == "anonymous" else getattr(self, name)


def add_person(
    partnership: Partnership, email: str, *roles: str, agency: Agency | None = None
) -> Person:
    first, _, last = email.partition("@")[0].partition(".")
    person = Person.objects.create_user(
        username=email,
        email=email,
        password="correct horse battery staple",
        first_name=first.title(),
        last_name=(last or "Person").title(),
    )
    membership = Membership.objects.create(person=person, partnership=partnership, agency=agency)
    MembershipRole.objects.bulk_create(MembershipRole(membership=membership, role=r) for r in roles)
    return person


def make_cast() -> Cast:
    partnership = Partnership.objects.create(
        name="Southampton Safeguarding Children Partnership",
        slug="southampton",
        region=Region.SOUTH_EAST,
    )
    other = Partnership.objects.create(
        name="Portsmouth Safeguarding Children Partnership",
        slug="portsmouth",
        region=Region.SOUTH_EAST,
    )
    police = Agency.objects.create(
        name="Hampshire Constabulary",
        short_name="Police",
        sector=Sector.POLICE,
    )
    police.partnerships.add(partnership, other, through_defaults={"is_statutory_partner": True})
    health = Agency.objects.create(
        name="University Hospital Southampton", short_name="UHS", sector=Sector.HEALTH
    )
    health.partnerships.add(partnership)
    agency_of = {"agency_lead": police, "subgroup_member": health, "trainer": health}
    people = {
        name: add_person(
            partnership,
            f"{name.replace('_', '.')}@example.org",
            Role(name),
            agency=agency_of.get(name),
        )
        for name in PERSONAS
    }
    other_subgroup_member = add_person(
        partnership, "other.subgroup@example.org", Role.SUBGROUP_MEMBER, agency=health
    )
    outsider = add_person(other, "pat.outsider@example.org", Role.BUSINESS_UNIT, agency=police)
    return Cast(
        partnership=partnership,
        other_partnership=other,
        police=police,
        health=health,
        other_subgroup_member=other_subgroup_member,
        outsider=outsider,
        **people,
    )


def authenticator_for(person: Person) -> TOTPDevice:
    """The person's confirmed authenticator, made for the test if they have none."""
    device = TOTPDevice.objects.filter(user=person, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=person, name="Test app", confirmed=True)


def mark_second_factor_given(client: Client, person: Person) -> None:
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(person).persistent_id
    session.save()


class SecondFactorGiven(Client):
    """For a test client: `force_login` and `login` also give the second factor."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        mark_second_factor_given(self, user)

    def login(self, **credentials):
        # Lockout needs the request to count against; Django's own `login` passes none.
        user = authenticate(HttpRequest(), **credentials)
        if user is None:
            return False
        self.force_login(user)
        return True


class SignedInClient(SecondFactorGiven):
    pass


class SignedInAPIClient(SecondFactorGiven, APIClient):
    pass


# Permission-matrix expectations. Each app writes, by hand, what every persona gets from
# each of its URL patterns in `<app>/tests/url_expectations.py`:
#
#     EXPECTATIONS = {"core:agency-edit": Ask("get", {"slug": slug, "pk": health}, BU_FORM)}
#
# where each kwarg is a value or a function of the cast. Statuses: 200 shown, 302
# redirected (signed out: to sign in), 403 seen but not allowed, 404 not theirs.

EVERYONE = (*PERSONAS, "other_subgroup_member", "outsider", "anonymous")


@dataclass(frozen=True)
class Ask:
    method: str
    kwargs: dict
    expected: dict
    # A JSON body for the API's writes: a dict, or a function of the cast giving one.
    data: Any = None
    # More asks of the same pattern with other methods (an API address reads and writes).
    also: tuple["Ask", ...] = ()
    # A form page is also sent, filled in, by those refused it: the values its form cannot
    # be filled with unaided (a code in its format, a file), a function of the cast.
    form: Any = None


def like_subgroup_member(expected: dict[str, int]) -> dict[str, int]:
    """The second subgroup member gets what the first does, unless said otherwise: outside
    the records of a body, one subgroup member is like another."""
    return {"other_subgroup_member": expected["subgroup_member"], **expected}


def members_read(outsider: int = 404) -> dict[str, int]:
    """Every member of the partnership may look; others may not."""
    return like_subgroup_member(
        {**dict.fromkeys(PERSONAS, 200), "outsider": outsider, "anonymous": 302}
    )


def only(allowed: dict[str, int], others: int = 403) -> dict[str, int]:
    """Only the personas named; other members are refused, outsiders find nothing."""
    return like_subgroup_member(
        {**dict.fromkeys(PERSONAS, others), "outsider": 404, "anonymous": 302, **allowed}
    )


def seat_scoped(expected: dict[str, int]) -> dict[str, int]:
    """For the records of the one subgroup `subgroup_member` sits on: a member of another
    subgroup finds nothing there, as if it did not exist."""
    return {**expected, "other_subgroup_member": 404}


PUBLIC = dict.fromkeys(EVERYONE, 200)
BU_FORM = only({"business_unit": 200})
BU_POST = only({"business_unit": 302})


def slug(cast: Cast) -> str:
    return cast.partnership.slug


def api_read(outsider: int = 404) -> dict[str, int]:
    """Every member may read; outsiders find nothing; signed out, the API answers 401."""
    return {**members_read(outsider), "anonymous": 401}


def api_write(allowed: dict[str, int]) -> dict[str, int]:
    """Only the personas named may write; other members 403, outsiders 404, signed out 401."""
    return {**only(allowed), "anonymous": 401}
