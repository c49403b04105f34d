"""What both readings of a CIN census file share: the codes the schema allows, its dates,
and what the reading of one file carries from child to child."""

from datetime import date

from .. import codes
from ..tables import Parsed, Pseudonymiser

YES_NO: dict[str | None, bool] = {
    **dict.fromkeys(codes.YES, True),
    **dict.fromkeys(codes.NO, False),
}
ETHNICITY = frozenset(codes.ETHNICITY)
SOURCE = frozenset(codes.REFERRAL_SOURCE)
NEED = frozenset(codes.PRIMARY_NEED)
CLOSURE = frozenset(codes.REASON_FOR_CLOSURE)
CATEGORY = frozenset(codes.CATEGORY_OF_ABUSE)
CIN_SEX = frozenset(codes.CIN_SEX)


TABLES = ("cin_children", "cin_referrals", "cin_assessments", "cin_s47", "cin_plans")


def parse_date(text: str) -> date:
    """A census date, written YYYY-MM-DD (Python alone would also take 20230501)."""
    if len(text) != 10:
        raise ValueError(text)
    return date.fromisoformat(text)


class Doubt(Exception):
    """The quick reading leaves this child to the checking reading."""


class File:
    """What the reading of one file carries from child to child."""

    def __init__(self, parsed: Parsed, pseudonym: Pseudonymiser) -> None:
        self.parsed = parsed
        self.pseudonym = pseudonym
        # Text to date: dates repeat a lot in a file. Keyed by what an element held, None too.
        self.dates: dict[str | None, date] = {}
        self.months: dict[str, date] = {}  # text of a birth date to its month
        self.rows: dict[str, list[tuple]] = {table: [] for table in TABLES}

    def date(self, raw: str | None) -> date:
        """A date the quick reading accepts as written, or doubt."""
        if raw is None:
            raise Doubt
        try:
            known = self.dates[raw] = parse_date(raw)
        except ValueError:
            raise Doubt from None
        return known
