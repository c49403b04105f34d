"""Every API error as JSON of one shape: `{"message": "...", "errors": {field: [...]}}`.

Services refuse with Django's own exceptions; this is the one place that turns them into
HTTP answers, so an endpoint never catches them itself.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ..versioning import StaleEdit

GENERAL = "__all__"


def handle(exc, context) -> Response | None:
    if isinstance(exc, StaleEdit):
        return _answer(status.HTTP_409_CONFLICT, exc.messages[0], {"version": exc.messages})
    if isinstance(exc, DjangoValidationError):
        return _validation(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "Not found.")
    elif isinstance(exc, PermissionDenied):
        # A refusal that says who can make the change passes its reason on.
        exc = exceptions.PermissionDenied(
            str(exc) or "You can see this, but you are not allowed to change it."
        )
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _shape(_one_message(response.data), response.data)
    else:
        response.data = {"message": _text(response.data), "errors": {}}
    return response


def not_found(request, exception):
    """An address under the API that matches none of its endpoints answers in the API's
    shape, as its schema says, rather than with the site's page."""
    if request.path.startswith("/api/"):
        nothing = {"message": "There is nothing at this address.", "errors": {}}
        return JsonResponse(nothing, status=404)
    return defaults.page_not_found(request, exception)


def _validation(exc: DjangoValidationError) -> Response:
    if hasattr(exc, "error_dict"):
        errors = {
            name: [str(m) for e in errs for m in e.messages]
            for name, errs in exc.error_dict.items()
        }
        message = (
            next(iter(errors.values()))[0] if len(errors) == 1 else "Check the values you sent."
        )
        return _answer(status.HTTP_400_BAD_REQUEST, message, errors)
    return _answer(status.HTTP_400_BAD_REQUEST, " ".join(exc.messages), {})


def _one_message(data) -> str:
    """A single field's single message says itself what is wrong, as for services' refusals."""
    if isinstance(data, dict) and len(data) == 1:
        [messages] = data.values()
        if isinstance(messages, list) and len(messages) == 1 and isinstance(messages[0], str):
            return messages[0]
    return "Check the values you sent."


def _shape(message: str, data) -> dict:
    if not isinstance(data, dict):
        data = {GENERAL: data}
    errors: dict[str, list[str]] = {}
    for name, found in data.items():
        _flatten(GENERAL if name == "non_field_errors" else str(name), found, errors)
    return {"message": message, "errors": errors}


def _flatten(name: str, found, errors: dict[str, list[str]]) -> None:
    """A nested field's messages under its dotted name (`neighbours.3.code`, `roles.0`),
    so every value in `errors` is a list of messages, as the schema says."""
    if isinstance(found, dict):
        for key, inner in found.items():
            _flatten(name if key == "non_field_errors" else f"{name}.{key}", inner, errors)
    elif isinstance(found, list) and not all(isinstance(item, str) for item in found):
        for index, inner in enumerate(found):
            if inner:
                _flatten(f"{name}.{index}", inner, errors)
    else:
        errors[name] = [str(message) for message in (found if isinstance(found, list) else [found])]


def _text(data) -> str:
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])
    return str(data)


def _answer(code: int, message: str, errors: dict) -> Response:
    return Response({"message": message, "errors": errors}, status=code)
