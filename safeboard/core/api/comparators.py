"""The partnership's local authority codes and statistical neighbours, kept by year:
members read them; the business unit records them."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from .. import services
from ..listing import Column
from ..models import LA_CODE_PATTERN, LocalAuthorityCode, StatisticalNeighbour
from ..periods import EARLIEST_YEAR, PeriodError, latest_year, parse_start_year
from ..selectors import la_code_list, statistical_neighbour_list
from .base import PartnershipApi
from .listing import Pages, list_parameters, ordered, paged

LA_CODE_COLUMNS = [
    Column("from_year", "From", lambda c: c.from_year, sort="from_year"),
    Column("code", "Code", lambda c: c.code, sort="code"),
]
NEIGHBOUR_COLUMNS = [
    Column("year", "Year", lambda n: n.year, sort="year"),
    Column("rank", "Rank", lambda n: n.rank, sort="rank"),
    Column("name", "Name", lambda n: n.name, sort="name"),
]
YEAR_HELP = "Financial year by its first calendar year, e.g. 2017 for 2017-18"
# The years Safeboard accepts anywhere (core.periods): 2000 to next year.
FIRST_YEAR, LAST_YEAR = EARLIEST_YEAR, latest_year()
YEAR_IN_PATH = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    OpenApiParameter.PATH,
    description=YEAR_HELP,
)


TEN_NEIGHBOURS = "A local authority has ten statistical neighbours: give all ten, closest first."


def _la_code_field():
    return serializers.RegexField(
        LA_CODE_PATTERN,
        max_length=9,
        error_messages={"invalid": "Give a council's ONS code, such as E06000045."},
    )


class LaCodeOutput(serializers.ModelSerializer):
    class Meta:
        model = LocalAuthorityCode
        fields = ["from_year", "code"]


class NeighbourOutput(serializers.ModelSerializer):
    class Meta:
        model = StatisticalNeighbour
        fields = ["year", "rank", "code", "name"]


class LaCodeListApi(PartnershipApi):
    pagination_class = Pages

    class LaCodeSetInput(serializers.Serializer):
        from_year = serializers.IntegerField(
            min_value=FIRST_YEAR, max_value=LAST_YEAR, help_text=YEAR_HELP
        )
        code = _la_code_field()

    @extend_schema(
        responses=LaCodeOutput(many=True), parameters=list_parameters(LA_CODE_COLUMNS, None)
    )
    def get(self, request, slug):
        codes = la_code_list(user=request.user, partnership=self.partnership)
        return paged(
            self, request, ordered(request, codes, LA_CODE_COLUMNS, "-from_year"), LaCodeOutput
        )

    @extend_schema(request=LaCodeSetInput, responses={201: LaCodeOutput})
    def post(self, request, slug):
        """Record the code in force from a financial year (the business unit)."""
        self.require_business_unit()
        given = self.LaCodeSetInput(data=request.data)
        given.is_valid(raise_exception=True)
        services.la_code_set(
            actor=request.user, partnership=self.partnership, **given.validated_data
        )
        code = la_code_list(user=request.user, partnership=self.partnership).get(
            from_year=given.validated_data["from_year"]
        )
        return Response(LaCodeOutput(code).data, status=status.HTTP_201_CREATED)


class StartYearField(serializers.IntegerField):
    """A financial year by its first calendar year, checked as every year in Safeboard is
    (core.periods), on the day it is asked: the schema's range is the same."""

    def __init__(self, **kwargs):
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)

    def to_internal_value(self, data):
        try:
            return parse_start_year(str(data))
        except PeriodError as error:
            raise serializers.ValidationError(str(error)) from error


class YearFilter(serializers.Serializer):
    year = StartYearField(required=False, help_text=YEAR_HELP)


class NeighbourListApi(PartnershipApi):
    pagination_class = Pages

    @extend_schema(
        responses=NeighbourOutput(many=True),
        parameters=[
            *list_parameters(NEIGHBOUR_COLUMNS, None),
            YearFilter,
        ],
    )
    def get(self, request, slug):
        given = YearFilter(data=request.query_params)
        given.is_valid(raise_exception=True)
        neighbours = statistical_neighbour_list(
            user=request.user, partnership=self.partnership, year=given.validated_data.get("year")
        )
        neighbours = ordered(request, neighbours, NEIGHBOUR_COLUMNS, "-year")
        return paged(self, request, neighbours, NeighbourOutput)


class NeighbourInput(serializers.Serializer):
    code = _la_code_field()
    name = serializers.CharField(max_length=100)


class NeighbourYearApi(PartnershipApi):
    class NeighboursSetInput(serializers.Serializer):
        neighbours = NeighbourInput(
            many=True,
            min_length=10,
            max_length=10,
            help_text="Ten local authorities, closest first",
            error_messages={"min_length": TEN_NEIGHBOURS, "max_length": TEN_NEIGHBOURS},
        )

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        YearFilter(data={"year": kwargs["year"]}).is_valid(raise_exception=True)

    def year_list(self, year: int):
        return statistical_neighbour_list(
            user=self.request.user, partnership=self.partnership, year=year
        ).order_by("rank")

    @extend_schema(
        responses=NeighbourOutput(many=True),
        operation_id="partnerships_statistical_neighbours_of_year",
        parameters=[YEAR_IN_PATH],
    )
    def get(self, request, slug, year):
        """A year's ten statistical neighbours, closest first."""
        return Response(NeighbourOutput(self.year_list(year), many=True).data)

    @extend_schema(
        request=NeighboursSetInput, responses=NeighbourOutput(many=True), parameters=[YEAR_IN_PATH]
    )
    def put(self, request, slug, year):
        """Replace a year's ten statistical neighbours (the business unit)."""
        self.require_business_unit()
        given = self.NeighboursSetInput(data=request.data)
        given.is_valid(raise_exception=True)
        services.statistical_neighbours_set(
            actor=request.user,
            partnership=self.partnership,
            year=year,
            neighbours=[(n["code"], n["name"]) for n in given.validated_data["neighbours"]],
        )
        return Response(NeighbourOutput(self.year_list(year), many=True).data)
