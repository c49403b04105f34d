"""What the case review services share: who may write, and the partnership's themes."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from safeboard.core.access import require
from safeboard.core.models import Partnership, Person

from ..models import Theme
from ..rules import can_write


def require_writer(actor: Person, partnership: Partnership) -> None:
    require(can_write(actor, partnership))


def check_themes(partnership: Partnership, themes: Iterable[Theme]) -> list[Theme]:
    themes = list(themes)
    if any(theme.partnership_id != partnership.pk for theme in themes):
        raise ValidationError({"themes": "A theme must be one of this partnership's."})
    return themes
