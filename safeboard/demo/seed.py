"""Facts of the demo partnership, from Southampton LSCB's published annual report 2017/18.

Everything here is as the report gives it, except the demo people, who are invented
(the report names positions, not people) and marked as such by their example.org emails.
"""

from typing import NamedTuple

from safeboard.core.models import Region, Role, Sector


class DemoPerson(NamedTuple):
    key: str  # their email is KEY@example.org
    first_name: str
    last_name: str
    job_title: str
    agency: str | None  # the agency's short name
    roles: list[Role]
    partnership: str  # slug


DEMO_PASSWORD = "demo-safeguarding-2018"  # noqa: S105 - published demo sign-in, demo only
DEMO_EMAIL_DOMAIN = "example.org"

# The four partnerships of the seed's joint "4LSCB" arrangement: (slug, name, ONS code).
PARTNERSHIPS = [
    ("southampton", "Southampton Safeguarding Children Partnership", "E06000045"),
    ("portsmouth", "Portsmouth Safeguarding Children Partnership", "E06000044"),
    ("isle-of-wight", "Isle of Wight Safeguarding Children Partnership", "E06000046"),
    ("hampshire", "Hampshire Safeguarding Children Partnership", "E10000014"),
]
FIRST_YEAR = 2017  # 2017-18, the seed's year

ALL_FOUR = ("southampton", "portsmouth", "isle-of-wight", "hampshire")

# The four partnerships' joint arrangement, as the seed names it (Appendix 4: "Joint working
# group LSCBs from Hampshire, Isle of Wight, Southampton, Portsmouth"), with what the seed
# says it does ("Section 11 Children Act 2004", "Improving Communication" c, Appendix 5).
ARRANGEMENT = (
    "4lscb",
    "4LSCB",
    "The 4LSCBs for Hampshire, the Isle of Wight, Portsmouth and Southampton joined up to "
    "provide a refined Section 11 process, so that agencies covering more than one of the "
    "four areas report once. Across the four areas, the 4LSCB safeguarding working "
    "procedures are regularly refreshed. The 4LSCB coordinated work includes the 4LSCB "
    "Policy and Procedures Group and project management for the future coordination of "
    "4LSCB work.",
)

# Agencies: (name, short name, sector, statutory partner, partnerships served).
# From Appendix 3 (membership) and the Section 11 lists; the pan-Hampshire agencies
# serve all four partnerships, as the seed's single Section 11 return for them shows.
AGENCIES = [
    ("Southampton City Council", "SCC", Sector.LOCAL_AUTHORITY, True, ("southampton",)),
    (
        "Southampton City Clinical Commissioning Group",
        "Southampton City CCG",
        Sector.HEALTH,
        True,
        ("southampton",),
    ),
    ("Hampshire Constabulary", "Police", Sector.POLICE, True, ALL_FOUR),
    ("National Probation Service", "NPS", Sector.PROBATION, False, ALL_FOUR),
    ("Hampshire & IOW Community Rehabilitation Company", "CRC", Sector.PROBATION, False, ALL_FOUR),
    ("NHS England (Wessex)", "NHS England", Sector.HEALTH, False, ALL_FOUR),
    (
        "University Hospital Southampton NHS Foundation Trust",
        "UHS",
        Sector.HEALTH,
        False,
        ("southampton",),
    ),
    ("Solent NHS Trust", "Solent NHS", Sector.HEALTH, False, ("southampton", "portsmouth")),
    ("Southern Health NHS Foundation Trust", "SHFT", Sector.HEALTH, False, ALL_FOUR),
    ("South Central Ambulance Service", "SCAS", Sector.AMBULANCE, False, ALL_FOUR),
    (
        "Children and Family Court Advisory and Support Service",
        "CAFCASS",
        Sector.OTHER,
        False,
        ALL_FOUR,
    ),
    ("Hampshire and Isle of Wight Fire and Rescue Service", "HFRS", Sector.FIRE, False, ALL_FOUR),
    ("British Transport Police", "BTP", Sector.POLICE, False, ALL_FOUR),
    ("Immigration Enforcement", "", Sector.OTHER, False, ALL_FOUR),
    ("Border Force", "", Sector.OTHER, False, ALL_FOUR),
    ("Southampton Youth Offending Service", "YOS", Sector.LOCAL_AUTHORITY, False, ("southampton",)),
    ("Southampton Voluntary Services", "SVS", Sector.VOLUNTARY, False, ("southampton",)),
    ("Barnardo's", "", Sector.VOLUNTARY, False, ("southampton",)),
    ("Southampton primary schools", "Primary schools", Sector.EDUCATION, False, ("southampton",)),
    (
        "Southampton secondary schools",
        "Secondary schools",
        Sector.EDUCATION,
        False,
        ("southampton",),
    ),
    ("Southampton special schools", "Special schools", Sector.EDUCATION, False, ("southampton",)),
    (
        "Southampton further education colleges",
        "Further education",
        Sector.EDUCATION,
        False,
        ("southampton",),
    ),
    ("Portsmouth City Council", "PCC", Sector.LOCAL_AUTHORITY, True, ("portsmouth",)),
    ("Isle of Wight Council", "IWC", Sector.LOCAL_AUTHORITY, True, ("isle-of-wight",)),
    ("Hampshire County Council", "HCC", Sector.LOCAL_AUTHORITY, True, ("hampshire",)),
]

# The services of Southampton City Council whose own Section 11 returns the seed lists
# ("Children Services", "Adult Social Care", "Housing Services", "Arts and Heritage and
# Libraries", "SCC Licensing"): (agency short name, service).
SERVICES = [
    ("SCC", "Children's Services"),
    ("SCC", "Adult Social Care"),
    ("SCC", "Housing Services"),
    ("SCC", "Arts, Heritage and Libraries"),
    ("SCC", "Licensing"),
]

# The demo people who work in one of their agency's SERVICES, by key. The Principal Social
# Worker, a post of the council's social work with children (Appendix 3), works in its
# Children's Services; the seed places no other demo person's post in one of them.
SERVICE_OF = {"case-review-member": "Children's Services"}

# Demo people, one per role (invented).
PEOPLE = [
    DemoPerson(*person)
    for person in [
        (
            "business-unit",
            "Bea",
            "Manning",
            "Board Manager",
            "SCC",
            [Role.BUSINESS_UNIT],
            "southampton",
        ),
        ("chair", "Charles", "Hale", "Independent Chair", None, [Role.CHAIR], "southampton"),
        (
            "scrutineer",
            "Sam",
            "Kerr",
            "Independent Scrutineer",
            None,
            [Role.SCRUTINEER],
            "southampton",
        ),
        (
            "agency-lead",
            "Alex",
            "Lowe",
            "Chief Superintendent, Public Protection",
            "Police",
            [Role.AGENCY_LEAD],
            "southampton",
        ),
        (
            "subgroup-member",
            "Sunita",
            "Gill",
            "Safeguarding Lead",
            "UHS",
            [Role.SUBGROUP_MEMBER],
            "southampton",
        ),
        (
            "cdop-member",
            "Dev",
            "Okafor",
            "Designated Doctor",
            "Southampton City CCG",
            [Role.CDOP_MEMBER],
            "southampton",
        ),
        (
            "case-review-member",
            "Carys",
            "Rowe",
            "Principal Social Worker",
            "SCC",
            [Role.CASE_REVIEW_MEMBER],
            "southampton",
        ),
        (
            "trainer",
            "Tom",
            "Reid",
            "Learning and Development Officer",
            "SCC",
            [Role.TRAINER],
            "southampton",
        ),
        ("viewer", "Vic", "Ng", "Lay Member", None, [Role.VIEWER], "southampton"),
        (
            "portsmouth",
            "Pat",
            "Moss",
            "Business Manager",
            "PCC",
            [Role.BUSINESS_UNIT],
            "portsmouth",
        ),
        (
            "isle-of-wight",
            "Isla",
            "Wren",
            "Business Manager",
            "IWC",
            [Role.BUSINESS_UNIT],
            "isle-of-wight",
        ),
        (
            "hampshire",
            "Harry",
            "Shaw",
            "Business Manager",
            "HCC",
            [Role.BUSINESS_UNIT],
            "hampshire",
        ),
    ]
]

REGION = Region.SOUTH_EAST

# Appendix 4, as printed (including its own slips, such as "Joint Area Targeted Inspection").
GLOSSARY = [
    (
        "4LSCB",
        "Joint working group LSCBs from Hampshire, Isle of Wight, Southampton, Portsmouth",
        "",
    ),
    ("CAFCASS", "Children and Families Court Advisory Services", ""),
    ("CAMHS", "Child and Adolescent Mental Health Services", ""),
    ("CDOP", "Child Death Overview Panel", ""),
    ("CPC", "Child Protection Chair", ""),
    ("CP/ CPP", "Child Protection/ Child Protection Planning", ""),
    ("CQC", "Care Quality Commission", ""),
    ("CSE", "Child Sexual Exploitation", ""),
    ("CYP", "Child and Young People", ""),
    ("CYP’s/CYP Report", "Children and Young Peoples 'At Risk' Police Report", ""),
    ("EHE", "Elective Home Education", ""),
    ("GP", "General Practitioner", ""),
    ("Hampshire CRC", "Hampshire Crime Rehabilitation Company", ""),
    ("HCC", "Hampshire County Council", ""),
    ("HFRS", "Hampshire Fire and Rescue Service", ""),
    ("HMI", "Her Majesty’s Inspectorate", ""),
    ("HMPPS", "Her Majesty’s Prison and Probation Services", ""),
    ("HRDA", "High Risk Domestic Violence", ""),
    ("ICPC", "Initial Child Protection Conference", ""),
    ("JTAI", "Joint Area Targeted Inspection", ""),
    ("LA", "Local Authority", ""),
    ("LAC/CLA", "Looked After Child/Child Looked After", ""),
    ("LADO", "Local Authority Designated Officer", ""),
    ("MARAC", "Multi Agency Risk Assessment Conference", ""),
    ("MASH", "Multiagency Safeguarding Hub", ""),
    ("MET", "Missing, Exploited and Trafficked", ""),
    ("MSP", "Making Safeguarding Personal", ""),
    ("NEET", "Not in Education, Employment or Training", ""),
    ("NPS", "National Probation Service", ""),
    ("PIPPA", "Prevention, Intervention and Public Protection Alliance", ""),
    ("RSH", "Royal South Hants Hospital", ""),
    ("SAR", "Safeguarding Adult Review", ""),
    ("SCR", "Serious Case Review", ""),
    ("SCC", "Southampton City Council", ""),
    ("SCAS", "South Central Ambulance Service", ""),
    ("SHFT", "Southern Health NHS Foundation Trust", ""),
    ("Southampton City CCG", "Southampton City clinical Commissioning Group", ""),
    ("Southampton LSAB", "Southampton Local Southampton Adults Board", ""),
    ("Southampton SCP", "Southampton Safeguarding Children Partnership", "Southampton LSCB"),
    (
        "Safeguarding children partnership",
        "The local authority, the health board and the police, working with other agencies to "
        "safeguard children in an area (since 2019)",
        "LSCB",
    ),
    ("SVS", "Southampton Voluntary Services", ""),
    ("Transition", "Refers to a child / young person moving from children to adult services", ""),
    ("UBB", "Unborn Baby", ""),
    ("UHS", "University Hospital Southampton NHS Foundation Trust", ""),
    ("YOS", "Youth Offending Services", ""),
]
