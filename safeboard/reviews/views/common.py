"""What the case review pages share: who may read and write, and how they print."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from safeboard.core.access import require

from .. import rules, selectors


def writer(request: HttpRequest, partnership) -> None:
    """Others than the case review roles find nothing (404); the chair and the scrutineer
    read but may not change (403)."""
    selectors.require_reader(request.user, partnership)
    require(rules.can_write(request.user, partnership))


def url(name: str, partnership, **kwargs: Any) -> str:
    return reverse(f"reviews:{name}", kwargs={"slug": partnership.slug, **kwargs})


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def day(value) -> str:
    return f"{value:%-d %B %Y}" if value else ""
