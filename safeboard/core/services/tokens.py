"""Personal API tokens: made, revoked, and recorded as used."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import audit, tokens
from ..access import require as require_permission
from ..models import ApiToken, Person

API_TOKEN_DAYS = 90
API_TOKEN_MAX_DAYS = 366


@transaction.atomic
def api_token_create(
    *, actor: Person, name: str, days: int = API_TOKEN_DAYS
) -> tuple[ApiToken, str]:
    """A new token for the person making it. Returns the record and the token itself,
    which is never stored and must be shown to the person now or never."""
    if not 1 <= days <= API_TOKEN_MAX_DAYS:
        raise ValidationError({"days": f"A token lasts from 1 to {API_TOKEN_MAX_DAYS} days."})
    secret, prefix = tokens.make_token()
    now = timezone.now()
    token = ApiToken(
        person=actor,
        name=name.strip(),
        prefix=prefix,
        secret_hash=tokens.token_hash(secret),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    audit.record(actor=actor, action="api.token.create", target=token, changed=["name"])
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Person, token: ApiToken) -> ApiToken:
    require_permission(token.person_id == actor.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="api.token.revoke", target=token, changed=["revoked_at"])
    return token


@transaction.atomic
def api_token_use(*, token: ApiToken, method: str, path: str, partnership_id: int | None) -> None:
    """Every request made with a token leaves one event naming the request."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    audit.record(
        actor=token.person,
        action="api.token.use",
        target=token,
        partnership_id=partnership_id,
        label=f"{token} {method} {path}",
    )
