"""The performance dataset in the API: the catalogue with the partnership's choices, the
figures with their provenance and history, the population, and the analytics the pages show.

Every member of the partnership reads it, as they read the pages; the analytics come from
the same `presenters.analyse` the indicator page and the annual report use.
"""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from safeboard.core import audit
from safeboard.core.api.base import PartnershipApi
from safeboard.core.api.listing import Pages, list_parameters, ordered, paged, search_of
from safeboard.core.listing import Column

from . import presenters, selectors
from .models import (
    AgeBand,
    Area,
    Indicator,
    IndicatorChoice,
    Observation,
    ObservationHistory,
    PeriodKind,
    Population,
    Sex,
    Theme,
)
from .views import POPULATION_COLUMNS

YEAR_HELP = "Financial year by its first calendar year, e.g. 2017 for 2017-18"
TOTALS_ONLY = "all: totals only"

INDICATOR_COLUMNS = [
    Column("position", "Order in the dataset", lambda i: i.position, sort="position"),
    Column("code", "Code", lambda i: i.code, sort="code"),
    Column("name", "Name", lambda i: i.name, sort="name"),
    Column("theme", "Theme", lambda i: i.theme, sort="theme"),
]
OBSERVATION_COLUMNS = [
    Column("indicator", "Indicator", lambda o: o.indicator.code, sort="indicator__position"),
    Column("area", "Area", lambda o: o.area, sort="area"),
    Column("year", "Year", lambda o: o.start_year, sort="start_year"),
    Column("quarter", "Quarter", lambda o: o.quarter, sort="quarter"),
    Column("value", "Value", lambda o: o.value, sort="value"),
    Column("source", "Source", lambda o: o.source, sort="source"),
    Column("recorded_at", "Recorded", lambda o: o.recorded_at, sort="recorded_at"),
]


# The catalogue


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


class _ThemeFilter(serializers.Serializer):
    theme = serializers.ChoiceField(choices=Theme.choices, required=False)


class IndicatorListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(
        responses=IndicatorOutput(many=True),
        parameters=[
            *list_parameters(INDICATOR_COLUMNS, "Search the names, codes and definitions"),
            _ThemeFilter,
        ],
    )
    def get(self, request, slug):
        given = _ThemeFilter(data=request.query_params)
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


# Figures, with their provenance and history


class ObservationOutput(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    period_label = serializers.CharField(read_only=True)
    recorded_by = serializers.SerializerMethodField(
        help_text="Who recorded the figure; Safeboard for the command line and the demo"
    )

    class Meta:
        model = Observation
        # Named one by one: a new field of the model joins the API only when added here.
        fields = [
            "id",
            "indicator",
            "area",
            "area_code",
            "period_kind",
            "start_year",
            "quarter",
            "period_label",
            "sex",
            "age_band",
            "value",
            "numerator",
            "denominator",
            "reference_year",
            "source",
            "is_synthetic",
            "note",
            "recorded_by",
            "recorded_at",
            "file_name",
            "version",
        ]

    def get_recorded_by(self, observation: Observation) -> str:
        return audit.actor_name(observation.recorded_by)


class HistoryOutput(serializers.ModelSerializer):
    class Meta:
        model = ObservationHistory
        fields = [
            "value",
            "numerator",
            "denominator",
            "recorded_at",
            "file_name",
            "replaced_at",
            "replaced_by_name",
        ]
        extra_kwargs = {
            "recorded_at": {"help_text": "When the earlier figure had been recorded"},
            "file_name": {"help_text": "The file the earlier figure came from"},
            "replaced_at": {"help_text": "When a later import or edit replaced it"},
            "replaced_by_name": {"help_text": "Who replaced it"},
        }


class ObservationDetailOutput(ObservationOutput):
    history = serializers.SerializerMethodField(help_text="Earlier values, latest change first")

    class Meta(ObservationOutput.Meta):
        fields = [*ObservationOutput.Meta.fields, "history"]

    @extend_schema_field(HistoryOutput(many=True))
    def get_history(self, observation: Observation):
        return HistoryOutput(self.context["history"], many=True).data


class _ObservationFilters(serializers.Serializer):
    # The filters this list reads are the parameters its schema declares: one list, so the
    # two cannot disagree on a name, a type or a range.
    indicator = serializers.SlugField(required=False, help_text="The indicator's code")
    area = serializers.ChoiceField(choices=Area.choices, required=False)
    area_code = serializers.CharField(
        required=False, max_length=9, help_text="ONS code of a region or LA"
    )
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices, required=False)
    year = serializers.IntegerField(
        min_value=1990, max_value=2100, required=False, help_text=YEAR_HELP
    )
    quarter = serializers.IntegerField(min_value=1, max_value=4, required=False)
    source = serializers.CharField(required=False, max_length=100)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, help_text=TOTALS_ONLY)
    age_band = serializers.ChoiceField(
        choices=AgeBand.choices, required=False, help_text=TOTALS_ONLY
    )


class ObservationListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(
        responses=ObservationOutput(many=True),
        parameters=[*list_parameters(OBSERVATION_COLUMNS, None), _ObservationFilters],
    )
    def get(self, request, slug):
        """Every figure held, from every source, with where it came from."""
        given = _ObservationFilters(data=request.query_params)
        given.is_valid(raise_exception=True)
        observations = selectors.observation_list(
            user=request.user,
            partnership=self.partnership,
            filters=selectors.ObservationFilters(**given.validated_data),
        )
        observations = ordered(request, observations, OBSERVATION_COLUMNS, "indicator")
        return paged(self, request, observations, ObservationOutput)


class ObservationDetailApi(PartnershipApi):
    @extend_schema(responses=ObservationDetailOutput)
    def get(self, request, slug, pk):
        """A figure with its provenance and every value it had before."""
        observation = selectors.observation_get(
            user=request.user, partnership=self.partnership, pk=pk
        )
        history = selectors.observation_history_list(
            user=request.user, partnership=self.partnership, observation=observation
        )
        return Response(ObservationDetailOutput(observation, context={"history": history}).data)


# Population


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


# Analytics: what the overview and the indicator page show, with every basis


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
    @extend_schema(responses=AnalysisOutput(many=True), parameters=[_ThemeFilter])
    def get(self, request, slug):
        """Every indicator as the dataset overview compares it: with the statistical
        neighbours, England and the region."""
        given = _ThemeFilter(data=request.query_params)
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


# Where sources disagree


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
