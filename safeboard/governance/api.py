"""Governance in the API: members read bodies, meetings and their attendance."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from safeboard.core.api.base import PartnershipApi
from safeboard.core.api.comparators import YearFilter
from safeboard.core.api.listing import Pages, paged

from . import selectors
from .models import Attendance, Body, Meeting, Seat


class SeatOutput(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name", default=None, read_only=True)

    class Meta:
        model = Seat
        fields = ["id", "agency", "position", "is_essential", "is_active"]


class BodyOutput(serializers.ModelSerializer):
    seats = SeatOutput(many=True, read_only=True)

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "short_name",
            "parent",
            "purpose",
            "frequency",
            "terms_of_reference",
            "quorum_seats",
            "seats",
            "version",
        ]


class AttendanceOutput(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["seat", "presence", "is_synthetic"]


class MeetingOutput(serializers.ModelSerializer):
    theme = serializers.IntegerField(source="theme_id", default=None, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "body", "date", "theme", "status", "minutes", "decisions", "version"]


class MeetingDetailOutput(MeetingOutput):
    attendance = AttendanceOutput(many=True, read_only=True)
    quorate = serializers.SerializerMethodField()

    class Meta(MeetingOutput.Meta):
        fields = [*MeetingOutput.Meta.fields, "attendance", "quorate"]

    def get_quorate(self, meeting: Meeting) -> bool:
        return selectors.meeting_quorum(meeting=meeting).met


class BodyListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=BodyOutput(many=True))
    def get(self, request, slug):
        bodies = selectors.body_list(user=request.user, partnership=self.partnership)
        return paged(self, request, bodies.prefetch_related("seats__agency"), BodyOutput)


class MeetingListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=MeetingOutput(many=True), parameters=[YearFilter])
    def get(self, request, slug):
        given = YearFilter(data=request.query_params)
        given.is_valid(raise_exception=True)
        meetings = selectors.meeting_list(
            user=request.user, partnership=self.partnership, year=given.validated_data.get("year")
        )
        return paged(self, request, meetings, MeetingOutput)


class MeetingDetailApi(PartnershipApi):
    @extend_schema(responses=MeetingDetailOutput)
    def get(self, request, slug, pk):
        """A meeting with its attendance by seat, and whether it was quorate."""
        meeting = selectors.meeting_get(user=request.user, partnership=self.partnership, pk=pk)
        return Response(MeetingDetailOutput(meeting).data)
