"""The analytics in the API: what the overview and the indicator page show, with every basis."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from safeboard.core.api.base import PartnershipApi

from .. import presenters, selectors
from .common import ThemeFilter


class PointOutput(serializers.Serializer):
    area = serializers.CharField()
    area_code = serializers.CharField()
    period_kind = serializers.CharField()
    start_year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    period_label = serializers.CharField()
    value = serializers.FloatField()
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    reference_year = serializers.IntegerField(allow_null=True)
    source = serializers.CharField()
    is_synthetic = serializers.BooleanField()
    computation = serializers.CharField(help_text="How a rate was worked out, if it was")


class ChangeOutput(serializers.Serializer):
    before = serializers.FloatField()
    after = serializers.FloatField()
    before_label = serializers.CharField()
    after_label = serializers.CharField()
    points = serializers.FloatField(help_text="after − before")
    relative = serializers.FloatField(
        allow_null=True, help_text="(after − before) ÷ before; null when before is 0"
    )
    direction = serializers.CharField(help_text="increase, decrease or no change")
    summary = serializers.CharField()
    basis = serializers.CharField(help_text="The formula, with the figures")


class BasisOutput(serializers.Serializer):
    kind = serializers.CharField(help_text="stock or flow")
    period_months = serializers.IntegerField(help_text="The months a flow is counted over")
    year_label = serializers.CharField()
    annualised_from = serializers.IntegerField(allow_null=True)
    description = serializers.CharField()


class ComparisonOutput(serializers.Serializer):
    comparator = serializers.CharField()
    comparator_label = serializers.CharField(help_text="With its year when not ours")
    ours = serializers.FloatField()
    theirs = serializers.FloatField()
    relative = serializers.FloatField(
        allow_null=True, help_text="(ours − theirs) ÷ theirs; null when theirs is 0"
    )
    position = serializers.CharField(help_text="above, below or level with")
    gap = serializers.CharField()
    basis = serializers.CharField(help_text="The formula and what each figure is")
    ours_basis = BasisOutput()
    theirs_basis = BasisOutput()


class TrendOutput(serializers.Serializer):
    direction = serializers.CharField(help_text="rising, falling, stable or too few points")
    points = serializers.IntegerField()
    slope = serializers.FloatField(allow_null=True, help_text="Change per period")
    fitted_change = serializers.FloatField(allow_null=True, help_text="Across the window")
    tolerance = serializers.FloatField(allow_null=True)
    rule = serializers.CharField()


class RagOutput(serializers.Serializer):
    status = serializers.CharField(help_text="green, amber or red")
    rule = serializers.CharField(help_text="Why: the target, the polarity and the band")


class CommentaryOutput(serializers.Serializer):
    text = serializers.CharField()
    notes = serializers.ListField(
        child=serializers.CharField(), help_text="The basis of each figure, in order"
    )


class TotalOutput(serializers.Serializer):
    value = serializers.FloatField()
    periods = serializers.ListField(child=serializers.CharField())
    description = serializers.CharField()
    basis = serializers.CharField()


class AnalysisOutput(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    latest = PointOutput(source="summary.latest", allow_null=True)
    latest_text = serializers.CharField(source="summary.latest_text")
    previous = ChangeOutput(
        source="summary.previous", allow_null=True, help_text="On the period before"
    )
    year_ago = ChangeOutput(
        source="summary.year_ago", allow_null=True, help_text="On the same period a year before"
    )
    comparisons = ComparisonOutput(source="summary.comparisons", many=True)
    trend = TrendOutput(source="summary.trend")
    rag = RagOutput(source="summary.rag", allow_null=True, help_text="Null without a target")
    commentary = CommentaryOutput(allow_null=True)
    sums = TotalOutput(many=True, help_text="Rolling 12 months and year to date of a count")
    has_synthetic = serializers.BooleanField(
        source="data.has_synthetic", help_text="Some figures were made up to fill demo gaps"
    )


class AnalyticsListApi(PartnershipApi):
    @extend_schema(responses=AnalysisOutput(many=True), parameters=[ThemeFilter])
    def get(self, request, slug):
        """Every indicator as the dataset overview compares it: with the statistical
        neighbours, England and the region."""
        given = ThemeFilter(data=request.query_params)
        given.is_valid(raise_exception=True)
        data = selectors.dataset(
            user=request.user,
            partnership=self.partnership,
            theme=given.validated_data.get("theme", ""),
            areas=selectors.SUMMARY_AREAS,
        )
        return Response(AnalysisOutput(map(presenters.analyse, data), many=True).data)


class IndicatorAnalyticsApi(PartnershipApi):
    @extend_schema(responses=AnalysisOutput)
    def get(self, request, slug, code):
        """One indicator as its page shows it, against every comparator held."""
        data = selectors.indicator_data(user=request.user, partnership=self.partnership, code=code)
        return Response(AnalysisOutput(presenters.analyse(data)).data)
