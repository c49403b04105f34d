"""The code lists of the CIN census (2023/24 schema) and the SSDA903 return.

Ingest refuses any value outside these lists; the generator draws from them.
"""

ETHNICITY = [
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
]

# CIN census sex (GenderCurrent before 2023/24's renaming, Sex after): 0 not known,
# 1 male, 2 female, 9 not stated. The 903 uses 1 and 2 only.
CIN_SEX = ("0", "1", "2", "9")
SSDA903_SEX = ("1", "2")

REFERRAL_SOURCE = [
    "1A",
    "1B",
    "1C",
    "1D",
    "2A",
    "2B",
    "3A",
    "3B",
    "3C",
    "3D",
    "3E",
    "3F",
    "4",
    "5A",
    "5B",
    "5C",
    "5D",
    "6",
    "7",
    "8",
    "9",
    "10",
]
PRIMARY_NEED = ("N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9")
REASON_FOR_CLOSURE = ("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9")
CATEGORY_OF_ABUSE = ("NEG", "PHY", "SAB", "EMO", "MUL")
ASSESSMENT_FACTORS = [
    "1A",
    "1B",
    "1C",
    "2A",
    "2B",
    "2C",
    "3A",
    "3B",
    "3C",
    "4A",
    "4B",
    "4C",
    "5A",
    "5B",
    "5C",
    "6A",
    "6B",
    "6C",
    "7A",
    "8B",
    "8C",
    "8D",
    "8E",
    "8F",
    "9A",
    "10A",
    "11A",
    "12A",
    "13A",
    "14A",
    "15A",
    "16A",
    "17A",
    "18B",
    "18C",
    "19B",
    "19C",
    "20",
    "21",
    "22A",
    "23A",
    "24A",
]
DISABILITY = [
    "NONE",
    "MOB",
    "HAND",
    "PC",
    "INC",
    "COMM",
    "LD",
    "HEAR",
    "VIS",
    "BEH",
    "CON",
    "AUT",
    "DDA",
]
# The schema's yes/no type accepts all six spellings.
YES = ("true", "TRUE", "1")
NO = ("false", "FALSE", "0")

# SSDA903 episodes.
REASON_NEW_EPISODE = ("S", "L", "P", "T", "B", "U")
LEGAL_STATUS = ("C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3")
# Children looked after under an agreed series of short-term placements (respite):
# DfE leaves them out of its counts of children looked after.
SHORT_BREAKS = ("V3", "V4")
EPISODE_NEED = ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")
PLACEMENT = [
    "A3",
    "A4",
    "A5",
    "A6",
    "H5",
    "K1",
    "K2",
    "P1",
    "P2",
    "P3",
    "R1",
    "R2",
    "R3",
    "R5",
    "S1",
    "T0",
    "T1",
    "T2",
    "T3",
    "T4",
    "U1",
    "U2",
    "U3",
    "U4",
    "U5",
    "U6",
    "Z1",
]
PLACEMENT_PROVIDER = ("PR0", "PR1", "PR2", "PR3", "PR4", "PR5")
REASON_EPISODE_CEASED = [
    "X1",
    "E11",
    "E12",
    "E2",
    "E3",
    "E4A",
    "E4B",
    "E13",
    "E41",
    "E45",
    "E46",
    "E47",
    "E48",
    "E5",
    "E6",
    "E7",
    "E9",
    "E14",
    "E15",
    "E16",
    "E17",
    "E8",
]
# An episode ending with X1 is followed at once by another: the child stays looked after.
CONTINUES_IN_CARE = "X1"
REASON_PLACE_CHANGE = [
    "CARPL",
    "CLOSE",
    "ALLEG",
    "STAND",
    "APPRR",
    "CREQB",
    "CREQO",
    "CHILD",
    "LAREQ",
    "PLACE",
    "CUSTOD",
    "OTHER",
]
MISSING_KIND = ("M", "A")  # M missing from placement; A away without authorisation
