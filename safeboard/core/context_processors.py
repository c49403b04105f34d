from django.apps import apps
from django.urls import reverse

from .selectors import partnership_list


def _menu(partnership, place) -> list[tuple[str, str]]:
    """The partnership's menu: each module's entries, those for the person's roles only.

    An AppConfig declares `navigation = [(label, url name, order)]`, or with a fourth
    element, the roles the entry is for (as `core.models.Role` values).
    """
    entries = sorted(
        (order, label, url_name)
        for config in apps.get_app_configs()
        for label, url_name, order, *roles in getattr(config, "navigation", [])
        if not roles or (place is not None and place.has(*roles[0]))
    )
    return [
        (label, reverse(url_name, kwargs={"slug": partnership.slug}))
        for _order, label, url_name in entries
    ]


def partnership(request):
    """The partnership being worked in, its menu, and the partnerships to switch between."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = getattr(request, "partnership", None)
    return {
        "current_partnership": current,
        "menu": _menu(current, getattr(request, "place", None)) if current else [],
        "my_partnerships": list(partnership_list(user=user).only("name", "slug")),
    }
