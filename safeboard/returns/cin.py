"""Reading a CIN census file, one child at a time (lxml iterparse, nothing kept behind).

Accepts the DfE layouts from 2017/18 on: the child's sex is `GenderCurrent` in the
older schemas and `Sex` in the newer. Every structural error of the file is collected;
the caller rejects the file if there is any.

Each child is read twice over only when it needs to be: a quick reading takes the
child as it stands when every value is exactly a date or code the census allows, and
on the first thing it does not accept as is (a missing element, an unknown code, a
padded or impossible date, an end before its start) it leaves the child to the
checking reading, which goes through it field by field and reports every problem.
The quick reading never accepts what the checking one would refuse, and both give the
same values (a test holds them to that).
"""

from datetime import date
from typing import IO

from lxml import etree

from safeboard.core.periods import PeriodError, check_year

from . import codes
from .tables import PERSONAL_FIELDS, Parsed, Pseudonymiser, birth_month

_SEX_ELEMENTS = ("GenderCurrent", "Sex")
_YES_NO: dict[str | None, bool] = {
    **dict.fromkeys(codes.YES, True),
    **dict.fromkeys(codes.NO, False),
}
_ETHNICITY = frozenset(codes.ETHNICITY)
_SOURCE = frozenset(codes.REFERRAL_SOURCE)
_NEED = frozenset(codes.PRIMARY_NEED)
_CLOSURE = frozenset(codes.REASON_FOR_CLOSURE)
_CATEGORY = frozenset(codes.CATEGORY_OF_ABUSE)
_CIN_SEX = frozenset(codes.CIN_SEX)
# An optional code may be left out: the quick reading's sets say so.
_SEX_OR_NONE = _CIN_SEX | {None}
_NEED_OR_NONE = _NEED | {None}
_CLOSURE_OR_NONE = _CLOSURE | {None}
_GROUP_TAGS = frozenset(("Assessments", "Section47", "ChildProtectionPlans"))
_TABLES = ("cin_children", "cin_referrals", "cin_assessments", "cin_s47", "cin_plans")


def parse_date(text: str) -> date:
    """A census date, written YYYY-MM-DD (Python alone would also take 20230501)."""
    if len(text) != 10:
        raise ValueError(text)
    return date.fromisoformat(text)


class _Doubt(Exception):
    """The quick reading leaves this child to the checking reading."""


class _File:
    """What the reading of one file carries from child to child."""

    def __init__(self, parsed: Parsed, pseudonym: Pseudonymiser) -> None:
        self.parsed = parsed
        self.pseudonym = pseudonym
        # Text to date: dates repeat a lot in a file. Keyed by what an element held, None too.
        self.dates: dict[str | None, date] = {}
        self.months: dict[str, date] = {}  # text of a birth date to its month
        self.rows: dict[str, list[tuple]] = {table: [] for table in _TABLES}

    def date(self, raw: str | None) -> date:
        """A date the quick reading accepts as written, or doubt."""
        if raw is None:
            raise _Doubt
        try:
            known = self.dates[raw] = parse_date(raw)
        except ValueError:
            raise _Doubt from None
        return known


def read_cin(stream: IO[bytes], pseudonym: Pseudonymiser, progress=None) -> Parsed:
    parsed = Parsed(kind="cin")
    reading = _File(parsed, pseudonym)
    number = 0
    events = etree.iterparse(stream, events=("end",), tag=("Child", "LEA", "Year"), huge_tree=True)
    try:
        for _, element in events:
            name = element.tag
            if name == "Child":
                number += 1
                try:
                    _quick_child(reading, element)
                except _Doubt:
                    _check_child(reading, element, number)
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
    for table, rows in reading.rows.items():
        parsed.set_rows(table, rows)
    parsed.children = number
    _check_header(parsed)
    return parsed


def _read_year(parsed: Parsed, text: str | None) -> None:
    value = (text or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        parsed.error(where="header", field="Year", problem=f"“{value}” is not a year")
        return
    try:
        # the census year 2024 is the financial year 2023-24
        parsed.year = check_year(int(value) - 1)
    except PeriodError as error:
        parsed.error(where="header", field="Year", problem=str(error))


def _check_header(parsed: Parsed) -> None:
    if not (parsed.la.isascii() and parsed.la.isdigit() and len(parsed.la) == 3):
        parsed.error(
            where="header", field="LEA", problem="the council's three-digit number is missing"
        )
    if parsed.year is None and not any(e["field"] == "Year" for e in parsed.errors):
        parsed.error(where="header", field="Year", problem="the collection year is missing")
    if parsed.children == 0 and not parsed.errors:
        parsed.error(where="file", field="Child", problem="the file holds no children")


# ---------------------------------------------------------------------------------------
# The quick reading: one pass, values taken only when exactly as the schema writes them.


def _quick_child(reading: _File, element) -> None:  # noqa: C901 - one pass, kept flat on purpose
    ids = traits = None
    details = []
    for sub in element:
        tag = sub.tag
        if tag == "CINdetails":
            details.append(sub)
        elif tag == "ChildIdentifiers":
            if ids is None:
                ids = sub
        elif tag == "ChildCharacteristics" and traits is None:
            traits = sub
    if ids is None or traits is None or not details:
        raise _Doubt
    found = {sub.tag: sub.text for sub in ids}
    raw_id = found.get("LAchildID")
    if not raw_id or raw_id.isspace():
        raise _Doubt
    if "GenderCurrent" in found:
        sex = found["GenderCurrent"]
    elif "Sex" in found:
        sex = found["Sex"]
    else:
        raise _Doubt
    if sex not in _SEX_OR_NONE:
        raise _Doubt
    raw = found.get("PersonBirthDate")
    born = None
    if raw is not None:
        born = reading.months.get(raw)
        if born is None:
            born = reading.months[raw] = reading.date(raw).replace(day=1)
    ethnicity = {sub.tag: sub.text for sub in traits}.get("Ethnicity")
    if ethnicity not in _ETHNICITY:
        raise _Doubt
    key = reading.pseudonym(raw_id)
    dates, rows = reading.dates, reading.rows
    referrals, assessments = rows["cin_referrals"], rows["cin_assessments"]
    s47s, plans = rows["cin_s47"], rows["cin_plans"]
    marks = (len(referrals), len(assessments), len(s47s), len(plans))
    try:
        for detail in details:
            found = {}
            groups = []
            for sub in detail:
                tag = sub.tag
                if tag in _GROUP_TAGS:
                    groups.append(sub)
                else:
                    found[tag] = sub.text
            raw = found.get("CINreferralDate")
            referral = dates.get(raw) or reading.date(raw)
            raw = found.get("CINclosureDate")
            closure = None if raw is None else dates.get(raw) or reading.date(raw)
            if closure is not None and closure < referral:
                raise _Doubt
            source = found.get("ReferralSource")
            need = found.get("PrimaryNeedCode")
            reason = found.get("ReasonForClosure")
            nfa = _YES_NO.get(found.get("ReferralNFA"))
            raw = found.get("DateOfInitialCPC")
            conference = None if raw is None else dates.get(raw) or reading.date(raw)
            if (
                source not in _SOURCE
                or need not in _NEED_OR_NONE
                or reason not in _CLOSURE_OR_NONE
                or nfa is None
            ):
                raise _Doubt
            referrals.append((key, referral, source, need, closure, reason, nfa, conference))
            for group in groups:
                found = {sub.tag: sub.text for sub in group}
                tag = group.tag
                if tag == "Assessments":
                    raw = found.get("AssessmentActualStartDate")
                    start = dates.get(raw) or reading.date(raw)
                    raw = found.get("AssessmentAuthorisationDate")
                    authorised = None if raw is None else dates.get(raw) or reading.date(raw)
                    if authorised is not None and authorised < start:
                        raise _Doubt
                    assessments.append((key, referral, start, authorised))
                elif tag == "Section47":
                    raw = found.get("S47ActualStartDate")
                    start = dates.get(raw) or reading.date(raw)
                    raw = found.get("InitialCPCtarget")
                    target = None if raw is None else dates.get(raw) or reading.date(raw)
                    raw = found.get("DateOfInitialCPC")
                    held = None if raw is None else dates.get(raw) or reading.date(raw)
                    if held is not None and held < start:
                        raise _Doubt
                    raw = found.get("ICPCnotRequired")
                    not_required = _YES_NO.get(raw)
                    if not_required is None:
                        raise _Doubt
                    s47s.append((key, referral, start, target, held, not_required))
                else:
                    raw = found.get("CPPstartDate")
                    start = dates.get(raw) or reading.date(raw)
                    raw = found.get("CPPendDate")
                    end = None if raw is None else dates.get(raw) or reading.date(raw)
                    if end is not None and end < start:
                        raise _Doubt
                    initial = found.get("InitialCategoryOfAbuse")
                    latest = found.get("LatestCategoryOfAbuse")
                    if initial not in _CATEGORY or latest not in _CATEGORY:
                        raise _Doubt
                    plans.append((key, referral, start, end, initial, latest))
    except _Doubt:
        for table, mark in zip((referrals, assessments, s47s, plans), marks, strict=True):
            del table[mark:]
        raise
    rows["cin_children"].append((key, sex, born, ethnicity))


# ---------------------------------------------------------------------------------------
# The checking reading: field by field, every problem of the child reported.


class _Child:
    """The fields of one `<Child>` element, checked as they are read.

    The schema has no target namespace, so a valid file's tags are bare names.
    """

    def __init__(self, reading: _File, element, number: int) -> None:
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
        if value is not None and value not in _YES_NO:
            self.error(name, f"“{value}” is not true or false")
            return None
        return _YES_NO.get(value) if value is not None else None

    def order(self, first: date | None, then: date | None, first_name: str, then_name: str):
        if first is not None and then is not None and then < first:
            self.error(then_name, f"is before {first_name}")


def _leaves(element) -> dict[str, str | None]:
    return {sub.tag: sub.text for sub in element}


def _check_child(reading: _File, element, number: int) -> None:
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
    sex = child.code(ids, sex_name, _CIN_SEX) if sex_name else None
    born = child.day(ids, "PersonBirthDate")
    traits = groups.get("ChildCharacteristics")
    ethnicity = child.code(_leaves(traits[0]) if traits else {}, "Ethnicity", _ETHNICITY, True)
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
        child.code(found, "ReferralSource", _SOURCE, required=True),
        child.code(found, "PrimaryNeedCode", _NEED),
        closure,
        child.code(found, "ReasonForClosure", _CLOSURE),
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
        child.code(found, "InitialCategoryOfAbuse", _CATEGORY, required=True),
        child.code(found, "LatestCategoryOfAbuse", _CATEGORY, required=True),
    ))  # fmt: skip


_GROUPS = {
    "Assessments": _check_assessment,
    "Section47": _check_s47,
    "ChildProtectionPlans": _check_plan,
}
