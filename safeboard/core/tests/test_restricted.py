"""The restricted-page mechanism, on a page made for the test."""

import pytest
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import path

from safeboard import urls as project_urls
from safeboard.core import restricted
from safeboard.core.models import AuditEvent, Role
from safeboard.core.rules import can_see_restricted
from safeboard.core.views.base import partnership_page


@partnership_page
@restricted.restricted_page
def secret_page(request, partnership):
    people = list(partnership.memberships.select_related("person").order_by("pk")[:2])
    restricted.shown(request, *people)
    return HttpResponse("SECRET " + ", ".join(str(m.person) for m in people))


urlpatterns = [path("p/<slug:slug>/secret/", secret_page), *project_urls.urlpatterns]


@pytest.fixture
def secret(client, cast):
    client.force_login(cast.case_review_member)
    return client


@pytest.mark.urls(__name__)
def test_one_access_event_names_every_record_shown(secret, cast):
    answer = secret.get("/p/southampton/secret/")
    assert answer.status_code == 200
    event = AuditEvent.objects.get(action="record.view")
    assert (event.actor_id, event.partnership_id) == (
        cast.case_review_member.pk,
        cast.partnership.pk,
    )
    assert event.records.count() == 2


@pytest.mark.urls(__name__)
def test_who_has_seen_a_record_is_answerable(secret, cast):
    secret.get("/p/southampton/secret/")
    first = cast.partnership.memberships.order_by("pk").first()
    assert [e.actor_name for e in restricted.accessed_by(first)] == [
        cast.case_review_member.get_full_name()
    ]


@pytest.mark.urls(__name__)
def test_when_the_access_cannot_be_recorded_the_data_is_not_shown(secret, monkeypatch):
    def fail(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(restricted, "record_access", fail)
    answer = secret.get("/p/southampton/secret/")
    assert answer.status_code == 503
    assert b"SECRET" not in answer.content
    assert b"could not record this visit" in answer.content


def test_a_model_says_who_may_see_it(cast):
    class Review:
        RESTRICTED_TO = frozenset({Role.CASE_REVIEW_MEMBER, Role.BUSINESS_UNIT})

    assert can_see_restricted(cast.case_review_member, cast.partnership.pk, Review)
    assert not can_see_restricted(cast.viewer, cast.partnership.pk, Review)
    assert not can_see_restricted(cast.outsider, cast.partnership.pk, Review)
