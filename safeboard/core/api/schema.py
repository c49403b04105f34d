"""The schema says what every endpoint may answer besides success: the errors of
`core.api.errors`, in their one shape."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


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
        if direction != "response" or not self.view.get_authenticators():
            return responses
        codes = ["401", "404"]
        if self.method in WRITES:
            codes += ["400", "403", "409"]
        for code in codes:
            responses.setdefault(code, self._get_response_for_code(ErrorOutput, code))
        return responses
