"""Build the demo partnership through the same services a person would use."""

from django.db import transaction

from safeboard.core import second_factor, services
from safeboard.core.models import Agency, Partnership, Person, Role

from . import annual_report, governance, load_case_reviews, performance, seed


def demo_email(key: str) -> str:
    return f"{key}@{seed.DEMO_EMAIL_DOMAIN}"


def is_loaded() -> bool:
    return Partnership.objects.exists()


@transaction.atomic
def load() -> dict[str, Person]:
    """Create the four partnerships, their agencies, glossary and demo people."""
    founder = services.founder_create(
        email=demo_email("business-unit"),
        first_name="Bea",
        last_name="Manning",
        job_title="Board Manager",
        password=seed.DEMO_PASSWORD,
    )
    partnerships = {
        slug: services.partnership_create(
            actor=founder,
            name=name,
            slug=slug,
            region=seed.REGION,
            la_code=code,
            la_code_from_year=seed.FIRST_YEAR,
        )
        for slug, name, code in seed.PARTNERSHIPS
    }
    southampton = partnerships["southampton"]
    agencies = _agencies(founder, partnerships)
    services_of = _services(founder, southampton, agencies)
    for term, meaning, former in seed.GLOSSARY:
        services.glossary_term_create(
            actor=founder, partnership=southampton, term=term, meaning=meaning, former_term=former
        )
    people = {"business-unit": founder}
    services.membership_update(
        actor=founder,
        membership=founder.memberships.get(partnership=southampton),
        expected_version=1,
        agency=agencies["SCC"],
        roles=[Role.BUSINESS_UNIT],
    )
    for person in seed.PEOPLE:
        if person.key == "business-unit":
            continue
        membership = services.person_invite(
            actor=founder,
            partnership=partnerships[person.partnership],
            email=demo_email(person.key),
            first_name=person.first_name,
            last_name=person.last_name,
            job_title=person.job_title,
            agency=agencies[person.agency] if person.agency else None,
            service=services_of.get((person.agency, seed.SERVICE_OF.get(person.key))),
            roles=person.roles,
        )
        people[person.key] = services.invitation_accept(
            person=membership.person, password=seed.DEMO_PASSWORD
        )
    # The arrangement is made while the founder is still the business unit of all four.
    slug, name, purpose = seed.ARRANGEMENT
    arrangement = services.arrangement_create(
        actor=founder, name=name, slug=slug, purpose=purpose, partnerships=partnerships.values()
    )
    _hand_over(founder, partnerships, people)
    bodies = governance.load(
        actor=founder,
        partnership=southampton,
        arrangement=arrangement,
        agencies=agencies,
        people=people,
    )
    annual_report.load(founder, southampton)
    load_case_reviews.load(founder, southampton, agencies, group=bodies["scr"])
    performance.load(founder, southampton)
    for member in people.values():
        # Codes from `safeboard totp EMAIL`, since nobody scans a demo person's QR code.
        second_factor.authenticator_preset(actor=founder, person=member)
    return people


def _agencies(founder: Person, partnerships: dict[str, Partnership]) -> dict[str, Agency]:
    made = {}
    for name, short, sector, statutory, served in seed.AGENCIES:
        first, *others = served
        agency = services.agency_create(
            actor=founder,
            partnership=partnerships[first],
            name=name,
            short_name=short,
            sector=sector,
            is_statutory_partner=statutory,
        )
        for slug in others:
            services.agency_join(
                actor=founder,
                partnership=partnerships[slug],
                agency=agency,
                is_statutory_partner=statutory,
            )
        made[short or name] = agency
    return made


def _services(founder: Person, partnership: Partnership, agencies: dict[str, Agency]):
    """The services whose Section 11 returns the seed lists, by (agency, service name)."""
    return {
        (short, name): services.agency_service_create(
            actor=founder, partnership=partnership, agency=agencies[short], name=name
        )
        for short, name in seed.SERVICES
    }


def _hand_over(founder: Person, partnerships: dict[str, Partnership], people) -> None:
    """The founder set up all four partnerships; each other partnership's own business unit
    then ends the founder's membership there, so the founder belongs to Southampton only."""
    for person in seed.PEOPLE:
        if person.partnership != "southampton" and Role.BUSINESS_UNIT in person.roles:
            services.membership_deactivate(
                actor=people[person.key],
                membership=founder.memberships.get(partnership=partnerships[person.partnership]),
            )
