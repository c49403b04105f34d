"""Reading the SSDA903 (children looked after) tables: header, episodes and missing.

Each table is its own CSV file, dates written dd/mm/yyyy. The council and year are not
in the file, so they come from its name (`SSDA903_<LA>_<YYYY>_<table>.csv`, the year
the collection ends) or from the person uploading it.
"""

import re
from datetime import date
from typing import IO

from safeboard.core.uploads import RETURN_LIMIT, csv_rows

from . import codes
from .tables import PERSONAL_FIELDS, Parsed, Pseudonymiser, birth_month

NAME = re.compile(r"SSDA903_(\d{3})_(\d{4})_(header|episodes|missing)\.csv$", re.IGNORECASE)

# The columns each table must have, and which of them may be blank.
REQUIRED = {
    "903_header": ("CHILD", "SEX", "DOB", "ETHNIC"),
    "903_episodes": ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE"),
    "903_missing": ("CHILD", "MISSING", "MIS_START"),
}
OPTIONAL = {
    "903_header": ("UPN", "MOTHER", "MC_DOB"),
    "903_episodes": (
        "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
    ),
    "903_missing": ("MIS_END",),
}  # fmt: skip
_CODES = {
    "SEX": frozenset(codes.SSDA903_SEX),
    "ETHNIC": frozenset(codes.ETHNICITY),
    "RNE": frozenset(codes.REASON_NEW_EPISODE),
    "LS": frozenset(codes.LEGAL_STATUS),
    "CIN": frozenset(codes.EPISODE_NEED),
    "PLACE": frozenset(codes.PLACEMENT),
    "PLACE_PROVIDER": frozenset(codes.PLACEMENT_PROVIDER),
    "REC": frozenset(codes.REASON_EPISODE_CEASED),
    "REASON_PLACE_CHANGE": frozenset(codes.REASON_PLACE_CHANGE),
    "MISSING": frozenset(codes.MISSING_KIND),
}
_DATES = ("DOB", "MC_DOB", "DECOM", "DEC", "MIS_START", "MIS_END")


def kind_of_header(columns: list[str]) -> str | None:
    """Which 903 table a CSV is, from its header row."""
    names = {c.strip().upper() for c in columns}
    for kind in ("903_episodes", "903_missing", "903_header"):
        if set(REQUIRED[kind]) <= names:
            return kind
    return None


def _uk_date(text: str) -> date:
    day, month, year = text.split("/")
    if len(year) != 4:
        raise ValueError(text)
    return date(int(year), int(month), int(day))


def read_903(
    stream: IO[bytes], pseudonym: Pseudonymiser, *, kind: str, la: str, year: int | None
) -> Parsed:
    """The table's rows, read as the file streams; UnreadableFile if it is not UTF-8 CSV or
    is longer than a return may be."""
    parsed = Parsed(kind=kind, la=la, year=year)
    reader = csv_rows(stream, max_rows=RETURN_LIMIT.max_rows)
    header = [c.strip().upper() for c in next(reader, [])]
    missing = [c for c in REQUIRED[kind] if c not in header]
    for column in missing:
        parsed.error(where="header row", field=column, problem="the column is missing")
    if missing:
        return parsed
    position = {
        name: header.index(name) for name in (*REQUIRED[kind], *OPTIONAL[kind]) if name in header
    }
    read_row = _ROW_READERS[kind]
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {name: (row[i].strip() if i < len(row) else "") for name, i in position.items()}
        checked = _check(parsed, f"row {number}", kind, values)
        if checked is not None:
            read_row(parsed, checked, pseudonym)
        parsed.children += 1
    if parsed.children == 0:
        parsed.error(where="file", field="", problem="the file holds no rows")
    return parsed


def _check(parsed: Parsed, where: str, kind: str, values: dict[str, str]) -> dict | None:
    before = len(parsed.errors)
    checked: dict[str, object] = {}
    for name, value in values.items():
        if not value:
            if name in REQUIRED[kind]:
                parsed.error(where=where, field=name, problem="is blank")
            checked[name] = None
        elif name in _DATES:
            try:
                checked[name] = _uk_date(value)
            except ValueError:
                shown = "It" if name in PERSONAL_FIELDS else f"“{value}”"
                parsed.error(where=where, field=name, problem=f"{shown} is not a date (dd/mm/yyyy)")
        elif name in _CODES and value not in _CODES[name]:
            parsed.error(
                where=where, field=name, problem=f"“{value}” is not a code the return allows"
            )
        else:
            checked[name] = value
    for start, end in (("DECOM", "DEC"), ("MIS_START", "MIS_END")):
        began, ended = checked.get(start), checked.get(end)
        if isinstance(began, date) and isinstance(ended, date) and ended < began:
            parsed.error(where=where, field=end, problem=f"is before {start}")
    return checked if len(parsed.errors) == before else None


def _header_row(parsed: Parsed, row: dict, pseudonym: Pseudonymiser) -> None:
    table = parsed.columns["lac_children"]
    table["child"].append(pseudonym(row["CHILD"]))
    table["sex"].append(row["SEX"])
    table["birth_month"].append(birth_month(row["DOB"]))
    table["ethnicity"].append(row["ETHNIC"])


def _episode_row(parsed: Parsed, row: dict, pseudonym: Pseudonymiser) -> None:
    table = parsed.columns["lac_episodes"]
    table["child"].append(pseudonym(row["CHILD"]))
    table["start_date"].append(row["DECOM"])
    table["reason_new"].append(row["RNE"])
    table["legal_status"].append(row["LS"])
    table["need"].append(row["CIN"])
    table["placement"].append(row["PLACE"])
    table["end_date"].append(row.get("DEC"))
    table["reason_ceased"].append(row.get("REC"))


def _missing_row(parsed: Parsed, row: dict, pseudonym: Pseudonymiser) -> None:
    table = parsed.columns["lac_missing"]
    table["child"].append(pseudonym(row["CHILD"]))
    table["kind"].append(row["MISSING"])
    table["start_date"].append(row["MIS_START"])
    table["end_date"].append(row.get("MIS_END"))


_ROW_READERS = {
    "903_header": _header_row,
    "903_episodes": _episode_row,
    "903_missing": _missing_row,
}
