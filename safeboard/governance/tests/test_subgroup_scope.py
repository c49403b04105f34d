"""A subgroup member works the records of their own subgroups only: the bodies they hold a
seat on. Another body's meetings, agenda, papers, attendance and packs are a 404 to them,
as if they did not exist; everyone else keeps the partnership-wide sight they had."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeboard.core.models import Membership, MembershipRole, Role
from safeboard.governance import selectors, services
from safeboard.governance.models import AgendaItem, MeetingPack, MeetingStatus, SeatRole
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory, SeatFactory


@pytest.fixture
def subgroups(cast):
    """The M&E group, where `subgroup_member` sits; the MET group, where the other sits;
    and the main board, where neither does. Each has a held meeting with a paper and a
    built pack."""
    made = {}
    for key, name in [("me", "M&E group"), ("met", "MET group"), ("board", "Main board")]:
        body = BodyFactory(partnership=cast.partnership, name=name)
        meeting = MeetingFactory(body=body, date=datetime.date(2017, 9, 1))
        item = AgendaItem(meeting=meeting, number=1, title="Dataset", paper_name="data.pdf")
        item.paper.save("data.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        pack = MeetingPack(meeting=meeting, status="ready", requested_at=timezone.now())
        pack.file.save("pack.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        made[key] = {"body": body, "meeting": meeting, "item": item, "pack": pack}
    SeatFactory(body=made["me"]["body"], agency=cast.health, representative=cast.subgroup_member)
    SeatFactory(body=made["met"]["body"], agency=cast.health, deputy=cast.other_subgroup_member)
    SeatFactory(body=made["board"]["body"], agency=cast.police)
    return made


def url(name, **kwargs):
    return reverse(f"governance:{name}", kwargs={"slug": "southampton", **kwargs})


def record_urls(records) -> list[str]:
    body, meeting = records["body"], records["meeting"]
    return [
        url("body", pk=body.pk),
        url("meeting", pk=meeting.pk),
        url("paper", pk=meeting.pk, item_pk=records["item"].pk),
        url("pack-download", pk=meeting.pk, pack_pk=records["pack"].pk),
        url("body-edit", pk=body.pk),
        url("meeting-edit", pk=meeting.pk),
        url("attendance-record", pk=meeting.pk),
        url("agenda-add", pk=meeting.pk),
        url("seat-edit", pk=body.seats.first().pk),
    ]


def test_a_subgroup_member_sees_only_the_bodies_they_sit_on(cast, subgroups):
    seen = selectors.body_list(user=cast.subgroup_member, partnership=cast.partnership)
    assert list(seen) == [subgroups["me"]["body"]]
    deputy = selectors.body_list(user=cast.other_subgroup_member, partnership=cast.partnership)
    assert list(deputy) == [subgroups["met"]["body"]]  # a deputy's seat opens it too


@pytest.mark.parametrize("persona", ["business_unit", "chair", "scrutineer", "agency_lead"])
def test_other_roles_keep_sight_of_every_body(cast, subgroups, persona):
    seen = selectors.body_list(user=getattr(cast, persona), partnership=cast.partnership)
    assert {b.name for b in seen} == {"M&E group", "MET group", "Main board"}


def test_another_bodys_meetings_are_not_found_by_the_selectors(cast, subgroups):
    member, partnership = cast.subgroup_member, cast.partnership
    meetings = selectors.meeting_list(user=member, partnership=partnership)
    assert list(meetings) == [subgroups["me"]["meeting"]]
    with pytest.raises(Http404):
        selectors.meeting_get(
            user=member, partnership=partnership, pk=subgroups["met"]["meeting"].pk
        )
    with pytest.raises(Http404):
        selectors.body_get(user=member, partnership=partnership, pk=subgroups["board"]["body"].pk)
    other_seat = subgroups["met"]["body"].seats.get()  # the other subgroup member's
    with pytest.raises(Http404):
        selectors.seat_get(user=member, partnership=partnership, pk=other_seat.pk)
    rates = selectors.attendance_rates(
        user=member, partnership=partnership, body=subgroups["met"]["body"], year=2017
    )
    assert rates == []


def test_a_member_of_one_subgroup_gets_404_on_another_subgroups_records(client, cast, subgroups):
    client.force_login(cast.subgroup_member)
    for address in record_urls(subgroups["met"]) + record_urls(subgroups["board"]):
        assert client.get(address).status_code == 404, address
    answer = client.post(url("pack-request", pk=subgroups["met"]["meeting"].pk))
    assert answer.status_code == 404


def test_a_subgroup_member_reads_their_own_subgroups_records(client, cast, subgroups):
    own = subgroups["me"]
    client.force_login(cast.subgroup_member)
    for address in record_urls(own)[:4]:
        assert client.get(address).status_code == 200, address
    for address in record_urls(own)[4:]:
        assert client.get(address).status_code == 403, address  # a member reads, not runs
    listing = client.get(url("bodies")).content.decode()
    assert "M&amp;E group" in listing and "MET group" not in listing and "Main board" not in listing


def test_the_api_hides_another_subgroups_meeting(api_client, cast, subgroups):
    api_client.force_login(cast.subgroup_member)
    base = {"slug": "southampton"}
    meeting = subgroups["met"]["meeting"]
    answer = api_client.get(reverse("governance-api:meeting", kwargs={**base, "pk": meeting.pk}))
    assert answer.status_code == 404
    bodies = api_client.get(reverse("governance-api:bodies", kwargs=base)).json()
    assert [b["name"] for b in bodies["results"]] == ["M&E group"]


def test_the_chair_of_a_subgroup_runs_its_meetings_and_no_others(client, cast, subgroups):
    SeatFactory(
        body=subgroups["met"]["body"], representative=cast.subgroup_member, role=SeatRole.CHAIR
    )
    client.force_login(cast.subgroup_member)
    answer = client.post(
        url("meeting-create", pk=subgroups["met"]["body"].pk),
        {"date": "2017-12-01", "status": "planned"},
    )
    assert answer.status_code == 302
    assert subgroups["met"]["body"].meetings.count() == 2
    # A member's seat on the M&E group opens it to read, not to run.
    answer = client.post(
        url("meeting-create", pk=subgroups["me"]["body"].pk),
        {"date": "2017-12-01", "status": "planned"},
    )
    assert answer.status_code == 403
    assert subgroups["me"]["body"].meetings.count() == 1
    with pytest.raises(PermissionDenied):
        services.body_update(
            actor=cast.subgroup_member,
            body=subgroups["met"]["body"],
            expected_version=1,
            name="MET group",
            short_name="",
            parent=None,
            purpose="Taken over",
            chair=None,
            frequency="quarterly",
            terms_of_reference="",
            quorum_seats=0,
            quorum_agencies=[],
        )  # the body itself stays the business unit's


def test_a_seat_no_longer_in_use_opens_nothing(cast, subgroups):
    seat = subgroups["me"]["body"].seats.get()
    services.seat_update(
        actor=cast.business_unit,
        seat=seat,
        expected_version=seat.version,
        position=seat.position,
        agency=seat.agency,
        is_essential=True,
        representative=cast.subgroup_member,
        deputy=None,
        is_active=False,
    )
    assert not selectors.body_list(user=cast.subgroup_member, partnership=cast.partnership)


def test_a_subgroup_member_who_is_also_an_agency_lead_sees_every_body(cast, subgroups):
    membership = Membership.objects.get(person=cast.subgroup_member, partnership=cast.partnership)
    MembershipRole.objects.create(membership=membership, role=Role.AGENCY_LEAD)
    seen = selectors.body_list(user=cast.subgroup_member, partnership=cast.partnership)
    assert seen.count() == 3


def test_the_bodies_page_of_a_subgroup_member_takes_a_fixed_number_of_queries(
    client, cast, subgroups, django_assert_max_num_queries
):
    client.force_login(cast.subgroup_member)
    with django_assert_max_num_queries(9):
        client.get(url("bodies"))


# Seats on four bodies, each (body, held as representative or deputy, in use or not).
seat_plans = st.lists(
    st.tuples(st.integers(0, 3), st.sampled_from(["representative", "deputy"]), st.booleans()),
    max_size=6,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=seat_plans)
def test_a_subgroup_member_sees_exactly_the_bodies_of_their_seats_in_use(cast, plan):
    with transaction.atomic():
        bodies = [BodyFactory(partnership=cast.partnership) for _ in range(4)]
        for index, holding, active in plan:
            SeatFactory(body=bodies[index], is_active=active, **{holding: cast.subgroup_member})
        expected = {bodies[i].pk for i, _, active in plan if active}
        seen = selectors.body_list(user=cast.subgroup_member, partnership=cast.partnership)
        assert {b.pk for b in seen} == expected
        everyone = selectors.body_list(user=cast.viewer, partnership=cast.partnership)
        assert {b.pk for b in everyone} == {b.pk for b in bodies}
        meetings = [MeetingFactory(body=b, status=MeetingStatus.PLANNED) for b in bodies]
        shown = selectors.meeting_list(user=cast.subgroup_member, partnership=cast.partnership)
        assert {m.pk for m in shown} == {m.pk for m in meetings if m.body_id in expected}
        transaction.set_rollback(True)
