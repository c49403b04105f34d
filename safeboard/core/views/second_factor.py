"""The second step of signing in: a code from the person's authenticator app, or setting
the app up at their first sign-in, with recovery codes for when the phone is lost."""

from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.middleware import is_verified
from django_otp.plugins.otp_static.models import StaticDevice

from .. import second_factor
from ..forms import GovukForm
from .base import SignedInRequest


class CodeForm(GovukForm):
    code = forms.CharField(
        max_length=20,
        label="Code",
        help_text="The 6-digit code your authenticator app shows now, or one of your "
        "recovery codes",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )


class NewAuthenticatorCodeForm(GovukForm):
    code = forms.CharField(
        max_length=10,
        label="Code from your authenticator app",
        help_text="The 6-digit code the app shows for Safeboard",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _complete_sign_in(request: HttpRequest, device) -> None:
    otp_login(request, device)
    # A new session key once the person is fully signed in, as at the password step.
    request.session.cycle_key()


def _too_many_wrong_codes(person) -> str | None:
    """Why a code will not be looked at now, if it will not: guessing is slowed down."""
    wait = second_factor.waiting_until(person)
    if wait is None:
        return None
    return (
        "You have entered too many wrong codes. "
        f"Try again after {timezone.localtime(wait):%H:%M:%S}."
    )


WRONG_CODE = "The code is not right. Enter the code your authenticator app shows now."


@login_required
def second_factor_step(request: SignedInRequest) -> HttpResponse:
    next_url = _next(request)
    person = request.user
    if is_verified(person):
        return redirect(next_url)
    if not second_factor.has_second_factor(person):
        return redirect(_with_next("core:second-factor-set-up", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = _too_many_wrong_codes(person)
        device = None
        if refusal is None:
            code = form.cleaned_data["code"]
            device = second_factor.second_factor_verify(person=person, code=code)
        if device is not None:
            _complete_sign_in(request, device)
            if isinstance(device, StaticDevice):
                left = second_factor.recovery_codes_left(person)
                messages.info(
                    request,
                    f"You used a recovery code. You have {left} left: each works only once.",
                )
            return redirect(next_url)
        form.add_error("code", refusal or WRONG_CODE)
    return render(request, "core/second_factor.html", {"form": form, "next": next_url})


def _qr_code(device) -> str:
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(
        scale=5, light="#fff", title="QR code to scan with your authenticator app", svgclass=None
    )


@login_required
def second_factor_set_up(request: SignedInRequest) -> HttpResponse:
    next_url = _next(request)
    person = request.user
    if second_factor.has_second_factor(person):
        return redirect(_with_next("core:second-factor", next_url))
    device = second_factor.authenticator_start(person=person)
    form = NewAuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = _too_many_wrong_codes(person)
        confirmed = None
        if refusal is None:
            code = form.cleaned_data["code"]
            confirmed = second_factor.authenticator_confirm(person=person, code=code)
        if confirmed is not None:
            _complete_sign_in(request, confirmed)
            codes = second_factor.recovery_codes_generate(person=person)
            return render(request, "core/recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error("code", refusal or WRONG_CODE)
    return render(
        request,
        "core/second_factor_set_up.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": _qr_code(device),
            "secret": second_factor.secret_for_typing(device),
        },
    )
