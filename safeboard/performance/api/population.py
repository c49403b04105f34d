"""The population estimates in the API."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from safeboard.core.api.base import PartnershipApi
from safeboard.core.api.listing import Pages, list_parameters, ordered, paged

from .. import selectors
from ..models import Population, Sex
from ..views import POPULATION_COLUMNS


class PopulationOutput(serializers.ModelSerializer):
    age_band = serializers.CharField(read_only=True)

    class Meta:
        model = Population
        fields = [
            "id",
            "area_code",
            "year",
            "sex",
            "age_from",
            "age_to",
            "age_band",
            "count",
            "source",
            "is_synthetic",
            "recorded_at",
            "file_name",
        ]


class _PopulationFilters(serializers.Serializer):
    area_code = serializers.CharField(required=False, max_length=9)
    year = serializers.IntegerField(
        min_value=1990, max_value=2100, required=False, help_text="The mid-year, e.g. 2016"
    )
    sex = serializers.ChoiceField(choices=Sex.choices, required=False)


class PopulationListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(
        responses=PopulationOutput(many=True),
        parameters=[
            *list_parameters(POPULATION_COLUMNS, None),
            _PopulationFilters,
        ],
    )
    def get(self, request, slug):
        """ONS mid-year estimates by area, year, sex and age band."""
        given = _PopulationFilters(data=request.query_params)
        given.is_valid(raise_exception=True)
        estimates = selectors.population_list(
            user=request.user, partnership=self.partnership, **given.validated_data
        )
        estimates = ordered(request, estimates, POPULATION_COLUMNS, "year")
        return paged(self, request, estimates, PopulationOutput)
