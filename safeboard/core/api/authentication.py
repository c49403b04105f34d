"""How an API request says who is asking: a personal token, or the browser's session."""

from django.conf import settings
from django.urls import Resolver404, resolve
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .. import services
from ..access import scope_for
from ..models import Partnership
from ..selectors import api_token_in_force


class SessionAuthentication(authentication.SessionAuthentication):
    """The signed-in session of the pages (with its CSRF check on writes)."""

    def authenticate(self, request):
        answer = super().authenticate(request)
        if answer is None or not self.is_session_allowed(request._request):
            return None
        return answer

    def is_session_allowed(self, request) -> bool:
        """Whether this signed-in session may use the API. The one place where the
        two-factor sign-in (issue #4) requires the session's second factor to be verified."""
        return True


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer sbt_…` with a personal API token. Each request made with a
    token writes one `api.token.use` audit event, before the request is answered."""

    keyword = "Bearer"

    def authenticate(self, request):
        words = authentication.get_authorization_header(request).split()
        if not words or words[0].decode(errors="replace").lower() != self.keyword.lower():
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed("Give the token after “Bearer ”, and no more.")
        token = api_token_in_force(presented=words[1].decode(errors="replace"))
        if token is None:
            raise exceptions.AuthenticationFailed(
                "This token is not valid: it may have expired or been revoked."
            )
        services.api_token_use(
            token=token,
            method=request.method,
            path=request.path,
            partnership_id=_partnership_of(request, token.person),
        )
        return token.person, token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


def _partnership_of(request, person) -> int | None:
    """The partnership the request is about, if the person is one of its members, so the
    use shows in that partnership's audit trail."""
    try:
        slug = resolve(request.path).kwargs.get("slug")
    except Resolver404:
        return None
    if slug is None:
        return None
    partnership_id = Partnership.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return partnership_id if partnership_id in scope_for(person).places else None


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = SessionAuthentication
    name = "session"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "personalToken"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made on the API tokens page.",
        }
