"""Small hand-built returns for tests: a few children whose answers can be worked out."""

from dataclasses import dataclass, field


@dataclass
class Plan:
    start: str
    end: str = ""
    category: str = "NEG"


@dataclass
class S47:
    start: str
    conference: str = ""


@dataclass
class Referral:
    date: str
    closure: str = ""
    nfa: str = "false"
    source: str = "6"
    s47: list[S47] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)


@dataclass
class CinChild:
    id: str
    referrals: list[Referral]
    birth: str = "2015-06-17"
    sex: str = "1"
    sex_element: str = "GenderCurrent"
    upn: str = "A123456789012"
    ethnicity: str = "WBRI"


def _referral(r: Referral) -> str:
    text = f"<CINdetails><CINreferralDate>{r.date}</CINreferralDate>"
    text += f"<ReferralSource>{r.source}</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>"
    if r.closure:
        text += (
            f"<CINclosureDate>{r.closure}</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>"
        )
    for s in r.s47:
        text += f"<Section47><S47ActualStartDate>{s.start}</S47ActualStartDate>"
        if s.conference:
            text += f"<DateOfInitialCPC>{s.conference}</DateOfInitialCPC>"
        text += (
            f"<ICPCnotRequired>{'false' if s.conference else 'true'}</ICPCnotRequired></Section47>"
        )
    text += f"<ReferralNFA>{r.nfa}</ReferralNFA>"
    for p in r.plans:
        text += f"<ChildProtectionPlans><CPPstartDate>{p.start}</CPPstartDate>"
        if p.end:
            text += f"<CPPendDate>{p.end}</CPPendDate>"
        text += (
            f"<InitialCategoryOfAbuse>{p.category}</InitialCategoryOfAbuse>"
            f"<LatestCategoryOfAbuse>{p.category}</LatestCategoryOfAbuse>"
            "<NumberOfPreviousCPP>1</NumberOfPreviousCPP></ChildProtectionPlans>"
        )
    return text + "</CINdetails>"


def cin_xml(children: list[CinChild], *, la: str = "101", census_year: int = 2024) -> bytes:
    body = "".join(
        f"<Child><ChildIdentifiers><LAchildID>{c.id}</LAchildID><UPN>{c.upn}</UPN>"
        f"<PersonBirthDate>{c.birth}</PersonBirthDate>"
        f"<{c.sex_element}>{c.sex}</{c.sex_element}></ChildIdentifiers>"
        f"<ChildCharacteristics><Ethnicity>{c.ethnicity}</Ethnicity></ChildCharacteristics>"
        + "".join(_referral(r) for r in c.referrals)
        + "</Child>\n"
        for c in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><CollectionDetails>'
        f"<Collection>CIN</Collection><Year>{census_year}</Year>"
        f"<ReferenceDate>{census_year}-03-31</ReferenceDate></CollectionDetails>"
        f"<Source><SourceLevel>L</SourceLevel><LEA>{la}</LEA></Source></Header>"
        f"<Children>\n{body}</Children></Message>\n"
    ).encode()


def csv_bytes(header: str, *rows: str) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


EPISODES_HEADER = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
MISSING_HEADER = "CHILD,MISSING,MIS_START,MIS_END"
HEADER_HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"


def census(la: str, referrals: int, *, prefix: str = "C") -> tuple[bytes, str]:
    """A council's 2023-24 CIN census of children each referred once, on 10 April 2023,
    and its file name."""
    children = [CinChild(f"{prefix}{i}", [Referral("2023-04-10")]) for i in range(referrals)]
    return cin_xml(children, la=la), f"CIN_{la}_2024.xml"
