"""What the core services share: a deactivated membership opens nothing."""

from django.core.exceptions import ValidationError

from ..models import Membership


def require_active(membership: Membership) -> None:
    """A deactivated membership opens nothing: reactivate it first."""
    if not membership.is_active:
        raise ValidationError(
            f"{membership.person}'s membership of {membership.partnership} is deactivated. "
            "Reactivate it first."
        )
