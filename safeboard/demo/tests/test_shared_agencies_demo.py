"""On the demo: the agencies shared by the four partnerships, and the council's services."""

import pytest
from django.urls import reverse

from safeboard.core.models import Agency, AuditEvent, Membership, Partnership
from safeboard.demo import seed


@pytest.fixture
def demo(demo_people):
    return demo_people


def test_the_pan_hampshire_agencies_serve_all_four_partnerships(demo):
    shared = {
        a.name
        for a in Agency.objects.all()
        if set(a.partnerships.values_list("slug", flat=True)) == set(seed.ALL_FOUR)
    }
    assert "Hampshire Constabulary" in shared
    assert shared == {name for name, _, _, _, served in seed.AGENCIES if served == seed.ALL_FOUR}


def test_portsmouth_renaming_the_police_is_warned_of_and_written_into_four_trails(demo, client):
    police = Agency.objects.get(name="Hampshire Constabulary")
    client.force_login(demo["portsmouth"])
    address = reverse("core:agency-edit", kwargs={"slug": "portsmouth", "pk": police.pk})
    form = {"version": police.version, "name": "Hampshire and IOW Constabulary"}
    form |= {"short_name": police.short_name, "sector": police.sector}
    warned = client.post(address, form)
    assert warned.status_code == 200
    page = warned.content.decode()
    for partnership in Partnership.objects.all():
        assert partnership.name in page
    assert Agency.objects.get(pk=police.pk).name == "Hampshire Constabulary"
    assert client.post(address, {**form, "confirm_shared": "on"}).status_code == 302
    events = AuditEvent.objects.filter(action="agency.update", target_id=str(police.pk))
    assert sorted(e.partnership_id for e in events) == sorted(
        Partnership.objects.values_list("pk", flat=True)
    )
    assert all("Portsmouth" in e.target_label for e in events)


def test_portsmouth_unticking_statutory_partner_leaves_southampton_unchanged(demo, client):
    police = Agency.objects.get(name="Hampshire Constabulary")
    client.force_login(demo["portsmouth"])
    terms = police.in_partnerships.get(partnership__slug="portsmouth")
    address = reverse("core:agency-terms-edit", kwargs={"slug": "portsmouth", "pk": police.pk})
    assert client.post(address, {"version": terms.version, "is_active": "on"}).status_code == 302
    assert not police.in_partnerships.get(partnership__slug="portsmouth").is_statutory_partner
    assert police.in_partnerships.get(partnership__slug="southampton").is_statutory_partner
    events = AuditEvent.objects.filter(action="agency.terms.update")
    assert [e.partnership_id for e in events] == [terms.partnership_id]


def test_the_councils_services_are_loaded_and_the_principal_social_worker_is_in_one(demo):
    council = Agency.objects.get(short_name="SCC")
    assert sorted(council.services.values_list("name", flat=True)) == sorted(
        name for short, name in seed.SERVICES if short == "SCC"
    )
    assert len(seed.SERVICES) == 5
    worker = Membership.objects.get(person=demo["case-review-member"])
    assert worker.service.name == "Children's Services"
    assert worker.service.agency == council
