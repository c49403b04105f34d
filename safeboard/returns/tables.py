"""What a return becomes on the way in: typed columns, pseudonymised, and the errors found.

Both readers fill a `Parsed`: one column list per field of each table, and every
structural error with where it is (line or row, child number, field) but never the
child's own identifier, so an error report can be kept without keeping the child.
"""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa

SCHEMAS: dict[str, pa.Schema] = {
    "cin_children": pa.schema(
        [("child", pa.string()), ("sex", pa.string()), ("birth_month", pa.date32()),
         ("ethnicity", pa.string())]
    ),
    "cin_referrals": pa.schema(
        [("child", pa.string()), ("referral_date", pa.date32()), ("source", pa.string()),
         ("primary_need", pa.string()), ("closure_date", pa.date32()),
         ("closure_reason", pa.string()), ("nfa", pa.bool_()), ("icpc_date", pa.date32())]
    ),
    "cin_assessments": pa.schema(
        [("child", pa.string()), ("referral_date", pa.date32()), ("start_date", pa.date32()),
         ("authorisation_date", pa.date32())]
    ),
    "cin_s47": pa.schema(
        [("child", pa.string()), ("referral_date", pa.date32()), ("start_date", pa.date32()),
         ("icpc_target", pa.date32()), ("icpc_date", pa.date32()),
         ("icpc_not_required", pa.bool_())]
    ),
    "cin_plans": pa.schema(
        [("child", pa.string()), ("referral_date", pa.date32()), ("start_date", pa.date32()),
         ("end_date", pa.date32()), ("initial_category", pa.string()),
         ("latest_category", pa.string())]
    ),
    "lac_children": pa.schema(
        [("child", pa.string()), ("sex", pa.string()), ("birth_month", pa.date32()),
         ("ethnicity", pa.string())]
    ),
    "lac_episodes": pa.schema(
        [("child", pa.string()), ("start_date", pa.date32()), ("reason_new", pa.string()),
         ("legal_status", pa.string()), ("need", pa.string()), ("placement", pa.string()),
         ("end_date", pa.date32()), ("reason_ceased", pa.string())]
    ),
    "lac_missing": pa.schema(
        [("child", pa.string()), ("kind", pa.string()), ("start_date", pa.date32()),
         ("end_date", pa.date32())]
    ),
}  # fmt: skip

# Fields whose value an error message must not repeat: the error list is kept.
PERSONAL_FIELDS = frozenset({"PersonBirthDate", "ExpectedPersonBirthDate", "DOB", "MC_DOB"})

# Which tables each kind of file fills.
TABLES_OF = {
    "cin": ("cin_children", "cin_referrals", "cin_assessments", "cin_s47", "cin_plans"),
    "903_header": ("lac_children",),
    "903_episodes": ("lac_episodes",),
    "903_missing": ("lac_missing",),
}


_LONGEST_PROBLEM = 300


@dataclass
class Parsed:
    kind: str
    la: str = ""
    year: int | None = None  # the financial year's first calendar year: 2023 for 2023-24
    columns: dict[str, dict[str, list]] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    children: int = 0

    def __post_init__(self) -> None:
        for table in TABLES_OF[self.kind]:
            self.columns[table] = {name: [] for name in SCHEMAS[table].names}

    def error(self, *, where: str, field: str, problem: str) -> None:
        # A NUL quoted from the file is shown by its symbol: PostgreSQL's JSON holds none.
        # A cell quoted whole could be megabytes long: enough of it is shown to find it.
        shown = problem.replace(chr(0), "\N{SYMBOL FOR NULL}")
        if len(shown) > _LONGEST_PROBLEM:
            shown = shown[: _LONGEST_PROBLEM - 1] + "…"
        self.errors.append({"where": where, "field": field, "problem": shown})

    def set_rows(self, table: str, rows: list[tuple]) -> None:
        """Fill a table's columns from its rows, each a tuple in the schema's order."""
        names = SCHEMAS[table].names
        columns = [list(column) for column in zip(*rows, strict=True)] or [[] for _ in names]
        self.columns[table] = dict(zip(names, columns, strict=True))

    def counts(self) -> dict[str, int]:
        return {table: len(cols["child"]) for table, cols in self.columns.items()}

    def tables(self) -> dict[str, pa.Table]:
        return {
            name: pa.table(cols, schema=SCHEMAS[name])
            .append_column("la", pa.array([self.la] * len(cols["child"]), pa.string()))
            .append_column("year", pa.array([self.year] * len(cols["child"]), pa.int16()))
            for name, cols in self.columns.items()
        }


class Pseudonymiser:
    """A child's identifier, replaced by a keyed hash: stable within a partnership
    (so a child's earlier returns still match), meaningless without its secret.

    One is made for each file read, and remembers the codes it has given within it: a
    looked-after child's identifier comes back on every row of their episodes.
    """

    def __init__(self, secret: bytes) -> None:
        self._key = hmac.new(secret, digestmod=hashlib.sha256)
        self._given: dict[str, str] = {}

    def __call__(self, identifier: str) -> str:
        code = self._given.get(identifier)
        if code is None:
            mac = self._key.copy()
            mac.update(identifier.strip().encode())
            code = self._given[identifier] = mac.hexdigest()[:32]
        return code


def birth_month(day: date | None) -> date | None:
    """Dates of birth are kept to the month only."""
    return day.replace(day=1) if day is not None else None
