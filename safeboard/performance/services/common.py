"""What the performance services share: a refused file, reading one, and who may write."""

from typing import IO

from django.core.exceptions import ValidationError

from safeboard.core.access import require as require_permission
from safeboard.core.models import Partnership, Person

from ..imports import FileUnreadable, Problem, read_table
from ..rules import can_manage


class ImportRefused(ValidationError):
    """The file has bad rows or cells; nothing was written. `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__([str(problem) for problem in problems])


def require_business_unit(actor: Person | None, partnership: Partnership) -> None:
    # No actor is the command line, run by whoever operates the server.
    if actor is not None:
        require_permission(can_manage(actor, partnership.pk))


def read_rows(name: str, stream: IO[bytes]) -> list[dict[str, str]]:
    try:
        return read_table(name, stream)
    except FileUnreadable as error:
        raise ImportRefused([Problem(1, "(file)", str(error))]) from error
