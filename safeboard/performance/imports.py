"""Reading and checking a file of observations or population figures, all rows at once.

Every bad cell is reported with its row and column; a file with any is refused whole (the
services write nothing). Checking is in bulk: the indicators are read once, and each row is
checked against plain dictionaries, never a query per row. A file is read as it streams,
up to `IMPORT_LIMIT`, and every cell is checked to fit the column it is written to.
"""

import csv
import functools
import io
import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, cast

from django.db.models import DecimalField
from openpyxl import Workbook, load_workbook

from safeboard.core.periods import (
    EARLIEST_YEAR,
    PeriodError,
    Quarter,
    check_year,
    parse_period,
    parse_quarter,
)
from safeboard.core.uploads import IMPORT_LIMIT, UnreadableFile, csv_rows, too_many_rows

from .models import AgeBand, Area, Observation, PeriodKind, Sex, Unit

OBSERVATION_COLUMNS = [
    "indicator",
    "area",
    "area_code",
    "period",
    "value",
    "numerator",
    "denominator",
    "reference_year",
    "source",
    "note",
    "sex",  # optional, like age_band: "all" when left out
    "age_band",
]
OBSERVATION_REQUIRED = {"indicator", "area", "period", "source"}
OBSERVATION_EXAMPLE = [
    "s47-started",
    "local",
    "",
    "Q4 2017-18",
    "69",
    "",
    "",
    "",
    "Children's Services",
    "",
    "all",
    "all",
]
POPULATION_COLUMNS = ["area_code", "year", "sex", "age_from", "age_to", "count", "source"]
POPULATION_EXAMPLE = ["E06000045", "2016", "female", "0", "4", "8000", "ONS mid-year estimate"]

UNIT_RANGE = {
    Unit.PERCENTAGE: (Decimal(0), Decimal(100)),
    Unit.RATE_CHILDREN: (Decimal(0), Decimal(10_000)),
    Unit.RATE_POPULATION: (Decimal(0), Decimal(10_000)),
    Unit.COUNT: (Decimal(0), None),
}


def _digits(name: str) -> tuple[int, int]:
    column = cast(DecimalField, Observation._meta.get_field(name))
    return column.max_digits - column.decimal_places, column.decimal_places


# The largest figure each column keeps (a larger one would overflow it in the database),
# and the decimal places it keeps, to which a figure is rounded as it is read: PostgreSQL
# refuses a 0 written with a million places (0E-1000000), where SQLite takes it.
_COLUMNS = ("value", "numerator", "denominator")
LARGEST = {name: Decimal(10) ** _digits(name)[0] for name in _COLUMNS}
PLACES = {name: Decimal(1).scaleb(-_digits(name)[1]) for name in _COLUMNS}
LARGEST_COUNT = 2**31 - 1  # a population count is an integer column on every engine
OLDEST_AGE = 120
# No cell of an import is prose: the longest, a note, is kept to 300 characters.
LONGEST_CELL = 1_000
_ROLLING = re.compile(r"^12 months to (Q[1-4] \d{4}-\d{2})$", re.IGNORECASE)
_ONS_CODE = re.compile(r"^E\d{8}$")


def _band_spelling(text: str) -> str:
    """ "10 to 15", "10–15", "10_15" and "10-15" all read as "10-15"."""
    text = re.sub(r"\s+to\s+", "-", text.strip().lower().replace("–", "-").replace("—", "-"))
    return re.sub(r"[\s_]+", "-", text)


# Read once: a choices class builds its lists anew each time they are asked for.
AREAS = tuple(Area.values)
SEXES = tuple(Sex.values)
# An age band by its code ("1_4") or as people write it ("1-4", "1 to 4", "Under 1").
AGE_BANDS = (
    {band.value: band for band in AgeBand}
    | {_band_spelling(band.value): band for band in AgeBand}
    | {_band_spelling(band.label): band for band in AgeBand if band != AgeBand.ALL}
)
AGE_BANDS_LISTED = ", ".join(band.value.replace("_", "-") for band in AgeBand)


class FileUnreadable(ValueError):
    pass


# What makes a figure one figure: one per indicator, area, period, source and breakdown.
OBSERVATION_KEY = (
    "indicator_id",
    "area",
    "area_code",
    "period_kind",
    "start_year",
    "quarter",
    "source",
    "sex",
    "age_band",
)
observation_key = operator.attrgetter(*OBSERVATION_KEY)


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, column {self.column}: {self.message}"


@dataclass(frozen=True)
class ObservationRow:
    row: int
    indicator_id: int
    area: str
    area_code: str
    period_kind: str
    start_year: int
    quarter: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    reference_year: int | None
    source: str
    note: str
    sex: str = "all"
    age_band: str = "all"

    key = property(observation_key)


@dataclass(frozen=True)
class PopulationRow:
    row: int
    area_code: str
    year: int
    sex: str
    age_from: int
    age_to: int | None
    count: int
    source: str

    @property
    def key(self) -> tuple:
        return (self.area_code, self.year, self.sex, self.age_from, self.age_to)


@dataclass
class Checked[T]:
    rows: list[T] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# Reading


def read_table(
    name: str, stream: IO[bytes], *, max_rows: int = IMPORT_LIMIT.max_rows
) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dictionaries of text, keyed by lower-case header,
    read from the stream as it comes."""
    try:
        if name.lower().endswith(".xlsx"):
            return _rows(_xlsx_rows(stream, max_rows))
        if name.lower().endswith(".csv"):
            return _rows(csv_rows(stream, max_rows=max_rows))
    except UnreadableFile as error:
        raise FileUnreadable(f"The file {name} {error}.") from error
    raise FileUnreadable("Choose a CSV or XLSX file.")


def rows_in(name: str, upload: IO[bytes]) -> int:
    """About how many rows a file has, found without reading its cells: a CSV file's
    lines, or the count a workbook keeps of its first sheet."""
    try:
        if name.lower().endswith(".xlsx"):
            workbook = load_workbook(upload, read_only=True)
            try:
                return workbook.worksheets[0].max_row or 0
            finally:
                workbook.close()
        return sum(block.count(b"\n") for block in iter(lambda: upload.read(1 << 20), b""))
    except Exception:  # openpyxl raises many kinds; reading the file will say what is wrong
        return 0
    finally:
        upload.seek(0)


def _xlsx_rows(stream: IO[bytes], max_rows: int) -> Iterator[list[str]]:
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise FileUnreadable("The file is not a readable XLSX workbook.") from error
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > max_rows + 1:
                raise too_many_rows(max_rows)
            yield ["" if cell is None else str(cell) for cell in row]
    finally:
        workbook.close()  # read-only mode holds the file open until told


def _rows(rows: Iterator[list[str]]) -> list[dict[str, str]]:
    header_row = next(rows, None)
    if header_row is None:
        raise FileUnreadable("The file is empty.")
    header = [name.strip().lower() for name in header_row]
    return [
        {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        for row in rows
        if any(cell.strip() for cell in row)
    ]


def template(columns: list[str], example: list[str], fmt: str) -> bytes:
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(columns)
        sheet.append(example)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerows([columns, example])
    return text.getvalue().encode()


# Checking


def _missing_columns(rows: list[dict[str, str]], required: Iterable[str]) -> list[Problem]:
    if not rows:
        return [Problem(1, "(all)", "The file has a header but no rows.")]
    return [
        Problem(1, name, "This column is missing from the header.")
        for name in sorted(required)
        if name not in rows[0]
    ]


def _cell_problems(row: int, cells: Mapping[str, str]) -> list[Problem]:
    """Cells no column can hold, checked before any is read (and quoted in a message)."""
    problems = []
    for column, text in cells.items():
        if "\x00" in text:
            problems.append(
                Problem(row, column, "The cell holds a NUL character, which cannot be kept.")
            )
        elif len(text) > LONGEST_CELL:
            problems.append(
                Problem(
                    row,
                    column,
                    f"The cell is {len(text):,} characters long; a cell holds at most "
                    f"{LONGEST_CELL:,}.",
                )
            )
    return problems


def _number(
    text: str,
    row: int,
    column: str,
    problems: list[Problem],
    *,
    largest: Decimal,
    places: Decimal | None = None,
) -> Decimal | None:
    if text == "":
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        problems.append(Problem(row, column, f"“{text}” is not a number."))
        return None
    if not number.is_finite():
        problems.append(Problem(row, column, f"“{text}” is not a number."))
        return None
    # copy_abs, unlike abs, is exact: "1e999999999" is too large, not an arithmetic overflow.
    if places is not None and number.copy_abs() < largest:
        number = number.quantize(places)  # which may round it up to the largest
    if number.copy_abs() >= largest:
        problems.append(
            Problem(row, column, f"“{text}” is too large: a {column} is below {largest:,}.")
        )
        return None
    return number


@functools.lru_cache(maxsize=4096)  # a file names the same few periods on every row
def parse_observation_period(text: str, earliest: int = EARLIEST_YEAR) -> tuple[str, int, int]:
    """(kind, start year, quarter) of "2017-18", "Q1 2017-18" or "12 months to Q4 2017-18",
    from the `earliest` year to next year."""
    rolling = _ROLLING.match(text.strip())
    if rolling:
        quarter = parse_quarter(rolling[1], earliest=earliest)
        return PeriodKind.ROLLING, quarter.year.start_year, quarter.number
    period = parse_period(text, earliest=earliest)
    if isinstance(period, Quarter):
        return PeriodKind.QUARTER, period.year.start_year, period.number
    return PeriodKind.YEAR, period.start_year, 0


def check_observations(
    rows: list[dict[str, str]],
    *,
    indicators: Mapping[str, tuple[int, str]],
    history_from: Mapping[int, int] | None = None,
) -> Checked[ObservationRow]:
    """Check every row. `indicators` maps each known code to (id, unit); `history_from`
    an indicator's id to the first year of its recorded figures, when before 2000."""
    checked: Checked[ObservationRow] = Checked()
    checked.problems = _missing_columns(rows, OBSERVATION_REQUIRED)
    if checked.problems:
        return checked
    seen: dict[tuple, int] = {}
    for number, cells in enumerate(rows, start=2):
        problems = _cell_problems(number, cells)
        if problems:
            checked.problems += problems
            continue
        parsed = _observation(number, cells, indicators, history_from or {}, problems)
        if parsed is not None and not problems:
            if parsed.key in seen:
                problems.append(
                    Problem(
                        number,
                        "period",
                        f"Row {seen[parsed.key]} already gives this indicator, area, period, "
                        "sex, age band and source.",
                    )
                )
            else:
                seen[parsed.key] = number
                checked.rows.append(parsed)
        checked.problems += problems
    return checked


def _observation(number, cells, indicators, history_from, problems) -> ObservationRow | None:
    code = cells.get("indicator", "")
    known = indicators.get(code)
    if known is None:
        problems.append(Problem(number, "indicator", f"“{code}” is not a known indicator."))
    area = cells.get("area", "").lower()
    area_code = cells.get("area_code", "").upper()
    if area not in AREAS:
        problems.append(Problem(number, "area", f"“{area}” is not one of {', '.join(AREAS)}."))
    elif area in (Area.REGION, Area.AUTHORITY) and not _ONS_CODE.match(area_code):
        problems.append(Problem(number, "area_code", "A region or authority needs its ONS code."))
    elif area not in (Area.REGION, Area.AUTHORITY) and area_code:
        problems.append(Problem(number, "area_code", f"Leave the code empty for area “{area}”."))
    earliest = EARLIEST_YEAR if known is None else history_from.get(known[0], EARLIEST_YEAR)
    try:
        kind, start_year, quarter = parse_observation_period(
            cells.get("period", ""), min(earliest, EARLIEST_YEAR)
        )
    except PeriodError as error:
        problems.append(Problem(number, "period", str(error)))
    sex = cells.get("sex", "").lower() or Sex.ALL
    if sex not in SEXES:
        problems.append(Problem(number, "sex", f"“{sex}” is not one of {', '.join(SEXES)}."))
    band_text = cells.get("age_band", "").lower() or AgeBand.ALL
    age_band = AGE_BANDS.get(band_text) or AGE_BANDS.get(_band_spelling(band_text))
    if age_band is None:
        problems.append(
            Problem(
                number,
                "age_band",
                f"“{cells['age_band']}” is not one of the age bands {AGE_BANDS_LISTED}.",
            )
        )
    elif age_band != AgeBand.ALL and sex != Sex.ALL:
        problems.append(
            Problem(
                number,
                "age_band",
                "A figure is broken down by sex or by age band, not both: leave one of them “all”.",
            )
        )
    value, numerator, denominator = (
        _number(
            cells.get(column, ""),
            number,
            column,
            problems,
            largest=LARGEST[column],
            places=PLACES[column],
        )
        for column in ("value", "numerator", "denominator")
    )
    reference_year = _reference_year(cells.get("reference_year", ""), number, problems)
    source = cells.get("source", "")
    if not source:
        problems.append(Problem(number, "source", "Say where the figure comes from."))
    if denominator is not None and denominator <= 0:
        problems.append(Problem(number, "denominator", "A denominator must be above 0."))
    elif numerator is not None and denominator is not None and numerator > denominator:
        problems.append(
            Problem(number, "numerator", f"{numerator} is more than the denominator {denominator}.")
        )
    rate_of_children = known is not None and known[1] == Unit.RATE_CHILDREN
    if value is None and numerator is None and not cells.get("value"):
        problems.append(Problem(number, "value", "Give a value, or a numerator and denominator."))
    elif not cells.get("value") and denominator is None and not rate_of_children:
        problems.append(Problem(number, "denominator", "Give the denominator of the numerator."))
    if known is not None and value is not None:
        _check_range(value, Unit(known[1]), number, problems)
    if problems or known is None:
        return None
    return ObservationRow(
        row=number,
        indicator_id=known[0],
        area=area,
        area_code=area_code,
        period_kind=kind,
        start_year=start_year,
        quarter=quarter,
        value=value,
        numerator=numerator,
        denominator=denominator,
        reference_year=reference_year,
        source=source[:100],
        note=cells.get("note", "")[:300],
        sex=sex,
        age_band=str(age_band),
    )


def _reference_year(text: str, number: int, problems: list[Problem]) -> int | None:
    if not text:
        return None
    try:
        return parse_period(text).start_year  # type: ignore[union-attr]
    except (PeriodError, AttributeError):
        problems.append(Problem(number, "reference_year", f"“{text}” is not a financial year."))
        return None


def _check_range(value: Decimal, unit: Unit, number: int, problems: list[Problem]) -> None:
    lowest, highest = UNIT_RANGE[unit]
    if value < lowest or (highest is not None and value > highest):
        top = f" to {highest}" if highest is not None else " or more"
        problems.append(
            Problem(
                number, "value", f"{value} is outside {lowest}{top} for a {unit.label.lower()}."
            )
        )
    elif unit == Unit.COUNT and value != value.to_integral_value():
        problems.append(Problem(number, "value", f"{value} is not a whole number for a count."))


def check_population(rows: list[dict[str, str]]) -> Checked[PopulationRow]:
    checked: Checked[PopulationRow] = Checked()
    checked.problems = _missing_columns(rows, set(POPULATION_COLUMNS) - {"age_to"})
    if checked.problems:
        return checked
    seen: dict[tuple, int] = {}
    for number, cells in enumerate(rows, start=2):
        problems = _cell_problems(number, cells)
        if problems:
            checked.problems += problems
            continue
        parsed = _population(number, cells, problems)
        if parsed is not None and not problems:
            if parsed.key in seen:
                problems.append(
                    Problem(number, "age_from", f"Row {seen[parsed.key]} already gives this band.")
                )
            else:
                seen[parsed.key] = number
                checked.rows.append(parsed)
        checked.problems += problems
    return checked


def _whole(
    text: str, number: int, column: str, problems: list[Problem], *, largest: int
) -> int | None:
    value = _number(text, number, column, problems, largest=Decimal(largest + 1))
    if value is None:
        return None
    if value < 0 or value != value.to_integral_value():
        problems.append(Problem(number, column, f"{value} is not a whole number of 0 or more."))
        return None
    return int(value)


def _year(text: str, number: int, problems: list[Problem]) -> int | None:
    year = _whole(text, number, "year", problems, largest=9999)
    if year is None:
        return None
    try:
        return check_year(year)
    except PeriodError as error:
        problems.append(Problem(number, "year", str(error)))
        return None


def _population(number, cells, problems) -> PopulationRow | None:
    area_code = cells.get("area_code", "").upper()
    if not _ONS_CODE.match(area_code):
        problems.append(Problem(number, "area_code", f"“{area_code}” is not an ONS area code."))
    sex = cells.get("sex", "").lower()
    if sex not in SEXES:
        problems.append(Problem(number, "sex", f"“{sex}” is not one of {', '.join(SEXES)}."))
    year = _year(cells.get("year", ""), number, problems)
    age_from = _whole(cells.get("age_from", ""), number, "age_from", problems, largest=OLDEST_AGE)
    age_to = _whole(cells.get("age_to", ""), number, "age_to", problems, largest=OLDEST_AGE)
    count = _whole(cells.get("count", ""), number, "count", problems, largest=LARGEST_COUNT)
    for column, value in (("year", year), ("age_from", age_from), ("count", count)):
        if value is None and cells.get(column, "") == "":
            problems.append(Problem(number, column, "This cell is empty."))
    if age_from is not None and age_to is not None and age_to < age_from:
        problems.append(Problem(number, "age_to", f"{age_to} is below age_from {age_from}."))
    source = cells.get("source", "")
    if not source:
        problems.append(Problem(number, "source", "Say where the figure comes from."))
    if problems or year is None or age_from is None or count is None:
        return None
    return PopulationRow(number, area_code, year, sex, age_from, age_to, count, source[:100])
