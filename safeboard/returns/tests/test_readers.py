"""Reading a return: what is kept of a child, and how each kind of malformed file is told."""

import io
from datetime import date

from safeboard.returns.cin import read_cin
from safeboard.returns.cin import reading as cin_reading
from safeboard.returns.cin.common import Doubt
from safeboard.returns.generate import Size, generate
from safeboard.returns.pipeline import convert, sniff
from safeboard.returns.ssda903 import read_903
from safeboard.returns.tables import Pseudonymiser

from .builders import (
    EPISODES_HEADER,
    HEADER_HEADER,
    MISSING_HEADER,
    S47,
    CinChild,
    Plan,
    Referral,
    cin_xml,
    csv_bytes,
)

KEY = Pseudonymiser(b"k" * 32)


def test_a_child_keeps_only_a_code_and_the_month_of_birth():
    parsed = read_cin(io.BytesIO(cin_xml([CinChild("ABC123", [Referral("2023-05-01")])])), KEY)
    children = parsed.columns["cin_children"]
    assert children["birth_month"] == [date(2015, 6, 1)]
    assert children["child"] == [KEY("ABC123")]
    assert KEY("ABC123") != Pseudonymiser(b"another partnership's key.......")("ABC123")


def test_an_unreadable_birth_date_is_reported_without_repeating_it():
    text = cin_xml([CinChild("A", [Referral("2023-05-01")], birth="17/06/2015")])
    [error] = read_cin(io.BytesIO(text), KEY).errors
    assert error["field"] == "PersonBirthDate"
    assert "17/06/2015" not in error["problem"]


def test_a_file_that_is_not_well_formed_xml_is_refused():
    broken = cin_xml([CinChild("A", [Referral("2023-05-01")])])[:-40]
    errors = read_cin(io.BytesIO(broken), KEY).errors
    assert any("not well-formed XML" in e["problem"] for e in errors)


def test_a_census_without_its_council_or_year_is_refused():
    text = cin_xml([CinChild("A", [Referral("2023-05-01")])]).replace(b"<LEA>101</LEA>", b"")
    text = text.replace(b"<Year>2024</Year>", b"<Year>24</Year>")
    fields = {e["field"] for e in read_cin(io.BytesIO(text), KEY).errors}
    assert fields == {"LEA", "Year"}


def test_ssda903_header_rows_with_a_bad_sex_and_a_blank_date_of_birth():
    content = csv_bytes(HEADER_HEADER, "C1,3,01/02/2010,WBRI,,,", "C2,1,,WBRI,,,")
    parsed = read_903(io.BytesIO(content), KEY, kind="903_header", la="101", year=2023)
    assert {(e["where"], e["field"]) for e in parsed.errors} == {("row 2", "SEX"), ("row 3", "DOB")}


def test_a_missing_episode_ending_before_it_started_is_an_error():
    content = csv_bytes(MISSING_HEADER, "C1,M,05/10/2023,04/10/2023")
    parsed = read_903(io.BytesIO(content), KEY, kind="903_missing", la="101", year=2023)
    assert parsed.errors == [
        {"where": "row 2", "field": "MIS_END", "problem": "is before MIS_START"}
    ]


def test_an_ssda903_table_needs_its_council_and_year():
    content = csv_bytes(MISSING_HEADER, "C1,M,05/10/2023,")
    outcome = convert(io.BytesIO(content), name="missing.csv", size=len(content), secret=b"k")
    assert [e["field"] for e in outcome.errors] == ["council and year"]
    named = convert(
        io.BytesIO(content), name="SSDA903_852_2024_missing.csv", size=len(content), secret=b"k"
    )
    assert (named.errors, named.la, named.year) == ([], "852", 2023)
    assert set(named.parquet) == {"lac_missing"}


def test_the_kind_of_file_is_told_by_its_content():
    assert sniff(cin_xml([])) == "cin"
    assert sniff(csv_bytes(MISSING_HEADER)) == "903_missing"
    assert sniff(csv_bytes(HEADER_HEADER)) == "903_header"
    assert sniff(b"%PDF-1.7") is None


def _checked_only(monkeypatch, content: bytes):
    """What the checking reading alone makes of a file: every child taken field by field."""

    def doubt(reading, element):
        raise Doubt

    with monkeypatch.context() as patch:
        patch.setattr(cin_reading, "quick_child", doubt)
        return read_cin(io.BytesIO(content), Pseudonymiser(b"k" * 32))


def test_the_quick_reading_gives_exactly_what_the_checking_reading_gives(monkeypatch, tmp_path):
    generate(Size(councils=1, years=2, referrals_per_year=300), tmp_path, seed=3)
    for path in tmp_path.rglob("CIN_*.xml"):
        content = path.read_bytes()
        quick = read_cin(io.BytesIO(content), Pseudonymiser(b"k" * 32))
        checked = _checked_only(monkeypatch, content)
        assert quick.errors == checked.errors == []
        assert quick.counts() == checked.counts()
        assert quick.counts()["cin_plans"] > 0
        assert quick.columns == checked.columns


def test_padded_values_are_read_by_the_checking_reading_as_if_unpadded(monkeypatch):
    plain = cin_xml([CinChild("A1", [Referral("2023-05-01", s47=[S47("2023-05-03")])])])
    padded = (
        plain.replace(b"<LAchildID>A1<", b"<LAchildID> A1 <")
        .replace(b">2023-05-03<", b"> 2023-05-03\n<")
        .replace(b"<ReferralSource>6<", b"<ReferralSource>6 <")
    )
    quick, checked = read_cin(io.BytesIO(padded), KEY), _checked_only(monkeypatch, plain)
    assert quick.errors == []
    assert quick.columns == checked.columns


def test_every_error_of_every_child_is_reported_at_once():
    children = [
        CinChild("GOOD1", [Referral("2023-05-01")]),
        CinChild(
            "BAD",
            [
                Referral("2023-05-01", closure="2023-04-01", source="99"),
                Referral("20230601", s47=[S47("2023-06-10", conference="2023-06-01")]),
            ],
            ethnicity="NONE",
        ),
        CinChild("GOOD2", [Referral("2023-05-01", plans=[Plan("2023-06-01", category="X")])]),
    ]
    errors = read_cin(io.BytesIO(cin_xml(children)), KEY).errors
    assert {(e["where"].split(" (")[0], e["field"]) for e in errors} == {
        ("child 2", "CINclosureDate"),  # before the referral
        ("child 2", "ReferralSource"),  # unknown code
        ("child 2", "Ethnicity"),
        ("child 2", "CINreferralDate"),  # not written YYYY-MM-DD
        ("child 2", "DateOfInitialCPC"),  # conference before the enquiry began
        ("child 3", "InitialCategoryOfAbuse"),
        ("child 3", "LatestCategoryOfAbuse"),
    }


def test_a_child_without_an_identifier_or_sex_is_reported():
    text = cin_xml([CinChild("A", [Referral("2023-05-01")])])
    start, end = text.index(b"<ChildIdentifiers>"), text.index(b"</ChildIdentifiers>")
    emptied = text[:start] + b"<ChildIdentifiers>" + text[end:]
    fields = {e["field"] for e in read_cin(io.BytesIO(emptied), KEY).errors}
    assert fields == {"LAchildID", "Sex"}


def test_a_child_keeps_the_same_code_however_often_they_appear():
    pseudonym = Pseudonymiser(b"k" * 32)
    first = pseudonym("C1")
    assert pseudonym("C1") == first == Pseudonymiser(b"k" * 32)("C1")
    assert pseudonym(" C1 ") == first
    assert pseudonym("C2") != first
    content = csv_bytes(
        EPISODES_HEADER,
        "C1,01/05/2023,S,C2,N1,U1,PR1,01/06/2023,X1,,,,",
        "C1,01/06/2023,P,C2,N1,U1,PR1,,,,,,",
    )
    parsed = read_903(io.BytesIO(content), pseudonym, kind="903_episodes", la="101", year=2023)
    assert parsed.columns["lac_episodes"]["child"] == [first, first]
