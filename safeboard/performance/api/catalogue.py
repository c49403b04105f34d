"""The catalogue in the API: the indicators, with the partnership's choices."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from safeboard.core.api.base import PartnershipApi
from safeboard.core.api.listing import Pages, list_parameters, ordered, paged, search_of
from safeboard.core.listing import Column

from .. import selectors
from ..models import Indicator, IndicatorChoice
from .common import ThemeFilter

INDICATOR_COLUMNS = [
    Column("position", "Order in the dataset", lambda i: i.position, sort="position"),
    Column("code", "Code", lambda i: i.code, sort="code"),
    Column("name", "Name", lambda i: i.name, sort="name"),
    Column("theme", "Theme", lambda i: i.theme, sort="theme"),
]


class ChoiceOutput(serializers.ModelSerializer):
    class Meta:
        model = IndicatorChoice
        fields = ["target", "chosen_source", "is_published", "version"]


class IndicatorOutput(serializers.ModelSerializer):
    choice = serializers.SerializerMethodField(
        help_text="The partnership's target, chosen source and publication; null if not set"
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "subject",
            "definition",
            "theme",
            "kind",
            "unit",
            "period_months",
            "polarity",
            "frequency",
            "source_agency",
            "position",
            "choice",
        ]

    @extend_schema_field(ChoiceOutput(allow_null=True))
    def get_choice(self, indicator: Indicator):
        found = indicator.partnership_choices  # type: ignore[attr-defined]
        return ChoiceOutput(found[0]).data if found else None


class IndicatorListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(
        responses=IndicatorOutput(many=True),
        parameters=[
            *list_parameters(INDICATOR_COLUMNS, "Search the names, codes and definitions"),
            ThemeFilter,
        ],
    )
    def get(self, request, slug):
        given = ThemeFilter(data=request.query_params)
        given.is_valid(raise_exception=True)
        indicators = selectors.indicator_list(
            user=request.user,
            partnership=self.partnership,
            theme=given.validated_data.get("theme", ""),
            search=search_of(request),
        )
        indicators = ordered(request, indicators, INDICATOR_COLUMNS, "position")
        return paged(self, request, indicators, IndicatorOutput)


class IndicatorDetailApi(PartnershipApi):
    @extend_schema(responses=IndicatorOutput)
    def get(self, request, slug, code):
        indicator = selectors.indicator_get(
            user=request.user, partnership=self.partnership, code=code
        )
        return Response(IndicatorOutput(indicator).data)
