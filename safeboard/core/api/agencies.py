"""Agencies of a partnership: members read them; the business unit adds and changes them."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from .. import services
from ..models import Agency, Sector
from ..selectors import agency_get, agency_joinable, agency_list
from ..views.agencies import AGENCY_COLUMNS
from .base import PartnershipApi
from .listing import Pages, list_parameters, ordered, paged, search_of


class AgencyOutput(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "short_name",
            "sector",
            "is_statutory_partner",
            "is_active",
            "version",
        ]


class AgencyListApi(PartnershipApi):
    pagination_class = Pages

    class AgencyCreateInput(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        short_name = serializers.CharField(max_length=40, required=False, default="")
        sector = serializers.ChoiceField(choices=Sector.choices)
        is_statutory_partner = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        responses=AgencyOutput(many=True),
        parameters=list_parameters(AGENCY_COLUMNS, "Search by name or short name"),
    )
    def get(self, request, slug):
        agencies = agency_list(
            user=request.user, partnership=self.partnership, search=search_of(request)
        )
        return paged(
            self, request, ordered(request, agencies, AGENCY_COLUMNS, "name"), AgencyOutput
        )

    @extend_schema(request=AgencyCreateInput, responses={201: AgencyOutput})
    def post(self, request, slug):
        """Add an agency (the business unit)."""
        self.require_business_unit()
        given = self.AgencyCreateInput(data=request.data)
        given.is_valid(raise_exception=True)
        agency = services.agency_create(
            actor=request.user, partnership=self.partnership, **given.validated_data
        )
        return Response(AgencyOutput(agency).data, status=status.HTTP_201_CREATED)


class AgencyJoinApi(PartnershipApi):
    class AgencyJoinInput(serializers.Serializer):
        agency = serializers.IntegerField(help_text="An active agency serving another partnership")

    @extend_schema(request=AgencyJoinInput, responses=AgencyOutput)
    def post(self, request, slug):
        """An agency that serves another partnership starts serving this one (the business unit)."""
        self.require_business_unit()
        given = self.AgencyJoinInput(data=request.data)
        given.is_valid(raise_exception=True)
        agency = (
            agency_joinable(partnership=self.partnership)
            .filter(pk=given.validated_data["agency"])
            .first()
        )
        if agency is None:
            raise serializers.ValidationError({"agency": ["No such agency can join."]})
        agency = services.agency_join(
            actor=request.user, partnership=self.partnership, agency=agency
        )
        return Response(AgencyOutput(agency).data)


class AgencyDetailApi(PartnershipApi):
    class AgencyUpdateInput(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        name = serializers.CharField(max_length=200, required=False)
        short_name = serializers.CharField(max_length=40, required=False, allow_blank=True)
        sector = serializers.ChoiceField(choices=Sector.choices, required=False)
        is_statutory_partner = serializers.BooleanField(required=False)
        is_active = serializers.BooleanField(required=False)

    @extend_schema(responses=AgencyOutput)
    def get(self, request, slug, pk):
        agency = agency_get(user=request.user, partnership=self.partnership, pk=pk)
        return Response(AgencyOutput(agency).data)

    @extend_schema(request=AgencyUpdateInput, responses=AgencyOutput)
    def patch(self, request, slug, pk):
        """Change an agency (the business unit). Send the `version` you read."""
        agency = agency_get(user=request.user, partnership=self.partnership, pk=pk)
        self.require_business_unit()
        given = self.AgencyUpdateInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        version = data.pop("version")
        current = {name: getattr(agency, name) for name in self.AgencyUpdateInput().fields}
        del current["version"]
        agency = services.agency_update(
            actor=request.user,
            partnership=self.partnership,
            agency=agency,
            expected_version=version,
            **{**current, **data},
        )
        return Response(AgencyOutput(agency).data)
