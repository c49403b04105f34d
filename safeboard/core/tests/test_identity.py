"""Who a person is (name, email, sign-in, authenticator, tokens) belongs to every partnership
they are in: no one partnership may change it alone, and an inactive membership opens
nothing."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from safeboard.core import identity, second_factor, services
from safeboard.core.models import (
    ApiToken,
    AuditEvent,
    IdentityChange,
    IdentityChangeKind,
    IdentityChangeStatus,
    Membership,
    MembershipRole,
    Person,
    Role,
)
from safeboard.core.testing import PERSONAS, SignedInClient, add_person, authenticator_for
from safeboard.core.versioning import StaleEdit

NEW_EMAIL = "attacker@example.net"


def join(person, partnership, *roles, agency=None, active=True) -> Membership:
    membership = Membership.objects.create(
        person=person, partnership=partnership, agency=agency, is_active=active
    )
    MembershipRole.objects.bulk_create(MembershipRole(membership=membership, role=r) for r in roles)
    return membership


def token_for(person) -> ApiToken:
    token, _secret = services.api_token_create(actor=person, name="Exports")
    return token


@pytest.fixture
def takeover(cast):
    """Southampton's business unit once belonged to Portsmouth: that membership is inactive."""
    authenticator_for(cast.business_unit)
    return join(cast.business_unit, cast.other_partnership, Role.VIEWER, active=False)


@pytest.fixture
def shared(cast):
    """A police officer who is a viewer in Southampton and Portsmouth's business unit."""
    person = add_person(cast.partnership, "sam.shared@example.org", Role.VIEWER, agency=cast.police)
    join(person, cast.other_partnership, Role.BUSINESS_UNIT, agency=cast.police)
    authenticator_for(person)
    return person


def signed_in(person) -> SignedInClient:
    client = SignedInClient()
    client.force_login(person)
    return client


def unchanged(person) -> bool:
    fresh = Person.objects.get(pk=person.pk)
    return (
        fresh.email == person.email
        and fresh.username == person.username
        and fresh.first_name == person.first_name
        and fresh.version == person.version
        and second_factor.has_second_factor(fresh)
    )


# The takeover chain, step by step


def test_portsmouth_cannot_change_southamptons_business_unit_through_an_inactive_membership(
    cast, takeover
):
    api = signed_in(cast.outsider)
    answer = api.patch(
        f"/api/v1/partnerships/portsmouth/people/{takeover.pk}/",
        {"version": cast.business_unit.version, "email": NEW_EMAIL},
        content_type="application/json",
    )
    assert answer.status_code == 403
    assert "not an active member" in answer.json()["message"]
    assert unchanged(cast.business_unit)


def test_portsmouth_cannot_reset_the_authenticator_of_southamptons_business_unit(cast, takeover):
    page = signed_in(cast.outsider)
    answer = page.post(f"/p/portsmouth/people/{takeover.pk}/reset-authenticator/")
    assert answer.status_code == 403
    assert "not an active member" in answer.content.decode()
    assert unchanged(cast.business_unit)
    assert not IdentityChange.objects.exists()


def test_portsmouth_cannot_propose_a_change_through_an_inactive_membership(cast, takeover):
    page = signed_in(cast.outsider)
    edit = f"/p/portsmouth/people/{takeover.pk}/edit/"
    assert page.get(edit).status_code == 403
    answer = page.post(
        edit, {"version": 1, "first_name": "A", "last_name": "B", "email": NEW_EMAIL}
    )
    assert answer.status_code == 403
    assert unchanged(cast.business_unit) and not IdentityChange.objects.exists()


def test_an_agency_lead_cannot_change_a_person_of_their_agency_who_leads_elsewhere(cast, shared):
    api = signed_in(cast.agency_lead)
    membership = shared.memberships.get(partnership=cast.partnership)
    answer = api.patch(
        f"/api/v1/partnerships/southampton/people/{membership.pk}/",
        {"version": shared.version, "email": NEW_EMAIL},
        content_type="application/json",
    )
    assert answer.status_code == 403
    assert "Portsmouth" in answer.json()["message"]
    edit = f"/p/southampton/people/{membership.pk}/edit/"
    assert signed_in(cast.agency_lead).get(edit).status_code == 403
    assert unchanged(shared)


def test_an_agency_lead_cannot_change_who_anyone_is(cast):
    officer = add_person(
        cast.partnership, "new.officer@example.org", Role.VIEWER, agency=cast.police
    )
    membership = officer.memberships.get()
    with pytest.raises(identity.IdentityShared, match="business unit"):
        identity.person_update(
            actor=cast.agency_lead,
            membership=membership,
            expected_version=officer.version,
            first_name="New",
            last_name="Officer",
            job_title="",
            email=NEW_EMAIL,
        )
    assert Person.objects.get(pk=officer.pk).email == "new.officer@example.org"


ROUTES = ("page-edit", "api-patch", "page-reset-authenticator")


def _try(route, client, slug, membership, person):
    details = {"version": person.version, "first_name": "Taken", "last_name": "Over"}
    if route == "page-edit":
        return client.post(
            f"/p/{slug}/people/{membership.pk}/edit/", {**details, "email": NEW_EMAIL}
        )
    if route == "api-patch":
        return client.patch(
            f"/api/v1/partnerships/{slug}/people/{membership.pk}/",
            {"version": person.version, "email": NEW_EMAIL},
            content_type="application/json",
        )
    return client.post(f"/p/{slug}/people/{membership.pk}/reset-authenticator/")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("persona", [*PERSONAS, "outsider"])
def test_no_one_partnership_changes_a_shared_person_alone(cast, shared, persona, route):
    """Every persona, by every route to change identity or sign-in, from either partnership:
    the shared person stays as they were (at most, the business unit proposes a change)."""
    actor = cast.persona(persona)
    client = signed_in(actor)
    for membership in shared.memberships.all():
        answer = _try(route, client, membership.partnership.slug, membership, shared)
        assert answer.status_code in (302, 403, 404), answer.content[:300]
        assert unchanged(shared)
    proposed = IdentityChange.objects.filter(status=IdentityChangeStatus.WAITING)
    if persona in ("business_unit", "outsider") and route != "api-patch":
        assert proposed.get().proposed_by == actor
    else:
        assert not proposed.exists()


# The partnership that holds all of a person's memberships


def test_the_business_unit_changes_a_person_only_it_holds(cast, django_capture_on_commit_callbacks):
    membership = cast.viewer.memberships.get()
    with django_capture_on_commit_callbacks(execute=True):
        identity.person_update(
            actor=cast.business_unit,
            membership=membership,
            expected_version=1,
            first_name="Vivian",
            last_name="Viewer",
            job_title="Analyst",
            email="Vivian.Viewer@Example.org",
        )
    person = Person.objects.get(pk=cast.viewer.pk)
    assert person.email == person.username == "vivian.viewer@example.org"
    (told,) = mail.outbox
    assert told.to == ["viewer@example.org"] and "vivian.viewer@example.org" in told.body
    event = AuditEvent.objects.get(action="person.update")
    assert event.partnership_id == cast.partnership.pk
    assert set(event.changed_fields) == {"email", "first_name", "last_name", "job_title"}


def test_after_a_change_of_email_the_person_signs_in_with_the_new_one(cast):
    identity.person_update(
        actor=cast.business_unit,
        membership=cast.viewer.memberships.get(),
        expected_version=1,
        first_name="Viewer",
        last_name="Person",
        job_title="",
        email="new.address@example.org",
    )
    client = Client()
    answer = client.post(
        reverse("core:sign-in"),
        {"username": "new.address@example.org", "password": "correct horse battery staple"},
    )
    assert answer.status_code == 302 and answer.url.startswith(reverse("core:second-factor"))


# By agreement


def _propose_new_email(cast, shared, django_capture_on_commit_callbacks) -> IdentityChange:
    with django_capture_on_commit_callbacks(execute=True):
        return identity.identity_change_propose(
            actor=cast.business_unit,
            membership=shared.memberships.get(partnership=cast.partnership),
            kind=IdentityChangeKind.DETAILS,
            expected_version=shared.version,
            first_name="Sam",
            last_name="Shared",
            job_title="Inspector",
            email="sam.inspector@example.org",
        )


def test_a_change_to_a_shared_person_is_made_when_every_partnership_agrees(
    cast, shared, django_capture_on_commit_callbacks
):
    change = _propose_new_email(cast, shared, django_capture_on_commit_callbacks)
    assert unchanged(shared)
    # Portsmouth's business unit (Pat, and Sam themselves) are asked to agree.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "pat.outsider@example.org",
        "sam.shared@example.org",
    ]
    assert all("/p/portsmouth/people/" in m.body for m in mail.outbox)
    other_bu = cast.outsider
    with django_capture_on_commit_callbacks(execute=True):
        identity.identity_change_approve(
            actor=other_bu, change=change, partnership=cast.other_partnership
        )
    person = Person.objects.get(pk=shared.pk)
    assert person.email == person.username == "sam.inspector@example.org"
    assert IdentityChange.objects.get().status == IdentityChangeStatus.MADE
    trails = AuditEvent.objects.filter(action="person.update").values_list(
        "partnership_id", flat=True
    )
    assert sorted(trails) == sorted([cast.partnership.pk, cast.other_partnership.pk])


def test_a_declined_change_changes_nothing(cast, shared, django_capture_on_commit_callbacks):
    change = _propose_new_email(cast, shared, django_capture_on_commit_callbacks)
    identity.identity_change_decline(
        actor=shared, change=change, partnership=cast.other_partnership
    )
    assert unchanged(shared)
    with pytest.raises(ValidationError, match="already been declined"):
        identity.identity_change_approve(
            actor=shared, change=change, partnership=cast.other_partnership
        )


def test_a_partnership_agrees_once_and_only_for_itself(
    cast, shared, django_capture_on_commit_callbacks
):
    change = _propose_new_email(cast, shared, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="already agreed"):
        identity.identity_change_approve(
            actor=cast.business_unit, change=change, partnership=cast.partnership
        )
    with pytest.raises(PermissionDenied):
        identity.identity_change_approve(
            actor=cast.viewer, change=change, partnership=cast.partnership
        )
    assert unchanged(shared)


def test_a_change_overtaken_by_the_persons_own_is_not_made(
    cast, shared, django_capture_on_commit_callbacks
):
    change = _propose_new_email(cast, shared, django_capture_on_commit_callbacks)
    identity.own_details_update(
        person=shared,
        expected_version=shared.version,
        password="correct horse battery staple",
        first_name="Samantha",
        last_name="Shared",
        job_title="",
        email="sam.shared@example.org",
    )
    other_bu = cast.outsider
    with pytest.raises(ValidationError, match="changed after this was proposed"):
        identity.identity_change_approve(
            actor=other_bu, change=change, partnership=cast.other_partnership
        )
    person = Person.objects.get(pk=shared.pk)
    assert (person.first_name, person.email) == ("Samantha", "sam.shared@example.org")
    assert not change.approvals.filter(partnership=cast.other_partnership).exists()


def test_an_authenticator_reset_by_agreement_also_ends_their_tokens(
    cast, shared, django_capture_on_commit_callbacks
):
    token = token_for(shared)
    page = signed_in(cast.business_unit)
    membership = shared.memberships.get(partnership=cast.partnership)
    answer = page.post(f"/p/southampton/people/{membership.pk}/reset-authenticator/")
    assert answer.status_code == 302 and second_factor.has_second_factor(shared)
    change = IdentityChange.objects.get(kind=IdentityChangeKind.AUTHENTICATOR)
    other_bu = cast.outsider
    portsmouth = shared.memberships.get(partnership=cast.other_partnership)
    approve = f"/p/portsmouth/people/{portsmouth.pk}/identity-changes/{change.pk}/approve/"
    assert signed_in(other_bu).post(approve).status_code == 302
    assert not second_factor.has_second_factor(shared)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_shared_persons_page_shows_the_change_waiting_and_who_must_agree(
    cast, shared, django_capture_on_commit_callbacks
):
    _propose_new_email(cast, shared, django_capture_on_commit_callbacks)
    portsmouth = shared.memberships.get(partnership=cast.other_partnership)
    other_bu = cast.outsider
    page = signed_in(other_bu).get(f"/p/portsmouth/people/{portsmouth.pk}/").content.decode()
    assert "Waiting for agreement" in page
    assert "sam.inspector@example.org" in page
    assert re.search(r"Still to agree</dt>\s*<dd[^>]*>Portsmouth", page)
    assert f"/identity-changes/{IdentityChange.objects.get().pk}/approve/" in page


# The person themselves


def test_a_person_changes_their_own_details_with_their_password(cast, shared):
    client = signed_in(shared)
    form = {
        "version": shared.version,
        "first_name": "Sam",
        "last_name": "Shared",
        "job_title": "Sergeant",
        "email": "sam.sergeant@example.org",
        "password": "wrong",
    }
    refused = client.post("/account/details/", form)
    assert refused.status_code == 200 and "Your password is not right" in refused.content.decode()
    assert unchanged(shared)
    answer = client.post("/account/details/", {**form, "password": "correct horse battery staple"})
    assert answer.status_code == 302 and answer.url == "/account/"
    person = Person.objects.get(pk=shared.pk)
    assert (person.job_title, person.username) == ("Sergeant", "sam.sergeant@example.org")
    assert AuditEvent.objects.filter(action="person.update").count() == 2  # both partnerships


def test_the_account_page_lists_every_partnership_of_the_person(cast, shared):
    page = signed_in(shared).get("/account/").content.decode()
    assert cast.partnership.name in page and cast.other_partnership.name in page


# Tokens and links


def test_a_password_reset_ends_the_persons_api_tokens(
    cast, client, django_capture_on_commit_callbacks
):
    token = token_for(cast.viewer)
    plain = Client()
    with django_capture_on_commit_callbacks(execute=True):
        plain.post("/accounts/password-reset/", {"email": cast.viewer.email})
    link = re.search(r"http\S+/accounts/reset/\S+/", mail.outbox[0].body)[0]
    path = link.split("8000", 1)[1]
    form_page = plain.get(path)
    new = "a brand new passphrase for me"
    answer = plain.post(form_page.url, {"new_password1": new, "new_password2": new})
    assert answer.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="person.password.reset").exists()


def test_a_reset_link_is_built_from_the_configured_address_not_the_request(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SAFEBOARD_BASE_URL = "https://safeboard.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            "/accounts/password-reset/",
            {"email": cast.viewer.email},
            HTTP_HOST="evil.example.net",
        )
    (message,) = mail.outbox
    assert "https://safeboard.example.org/accounts/reset/" in message.body
    assert "evil" not in message.body


def test_an_authenticator_reset_ends_the_persons_api_tokens(cast):
    authenticator_for(cast.viewer)
    token = token_for(cast.viewer)
    identity.second_factor_reset(actor=cast.business_unit, membership=cast.viewer.memberships.get())
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_deactivated_membership_opens_no_unlock_or_invitation(cast, takeover):
    with pytest.raises(ValidationError, match="deactivated"):
        services.lockout_clear(actor=cast.outsider, membership=takeover)
    with pytest.raises(ValidationError, match="deactivated"):
        services.invitation_resend(actor=cast.outsider, membership=takeover)


def test_a_stale_proposal_is_refused(cast, shared):
    with pytest.raises(StaleEdit):
        identity.identity_change_propose(
            actor=cast.business_unit,
            membership=shared.memberships.get(partnership=cast.partnership),
            kind=IdentityChangeKind.AUTHENTICATOR,
            expected_version=shared.version + 1,
        )
