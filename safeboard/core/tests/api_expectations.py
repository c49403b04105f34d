"""Who gets what from each address of the API (see `core.testing`). Signed out, the API
answers 401 rather than sending anyone to the sign-in page."""

from safeboard.core import services
from safeboard.core.models import Agency, GlossaryTerm, Membership, Person, Sector
from safeboard.core.testing import EVERYONE, PUBLIC, Ask, api_read, api_write, slug

BU_ONLY = api_write({"business_unit": 200})


def health(cast):
    return cast.health.pk


def viewer(cast):
    return cast.viewer.memberships.get().pk


def term(cast):
    return GlossaryTerm.objects.create(partnership=cast.partnership, term="MASH", meaning="Hub").pk


def invited(cast):
    """A person invited but not yet signed in (whose invitation can be sent again)."""
    person = Person.objects.create(username="new@example.org", email="new@example.org")
    person.set_unusable_password()
    person.save()
    return Membership.objects.create(person=person, partnership=cast.partnership).pk


def joining_agency(cast):
    agency = Agency.objects.create(name="Portsmouth City Council", sector=Sector.LOCAL_AUTHORITY)
    agency.partnerships.add(cast.other_partnership)
    return {"agency": agency.pk}


def police_invite(cast):
    return {
        "email": "new.officer@example.org",
        "first_name": "New",
        "last_name": "Officer",
        "agency": cast.police.pk,
        "roles": ["viewer"],
    }


TEN_NEIGHBOURS = {
    "neighbours": [{"code": f"E060000{n:02d}", "name": f"Neighbour {n}"} for n in range(10, 20)]
}

EXPECTATIONS = {
    "api:schema": Ask("get", {}, PUBLIC),
    "api:docs": Ask("get", {}, PUBLIC),
    # Everyone signed in lists their own partnerships, the outsider theirs.
    "api:partnerships": Ask("get", {}, {**api_read(), "outsider": 200}),
    "api:partnership-detail": Ask(
        "get",
        {"slug": slug},
        api_read(),
        also=(Ask("patch", {"slug": slug}, BU_ONLY, data={"version": 1, "name": "Southampton"}),),
    ),
    "api:agency-list": Ask(
        "get",
        {"slug": slug},
        api_read(),
        also=(
            Ask(
                "post",
                {"slug": slug},
                api_write({"business_unit": 201}),
                data={"name": "Solent NHS Trust", "sector": "health"},
            ),
        ),
    ),
    "api:agency-join": Ask("post", {"slug": slug}, BU_ONLY, data=joining_agency),
    "api:agency-detail": Ask(
        "get",
        {"slug": slug, "pk": health},
        api_read(),
        also=(
            Ask(
                "patch",
                {"slug": slug, "pk": health},
                BU_ONLY,
                data={"version": 1, "short_name": "UHS NHS"},
            ),
        ),
    ),
    "api:people": Ask(
        "get",
        {"slug": slug},
        api_read(),
        also=(
            # An agency lead invites people to their own agency.
            Ask(
                "post",
                {"slug": slug},
                api_write({"business_unit": 201, "agency_lead": 201}),
                data=police_invite,
            ),
        ),
    ),
    "api:person-detail": Ask(
        "get",
        {"slug": slug, "pk": viewer},
        api_read(),
        also=(
            Ask(
                "patch",
                {"slug": slug, "pk": viewer},
                BU_ONLY,
                data={"version": 1, "job_title": "Analyst"},
            ),
        ),
    ),
    "api:membership-update": Ask(
        "put",
        {"slug": slug, "pk": viewer},
        BU_ONLY,
        data={"version": 1, "agency": None, "roles": ["viewer", "trainer"]},
    ),
    "api:membership-deactivate": Ask("post", {"slug": slug, "pk": viewer}, BU_ONLY),
    "api:membership-reactivate": Ask("post", {"slug": slug, "pk": viewer}, BU_ONLY),
    "api:invitation-resend": Ask("post", {"slug": slug, "pk": invited}, BU_ONLY),
    "api:glossary": Ask(
        "get",
        {"slug": slug},
        api_read(),
        also=(
            Ask(
                "post",
                {"slug": slug},
                api_write({"business_unit": 201}),
                data={"term": "CSE", "meaning": "Child sexual exploitation"},
            ),
        ),
    ),
    "api:glossary-term": Ask(
        "get",
        {"slug": slug, "pk": term},
        api_read(),
        also=(
            Ask(
                "patch",
                {"slug": slug, "pk": term},
                BU_ONLY,
                data={"version": 1, "meaning": "Multi-agency safeguarding hub"},
            ),
            Ask("delete", {"slug": slug, "pk": term}, api_write({"business_unit": 204})),
        ),
    ),
    "api:la-codes": Ask(
        "get",
        {"slug": slug},
        api_read(),
        also=(
            Ask(
                "post",
                {"slug": slug},
                api_write({"business_unit": 201}),
                data={"from_year": 2019, "code": "E06000045"},
            ),
        ),
    ),
    "api:statistical-neighbours": Ask("get", {"slug": slug}, api_read()),
    "api:statistical-neighbours-year": Ask(
        "get",
        {"slug": slug, "year": 2017},
        api_read(),
        also=(Ask("put", {"slug": slug, "year": 2017}, BU_ONLY, data=TEN_NEIGHBOURS),),
    ),
}


def business_units_token(cast):
    token, _ = services.api_token_create(actor=cast.business_unit, name="Imports")
    return token.pk


# Pages about one's own API tokens: everyone signed in has them; nobody sees another's.
TOKEN_EXPECTATIONS = {
    "core:api-tokens": Ask("get", {}, {**dict.fromkeys(EVERYONE, 200), "anonymous": 302}),
    "core:api-token-revoke": Ask(
        "get",
        {"pk": business_units_token},
        {**dict.fromkeys(EVERYONE, 404), "business_unit": 200, "anonymous": 302},
        also=(
            Ask(
                "post",
                {"pk": business_units_token},
                {**dict.fromkeys(EVERYONE, 404), "business_unit": 302, "anonymous": 302},
            ),
        ),
    ),
}
