import pytest
from django.http import Http404

from safeboard.core import selectors
from safeboard.core.tests.factories import AgencyFactory


def test_people_see_only_their_own_partnerships(cast):
    assert list(selectors.partnership_list(user=cast.viewer)) == [cast.partnership]
    with pytest.raises(Http404):
        selectors.partnership_get(user=cast.viewer, slug="portsmouth")


def test_a_deactivated_person_sees_nothing(cast):
    cast.viewer.is_active = False
    cast.viewer.save()
    assert list(selectors.partnership_list(user=cast.viewer)) == []


def test_agencies_are_those_serving_the_partnership(cast):
    AgencyFactory(serves=[cast.other_partnership], name="Portsmouth City Council")
    names = set(
        selectors.agency_list(user=cast.viewer, partnership=cast.partnership).values_list(
            "name", flat=True
        )
    )
    assert names == {"Hampshire Constabulary", "University Hospital Southampton"}


def test_another_partnerships_agency_is_not_found(cast):
    theirs = AgencyFactory(serves=[cast.other_partnership])
    with pytest.raises(Http404):
        selectors.agency_get(user=cast.business_unit, partnership=cast.partnership, pk=theirs.pk)


def test_an_outsider_gets_nothing_even_when_handed_the_partnership(cast):
    assert selectors.agency_list(user=cast.outsider, partnership=cast.partnership).count() == 0
    assert selectors.membership_list(user=cast.outsider, partnership=cast.partnership).count() == 0
    assert selectors.glossary_list(user=cast.outsider, partnership=cast.partnership).count() == 0


def test_people_search_matches_name_email_and_job(cast):
    found = selectors.membership_list(
        user=cast.viewer, partnership=cast.partnership, search="agency.lead"
    )
    assert [m.person for m in found] == [cast.agency_lead]


def test_a_persons_other_memberships_show_only_shared_partnerships(cast):
    memberships = selectors.person_memberships(user=cast.viewer, person=cast.outsider)
    assert list(memberships) == []
