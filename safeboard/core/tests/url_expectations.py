"""Who gets what from each of the core module's pages (see `core.testing`)."""

from django.utils import timezone

from safeboard.core.models import (
    AgencyService,
    ArrangementAgreement,
    ArrangementProposal,
    GlossaryTerm,
    IdentityChange,
    IdentityChangeKind,
    Partnership,
    Region,
)
from safeboard.core.testing import (
    BU_FORM,
    BU_POST,
    EVERYONE,
    PUBLIC,
    Ask,
    members_read,
    only,
    slug,
)
from safeboard.core.tests import api_expectations
from safeboard.core.tests.factories import AgencyFactory


def health(cast):
    return cast.health.pk


def health_service(cast):
    return AgencyService.objects.create(agency=cast.health, name="Maternity").pk


def viewer(cast):
    return cast.viewer.memberships.get().pk


def term(cast):
    return GlossaryTerm.objects.create(partnership=cast.partnership, term="MASH", meaning="Hub").pk


def waiting_change(cast):
    """A change to the viewer's details proposed for agreement."""
    change = IdentityChange.objects.create(
        person=cast.viewer,
        kind=IdentityChangeKind.DETAILS,
        proposed_by=cast.business_unit,
        proposed_in=cast.partnership,
        proposed_at=timezone.now(),
        person_version=cast.viewer.version,
        first_name="Vi",
        last_name=cast.viewer.last_name,
        email=cast.viewer.email,
    )
    return change.pk


def waiting_proposal(cast):
    """An arrangement the business unit proposed with a third partnership: not the
    outsider's, and no other persona's to see."""
    third = Partnership.objects.create(
        name="Isle of Wight Safeguarding Children Partnership",
        slug="isle-of-wight",
        region=Region.SOUTH_EAST,
    )
    proposal = ArrangementProposal.objects.create(
        name="Solent partnerships",
        slug="solent",
        proposed_by=cast.business_unit,
        proposed_in=cast.partnership,
        proposed_at=timezone.now(),
    )
    proposal.partnerships.add(cast.partnership, third)
    ArrangementAgreement.objects.create(
        proposal=proposal,
        partnership=cast.partnership,
        agreed_by=cast.business_unit,
        agreed_at=proposal.proposed_at,
    )
    return proposal.pk


# Only the business unit of a partnership a proposal names finds it; to anyone else it is
# not there.
PROPOSAL_READ = only({"business_unit": 200}, others=404)
PROPOSAL_POST = only({"business_unit": 302}, others=404)


def agency_elsewhere(cast):
    """An agency the partnership may join: one serving only another partnership."""
    agency = AgencyFactory()
    agency.partnerships.add(cast.other_partnership)
    return {"agency": str(agency.pk)}


SIGNED_IN = {**dict.fromkeys(EVERYONE, 200), "anonymous": 302}

EXPECTATIONS = {
    "core:home": Ask("get", {}, dict.fromkeys(EVERYONE, 302)),
    "core:healthz": Ask("get", {}, PUBLIC),
    "core:accessibility": Ask("get", {}, PUBLIC),
    "core:privacy": Ask("get", {}, PUBLIC),
    "core:sign-in": Ask("get", {}, {**dict.fromkeys(EVERYONE, 302), "anonymous": 200}),
    "core:sign-out": Ask("post", {}, dict.fromkeys(EVERYONE, 302)),
    # Everyone in the matrix has given their second factor already, so both steps send
    # them on; the steps themselves are tested in test_second_factor.
    "core:second-factor": Ask("get", {}, dict.fromkeys(EVERYONE, 302)),
    "core:second-factor-set-up": Ask("get", {}, dict.fromkeys(EVERYONE, 302)),
    "core:password-reset": Ask("get", {}, PUBLIC),
    "core:password-reset-sent": Ask("get", {}, PUBLIC),
    "core:password-reset-done": Ask("get", {}, PUBLIC),
    "core:password-reset-confirm": Ask("get", {"uidb64": "MQ", "token": "set-password"}, PUBLIC),
    "core:invitation-accept": Ask(
        "get", {"uidb64": "MQ", "token": "x-y"}, dict.fromkeys(EVERYONE, 404)
    ),
    "core:partnership-list": Ask("get", {}, {**dict.fromkeys(EVERYONE, 200), "anonymous": 302}),
    # Business units set up partnerships; the outsider is one, of another partnership.
    "core:partnership-create": Ask(
        "get",
        {},
        {**dict.fromkeys(EVERYONE, 403), "business_unit": 200, "outsider": 200, "anonymous": 302},
        form=lambda cast: {"la_code": "E06000046"},
    ),
    "core:dashboard": Ask("get", {"slug": slug}, members_read()),
    "core:partnership-settings": Ask("get", {"slug": slug}, members_read()),
    "core:partnership-edit": Ask("get", {"slug": slug}, BU_FORM),
    "core:la-code-add": Ask(
        "get", {"slug": slug}, BU_FORM, form=lambda cast: {"code": "E06000045"}
    ),
    "core:neighbours-set": Ask(
        "get", {"slug": slug}, BU_FORM, form=lambda cast: {"neighbours": "E06000044, Portsmouth"}
    ),
    "core:agency-list": Ask("get", {"slug": slug}, members_read()),
    "core:agency-create": Ask("get", {"slug": slug}, BU_FORM),
    "core:agency-join": Ask("get", {"slug": slug}, BU_FORM, form=agency_elsewhere),
    "core:agency-detail": Ask("get", {"slug": slug, "pk": health}, members_read()),
    "core:agency-edit": Ask("get", {"slug": slug, "pk": health}, BU_FORM),
    "core:agency-terms-edit": Ask("get", {"slug": slug, "pk": health}, BU_FORM),
    "core:agency-service-create": Ask("get", {"slug": slug, "pk": health}, BU_FORM),
    "core:agency-service-edit": Ask(
        "get", {"slug": slug, "pk": health, "service_pk": health_service}, BU_FORM
    ),
    "core:people": Ask("get", {"slug": slug}, members_read()),
    "core:person-invite": Ask(
        "get", {"slug": slug}, only({"business_unit": 200, "agency_lead": 200})
    ),
    "core:person-detail": Ask("get", {"slug": slug, "pk": viewer}, members_read()),
    "core:person-edit": Ask("get", {"slug": slug, "pk": viewer}, BU_FORM),
    "core:membership-edit": Ask("get", {"slug": slug, "pk": viewer}, BU_FORM),
    "core:membership-deactivate": Ask("post", {"slug": slug, "pk": viewer}, BU_POST),
    "core:membership-reactivate": Ask("post", {"slug": slug, "pk": viewer}, BU_POST),
    "core:invitation-resend": Ask("post", {"slug": slug, "pk": viewer}, BU_POST),
    "core:person-unlock": Ask("post", {"slug": slug, "pk": viewer}, BU_POST),
    "core:person-second-factor-reset": Ask("post", {"slug": slug, "pk": viewer}, BU_POST),
    "core:identity-change-approve": Ask(
        "post", {"slug": slug, "pk": viewer, "change_pk": waiting_change}, BU_POST
    ),
    "core:identity-change-decline": Ask(
        "post", {"slug": slug, "pk": viewer, "change_pk": waiting_change}, BU_POST
    ),
    "core:glossary": Ask("get", {"slug": slug}, members_read()),
    "core:arrangement-propose": Ask("get", {"slug": slug}, BU_FORM),
    "core:arrangement-proposal": Ask("get", {"slug": slug, "pk": waiting_proposal}, PROPOSAL_READ),
    "core:arrangement-proposal-agree": Ask(
        "post", {"slug": slug, "pk": waiting_proposal}, PROPOSAL_POST
    ),
    "core:arrangement-proposal-decline": Ask(
        "post", {"slug": slug, "pk": waiting_proposal}, PROPOSAL_POST
    ),
    "core:arrangement-proposal-withdraw": Ask(
        "post", {"slug": slug, "pk": waiting_proposal}, PROPOSAL_POST
    ),
    "core:account": Ask("get", {}, SIGNED_IN),
    # A change of one's own details is confirmed with one's password (every persona's).
    "core:account-details": Ask(
        "get", {}, SIGNED_IN, form=lambda cast: {"password": "correct horse battery staple"}
    ),
    "core:glossary-create": Ask("get", {"slug": slug}, BU_FORM),
    "core:glossary-edit": Ask("get", {"slug": slug, "pk": term}, BU_FORM),
    "core:glossary-delete": Ask("get", {"slug": slug, "pk": term}, BU_FORM),
    # Only the business unit reads the partnership's audit trail.
    "core:audit": Ask("get", {"slug": slug}, BU_FORM),
    **api_expectations.TOKEN_EXPECTATIONS,
    **api_expectations.EXPECTATIONS,
}
