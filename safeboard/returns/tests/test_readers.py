"""Reading a return: what is kept of a child, and how each kind of malformed file is told."""

import io
from datetime import date

from safeboard.returns.cin import read_cin
from safeboard.returns.pipeline import convert, sniff
from safeboard.returns.ssda903 import read_903
from safeboard.returns.tables import Pseudonymiser

from .builders import HEADER_HEADER, MISSING_HEADER, CinChild, Referral, cin_xml, csv_bytes

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
