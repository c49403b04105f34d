"""The tracker in the API: members read priorities, recommendations and actions; the
business unit and the owning agency's lead record updates (a stale version answers 409)."""

import datetime

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from safeboard.core.api.base import PartnershipApi
from safeboard.core.api.comparators import YearFilter
from safeboard.core.api.listing import (
    Pages,
    list_parameters,
    ordered,
    paged,
    record_id,
    search_of,
)

from . import selectors, services
from .models import Action, ActionUpdate, Priority, Recommendation, Status
from .rag import Rag
from .views import columns_for


class PriorityOutput(serializers.ModelSerializer):
    class Meta:
        model = Priority
        fields = ["id", "year", "number", "title", "description", "version"]


class RecommendationOutput(serializers.ModelSerializer):
    source_kind = serializers.CharField(read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "reference",
            "text",
            "theme",
            "source_kind",
            "source_id",
            "date_agreed",
            "version",
        ]


class ActionOutput(serializers.ModelSerializer):
    rag = serializers.SerializerMethodField()
    owner_agency = serializers.CharField(source="owner_agency.name", read_only=True)
    recommendation = serializers.IntegerField(source="recommendation_id", read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "recommendation",
            "description",
            "owner_agency",
            "owner",
            "due_date",
            "status",
            "dropped_reason",
            "what_was_done",
            "impact_on_children",
            "evidence",
            "last_update_on",
            "rag",
            "is_synthetic",
            "version",
        ]

    def get_rag(self, action: Action) -> str:
        return selectors.rag_of(action, thresholds=self.context["thresholds"]).value


class ActionUpdateOutput(serializers.ModelSerializer):
    class Meta:
        model = ActionUpdate
        fields = ["id", "on", "author_name", "note", "status", "recorded_at"]


class _Filters(serializers.Serializer):
    # The filters this list reads are the parameters its schema declares.
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    rag = serializers.ChoiceField(choices=[r.value for r in Rag], required=False)
    agency = record_id("Owner agency id")
    theme = serializers.CharField(required=False, allow_blank=True)
    source_type = record_id("Content type of the source")
    overdue = serializers.BooleanField(required=False)
    due_from = serializers.DateField(required=False)
    due_to = serializers.DateField(required=False)


class ActionListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(
        responses=ActionOutput(many=True),
        parameters=[
            *list_parameters(columns_for(None, datetime.date.min), "Search the actions"),
            _Filters,
        ],
    )
    def get(self, request, slug):
        given = _Filters(data=request.query_params)
        given.is_valid(raise_exception=True)
        filters = selectors.ActionFilters(search=search_of(request), **given.validated_data)
        actions = selectors.action_list(
            user=request.user, partnership=self.partnership, filters=filters
        )
        actions = ordered(request, actions, columns_for(None, datetime.date.min), "due")
        context = {"thresholds": selectors.thresholds_for(self.partnership)}
        return paged(self, request, actions, ActionOutput, context)


class ActionDetailApi(PartnershipApi):
    @extend_schema(responses=ActionOutput)
    def get(self, request, slug, pk):
        action = selectors.action_get(user=request.user, partnership=self.partnership, pk=pk)
        context = {"thresholds": selectors.thresholds_for(self.partnership)}
        return Response(ActionOutput(action, context=context).data)


class ActionUpdatesApi(PartnershipApi):
    pagination_class = Pages

    class UpdateInput(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        on = serializers.DateField()
        note = serializers.CharField()
        status = serializers.ChoiceField(choices=Status.choices)
        dropped_reason = serializers.CharField(required=False, default="", allow_blank=True)
        what_was_done = serializers.CharField(required=False, default="", allow_blank=True)
        impact_on_children = serializers.CharField(required=False, default="", allow_blank=True)
        evidence = serializers.CharField(required=False, default="", allow_blank=True)

    @extend_schema(responses=ActionUpdateOutput(many=True))
    def get(self, request, slug, pk):
        """The action's timeline, latest first."""
        action = selectors.action_get(user=request.user, partnership=self.partnership, pk=pk)
        return paged(self, request, selectors.action_timeline(action=action), ActionUpdateOutput)

    @extend_schema(request=UpdateInput, responses={201: ActionUpdateOutput})
    def post(self, request, slug, pk):
        """Record an update (the business unit, or the lead of the owning agency). A version
        other than the action's current one is refused with 409."""
        action = selectors.action_get(user=request.user, partnership=self.partnership, pk=pk)
        given = self.UpdateInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        update = services.action_record_update(
            actor=request.user, action=action, expected_version=data.pop("version"), **data
        )
        return Response(ActionUpdateOutput(update).data, status=status.HTTP_201_CREATED)


class PriorityListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=PriorityOutput(many=True), parameters=[YearFilter])
    def get(self, request, slug):
        given = YearFilter(data=request.query_params)
        given.is_valid(raise_exception=True)
        priorities = selectors.priority_list(
            user=request.user, partnership=self.partnership, year=given.validated_data.get("year")
        )
        return paged(self, request, priorities.order_by("-year", "number"), PriorityOutput)


class RecommendationListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=RecommendationOutput(many=True))
    def get(self, request, slug):
        recommendations = selectors.recommendation_list(
            user=request.user, partnership=self.partnership
        ).order_by("theme", "reference", "pk")
        return paged(self, request, recommendations, RecommendationOutput)
