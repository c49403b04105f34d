"""The demo partnership's bodies, membership, business plan and themed meetings, from the
seed report (Southampton LSCB 2017/18): "Business Planning", Appendices 2, 3 and 5; and
the joint body of the 4LSCB arrangement the seed names.

What the seed does not give is marked synthetic in the data: the owners and due dates of
the planned actions, the meetings' dates and the attendance (the seed prints only a chart,
saying most agencies attended every meeting and that SCAS, NHS England and CAFCASS are not
essential at every meeting, and noting fewer education representatives at meetings), and
the demo subgroup member's seat (the seed lists the membership of no subgroup).
"""

import datetime

from safeboard.actions import services as actions
from safeboard.actions.models import Status
from safeboard.core.models import Agency, Arrangement, Partnership, Person
from safeboard.governance import services as governance
from safeboard.governance.models import Frequency, MeetingStatus, SeatRole

YEAR = 2017

# Appendix 5: (key, name, short name, parent key, frequency, purpose).
BODIES = [
    (
        "board",
        "Main Board",
        "LSCB",
        None,
        Frequency.QUARTERLY,
        "Attended by a panel of senior officers from all safeguarding partners in the city. "
        "Together they form the core decision making body for the partnership and have a "
        "constitution which details their responsibilities.",
    ),
    (
        "executive",
        "Executive",
        "",
        None,
        Frequency.QUARTERLY,
        "Incorporates the Children's and Adults Boards. Attended by senior representatives "
        "from the three key safeguarding partners (Police, Health and Council) plus the "
        "Independent Chairs of both Boards. Plans for Main Board meetings, receives reports on "
        "progress from each of the Sub Group Chairs and controls the budgets for each Board.",
    ),
    (
        "scr",
        "Serious Case Review Group",
        "SCR group",
        "board",
        Frequency.QUARTERLY,
        "Receives referrals for reviews and determines whether they meet criteria for a "
        "Serious Case Review. Initiates and monitors delivery for Serious Case Reviews or "
        "Partnership Reviews where cases do not meet the criteria, ensures that resultant "
        "learning is shared with partners, and links with the Child Death Overview Panel.",
    ),
    (
        "cdop",
        "Child Death Overview Panel",
        "CDOP",
        "board",
        Frequency.QUARTERLY,
        "Reviews child deaths in order to identify learning and trends.",
    ),
    (
        "ld",
        "Learning & Development Group",
        "L&D",
        "board",
        Frequency.QUARTERLY,
        "Sits across the Children's and Adults Boards and ensures that multi-agency staff can "
        "meet the standards for safeguarding outlined in pan-Hampshire Safeguarding Policy & "
        "Procedures; commissions Safeguarding Level 3 training and reviews multi-agency "
        "training to ensure it is fit for purpose.",
    ),
    (
        "met-strategic",
        "Missing, Exploited and Trafficked Strategic Group",
        "MET strategic",
        "board",
        Frequency.QUARTERLY,
        "Provides strategic guidance to the operational MET Group and sets the MET Action "
        "Plan: missing children, those at risk of or involved in gangs, child criminal "
        "exploitation (including child sexual exploitation), and children at risk of or "
        "subject to trafficking or modern slavery. Receives the Problem Profile from "
        "Hampshire Constabulary and considers responses to highlighted problems.",
    ),
    (
        "met-operational",
        "MET Operational Group",
        "MET operational",
        "met-strategic",
        Frequency.BI_MONTHLY,
        "Considers MET issues within Southampton and operational responses to them: "
        "patterns, trends and areas of interest identified from the monthly MET case review.",
    ),
    (
        "me",
        "Monitoring & Evaluation Group",
        "M&E",
        "board",
        Frequency.QUARTERLY,
        "Delivers monitoring and evaluation activity to drive improvements in services to "
        "safeguard and promote the welfare of children and young people. Receives "
        "presentations on Section 11s, has oversight of multi-agency data, delivers thematic "
        "audits, and shares good practice.",
    ),
]

# The 4LSCB's joint body (Appendix 5: "The 4LSCB coordinated work includes 4LSCB Policy and
# Procedures Group"): (name, short name, frequency, purpose).
JOINT_BODIES = [
    (
        "4LSCB Policy and Procedures Group",
        "4LSCB policy group",
        Frequency.NOT_RECORDED,
        "Coordinates the 4LSCB work on policies and procedures across Hampshire, the Isle "
        "of Wight, Portsmouth and Southampton.",
    ),
]

# Synthetic: the demo subgroup member (UHS's safeguarding lead) sits on the Monitoring &
# Evaluation Group, which receives the presentations on Section 11s (Appendix 5), as UHS
# gave its Section 11 update. The seed names no subgroup's members.
SUBGROUP_SEAT = ("me", "UHS", "Safeguarding Lead")

# Appendix 3: the Main Board's seats, (agency short name or None, position, essential).
# The seed names no agency for positions such as the lay member; they hold no agency here.
NOT_ESSENTIAL = {"SCAS", "NHS England", "CAFCASS"}
SEATS = [
    (None, "Independent Chair"),
    ("SCC", "Director of Children and Families"),
    ("SCC", "Director of Housing, Adults & Communities"),
    ("Police", "Chief Supt Public Protection"),
    ("NPS", "Director of Portsmouth/Southampton LDU"),
    ("CRC", "Director of Portsmouth/Southampton"),
    ("Southampton City CCG", "Director of Quality and Integration/Executive Nurse"),
    ("NHS England", "Director of Nursing"),
    ("UHS", "Director of Nursing and Organisational Development"),
    ("Solent NHS", "Operations Director (Children's Services)"),
    ("SHFT", "Director of Children and Families Division and Safeguarding Lead"),
    ("SCAS", "Assistant Director of Quality"),
    ("CAFCASS", "Senior Service Manager"),
    ("Primary schools", "Primary Heads Conference Representative"),
    ("Secondary schools", "Secondary Schools Conference Representative"),
    ("Special schools", "Special Schools Conference Representative"),
    ("Further education", "Further Education Representative"),
    ("SVS", "Voluntary & Community Sector"),
    ("SCC", "Legal advisor (SCC Legal)"),
    (None, "Designated Health Professional: Designated Nurse & Designated Doctor"),
    (None, "Principal Social Worker"),
    (None, "Director of Public Health: Consultant in Public Health"),
    (None, "Lead Member for Children's Services"),
    (None, "LSCB Business Unit: Board Manager & Business Coordinator"),
    (None, "LSCB Lay Member"),
]

# The four themes, agreed in 2016 and continued in 2017/18: (number, title, description,
# items a–f as the seed prints them, the item recording the themed meeting).
PRIORITIES = [
    (
        1,
        "Think Family",
        "Develop responses to encourage a 'think family' approach where there is adult "
        "mental health, substance / alcohol use and domestic abuse and this is impacting on "
        "children's safety.",
        [
            "The LSCB provides a training programme which includes topics such as substance "
            "misuse, alcohol use and adult mental health training as a regular feature. "
            "Domestic and Sexual Violence Training is offered by the PIPPA Service – a course "
            "that the LSCB has quality assured. Further work is required to develop training "
            "on disability and child mental health.",
            "The Board ensures that the learning from audits and case reviews is disseminated "
            "regularly to the local network of professionals across adult and child: a "
            "quarterly learning newsletter, learning from case reviews and audits in the "
            "training programme, and 6 Step Briefings with online videos.",
            "A joint working protocol has been written and agreed by the Board, uploaded to "
            "the 4LSCB policies and procedures website and shared with the partnership.",
            "The LSCB receives regular updates regarding the MARAC/MASH process, including "
            "updates on the adult focussed services within the MASH.",
            "A themed meeting of the LSCB took place, specifically looking at Think Family and "
            "the multi-agency response.",
        ],
    ),
    (
        2,
        "Neglect",
        "Improve identification and responses to neglect of children in Southampton.",
        [
            "The LSCB ensures that multi-agency responses to child neglect are good quality "
            "and appropriate through case audits, learning from reviews and quantitative "
            "feedback at Board level; the JTAI focus on neglect provided the framework for "
            "case audits and a multi-agency action plan monitored by the LSCB.",
            "The Board provides a quarterly multi-agency neglect training session, "
            "'Introduction to Neglect', free at the point of access to professionals working "
            "in the City.",
            "The Board coordinated focussed activities during Safeguarding Week and on other "
            "key dates to raise public awareness of 'what to do if you are worried about a "
            "child', focussing on neglect indicators.",
            "A themed meeting of the LSCB took place during the year specifically looking at "
            "Neglect and the multi-agency response.",
        ],
    ),
    (
        3,
        "Improving the Lives of Vulnerable Young People (LAC and MET)",
        "Focus on improving safety and outcomes for vulnerable children, including looked "
        "after children and those at risk of going missing, being exploited or trafficked "
        "(MET).",
        [
            "The Board received assurance from the Local Authority regarding plans to safely "
            "address the number of children looked after, including an evaluation of the new "
            "Front Door service and the MASH process.",
            "The LSCB received an annual report from the Corporate Parenting Committee; "
            "Children Looked After data, including attainment at all school levels and in "
            "further and higher education, is monitored at the LSCB.",
            "The Board sought assurance that the Education department has a detailed action "
            "plan to address attendance rates and attainment where there is a gap against "
            "national averages and for priority groups including CLA.",
            "Through the MET Strategy Group, the Board regularly reviews the quality of "
            "partners' work to protect children at risk of going missing, being exploited and "
            "trafficked via delivery of the MET Action Plan, through audit and data.",
            "The LSCB Monitoring and Evaluation Group has developed a system to monitor and "
            "quality assure Foster Carers and Independent Fostering Agencies used by "
            "Southampton.",
            "A themed LSCB meeting took place for this area, seeking assurance from partners "
            "on how they ensure that LAC and MET young people are safeguarded appropriately.",
        ],
    ),
    (
        4,
        "Improving Communication",
        "Improve communication between services at senior and practitioner level.",
        [
            "The Board has further developed communications systems to gain views of "
            "multi-agency frontline professionals and convey key messages: staff survey, "
            "focus groups, team visits by Board members, Weekly Wednesday Workshops, "
            "newsletter, website and social media.",
            "The LSCB is in regular communication with other key partnerships including LSAB, "
            "Safe City Partnership, Health and Wellbeing Board and Scrutiny Panels, to develop "
            "peer scrutiny across these boards.",
            "Locally and across the 4LSCB areas, 4LSCB safeguarding working procedures are "
            "regularly refreshed and key documents highlighted via a launch.",
            "The LSCB has been working with Education leads within the Local Authority to "
            "design the best system for gaining assurance regarding safeguarding responses in "
            "education settings, including duties under legislation for schools.",
            "A themed LSCB meeting took place for this area, seeking assurance from partners "
            "on how they are working to improve communications.",
        ],
    ),
]

# The seed says further work is required on the first Think Family item; the rest it
# reports as done.
STILL_OPEN = {(1, "a")}

# Assurance given at each themed meeting, as the seed reports it: (priority, agency, text).
ASSURANCE = [
    (
        1,
        "Police",
        "Hampshire Constabulary have joined their adults and children's "
        "safeguarding training and now have joint strategic meetings.",
    ),
    (
        1,
        "Solent NHS",
        "Solent NHS are aligning Making Safeguarding Personal work in Adults to "
        "ensure a Think Family approach, including combining children and adult safeguarding "
        "training and co-location of staff.",
    ),
    (1, "UHS", "UHS have merged children and adults safeguarding teams."),
    (
        2,
        "SCC",
        "The Quality Assurance Unit of the Children and Families Service is involved "
        "in the multi-agency Neglect group and leads on inspection readiness for JTAI; a "
        "reviewed training and induction offer in respect of neglect.",
    ),
    (
        2,
        "Solent NHS",
        "With SCC, a new 0-19 service to reach harder to engage families; a "
        "themed steering group on neglect looking at 'what not bought' and its impact on the "
        "child.",
    ),
    (
        3,
        "Police",
        "Update from the Police MET team on County Lines, shoplifting and drug "
        "dealing; the Police have worked with partners to update the 4LSCB MET Protocol.",
    ),
    (
        3,
        "Southampton City CCG",
        "Work with the mental health and sexual health team who work "
        "with looked after children, and with providers to evidence how they address CSE.",
    ),
    (
        4,
        "SCC",
        "The Children and Families Service prompted debate on the effectiveness of "
        "Core Groups and relevant agency attendance.",
    ),
    (
        4,
        "NPS",
        "How the National Probation Service is improving communication to front line "
        "staff when learning from reviews is shared.",
    ),
    (
        4,
        "Police",
        "A focus on building better relationships with young people, confidence in "
        "the police, and keeping young people out of the justice system.",
    ),
]

# Synthetic: one themed meeting a quarter, in the order of the priorities.
MEETING_DATES = [
    datetime.date(2017, 6, 14),
    datetime.date(2017, 9, 13),
    datetime.date(2017, 12, 13),
    datetime.date(2018, 3, 14),
]
# Synthetic attendance: meetings (1-4) each agency missed. Everyone else attended all four.
MISSED = {
    "SCAS": {1, 2, 4},
    "NHS England": {2, 3},
    "CAFCASS": {1, 3, 4},
    "Secondary schools": {2, 4},
    "Further education": {3},
}


def load(
    *,
    actor: Person,
    partnership: Partnership,
    arrangement: Arrangement,
    agencies: dict[str, Agency],
    people: dict,
) -> dict:
    """The bodies, by key (see `BODIES`), with the main board's seats, plan and meetings,
    and the arrangement's joint bodies."""
    bodies = _bodies(actor, partnership, people)
    for order, (name, short, frequency, purpose) in enumerate(JOINT_BODIES):
        governance.body_create(
            actor=actor,
            arrangement=arrangement,
            name=name,
            short_name=short,
            purpose=purpose,
            frequency=frequency,
            order=order,
        )
    key, agency, position = SUBGROUP_SEAT
    governance.seat_create(
        actor=actor,
        body=bodies[key],
        agency=agencies[agency],
        position=position,
        representative=people["subgroup-member"],
        is_synthetic=True,
    )
    seats = _seats(actor, bodies["board"], agencies, people)
    priorities = _plan(actor, partnership, agencies)
    _meetings(actor, bodies["board"], seats, priorities, agencies)
    return bodies


def _bodies(actor, partnership, people) -> dict:
    made: dict = {}
    for order, (key, name, short, parent, frequency, purpose) in enumerate(BODIES):
        made[key] = governance.body_create(
            actor=actor,
            partnership=partnership,
            name=name,
            short_name=short,
            parent=made[parent] if parent else None,
            purpose=purpose,
            frequency=frequency,
            chair=people["chair"] if key == "board" else None,
            order=order,
        )
    return made


def _seats(actor, board, agencies, people) -> list:
    holders = {"Police": people["agency-lead"], "Independent Chair": people["chair"]}
    return [
        governance.seat_create(
            actor=actor,
            body=board,
            agency=agencies[agency] if agency else None,
            position=position,
            is_essential=agency not in NOT_ESSENTIAL,
            representative=holders.get(agency or position),
            role=SeatRole.CHAIR if position == "Independent Chair" else SeatRole.MEMBER,
            order=order,
        )
        for order, (agency, position) in enumerate(SEATS)
    ]


def _plan(actor, partnership, agencies) -> dict:
    made = {}
    for number, title, description, items in PRIORITIES:
        priority = actions.priority_create(
            actor=actor,
            partnership=partnership,
            year=YEAR,
            number=number,
            title=title,
            description=description,
        )
        made[number] = priority
        for letter, text in zip("abcdef", items, strict=False):
            _planned_action(actor, priority, letter, text, agencies["SCC"])
    return made


def _planned_action(actor, priority, letter, text, owner_agency) -> None:
    recommendation = actions.recommendation_create(
        actor=actor,
        partnership=priority.partnership,
        text=text,
        theme=priority.title,
        date_agreed=datetime.date(YEAR, 4, 1),
        source=priority,
        reference=letter,
    )
    action = actions.action_create(
        actor=actor,
        recommendation=recommendation,
        description=text,
        owner_agency=owner_agency,
        owner=None,
        due_date=datetime.date(YEAR + 1, 3, 31),
        is_synthetic=True,
    )
    still_open = (priority.number, letter) in STILL_OPEN
    actions.action_record_update(
        actor=actor,
        action=action,
        expected_version=action.version,
        on=datetime.date(YEAR + 1, 3, 31),
        note="As reported in the annual report 2017/18.",
        status=Status.IN_PROGRESS if still_open else Status.COMPLETED,
        what_was_done=text,
        impact_on_children="",
        evidence="",
    )


def _meetings(actor, board, seats, priorities, agencies) -> None:
    for number, day in enumerate(MEETING_DATES, start=1):
        meeting = governance.meeting_create(
            actor=actor,
            body=board,
            date=day,
            theme=priorities[number],
            status=MeetingStatus.HELD,
        )
        presences = {
            seat.pk: "absent"
            if seat.agency and number in MISSED.get(seat.agency.display_name, ())
            else "attended"
            for seat in seats
        }
        governance.attendance_record(
            actor=actor, meeting=meeting, presences=presences, is_synthetic=True
        )
        for theme, agency, text in ASSURANCE:
            if theme == number:
                governance.assurance_submit(
                    actor=actor, meeting=meeting, agency=agencies[agency], statement=text
                )
