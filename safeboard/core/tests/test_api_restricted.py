"""The API's side of restricted records, on an endpoint made for the test."""

import pytest
from django.db import DatabaseError
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from safeboard.core import restricted, services
from safeboard.core.api.base import PartnershipApi
from safeboard.core.api.listing import Pages, paged
from safeboard.core.api.restricted import RestrictedApi
from safeboard.core.models import AuditEvent


class SecretOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="person.get_full_name")


class SecretListApi(RestrictedApi, PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=SecretOutput(many=True))
    def get(self, request, slug):
        memberships = self.partnership.memberships.select_related("person").order_by("pk")
        return paged(self, request, memberships, SecretOutput)


class SecretDetailApi(RestrictedApi, PartnershipApi):
    def get(self, request, slug, pk):
        membership = self.partnership.memberships.select_related("person").get(pk=pk)
        self.shown(membership)
        return Response(SecretOutput(membership).data)


urlpatterns = [
    path("api/p/<slug:slug>/secrets/", SecretListApi.as_view()),
    path("api/p/<slug:slug>/secrets/<int:pk>/", SecretDetailApi.as_view()),
    path("", include("safeboard.urls")),
]


@pytest.fixture
def reviewer(client, cast):
    client.force_login(cast.case_review_member)
    return client


@pytest.mark.urls(__name__)
def test_one_access_event_names_every_record_of_the_page_returned(reviewer, cast):
    answer = reviewer.get("/api/p/southampton/secrets/?page_size=3")
    assert answer.status_code == 200 and len(answer.json()["results"]) == 3
    event = AuditEvent.objects.get(action=restricted.ACCESS_ACTION)
    assert event.actor_id == cast.case_review_member.pk
    assert event.partnership_id == cast.partnership.pk
    assert event.target_label == "api: 3"
    returned = sorted(str(row["id"]) for row in answer.json()["results"])
    assert sorted(event.records.values_list("target_id", flat=True)) == returned


@pytest.mark.urls(__name__)
def test_who_has_seen_a_record_through_the_api_is_answerable(reviewer, cast):
    first = cast.partnership.memberships.order_by("pk").first()
    reviewer.get(f"/api/p/southampton/secrets/{first.pk}/")
    reviewer.get(f"/api/p/southampton/secrets/{first.pk}/")
    seen = restricted.accessed_by(first)
    assert [e.actor_name for e in seen] == [cast.case_review_member.get_full_name()] * 2


@pytest.mark.urls(__name__)
def test_when_the_access_cannot_be_recorded_the_api_returns_an_error_not_the_data(
    reviewer, cast, monkeypatch
):
    def fail(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(restricted, "record_access", fail)
    first = cast.partnership.memberships.order_by("pk").first()
    for url in ("/api/p/southampton/secrets/", f"/api/p/southampton/secrets/{first.pk}/"):
        answer = reviewer.get(url)
        assert answer.status_code == 503
        assert "could not record" in answer.json()["message"]
        assert cast.business_unit.get_full_name().encode() not in answer.content


@pytest.mark.urls(__name__)
def test_a_token_request_for_restricted_records_is_recorded_twice_over(client, cast):
    _, secret = services.api_token_create(actor=cast.case_review_member, name="Reviews")
    client.get("/api/p/southampton/secrets/", headers={"authorization": f"Bearer {secret}"})
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"api.token.use", restricted.ACCESS_ACTION} <= actions
