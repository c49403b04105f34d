"""The checking reading of a CIN census child: field by field, every problem of the child
reported. It takes every child the quick reading (`quick`) doubts."""

from datetime import date

from ..tables import PERSONAL_FIELDS, birth_month
from .common import CATEGORY, CIN_SEX, CLOSURE, ETHNICITY, NEED, SOURCE, YES_NO, File, parse_date

_SEX_ELEMENTS = ("GenderCurrent", "Sex")


class _Child:
    """The fields of one `<Child>` element, checked as they are read.

    The schema has no target namespace, so a valid file's tags are bare names.
    """

    def __init__(self, reading: File, element, number: int) -> None:
        self.reading = reading
        self.element = element
        self.number = number

    def error(self, field: str, problem: str) -> None:
        where = f"child {self.number} (line {self.element.sourceline})"
        self.reading.parsed.error(where=where, field=field, problem=problem)

    def text(self, found: dict, name: str, required: bool = False) -> str | None:
        value = found.get(name)
        if value is not None:
            value = value.strip()
        if not value and required:
            self.error(name, "is missing")
        return value or None

    def day(self, found: dict, name: str, required: bool = False) -> date | None:
        value = self.text(found, name, required)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            shown = "It" if name in PERSONAL_FIELDS else f"“{value}”"
            self.error(name, f"{shown} is not a date (YYYY-MM-DD)")
            return None

    def code(self, found: dict, name: str, allowed: frozenset, required: bool = False):
        value = self.text(found, name, required)
        if value is not None and value not in allowed:
            self.error(name, f"“{value}” is not a code the schema allows")
            return None
        return value

    def yes_no(self, found: dict, name: str) -> bool | None:
        value = self.text(found, name, required=True)
        if value is not None and value not in YES_NO:
            self.error(name, f"“{value}” is not true or false")
            return None
        return YES_NO.get(value) if value is not None else None

    def order(self, first: date | None, then: date | None, first_name: str, then_name: str):
        if first is not None and then is not None and then < first:
            self.error(then_name, f"is before {first_name}")


def _leaves(element) -> dict[str, str | None]:
    return {sub.tag: sub.text for sub in element}


def check_child(reading: File, element, number: int) -> None:
    child = _Child(reading, element, number)
    groups: dict[str, list] = {}
    for sub in element:
        groups.setdefault(sub.tag, []).append(sub)
    if "ChildIdentifiers" not in groups:
        child.error("ChildIdentifiers", "is missing")
    ids = _leaves(groups["ChildIdentifiers"][0]) if "ChildIdentifiers" in groups else {}
    raw_id = child.text(ids, "LAchildID", required="ChildIdentifiers" in groups)
    sex_name = next((n for n in _SEX_ELEMENTS if n in ids), None)
    if "ChildIdentifiers" in groups and sex_name is None:
        child.error("Sex", "is missing (neither Sex nor GenderCurrent)")
    sex = child.code(ids, sex_name, CIN_SEX) if sex_name else None
    born = child.day(ids, "PersonBirthDate")
    traits = groups.get("ChildCharacteristics")
    ethnicity = child.code(_leaves(traits[0]) if traits else {}, "Ethnicity", ETHNICITY, True)
    details = groups.get("CINdetails", [])
    if not details:
        child.error("CINdetails", "is missing")
    key = reading.pseudonym(raw_id) if raw_id else ""
    reading.rows["cin_children"].append((key, sex, birth_month(born), ethnicity))
    for detail in details:
        _check_episode(child, detail, key)


def _check_episode(child: _Child, element, key: str) -> None:
    rows = child.reading.rows
    found = _leaves(element)
    referral = child.day(found, "CINreferralDate", required=True)
    closure = child.day(found, "CINclosureDate")
    child.order(referral, closure, "CINreferralDate", "CINclosureDate")
    rows["cin_referrals"].append((
        key, referral,
        child.code(found, "ReferralSource", SOURCE, required=True),
        child.code(found, "PrimaryNeedCode", NEED),
        closure,
        child.code(found, "ReasonForClosure", CLOSURE),
        child.yes_no(found, "ReferralNFA"),
        child.day(found, "DateOfInitialCPC"),
    ))  # fmt: skip
    for sub in element:
        checker = _GROUPS.get(sub.tag)
        if checker is not None:
            checker(child, _leaves(sub), key, referral)


def _check_assessment(child: _Child, found: dict, key: str, referral: date | None) -> None:
    start = child.day(found, "AssessmentActualStartDate", required=True)
    authorised = child.day(found, "AssessmentAuthorisationDate")
    child.order(start, authorised, "AssessmentActualStartDate", "AssessmentAuthorisationDate")
    child.reading.rows["cin_assessments"].append((key, referral, start, authorised))


def _check_s47(child: _Child, found: dict, key: str, referral: date | None) -> None:
    start = child.day(found, "S47ActualStartDate", required=True)
    conference = child.day(found, "DateOfInitialCPC")
    child.order(start, conference, "S47ActualStartDate", "DateOfInitialCPC")
    child.reading.rows["cin_s47"].append((
        key, referral, start, child.day(found, "InitialCPCtarget"), conference,
        child.yes_no(found, "ICPCnotRequired"),
    ))  # fmt: skip


def _check_plan(child: _Child, found: dict, key: str, referral: date | None) -> None:
    start = child.day(found, "CPPstartDate", required=True)
    end = child.day(found, "CPPendDate")
    child.order(start, end, "CPPstartDate", "CPPendDate")
    child.reading.rows["cin_plans"].append((
        key, referral, start, end,
        child.code(found, "InitialCategoryOfAbuse", CATEGORY, required=True),
        child.code(found, "LatestCategoryOfAbuse", CATEGORY, required=True),
    ))  # fmt: skip


_GROUPS = {
    "Assessments": _check_assessment,
    "Section47": _check_s47,
    "ChildProtectionPlans": _check_plan,
}
