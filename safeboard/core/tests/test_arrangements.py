"""An arrangement is formed by agreement: one partnership's business unit proposes it, and
it is made only when the business unit of every partnership it names has agreed. Only
those business units ever see the proposal."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeboard.core import arrangements
from safeboard.core.access import scope_for
from safeboard.core.models import (
    Arrangement,
    ArrangementProposal,
    ArrangementProposalStatus,
    AuditEvent,
    Partnership,
    Region,
    Role,
)
from safeboard.core.testing import PERSONAS, SignedInClient, add_person
from safeboard.core.tests.audit_failure import audit_write_fails, database_rows


@pytest.fixture
def wight(cast):
    """A third partnership, with a business unit of its own."""
    partnership = Partnership.objects.create(
        name="Isle of Wight Safeguarding Children Partnership",
        slug="isle-of-wight",
        region=Region.SOUTH_EAST,
    )
    add_person(partnership, "wren.wight@example.org", Role.BUSINESS_UNIT)
    return partnership


def wight_bu(wight):
    return wight.memberships.get().person


def propose(cast, *others, name="Solent partnerships", short_name="Solent", purpose=""):
    return arrangements.arrangement_propose(
        actor=cast.business_unit,
        partnership=cast.partnership,
        name=name,
        short_name=short_name,
        purpose=purpose,
        others=others,
    )


def trail(action, partnership) -> int:
    return AuditEvent.objects.filter(action=action, partnership_id=partnership.pk).count()


def signed_in(person) -> SignedInClient:
    client = SignedInClient()
    client.force_login(person)
    return client


# Services


def test_the_arrangement_is_made_when_every_named_partnership_has_agreed(
    cast, wight, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose(cast, cast.other_partnership, wight, purpose="One Section 11 process")
    members = [cast.partnership, cast.other_partnership, wight]
    assert sorted(m.to for m in mail.outbox) == [
        ["pat.outsider@example.org"],
        ["wren.wight@example.org"],
    ]
    for member in members:
        assert trail("arrangement.proposal.propose", member) == 1
    arrangements.arrangement_proposal_agree(
        actor=cast.outsider, proposal=proposal, partnership=cast.other_partnership
    )
    assert not Arrangement.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == ArrangementProposalStatus.WAITING
    arrangements.arrangement_proposal_agree(
        actor=wight_bu(wight), proposal=proposal, partnership=wight
    )
    made = Arrangement.objects.get()
    assert (made.name, made.short_name, made.slug, made.purpose) == (
        "Solent partnerships",
        "Solent",
        "solent",
        "One Section 11 process",
    )
    assert set(made.partnerships.all()) == set(members)
    proposal.refresh_from_db()
    assert proposal.status == ArrangementProposalStatus.MADE
    assert proposal.arrangement == made and proposal.closed_at is not None
    for member in members:
        assert trail("arrangement.proposal.agree", member) == 2
        assert trail("arrangement.create", member) == 1


def test_a_decline_ends_the_proposal_and_nothing_is_made(cast, wight):
    proposal = propose(cast, cast.other_partnership, wight)
    arrangements.arrangement_proposal_decline(
        actor=cast.outsider, proposal=proposal, partnership=cast.other_partnership
    )
    proposal.refresh_from_db()
    assert proposal.status == ArrangementProposalStatus.DECLINED
    for member in (cast.partnership, cast.other_partnership, wight):
        assert trail("arrangement.proposal.decline", member) == 1
    with pytest.raises(ValidationError, match="already been declined"):
        arrangements.arrangement_proposal_agree(
            actor=wight_bu(wight), proposal=proposal, partnership=wight
        )
    assert not Arrangement.objects.exists()


def test_the_proposer_withdraws_and_the_others_cannot(cast, wight):
    proposal = propose(cast, cast.other_partnership, wight)
    with pytest.raises(ValidationError, match="Only Southampton"):
        arrangements.arrangement_proposal_withdraw(
            actor=cast.outsider, proposal=proposal, partnership=cast.other_partnership
        )
    with pytest.raises(ValidationError, match="withdraw it instead"):
        arrangements.arrangement_proposal_decline(
            actor=cast.business_unit, proposal=proposal, partnership=cast.partnership
        )
    arrangements.arrangement_proposal_withdraw(
        actor=cast.business_unit, proposal=proposal, partnership=cast.partnership
    )
    proposal.refresh_from_db()
    assert proposal.status == ArrangementProposalStatus.WITHDRAWN
    assert trail("arrangement.proposal.withdraw", wight) == 1
    # Withdrawn, its name is free again.
    propose(cast, wight)


def test_a_partnership_agrees_once_and_only_for_itself(cast, wight):
    proposal = propose(cast, cast.other_partnership, wight)
    with pytest.raises(ValidationError, match="already agreed"):
        arrangements.arrangement_proposal_agree(
            actor=cast.business_unit, proposal=proposal, partnership=cast.partnership
        )
    # Portsmouth's business unit cannot agree on the Isle of Wight's behalf.
    with pytest.raises(PermissionDenied):
        arrangements.arrangement_proposal_agree(
            actor=cast.outsider, proposal=proposal, partnership=wight
        )
    assert proposal.agreements.count() == 1


def test_a_partnership_not_named_can_neither_agree_nor_decline(cast, wight):
    proposal = propose(cast, wight)
    for decide in (
        arrangements.arrangement_proposal_agree,
        arrangements.arrangement_proposal_decline,
    ):
        with pytest.raises(PermissionDenied):
            decide(actor=cast.outsider, proposal=proposal, partnership=cast.other_partnership)
    assert proposal.agreements.count() == 1


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "business_unit"])
def test_only_the_business_unit_proposes_or_decides(cast, wight, persona):
    person = getattr(cast, persona)
    with pytest.raises(PermissionDenied):
        arrangements.arrangement_propose(
            actor=person, partnership=cast.partnership, name="Solent", others=[wight]
        )
    proposal = propose(cast, wight)
    for decide in (
        arrangements.arrangement_proposal_agree,
        arrangements.arrangement_proposal_decline,
        arrangements.arrangement_proposal_withdraw,
    ):
        with pytest.raises(PermissionDenied):
            decide(actor=person, proposal=proposal, partnership=cast.partnership)
    assert not AuditEvent.objects.filter(actor_id=person.pk).exists()


def test_a_proposal_names_at_least_one_other_partnership(cast):
    with pytest.raises(ValidationError) as refused:
        propose(cast)
    assert "at least one other partnership" in str(refused.value.message_dict["partnerships"])
    with pytest.raises(ValidationError):
        propose(cast, cast.partnership)
    assert not ArrangementProposal.objects.exists()


def test_a_name_or_short_name_in_use_is_refused(cast, wight):
    proposal = propose(cast, wight)
    with pytest.raises(ValidationError) as refused:
        propose(cast, cast.other_partnership, name="solent PARTNERSHIPS", short_name="Solent")
    assert "already been proposed" in refused.value.message_dict["name"][0]
    assert "different short name" in refused.value.message_dict["short_name"][0]
    arrangements.arrangement_proposal_agree(
        actor=wight_bu(wight), proposal=proposal, partnership=wight
    )
    with pytest.raises(ValidationError) as refused:
        propose(cast, cast.other_partnership)
    assert "already exists" in refused.value.message_dict["name"][0]
    assert ArrangementProposal.objects.count() == 1


def test_an_inactive_partnership_cannot_be_asked(cast, wight):
    Partnership.objects.filter(pk=wight.pk).update(is_active=False)
    wight.refresh_from_db()
    assert wight not in arrangements.partnerships_to_ask(cast.partnership)
    with pytest.raises(ValidationError, match="active"):
        propose(cast, wight)


def test_an_agreement_whose_audit_write_fails_makes_nothing(cast, wight, monkeypatch):
    proposal = propose(cast, wight)
    before = database_rows()
    audit_write_fails(monkeypatch)
    with pytest.raises(DatabaseError):
        arrangements.arrangement_proposal_agree(
            actor=wight_bu(wight), proposal=proposal, partnership=wight
        )
    assert database_rows() == before


def test_the_waiting_proposals_are_read_in_the_same_queries_however_many(
    cast, wight, django_assert_num_queries
):
    propose(cast, wight)
    scope_for(cast.business_unit)  # read once a request, before
    with CaptureQueriesContext(connection) as one:
        arrangements.arrangement_proposals_waiting(
            user=cast.business_unit, partnership=cast.partnership
        )
    assert len(one) >= 3  # the proposals, their partnerships and their agreements
    for number in range(3):
        propose(cast, wight, cast.other_partnership, name=f"Joint work {number}", short_name="")
    with django_assert_num_queries(len(one)):
        waiting = arrangements.arrangement_proposals_waiting(
            user=cast.business_unit, partnership=cast.partnership
        )
    assert len(waiting) == 4


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P", "S")),
        min_size=1,
        max_size=200,
    )
)
def test_any_name_gives_a_usable_web_address_or_a_clear_refusal(cast, name):
    with transaction.atomic():
        try:
            proposal = propose(cast, cast.other_partnership, name=name, short_name="")
        except ValidationError as refused:
            assert set(refused.message_dict) <= {"name", "short_name"}
            assert not ArrangementProposal.objects.exists()
        else:
            assert proposal.slug == slugify(proposal.slug) and 0 < len(proposal.slug) <= 60
            assert proposal.name == name.strip()
        transaction.set_rollback(True)


# Pages


def proposal_url(partnership, proposal, action=""):
    name = f"core:arrangement-proposal-{action}" if action else "core:arrangement-proposal"
    return reverse(name, kwargs={"slug": partnership.slug, "pk": proposal.pk})


def list_url(partnership):
    return reverse("governance:arrangements", kwargs={"slug": partnership.slug})


def test_a_business_unit_proposes_through_the_form_and_is_told_what_is_wrong(cast, wight):
    client = signed_in(cast.business_unit)
    url = reverse("core:arrangement-propose", kwargs={"slug": cast.partnership.slug})
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Isle of Wight Safeguarding Children Partnership" in body
    assert f'value="{cast.partnership.pk}"' not in body  # their own agrees by proposing
    refused = client.post(url, {"name": "Solent partnerships", "short_name": "Solent"})
    assert refused.status_code == 200
    assert "Choose the partnerships to form it with" in refused.content.decode()
    assert not ArrangementProposal.objects.exists()
    answer = client.post(
        url, {"name": "Solent partnerships", "short_name": "Solent", "partnerships": [wight.pk]}
    )
    proposal = ArrangementProposal.objects.get()
    assert answer.status_code == 302 and answer["Location"] == proposal_url(
        cast.partnership, proposal
    )
    again = client.post(
        url, {"name": "Solent partnerships", "short_name": "Other", "partnerships": [wight.pk]}
    )
    assert "already been proposed" in again.content.decode()


def test_the_named_business_units_see_the_proposal_and_nobody_else(cast, wight):
    proposal = propose(cast, wight)
    assert (
        signed_in(cast.business_unit).get(proposal_url(cast.partnership, proposal)).status_code
        == 200
    )
    page = signed_in(wight_bu(wight)).get(list_url(wight)).content.decode()
    assert "Waiting for your agreement" in page and "Solent partnerships" in page
    mine = signed_in(cast.business_unit).get(list_url(cast.partnership)).content.decode()
    assert "Waiting for other partnerships" in mine and "Waiting for your agreement" not in mine
    for persona in PERSONAS:
        if persona == "business_unit":
            continue
        client = signed_in(getattr(cast, persona))
        assert client.get(proposal_url(cast.partnership, proposal)).status_code == 404
        assert "Solent partnerships" not in client.get(list_url(cast.partnership)).content.decode()
    # Portsmouth is not named: its business unit finds nothing, from either partnership.
    outsider = signed_in(cast.outsider)
    assert outsider.get(proposal_url(cast.other_partnership, proposal)).status_code == 404
    assert outsider.get(proposal_url(cast.partnership, proposal)).status_code == 404
    for action in ("agree", "decline"):
        answer = outsider.post(proposal_url(cast.other_partnership, proposal, action))
        assert answer.status_code == 404
    assert "Solent" not in outsider.get(list_url(cast.other_partnership)).content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ArrangementProposalStatus.WAITING


def test_agreeing_on_the_page_makes_the_arrangement_both_partnerships_see(cast, wight):
    proposal = propose(cast, wight)
    client = signed_in(wight_bu(wight))
    answer = client.post(proposal_url(wight, proposal, "agree"), follow=True)
    assert "has agreed to Solent partnerships" in answer.content.decode()
    assert "Go to Solent partnerships" in answer.content.decode()
    for person, partnership in (
        (cast.business_unit, cast.partnership),
        (cast.viewer, cast.partnership),
        (wight_bu(wight), wight),
    ):
        page = signed_in(person).get(list_url(partnership)).content.decode()
        assert "Solent partnerships" in page and "Waiting for" not in page
    # A second go is refused with a reason, and changes nothing.
    again = client.post(proposal_url(wight, proposal, "decline"), follow=True)
    assert "already been made" in again.content.decode()
    assert Arrangement.objects.count() == 1


def test_the_proposer_withdraws_on_the_page(cast, wight):
    proposal = propose(cast, wight)
    client = signed_in(cast.business_unit)
    page = client.get(proposal_url(cast.partnership, proposal)).content.decode()
    assert "Withdraw" in page and ">Agree<" not in page
    answer = client.post(proposal_url(cast.partnership, proposal, "withdraw"), follow=True)
    assert "has been withdrawn" in answer.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ArrangementProposalStatus.WITHDRAWN
