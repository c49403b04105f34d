"""The annual report as data: the board version for those allowed exact figures, and the
published version for anyone at its stable address. Both are what `safeboard report
--format json` writes, so a figure read here is the figure in the PDF."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from safeboard.core.access import require
from safeboard.core.api.base import PartnershipApi, SafeboardApi
from safeboard.core.api.schema import ErrorOutput

from . import rules
from .compose import compose
from .models import Edition
from .output import render_json
from .selectors import published_report_get, report_latest_get

YEAR = OpenApiParameter(
    "year",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The financial year as the partnership writes it, such as 2017-18",
    pattern=r"^\d{4}-\d{2}$",
)

ReportData = inline_serializer(
    "AnnualReportData",
    fields={
        "fingerprint": serializers.CharField(
            help_text="SHA-256 of the report's data: the same figures give the same fingerprint"
        ),
        "report": serializers.JSONField(
            help_text="Every section in the partnership's order, with its figures, tables, "
            "charts (Vega-Lite) and their sources"
        ),
    },
)


def _as_data(report, edition: str) -> dict:
    return json.loads(render_json(compose(report, edition=edition)))


class BoardReportApi(PartnershipApi):
    @extend_schema(parameters=[YEAR], responses={200: ReportData, 403: ErrorOutput})
    def get(self, request, slug, year):
        """The board version of the year's latest revision, with exact figures (the business
        unit, the chair and the scrutineer)."""
        report = report_latest_get(user=request.user, partnership=self.partnership, year=year)
        require(rules.can_read_board_version(request.user, self.partnership.pk))
        return Response(_as_data(report, Edition.BOARD))


class PublishedReportApi(SafeboardApi):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(parameters=[YEAR], responses=ReportData)
    def get(self, request, slug, year):
        """The published version, disclosure-controlled (counts 1 to 5 are shown as "c"),
        of the latest published revision. Public."""
        return Response(_as_data(published_report_get(slug=slug, year=year), Edition.PUBLISHED))
