"""Where sources disagree, in the API."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from safeboard.core.api.base import PartnershipApi
from safeboard.core.api.listing import Pages, paged

from .. import selectors


class DisagreementOutput(serializers.Serializer):
    indicator = serializers.CharField()
    area = serializers.CharField()
    period_label = serializers.CharField()
    values = serializers.DictField(child=serializers.FloatField(), help_text="By source")
    used = serializers.CharField(help_text="The source the dataset uses")


class _DisagreementFilters(serializers.Serializer):
    indicator = serializers.SlugField(required=False, help_text="The indicator's code")


class DisagreementListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(responses=DisagreementOutput(many=True), parameters=[_DisagreementFilters])
    def get(self, request, slug):
        """Figures two sources give differently for the same indicator, area and period."""
        given = _DisagreementFilters(data=request.query_params)
        given.is_valid(raise_exception=True)
        data = selectors.dataset(
            user=request.user,
            partnership=self.partnership,
            code=given.validated_data.get("indicator", ""),
        )
        found = [
            {
                "indicator": item.indicator.code,
                "area": disagreement.area,
                "period_label": disagreement.period_label,
                "values": disagreement.values,
                "used": disagreement.used,
            }
            for item in data
            for disagreement in item.disagreements
        ]
        return paged(self, request, found, DisagreementOutput)
