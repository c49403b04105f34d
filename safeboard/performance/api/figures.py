"""The figures in the API, with their provenance and history."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from safeboard.core import audit
from safeboard.core.api.base import PartnershipApi
from safeboard.core.api.listing import Pages, list_parameters, ordered, paged
from safeboard.core.listing import Column

from .. import selectors
from ..models import AgeBand, Area, Observation, ObservationHistory, PeriodKind, Sex

YEAR_HELP = "Financial year by its first calendar year, e.g. 2017 for 2017-18"
TOTALS_ONLY = "all: totals only"


OBSERVATION_COLUMNS = [
    Column("indicator", "Indicator", lambda o: o.indicator.code, sort="indicator__position"),
    Column("area", "Area", lambda o: o.area, sort="area"),
    Column("year", "Year", lambda o: o.start_year, sort="start_year"),
    Column("quarter", "Quarter", lambda o: o.quarter, sort="quarter"),
    Column("value", "Value", lambda o: o.value, sort="value"),
    Column("source", "Source", lambda o: o.source, sort="source"),
    Column("recorded_at", "Recorded", lambda o: o.recorded_at, sort="recorded_at"),
]


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
