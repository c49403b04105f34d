"""Governance in the API: members read bodies (their own and joint ones), meetings and
their attendance, and the joint arrangements their partnership belongs to."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from safeboard.core.api.base import PartnershipApi
from safeboard.core.api.comparators import YearFilter
from safeboard.core.api.listing import Pages, paged
from safeboard.core.models import Arrangement
from safeboard.core.selectors import arrangement_list

from . import selectors
from .models import Attendance, Body, Meeting, Seat


class SeatOutput(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name", default=None, read_only=True)

    class Meta:
        model = Seat
        fields = ["id", "agency", "position", "role", "is_essential", "is_active"]


class BodyOutput(serializers.ModelSerializer):
    seats = SeatOutput(many=True, read_only=True)
    arrangement = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The arrangement of a joint body; null for the partnership's own",
    )

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "short_name",
            "parent",
            "arrangement",
            "purpose",
            "frequency",
            "terms_of_reference",
            "quorum_seats",
            "seats",
            "version",
        ]


class ArrangementOutput(serializers.ModelSerializer):
    partnerships = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    bodies = serializers.SerializerMethodField(help_text="Its joint bodies you see, by id")

    class Meta:
        model = Arrangement
        fields = ["slug", "name", "short_name", "purpose", "partnerships", "bodies", "version"]

    def get_bodies(self, arrangement: Arrangement) -> list[int]:
        return self.context["bodies"].get(arrangement.pk, [])


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


class ArrangementListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=ArrangementOutput(many=True))
    def get(self, request, slug):
        """The joint arrangements the partnership belongs to, with their member
        partnerships and the joint bodies you see."""
        bodies: dict[int, list[int]] = {}
        for pk, arrangement_id in (
            selectors.body_list(user=request.user, partnership=self.partnership)
            .filter(arrangement__isnull=False)
            .values_list("pk", "arrangement_id")
        ):
            bodies.setdefault(arrangement_id, []).append(pk)
        arrangements = arrangement_list(user=request.user, partnership=self.partnership)
        return paged(self, request, arrangements, ArrangementOutput, {"bodies": bodies})


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
