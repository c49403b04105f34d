"""The schema says everything an endpoint may answer: besides success, the errors of
`core.api.errors` in their one shape, and for which reasons each can come. The endpoints
also read it, to refuse any query parameter it does not declare."""

import functools

from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from .restricted import RestrictedApi


class ErrorOutput(serializers.Serializer):
    message = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by field; `__all__` for the record as a whole",
    )


WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class SafeboardSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self.error_codes():
            responses.setdefault(code, self._get_response_for_code(ErrorOutput, code))
        return responses

    def error_codes(self) -> list[str]:
        """400 for a query parameter it does not take or a value it cannot read, 404 for a
        record in the address that is not there (or not theirs) or a page past the last,
        401 signed out; a write is
        also refused when not theirs to make (403) or made on a stale version (409); a
        restricted record is not shown if its access event cannot be written (503)."""
        codes = ["400"]
        if "{" in self.path or self._get_paginator():
            codes.append("404")
        if self.view.get_authenticators():
            codes.append("401")
            if self.method in WRITES:
                codes += ["403", "409"]
        if isinstance(self.view, RestrictedApi):
            codes.append("503")
        return codes

    def _get_request_for_media_type(self, serializer, direction="request"):
        # Our endpoints read a PATCH with its input serializer as written, whose optional
        # fields say so, not as DRF's partial update, which would make `version` optional.
        method = self.method
        self.method = "POST" if method == "PATCH" else method
        try:
            return super()._get_request_for_media_type(serializer, direction)
        finally:
            self.method = method

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        # An output field whose default is None answers null when its source is missing
        # (a seat held by no agency, a meeting on no theme).
        if direction == "response" and field.default is None:
            meta["nullable"] = True
        return meta


def query_parameters_of(request) -> dict[str, bool]:
    """The query parameters the schema declares for the operation asked for, each with
    whether it may be given blank."""
    method = "GET" if request.method == "HEAD" else request.method
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    declared = _declared_query_parameters(urlconf)
    return declared.get((request.resolver_match.func, method), {})


@functools.cache
def _declared_query_parameters(urlconf: str) -> dict[tuple[object, str], dict[str, bool]]:
    # Drawn once per process from the very schema the API serves, so the two cannot differ.
    generator = SchemaGenerator(urlconf=urlconf)
    document = generator.get_schema(request=None, public=True)
    declared = {}
    for path, _, method, callback in generator.endpoints:
        view = generator.create_view(callback, method)
        operations = document["paths"].get(generator.coerce_path(path, method, view), {})
        parameters = operations.get(method.lower(), {}).get("parameters", [])
        declared[(callback, method)] = {
            p["name"]: _takes_blank(p["schema"]) for p in parameters if p["in"] == "query"
        }
    return declared


def _takes_blank(schema: dict) -> bool:
    """Whether an empty string is a value of this schema: free text, and nothing else."""
    limited = {"enum", "pattern", "format"} & schema.keys() or schema.get("minLength")
    return schema.get("type") == "string" and not limited
