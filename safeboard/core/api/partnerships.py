"""Partnerships: every member reads theirs; the business unit changes its details."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from .. import services
from ..listing import Column
from ..models import Partnership, Region
from ..selectors import partnership_list
from .base import PartnershipApi, SafeboardApi
from .listing import Pages, list_parameters, ordered, paged, search_of

PARTNERSHIP_COLUMNS = [
    Column("name", "Name", lambda p: p.name, sort="name"),
    Column("slug", "Web name", lambda p: p.slug, sort="slug"),
    Column("region", "Region", lambda p: p.get_region_display(), sort="region"),
]


class PartnershipOutput(serializers.ModelSerializer):
    class Meta:
        model = Partnership
        fields = ["slug", "name", "region", "is_active", "version"]


class PartnershipListApi(SafeboardApi):
    pagination_class = Pages

    @extend_schema(
        responses=PartnershipOutput(many=True),
        parameters=list_parameters(PARTNERSHIP_COLUMNS, "Search by name"),
    )
    def get(self, request):
        """The partnerships you are a member of."""
        partnerships = partnership_list(user=request.user, search=search_of(request))
        partnerships = ordered(request, partnerships, PARTNERSHIP_COLUMNS, "name")
        return paged(self, request, partnerships, PartnershipOutput)


class PartnershipDetailApi(PartnershipApi):
    class PartnershipUpdateInput(serializers.Serializer):
        version = serializers.IntegerField(min_value=1)
        name = serializers.CharField(max_length=200, required=False)
        region = serializers.ChoiceField(choices=Region.choices, required=False)

    @extend_schema(responses=PartnershipOutput)
    def get(self, request, slug):
        return Response(PartnershipOutput(self.partnership).data)

    @extend_schema(request=PartnershipUpdateInput, responses=PartnershipOutput)
    def patch(self, request, slug):
        """Change the partnership's name or region (the business unit)."""
        self.require_business_unit()
        given = self.PartnershipUpdateInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        partnership = services.partnership_update(
            actor=request.user,
            partnership=self.partnership,
            expected_version=data["version"],
            name=data.get("name", self.partnership.name),
            region=data.get("region", self.partnership.region),
        )
        return Response(PartnershipOutput(partnership).data)
