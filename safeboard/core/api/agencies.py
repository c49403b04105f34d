"""Agencies of a partnership: members read them; the business unit adds and changes them."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from .. import services
from ..models import Agency, AgencyService, Sector
from ..selectors import (
    agency_get,
    agency_joinable,
    agency_list,
    agency_terms_of,
    with_services,
)
from ..views.agencies import AGENCY_COLUMNS
from .base import PartnershipApi
from .listing import Pages, list_parameters, ordered, paged, search_of


class ServiceOutput(serializers.ModelSerializer):
    class Meta:
        model = AgencyService
        fields = ["id", "name", "is_active", "version"]


class AgencyOutput(serializers.ModelSerializer):
    """The agency itself (the same for every partnership it serves, at `version`) and this
    partnership's own terms with it (at `terms_version`)."""

    is_statutory_partner = serializers.BooleanField(help_text="A statutory partner of ours")
    is_active = serializers.BooleanField(help_text="Active with us")
    terms_version = serializers.IntegerField(help_text="The version of our own terms")
    services = ServiceOutput(many=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "short_name",
            "sector",
            "version",
            "is_statutory_partner",
            "is_active",
            "terms_version",
            "services",
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
        agencies = with_services(
            agency_list(user=request.user, partnership=self.partnership, search=search_of(request))
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
        agency = agency_get(user=request.user, partnership=self.partnership, pk=agency.pk)
        return Response(AgencyOutput(agency).data, status=status.HTTP_201_CREATED)


class AgencyJoinApi(PartnershipApi):
    class AgencyJoinInput(serializers.Serializer):
        agency = serializers.IntegerField(help_text="An active agency serving another partnership")
        is_statutory_partner = serializers.BooleanField(
            required=False, default=False, help_text="A statutory partner of ours"
        )

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
        services.agency_join(
            actor=request.user,
            partnership=self.partnership,
            agency=agency,
            is_statutory_partner=given.validated_data["is_statutory_partner"],
        )
        agency = agency_get(user=request.user, partnership=self.partnership, pk=agency.pk)
        return Response(AgencyOutput(agency).data)


SHARED_FIELDS = ("name", "short_name", "sector")
OWN_FIELDS = ("is_statutory_partner", "is_active")


class AgencyDetailApi(PartnershipApi):
    class AgencyUpdateInput(serializers.Serializer):
        version = serializers.IntegerField(
            min_value=1,
            required=False,
            help_text="The agency's `version`, to change its name, short name or sector",
        )
        name = serializers.CharField(max_length=200, required=False)
        short_name = serializers.CharField(max_length=40, required=False, allow_blank=True)
        sector = serializers.ChoiceField(choices=Sector.choices, required=False)
        confirm_shared = serializers.BooleanField(
            required=False,
            default=False,
            help_text="True to change the name, short name or sector of an agency that "
            "serves other partnerships too: the change is theirs as well",
        )
        terms_version = serializers.IntegerField(
            min_value=1, required=False, help_text="Our terms' `terms_version`, to change them"
        )
        is_statutory_partner = serializers.BooleanField(required=False)
        is_active = serializers.BooleanField(required=False)

        def validate(self, attrs):
            if any(f in attrs for f in SHARED_FIELDS) and "version" not in attrs:
                raise serializers.ValidationError(
                    {"version": ["Send the agency's version to change its details."]}
                )
            if any(f in attrs for f in OWN_FIELDS) and "terms_version" not in attrs:
                raise serializers.ValidationError(
                    {"terms_version": ["Send our terms' version to change them."]}
                )
            return attrs

    @extend_schema(responses=AgencyOutput)
    def get(self, request, slug, pk):
        agency = agency_get(user=request.user, partnership=self.partnership, pk=pk)
        return Response(AgencyOutput(agency).data)

    @extend_schema(request=AgencyUpdateInput, responses=AgencyOutput)
    def patch(self, request, slug, pk):
        """Change an agency (the business unit). Its name, short name and sector are the
        agency's own, the same for every partnership it serves: send the agency's `version`,
        and where it serves others, `confirm_shared` (else 400, naming them). Whether it is
        a statutory partner and active are ours alone: send `terms_version`."""
        agency = agency_get(user=request.user, partnership=self.partnership, pk=pk)
        self.require_business_unit()
        given = self.AgencyUpdateInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        with transaction.atomic():
            if any(f in data for f in OWN_FIELDS):
                terms = agency_terms_of(agency, self.partnership)
                services.agency_terms_update(
                    actor=request.user,
                    terms=terms,
                    expected_version=data["terms_version"],
                    **{f: data.get(f, getattr(terms, f)) for f in OWN_FIELDS},
                )
            if any(f in data for f in SHARED_FIELDS):
                services.agency_update(
                    actor=request.user,
                    partnership=self.partnership,
                    agency=agency,
                    expected_version=data["version"],
                    confirmed_shared=data["confirm_shared"],
                    **{f: data.get(f, getattr(agency, f)) for f in SHARED_FIELDS},
                )
        agency = agency_get(user=request.user, partnership=self.partnership, pk=pk)
        return Response(AgencyOutput(agency).data)
