"""What the performance selectors share: only a partnership's members read its dataset."""

from django.http import Http404

from safeboard.core.access import scope_for
from safeboard.core.models import Partnership


def require_member(user, partnership: Partnership) -> None:
    if partnership.pk not in scope_for(user).places:
        raise Http404("No such partnership")
