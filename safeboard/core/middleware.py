"""What every request passes through: the audit's address, and the rules of a session."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .audit import request_ip

SIGNED_IN_AT = "safeboard_signed_in_at"
SEEN_AT = "safeboard_seen_at"
# A session's last request is written down at most this often, so a page load is not a
# database write; the idle limit is therefore met up to this much early, never late.
SEEN_AT_GRANULARITY = 60

# What a person who has given their password but not yet their code may reach.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "core:second-factor",
        "core:second-factor-set-up",
        "core:sign-out",
        "core:healthz",
        "core:accessibility",
        "core:privacy",
    }
)


class RequestAddress:
    """Make the client's address available to the audit trail for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            request_ip.reset(token)


def session_started(sender, request, user, **kwargs) -> None:
    """Note when the session began (on `user_logged_in`, sent by every way of signing in)."""
    now = timezone.now().timestamp()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


def session_has_ended(
    *, signed_in_at: float | None, seen_at: float | None, now: float, idle: int, lifetime: int
) -> bool:
    """A session without its start noted has ended too: it was not begun by signing in."""
    if signed_in_at is None or seen_at is None:
        return True
    return now - seen_at > idle or now - signed_in_at > lifetime


class SessionLimits:
    """End a session after 30 minutes without a request, or 12 hours after signing in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = timezone.now().timestamp()
            ended = session_has_ended(
                signed_in_at=session.get(SIGNED_IN_AT),
                seen_at=session.get(SEEN_AT),
                now=now,
                idle=settings.SESSION_IDLE_SECONDS,
                lifetime=settings.SESSION_LIFETIME_SECONDS,
            )
            if ended:
                logout(request)
                messages.info(request, "You have been signed out. Sign in again to continue.")
                return redirect_to_login(request.get_full_path())
            if now - session[SEEN_AT] >= SEEN_AT_GRANULARITY:
                session[SEEN_AT] = now
        return self.get_response(request)


def _open_before_second_factor(request) -> bool:
    if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return True
    try:
        return resolve(request.path_info).view_name in OPEN_BEFORE_SECOND_FACTOR
    except Resolver404:
        return False


class SecondFactorRequired:
    """A person who has given their password but not their code reaches only the second
    step of signing in (or setting up their authenticator), signing out and public pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        half_signed_in = user.is_authenticated and not user.is_verified()
        if half_signed_in and not _open_before_second_factor(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('core:second-factor')}?{query}")
        return self.get_response(request)


class NoStoreWhenSignedIn:
    """No browser or proxy keeps a copy of what a signed-in person was shown."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
