"""Endpoints of restricted records (case reviews, child deaths, missing episodes).

The API's side of `core.restricted`: the endpoint names the records it returns with
`self.shown(...)`, and before the response leaves, the same `record_access` writes one
access event naming them all. If that write fails, the answer is an error, never the data.
"""

from django.db import DatabaseError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import restricted

NOT_RECORDED = (
    "Safeboard could not record that you asked for these records, so it has not shown "
    "them. Try again in a few minutes."
)


class RestrictedApi(APIView):
    """Mix into an endpoint's view (before PartnershipApi) that returns restricted records."""

    def shown(self, *records) -> None:
        restricted.shown(_django_request(self.request), *records)

    def finalize_response(self, request, response, *args, **kwargs):
        named = _django_request(request).__dict__.get("restricted_records", ())
        partnership = getattr(self, "partnership", None)
        try:
            restricted.record_access(
                actor=request.user,
                partnership_id=partnership.pk if partnership is not None else None,
                records=named,
                via="api",
            )
        except DatabaseError:
            response = Response(
                {"message": NOT_RECORDED, "errors": {}},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        return super().finalize_response(request, response, *args, **kwargs)


def _django_request(request):
    """The HttpRequest under DRF's Request, where the page decorator keeps its list too."""
    return getattr(request, "_request", request)
