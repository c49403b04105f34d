"""Reading a CIN census file, one child at a time (lxml iterparse, nothing kept behind).

Accepts the DfE layouts from 2017/18 on: the child's sex is `GenderCurrent` in the
older schemas and `Sex` in the newer. Every structural error of the file is collected;
the caller rejects the file if there is any.
"""

from datetime import date
from typing import IO

from lxml import etree

from . import codes
from .tables import PERSONAL_FIELDS, Parsed, Pseudonymiser, birth_month

_SEX_ELEMENTS = ("GenderCurrent", "Sex")
_YES_NO = {**dict.fromkeys(codes.YES, True), **dict.fromkeys(codes.NO, False)}
_ETHNICITY = frozenset(codes.ETHNICITY)
_SOURCE = frozenset(codes.REFERRAL_SOURCE)
_NEED = frozenset(codes.PRIMARY_NEED)
_CLOSURE = frozenset(codes.REASON_FOR_CLOSURE)
_CATEGORY = frozenset(codes.CATEGORY_OF_ABUSE)
_CIN_SEX = frozenset(codes.CIN_SEX)


class _Child:
    """The fields of one `<Child>` element, checked as they are read.

    The schema has no target namespace, so a valid file's tags are bare names.
    """

    def __init__(self, parsed: Parsed, element, number: int, dates: dict) -> None:
        self.parsed = parsed
        self.element = element
        self.number = number
        self.dates = dates  # text to date, shared across the file: dates repeat a lot

    def error(self, field: str, problem: str) -> None:
        where = f"child {self.number} (line {self.element.sourceline})"
        self.parsed.error(where=where, field=field, problem=problem)

    def text(self, found: dict, name: str, required: bool = False) -> str | None:
        value = found.get(name)
        if value is not None:
            value = value.strip()
        if not value and required:
            self.error(name, "is missing")
        return value or None

    def day(self, found: dict, name: str, required: bool = False) -> date | None:
        raw = found.get(name)
        known = self.dates.get(raw)
        if known is not None:
            return known
        value = self.text(found, name, required)
        if value is None:
            return None
        try:
            self.dates[raw] = parsed = date.fromisoformat(value)
        except ValueError:
            shown = "It" if name in PERSONAL_FIELDS else f"“{value}”"
            self.error(name, f"{shown} is not a date (YYYY-MM-DD)")
            return None
        return parsed

    def code(self, found: dict, name: str, allowed: frozenset, required: bool = False):
        value = found.get(name)
        if value in allowed:
            return value
        value = self.text(found, name, required)
        if value is not None and value not in allowed:
            self.error(name, f"“{value}” is not a code the schema allows")
            return None
        return value

    def yes_no(self, found: dict, name: str) -> bool | None:
        value = self.text(found, name, required=True)
        if value is not None and value not in _YES_NO:
            self.error(name, f"“{value}” is not true or false")
            return None
        return _YES_NO.get(value) if value is not None else None

    def order(self, first: date | None, then: date | None, first_name: str, then_name: str):
        if first is not None and then is not None and then < first:
            self.error(then_name, f"is before {first_name}")


def _leaves(element) -> dict[str, str | None]:
    return {sub.tag: sub.text for sub in element}


def read_cin(stream: IO[bytes], pseudonym: Pseudonymiser, progress=None) -> Parsed:
    parsed = Parsed(kind="cin")
    number = 0
    dates: dict = {}
    events = etree.iterparse(stream, events=("end",), tag=("Child", "LEA", "Year"), huge_tree=True)
    try:
        for _, element in events:
            name = element.tag
            if name == "Child":
                number += 1
                _read_child(parsed, element, number, pseudonym, dates)
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]
                if progress is not None and number % 5000 == 0:
                    progress(number)
            elif name == "LEA":
                parsed.la = (element.text or "").strip()
            elif name == "Year" and element.getparent().tag == "CollectionDetails":
                _read_year(parsed, element.text)
    except etree.XMLSyntaxError as error:
        parsed.error(
            where=f"line {error.lineno}", field="", problem=f"not well-formed XML: {error.msg}"
        )
    parsed.children = number
    _check_header(parsed)
    return parsed


def _read_year(parsed: Parsed, text: str | None) -> None:
    value = (text or "").strip()
    if value.isdigit() and len(value) == 4:
        parsed.year = int(value) - 1  # the census year 2024 is the financial year 2023-24
    else:
        parsed.error(where="header", field="Year", problem=f"“{value}” is not a year")


def _check_header(parsed: Parsed) -> None:
    if not (parsed.la.isdigit() and len(parsed.la) == 3):
        parsed.error(
            where="header", field="LEA", problem="the council's three-digit number is missing"
        )
    if parsed.year is None and not any(e["field"] == "Year" for e in parsed.errors):
        parsed.error(where="header", field="Year", problem="the collection year is missing")
    if parsed.children == 0 and not parsed.errors:
        parsed.error(where="file", field="Child", problem="the file holds no children")


def _read_child(parsed: Parsed, element, number: int, pseudonym, dates: dict) -> None:
    child = _Child(parsed, element, number, dates)
    groups: dict[str, list] = {}
    for sub in element:
        groups.setdefault(sub.tag, []).append(sub)
    if "ChildIdentifiers" not in groups:
        child.error("ChildIdentifiers", "is missing")
    ids = _leaves(groups["ChildIdentifiers"][0]) if "ChildIdentifiers" in groups else {}
    raw_id = child.text(ids, "LAchildID", required=bool(ids))
    sex_name = next((n for n in _SEX_ELEMENTS if n in ids), None)
    if ids and sex_name is None:
        child.error("Sex", "is missing (neither Sex nor GenderCurrent)")
    sex = child.code(ids, sex_name, _CIN_SEX) if sex_name else None
    born = child.day(ids, "PersonBirthDate")
    traits = groups.get("ChildCharacteristics")
    ethnicity = child.code(_leaves(traits[0]) if traits else {}, "Ethnicity", _ETHNICITY, True)
    details = groups.get("CINdetails", [])
    if not details:
        child.error("CINdetails", "is missing")
    key = pseudonym(raw_id) if raw_id else ""
    table = parsed.columns["cin_children"]
    table["child"].append(key)
    table["sex"].append(sex)
    table["birth_month"].append(birth_month(born))
    table["ethnicity"].append(ethnicity)
    for detail in details:
        _read_episode(child, detail, key)


def _read_episode(child: _Child, element, key: str) -> None:
    columns = child.parsed.columns
    found = _leaves(element)
    referral = child.day(found, "CINreferralDate", required=True)
    closure = child.day(found, "CINclosureDate")
    child.order(referral, closure, "CINreferralDate", "CINclosureDate")
    row = columns["cin_referrals"]
    row["child"].append(key)
    row["referral_date"].append(referral)
    row["source"].append(child.code(found, "ReferralSource", _SOURCE, required=True))
    row["primary_need"].append(child.code(found, "PrimaryNeedCode", _NEED))
    row["closure_date"].append(closure)
    row["closure_reason"].append(child.code(found, "ReasonForClosure", _CLOSURE))
    row["nfa"].append(child.yes_no(found, "ReferralNFA"))
    row["icpc_date"].append(child.day(found, "DateOfInitialCPC"))
    for sub in element:
        reader = _GROUPS.get(sub.tag)
        if reader is not None:
            reader(child, _leaves(sub), key, referral)


def _read_assessment(child: _Child, found: dict, key: str, referral: date | None) -> None:
    start = child.day(found, "AssessmentActualStartDate", required=True)
    authorised = child.day(found, "AssessmentAuthorisationDate")
    child.order(start, authorised, "AssessmentActualStartDate", "AssessmentAuthorisationDate")
    row = child.parsed.columns["cin_assessments"]
    for column, value in zip(row, (key, referral, start, authorised), strict=True):
        row[column].append(value)


def _read_s47(child: _Child, found: dict, key: str, referral: date | None) -> None:
    start = child.day(found, "S47ActualStartDate", required=True)
    conference = child.day(found, "DateOfInitialCPC")
    child.order(start, conference, "S47ActualStartDate", "DateOfInitialCPC")
    values = (
        key, referral, start, child.day(found, "InitialCPCtarget"), conference,
        child.yes_no(found, "ICPCnotRequired"),
    )  # fmt: skip
    row = child.parsed.columns["cin_s47"]
    for column, value in zip(row, values, strict=True):
        row[column].append(value)


def _read_plan(child: _Child, found: dict, key: str, referral: date | None) -> None:
    start = child.day(found, "CPPstartDate", required=True)
    end = child.day(found, "CPPendDate")
    child.order(start, end, "CPPstartDate", "CPPendDate")
    values = (
        key, referral, start, end,
        child.code(found, "InitialCategoryOfAbuse", _CATEGORY, required=True),
        child.code(found, "LatestCategoryOfAbuse", _CATEGORY, required=True),
    )  # fmt: skip
    row = child.parsed.columns["cin_plans"]
    for column, value in zip(row, values, strict=True):
        row[column].append(value)


_GROUPS = {
    "Assessments": _read_assessment,
    "Section47": _read_s47,
    "ChildProtectionPlans": _read_plan,
}
