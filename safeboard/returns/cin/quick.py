"""The quick reading of a CIN census child: one pass, values taken only when exactly as the
schema writes them. On the first thing it does not accept as is (a missing element, an
unknown code, a padded or impossible date, an end before its start) it raises `Doubt`, and
the checking reading (`checking`) goes through the child field by field instead.

Tuned, so kept apart and kept flat: the `make bench` benchmark `bench/returns.py` justifies
it, with its "Returns ingest" figures (README, Benchmarks: at L, 152 councils, one year,
893,930 CIN children, 18,305 children a second on both cores against the 20,000 target, and
10,063 children per CPU-second against one core's half of it, 10,000; at XL, 22,272 a
second). `bench/returns_others.py` reads the same census files beside two open tools
("CIN XML to tables").
"""

from .common import CATEGORY, CIN_SEX, CLOSURE, ETHNICITY, NEED, SOURCE, YES_NO, Doubt, File

# An optional code may be left out: the quick reading's sets say so.
_SEX_OR_NONE = CIN_SEX | {None}
_NEED_OR_NONE = NEED | {None}
_CLOSURE_OR_NONE = CLOSURE | {None}
_GROUP_TAGS = frozenset(("Assessments", "Section47", "ChildProtectionPlans"))


def quick_child(reading: File, element) -> None:  # noqa: C901 - one pass, kept flat on purpose
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
        raise Doubt
    found = {sub.tag: sub.text for sub in ids}
    raw_id = found.get("LAchildID")
    if not raw_id or raw_id.isspace():
        raise Doubt
    if "GenderCurrent" in found:
        sex = found["GenderCurrent"]
    elif "Sex" in found:
        sex = found["Sex"]
    else:
        raise Doubt
    if sex not in _SEX_OR_NONE:
        raise Doubt
    raw = found.get("PersonBirthDate")
    born = None
    if raw is not None:
        born = reading.months.get(raw)
        if born is None:
            born = reading.months[raw] = reading.date(raw).replace(day=1)
    ethnicity = {sub.tag: sub.text for sub in traits}.get("Ethnicity")
    if ethnicity not in ETHNICITY:
        raise Doubt
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
                raise Doubt
            source = found.get("ReferralSource")
            need = found.get("PrimaryNeedCode")
            reason = found.get("ReasonForClosure")
            nfa = YES_NO.get(found.get("ReferralNFA"))
            raw = found.get("DateOfInitialCPC")
            conference = None if raw is None else dates.get(raw) or reading.date(raw)
            if (
                source not in SOURCE
                or need not in _NEED_OR_NONE
                or reason not in _CLOSURE_OR_NONE
                or nfa is None
            ):
                raise Doubt
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
                        raise Doubt
                    assessments.append((key, referral, start, authorised))
                elif tag == "Section47":
                    raw = found.get("S47ActualStartDate")
                    start = dates.get(raw) or reading.date(raw)
                    raw = found.get("InitialCPCtarget")
                    target = None if raw is None else dates.get(raw) or reading.date(raw)
                    raw = found.get("DateOfInitialCPC")
                    held = None if raw is None else dates.get(raw) or reading.date(raw)
                    if held is not None and held < start:
                        raise Doubt
                    raw = found.get("ICPCnotRequired")
                    not_required = YES_NO.get(raw)
                    if not_required is None:
                        raise Doubt
                    s47s.append((key, referral, start, target, held, not_required))
                else:
                    raw = found.get("CPPstartDate")
                    start = dates.get(raw) or reading.date(raw)
                    raw = found.get("CPPendDate")
                    end = None if raw is None else dates.get(raw) or reading.date(raw)
                    if end is not None and end < start:
                        raise Doubt
                    initial = found.get("InitialCategoryOfAbuse")
                    latest = found.get("LatestCategoryOfAbuse")
                    if initial not in CATEGORY or latest not in CATEGORY:
                        raise Doubt
                    plans.append((key, referral, start, end, initial, latest))
    except Doubt:
        for table, mark in zip((referrals, assessments, s47s, plans), marks, strict=True):
            del table[mark:]
        raise
    rows["cin_children"].append((key, sex, born, ethnicity))
