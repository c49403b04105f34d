"""Case review facts of the demo partnership, from the seed report's "Case Reviews &
Learning" section (Southampton LSCB annual report 2017/18).

The seed gives: nine referrals in the year (six agreed as serious case reviews, one as a
non-statutory partnership review, two with no further action), four themes, a published
thematic review on online safety (Professor Andy Phippen's) with its recommendations,
a workshop for head teachers and designated safeguarding leads led by the Chair, the Youth
Forum Champions workshop of 10 October 2017, and the case review action plans. It gives no
detail of any referral: every referral's detail below is synthetic, and so marked.
"""

# The seed's themes of the year's referrals, as short names (its words in the comment).
THEMES = [
    "Non-accidental injury",  # "Risks posed by non-accidental injury"
    "Safe sleeping",  # "Safe sleeping advice needing more focus"
    "Large, complex families",  # "the complexities of working with large, complex families"
    "Neglect",  # "Neglect is a prevalent theme for families in the city."
]
# A theme the partnership added for its thematic review.
ONLINE_SAFETY_THEME = "Online safety"

# The nine referrals of 2017-18. Only the count and the decisions are the seed's; the rest
# is synthetic: (reference, age band, incident, aware, referring agency, what happened,
# died or seriously harmed, abuse or neglect, looked after, why learn, notified, rapid
# review, decision, decided on, themes).
SYNTHETIC = "Synthetic demo record. "
REFERRALS = [
    ("SR-2017-01", "under_1", "2017-04-18", "2017-04-19", "UHS",
     "An infant was brought to hospital with injuries that were not explained.",
     True, True, False, "", "2017-04-21", "2017-05-10", "scr", "2017-05-10",
     ["Non-accidental injury"]),
    ("SR-2017-02", "under_1", "2017-05-27", "2017-05-30", "Police",
     "An infant died while sharing a sofa with a parent.",
     True, True, False, "", "2017-06-02", "2017-06-21", "scr", "2017-06-21",
     ["Safe sleeping", "Neglect"]),
    ("SR-2017-03", "5_to_9", "2017-07-03", "2017-07-04", "SCC",
     "A child of a large family was found to have suffered long-standing neglect.",
     True, True, False, "", "2017-07-07", "2017-07-26", "scr", "2017-07-26",
     ["Large, complex families", "Neglect"]),
    ("SR-2017-04", "10_to_15", "2017-08-14", "2017-08-15", "Solent NHS",
     "A young person was seriously harmed while known to several agencies.",
     True, True, True, "", "2017-08-17", "2017-09-06", "scr", "2017-09-06",
     ["Neglect"]),
    ("SR-2017-05", "under_1", "2017-09-25", "2017-09-26", "UHS",
     "An infant was admitted with a fracture that was not explained.",
     True, True, False, "", "2017-09-28", "2017-10-18", "scr", "2017-10-18",
     ["Non-accidental injury"]),
    ("SR-2017-06", "1_to_4", "2017-11-06", "2017-11-07", "Police",
     "A toddler of a large family was seriously injured at home.",
     True, True, False, "", "2017-11-09", "2017-11-29", "scr", "2017-11-29",
     ["Non-accidental injury", "Large, complex families"]),
    ("SR-2017-07", "under_1", "2017-12-18", "2017-12-19", "Solent NHS",
     "An infant died unexpectedly; the family had been given safe sleeping advice.",
     True, False, False,
     "Agencies gave differing safe sleeping advice to the family.",
     "2017-12-21", "2018-01-17", "partnership", "2018-01-17", ["Safe sleeping"]),
    ("SR-2017-08", "16_to_17", "2018-01-22", "2018-01-23", "Secondary schools",
     "A young person was harmed by a peer outside school.",
     False, True, False,
     "The school asked whether agencies had shared what they knew.",
     "2018-01-26", "2018-02-14", "nfa", "2018-02-14", []),
    ("SR-2017-09", "5_to_9", "2018-02-26", "2018-02-27", "SCC",
     "A child was neglected at home; agencies had worked well together.",
     False, True, False,
     "To check whether the neglect toolkit was used.",
     "2018-03-01", "2018-03-21", "nfa", "2018-03-21", ["Neglect"]),
]  # fmt: skip

DECIDED_BY = "Serious Case Review Group"
RATIONALE = {
    "scr": "Synthetic: the statutory criteria for a serious case review are met.",
    "partnership": "Synthetic: the criteria are not met, but the partnership can learn from "
    "the case, so a non-statutory partnership review is agreed.",
    "nfa": "Synthetic: the criteria are not met and the learning is for one agency, "
    "which has taken it forward.",
}

# Open referrals for the demo's clocks, dated relative to the day the demo is loaded:
# (reference, working days since the local authority became aware, working days since
# the notification was sent or None, agency, what happened, looked after, themes).
OPEN_REFERRALS = [
    ("SR-DEMO-01", 2, None, "Police",
     "A young child was taken to hospital with a head injury.", False,
     ["Non-accidental injury"]),
    ("SR-DEMO-02", 9, 5, "SCC",
     "A looked-after young person was seriously harmed while missing from care.", True,
     ["Neglect"]),
]  # fmt: skip

ONLINE_SAFETY_REVIEW = {
    "title": "Online safety thematic review",
    "lead_reviewer": "Professor Andy Phippen",
    "terms_of_reference": "Commissioned following the tragic suicides of two teenagers in "
    "2015, both thought to be linked to online bullying, peer to peer abuse and the "
    "significance of self-harm.",
    "publication_link": "http://www.southamptonlscb.co.uk/",
    # The seed says the report was published in 2017-18, not when; these dates are synthetic.
    "commissioned_on": "2016-06-01",
    "publication_date": "2017-09-15",
}

# "A number of agreed recommendations" of the online safety review, as the seed prints them.
# They become `actions.Recommendation`s with the review as their source.
ONLINE_SAFETY_RECOMMENDATIONS = [
    "All schools in Southampton to use the 360 online safety tool.",
    "Schools to adopt anonymous report tools such as “Tootoot” or “whisper”",
    "The LSCB should provide guidance around what online safety education should look like "
    "to make coverage of online safety more uniform across the City.",
    "Coordinated training across the city that links between children’s mental health and "
    "online technology.",
    "There should be a more proactive relationship between the LSCB and schools to provide "
    "guidance on staff and governor training, with particular focus upon statutory "
    "responsibility and legal issues.",
]

# Learning products: (kind, what, when, for whom, how many reached, synthetic?). The two
# workshops are the seed's (the Chair's workshop undated there, so its date is synthetic);
# the briefings are synthetic, after the seed's "6-step briefing summary documents".
LEARNING_PRODUCTS = [
    ("workshop", "Online safety review findings and next steps", "2017-10-03",
     "Head teachers and designated safeguarding leads", None, True, True),
    ("workshop", "Youth Forum Champions workshop: good stuff and bad stuff online",
     "2017-10-10", "Youth Forum Champions", None, False, True),
    ("briefing", "6-step briefing: safe sleeping", "2018-02-07",
     "Health visitors, midwives and early help workers", 120, True, False),
    ("briefing", "6-step briefing: non-accidental injury in babies", "2018-03-14",
     "Practitioners of every agency", 85, True, False),
]  # fmt: skip

# "Case Review Action Plans": the recommendations of reviews with what was done and by
# whom, and the impact on children, under the seed's four themes, as printed (including
# its slips and the one row whose impact repeats its recommendation). Loaded as
# `actions.Recommendation` -> `actions.Action`, each theme sourced to one review.
ACTION_PLANS = {
    "Child Protection Procedures": [
        (
            "Copies of chronologies need to be part of all CP conferences, cross referencing "
            "all significant concerns and again at the review conferences",
            "Children and Families service arranged for Child Protection Conference reports "
            "to include the agency chronology.",
            "Professionals working with children will not be fully aware of the chronology "
            "of events within that child’s life.",
        ),
        (
            "That when there are predicted changes in email or other IT systems, managers or "
            "workers should ensure that any relevant communications are stored so that they "
            "are not lost",
            "The LA to notify schools of this issue and that it was a learning point from "
            "recent SCRs",
            "Children’s details and case notes will not be lost",
        ),
        (
            "If a referral is to be progressed to a section 47 enquiry, the correct meeting "
            "structure, including strategy meetings and management oversight, must be "
            "applied, otherwise ineffective safeguarding measures might be progressed "
            "putting children at risk",
            "New monthly tracker meeting established to review all UBB referrals",
            "Children receive the appropriate support at the right time",
        ),
        (
            "That a service is offered to children and young people who express concerns "
            "about their caring responsibilities; especially where this is impacting on "
            "their right to enjoy and achieve in childhood",
            "A service is commissioned to provide assessments for young carers and young "
            "carers are referred to the SVS young carers project",
            "Young carers receive the support they require",
        ),
        (
            "That the Local Authority procedures for Child Protection and children in need "
            "meetings include an overt requirement for the Chair to ensure that those "
            "attending outline the purpose of their attendance to parents and colleagues",
            "The child protection procedures are 4LSCB procedures and this requirement will "
            "be passed to the 4LSCB sub group. The children in need procedures will be "
            "updated to include this requirement",
            "All in attendance at meetings will be aware of the purposes of the meetings",
        ),
        (
            "The LSCB must ensure that letters to clients from MASH are not simply standard "
            "templates but are personalised and contain sufficient information to allow the "
            "recipient to understand the processes to which they are now due to be subject",
            "The template letters from MASH to be rewritten to allow for the inclusion of "
            "details of why the worker will be visiting",
            "Families referred to MASH understand why they have been referred and the nature "
            "of the proposed intervention",
        ),
        (
            "The LSCB must ensure that Early Help establish a standard of timeliness about "
            "the allocation of cases ensuring that regular checks are maintained to allow "
            "swift allocation of cases and the prevention of any backlog of such cases",
            "Early help teams will allocate cases within agreed time scales and report to "
            "senior management if there are pressures on these",
            "Families receive support in a timely fashion",
        ),
        (
            "The LSCB must ensure the staff in those organisations using PARIS are able to "
            "access the system efficiently and promptly and all its applications are "
            "understood by those who access the system",
            "Advance PARIS training to be set up for all those accessing the system",
            "Staff are well trained and understand how to use PARIS effectively",
        ),
        (
            "Children and Families Service: That SCC ensures that there is enough CP chairing "
            "capacity within the organisation to offer a flexible service, which is not "
            "dependent on individuals.",
            "A combined chronology is produced for all ICPCs and updated at every core group.",
            "Children and Families Service: That SCC ensures that there is enough CP chairing "
            "capacity within the organisation to offer a flexible service, which is not "
            "dependent on individuals.",
        ),
        (
            "SCC ensures that there is enough CP chairing capacity within the organisation to "
            "offer a flexible service, which is not dependent on individuals",
            "The CPC team is fully staff following phase 3 of the transformation",
            "There is no delay in delivery of child protection conferences.",
        ),
    ],
    "Education": [
        (
            "The case management of the Elective Home Education (EHE) should be reviewed with "
            "the aim to: reinstate annual contact with the parents of EHE children; achieve "
            "termly visits to EHE children about whom there are safeguarding concerns; "
            "ensure capacity to progress statutory intervention if required and all cases of "
            "concern should be escalated to a senior manager who will make and record the "
            "decision about legal action.",
            "The Local Authority fulfils its statutory responsibilities in respect of EHE and "
            "the lead officer is reviewing local guidance and protocols. Annual contact and "
            "termly visits are not statutory requirements and the local authority is not "
            "resourced to undertake them. Safeguarding concerns would always be reported by "
            "the appropriate mechanisms and there is an annual review for children with "
            "Education, Health and Care Plans. Further, if the local authority had concerns "
            "regarding the quality of education, it would use commissioned support as part "
            "of our statutory processes.",
            "Children who are EHE are supported and looked after appropriately",
        ),
        (
            "Re-establish the use of the home circumstances report pro-forma",
            "As Education has no right of entry and no legal right to see the Child for "
            "education reasons, this can only be an offer. The LA will ensure where we have "
            "no authority to visit, appropriate contact will be made and educational support "
            "provided remotely",
            "Contributes to overall safeguarding picture for children at risk of harm.",
        ),
    ],
    "Multi Agency Working": [
        (
            "The LSCB supports the intention to introduce an enhanced MASH process that "
            "includes adult safeguarding and mental health expertise, especially around cases "
            "of domestic abuse. This will replace the MARAC process but must be supported by "
            "a multiagency response team to provide direct help to clients",
            "All referrals of children and families will be dealt with effectively taking in "
            "to account the impact of mental ill health and domestic abuse",
            "The MASH/MARAC will be reconfigured to ensure that an effective multi agency "
            "response is provided",
        ),
        (
            "The LSCB should seek assurances from all partner agencies that their employees "
            "are aware of the current support available for victims of domestic abuse and "
            "that they introduce domestic abuse policies and support systems that provide "
            "guidance on dealing with victims and perpetrators within the workplace.",
            "HR policies to be amended to include support available l for victims of domestic "
            "abuse and actions to be taken relating to perpetrators of abuse",
            "SCC staff know where they can receive support if they are victims of domestic "
            "abuse and mangers know how to respond if a staff member is a perpetrator of "
            "abuse",
        ),
        (
            "Continued work needs to be undertaken to improve professionals understanding of "
            "other agency roles and processes. This will help to raise awareness and "
            "potentially reduce perceptions held about different agencies. In this case the "
            "Maternity Services and Children Services Department need to work to reduce the "
            "current identified tensions.",
            "New monthly tracker meeting established to review all UBB referrals; collate "
            "feedback on best practice and highlight learning opportunities",
            "Smooth transfer of information between services reduces barriers to "
            "safeguarding children.",
        ),
        (
            "The LSCB supports the intention to introduce an enhanced MASH process that "
            "includes adult safeguarding and the mental health expertise, especially around "
            "cases of domestic abuse",
            "High risk domestic abuse screening has been successfully implemented within the "
            "MASH. Local arrangements have been recently reviewed independently and is "
            "monitored consistently through the MASH and DSA groups",
            "High risk domestic abuse focussed response informs work to protect children, "
            "keeping them safe.",
        ),
        (
            "All relevant staff and managers are aware of the ned to refer to the LADO to "
            "inform decisions relating to child protection procedures",
            "Review and clarification of LADO function in management team meeting",
            "Local LADO processes will be robust and effective in their response to "
            "safeguarding concerns",
        ),
        (
            "Social Workers to obtain partner agency chronologies (where available) when "
            "conducting an assessment",
            "The service actively participated in these activities, with updates provided to "
            "the Neglect Assurance Group",
            "Service will contribute to the multi-agency response to neglect",
        ),
    ],
    "Neglect": [
        (
            "A multiagency training programme to be implemented to raise the profile of "
            "Neglect and support staff to identify and respond quickly to this",
            "Quarterly Neglect training is now offered by the LSCB",
            "Professionals will be better equipped to recognise and responds to neglect "
            "effectively",
        ),
        (
            "All partner agencies undertake a programme of learning to raise practitioner "
            "awareness of neglect in children, underpinned by knowledge and awareness of the "
            "Southampton Neglect Toolkit.",
            "Promote and raise awareness of the neglect toolkit.",
            "Staff are more equipped to recognise and response to neglect efficiently",
        ),
        (
            "Findings of this review disseminated to all partner agencies of the Safeguarding "
            "Children Board to remind them of the importance of the need to recognise, assess "
            "and intervene in cases of neglect at an early stage, so that the consequences "
            "resulting from chronic neglect are avoided and outcomes for children improved.",
            "Findings briefed",
            "Learning from previous SCRs disseminated and staff can use this knowledge in the "
            "future",
        ),
    ],
}

# Synthetic: the case review group's quarterly meetings of 2017-18 (the seed says only that
# it met), each taking the case review action plan as its paper. Before each, the owners of
# the open actions reported progress (synthetic too: the seed reports only the year's end).
GROUP_MEETINGS = ["2017-06-28", "2017-09-27", "2017-12-20", "2018-03-21"]
PROGRESS_NOTE = "Synthetic: progress reported to the case review group's quarterly meeting."
