"""A person's own API tokens: make one (shown once), see them, revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from .. import services
from ..forms import ApiTokenForm, add_service_errors
from ..selectors import api_token_get, api_token_list
from .base import SignedInRequest


def token_status(token, now) -> str:
    if token.revoked_at is not None:
        return "Revoked"
    return "Expired" if token.expires_at <= now else "In use"


@login_required
def api_tokens(request: SignedInRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.api_token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = render(
                request, "core/api_token_made.html", {"token": token, "secret": secret}
            )
            response["Cache-Control"] = "no-store"  # the token must not linger in any cache
            return response
    now = timezone.now()
    tokens = [(token, token_status(token, now)) for token in api_token_list(user=request.user)]
    return render(request, "core/api_tokens.html", {"form": form, "tokens": tokens})


@login_required
def api_token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = api_token_get(user=request.user, pk=pk)
    if request.method == "POST":
        services.api_token_revoke(actor=request.user, token=token)
        messages.success(request, f"“{token.name}” has been revoked. It no longer works.")
        return redirect("core:api-tokens")
    return render(
        request,
        "core/confirm.html",
        {
            "title": f"Revoke the token “{token.name}”?",
            "button": "Revoke token",
            "back": reverse("core:api-tokens"),
        },
    )
