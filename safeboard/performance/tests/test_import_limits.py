"""Files that once failed the import with a server error: too big, not UTF-8, a NUL, a
cell of 128 kB, a number too large for its column. Each is now a message with its row and
column, or a refusal of the file, and nothing is written. Run on SQLite and PostgreSQL:
their numeric columns overflow differently."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from safeboard.core.uploads import MB
from safeboard.performance.imports import OBSERVATION_COLUMNS, POPULATION_COLUMNS, read_table
from safeboard.performance.models import Observation, Population
from safeboard.performance.services import ImportRefused, file_import

from .test_imports import csv_of

GOOD_ROW = ["s47-started", "local", "", "Q4 2017-18", "69", "", "", "", "Children's Services", ""]
GOOD_POPULATION = ["E06000045", "2016", "female", "0", "4", "8000", "ONS mid-year estimate"]


def _file(columns: list[str], *rows: list[str]) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows([columns, *rows])
    return text.getvalue().encode()


def _import(cast, content: bytes, kind: str = "observations", name: str = "q4.csv"):
    return file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind=kind,
        name=name,
        stream=io.BytesIO(content),
    )


def _problems(cast, content: bytes, kind: str = "observations") -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        _import(cast, content, kind)
    return [str(problem) for problem in refused.value.problems]


def _with(row: list[str], column: str, text: str, columns=OBSERVATION_COLUMNS) -> list[str]:
    changed = list(row)
    changed[columns.index(column)] = text
    return changed


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        ("source", "Children's\x00 Services", "Row 2, column source: The cell holds a NUL"),
        ("note", "x" * (128 * 1024 + 1), "Row 2, column note: The cell is 131,073 characters"),
        ("value", "1e400", "Row 2, column value: “1e400” is too large: a value is below"),
        ("value", "9" * 29, "Row 2, column value: “99999999999999999999999999999” is too large"),
        ("numerator", "9" * 29, "Row 2, column numerator: “9999"),
        ("value", "9999999999.99995", "Row 2, column value: “9999999999.99995” is too large"),
        ("period", "Q1 1999-00", "Row 2, column period: 1999 is not a year Safeboard accepts"),
        ("period", "Q1 9999-00", "Row 2, column period: 9999 is not a year Safeboard accepts"),
    ],
)
def test_a_bad_cell_is_named_by_its_row_and_column(cast, column, text, message):
    problems = _problems(cast, _file(OBSERVATION_COLUMNS[:10], _with(GOOD_ROW, column, text)))
    assert any(problem.startswith(message) for problem in problems), problems
    assert Observation.objects.count() == 0


def test_the_largest_figures_a_column_keeps_are_written_whole(cast):
    largest = _with(_with(GOOD_ROW, "value", "9999999999"), "indicator", "hrda-referrals")
    _import(cast, _file(OBSERVATION_COLUMNS[:10], largest))
    assert Observation.objects.get().value == 9_999_999_999
    problems = _problems(cast, _file(OBSERVATION_COLUMNS[:10], _with(largest, "value", "1e10")))
    assert problems == [
        "Row 2, column value: “1e10” is too large: a value is below 10,000,000,000."
    ]


@pytest.mark.parametrize("text", ["0E-1000000", "1E-1000000", "-0"])
def test_a_figure_is_kept_to_the_places_its_column_holds(cast, text):
    _import(cast, _file(OBSERVATION_COLUMNS[:10], _with(GOOD_ROW, "value", text)))
    assert Observation.objects.get().value == 0


def test_a_rate_worked_out_too_large_for_its_column_is_refused(cast):
    one_child = ["E06000045", "2017", "all", "0", "17", "1", "ONS"]
    _import(cast, _file(POPULATION_COLUMNS, one_child), "population")
    row = ["looked-after", "local", "", "Q4 2017-18", "", "999999999999", "", "", "LA", ""]
    problems = _problems(cast, _file(OBSERVATION_COLUMNS[:10], row))
    assert problems[0].startswith("Row 2, column numerator: The figure worked out from it")
    assert Observation.objects.count() == 0


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        ("count", "9" * 29, "Row 2, column count: “99999999999999999999999999999” is too large"),
        ("count", "2147483648", "Row 2, column count: “2147483648” is too large"),
        ("age_to", "32768", "Row 2, column age_to: “32768” is too large"),
        ("year", "0", "Row 2, column year: 0 is not a year Safeboard accepts"),
        ("year", "10000", "Row 2, column year: “10000” is too large"),
        ("area_code", "E0600\x000045", "Row 2, column area_code: The cell holds a NUL"),
    ],
)
def test_a_bad_population_cell_is_named_by_its_row_and_column(cast, column, text, message):
    row = _with(GOOD_POPULATION, column, text, columns=POPULATION_COLUMNS)
    problems = _problems(cast, _file(POPULATION_COLUMNS, row), "population")
    assert any(problem.startswith(message) for problem in problems), problems
    assert Population.objects.count() == 0


def test_the_largest_count_an_integer_column_keeps_is_written(cast):
    row = _with(GOOD_POPULATION, "count", "2147483647", columns=POPULATION_COLUMNS)
    _import(cast, _file(POPULATION_COLUMNS, row), "population")
    assert Population.objects.get().count == 2_147_483_647


def test_a_latin_1_csv_is_refused_as_not_utf_8(cast):
    content = csv_of("s47-started,local,,Q4 2017-18,69,,,,Services de l'enfance ré,")
    problems = _problems(cast, content.decode().encode("latin-1"))
    assert problems == [
        "Row 1, column (file): The file q4.csv is not UTF-8 text: save it as “CSV UTF-8” and "
        "upload it again."
    ]


def test_a_file_of_more_rows_than_the_limit_is_refused_whole():
    content = _file(OBSERVATION_COLUMNS[:10], GOOD_ROW, GOOD_ROW, GOOD_ROW)
    with pytest.raises(ValueError, match="has more than 2 rows"):
        read_table("q4.csv", io.BytesIO(content), max_rows=2)
    assert len(read_table("q4.csv", io.BytesIO(content), max_rows=3)) == 3


def test_a_web_import_over_the_size_limit_is_refused_before_it_is_read(cast, client):
    client.force_login(cast.business_unit)
    url = reverse("performance:import", kwargs={"slug": cast.partnership.slug})
    big = SimpleUploadedFile("big.csv", csv_of(*[",".join(GOOD_ROW)] * (21 * MB // 50)))
    answer = client.post(url, {"kind": "observations", "file": big})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "The file is larger than 20 MB, the most Safeboard reads at once" in page
    assert "Up to 20 MB and 200,000 rows" in client.get(url).content.decode()
    assert Observation.objects.count() == 0


def test_the_command_refuses_a_file_over_the_size_limit(cast, tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(csv_of(*[",".join(GOOD_ROW)] * (21 * MB // 50)))
    with pytest.raises(CommandError, match="Safeboard imports files of up to 20 MB"):
        call_command("import", "observations", str(path), partnership="southampton")


ANY_CELL = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789eE+-.,", max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1e400", "9" * 29, "\x00", "-0", "0E-1000000", "Q1 0000-01", "2017-18"]),
)
HYPOTHESIS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _accepted_or_told_where(cast, content: bytes, kind: str, columns: list[str]) -> None:
    with transaction.atomic():
        try:
            _import(cast, content, kind)
        except ImportRefused as refused:
            assert refused.problems
            for problem in refused.problems:
                assert problem.row == 2 and problem.column in columns, problem
        transaction.set_rollback(True)


@HYPOTHESIS
@given(column=st.sampled_from(OBSERVATION_COLUMNS), text=ANY_CELL)
@example(column="value", text="1e999999999")  # too large to take its size without overflow
def test_any_text_in_any_observation_cell_is_accepted_or_told_by_row_and_column(cast, column, text):
    row = _with([*GOOD_ROW, "", ""], column, text)
    _accepted_or_told_where(
        cast, _file(OBSERVATION_COLUMNS, row), "observations", OBSERVATION_COLUMNS
    )


@HYPOTHESIS
@given(column=st.sampled_from(POPULATION_COLUMNS), text=ANY_CELL)
def test_any_text_in_any_population_cell_is_accepted_or_told_by_row_and_column(cast, column, text):
    row = _with(GOOD_POPULATION, column, text, columns=POPULATION_COLUMNS)
    _accepted_or_told_where(cast, _file(POPULATION_COLUMNS, row), "population", POPULATION_COLUMNS)


def test_an_indicator_whose_history_starts_before_2000_takes_more_of_it(cast):
    from .factories import ObservationFactory

    ObservationFactory(partnership=cast.partnership, start_year=1998)
    older = _with(_with(GOOD_ROW, "period", "Q1 1999-00"), "value", "70")
    _import(cast, _file(OBSERVATION_COLUMNS[:10], older))
    assert Observation.objects.filter(start_year=1999).count() == 1
    other = _with(_with(older, "indicator", "hrda-referrals"), "period", "Q1 1999-00")
    problems = _problems(cast, _file(OBSERVATION_COLUMNS[:10], other))
    assert problems == [
        "Row 2, column period: 1999 is not a year Safeboard accepts: give one from 2000 to "
        f"{date.today().year + 1}."
    ]
    earlier = _with(older, "period", "Q1 1997-98")
    assert _problems(cast, _file(OBSERVATION_COLUMNS[:10], earlier))[0].startswith(
        "Row 2, column period: 1997 is not a year Safeboard accepts: give one from 1998"
    )
