"""Reading a CIN census file, one child at a time: the quick reading first, the checking
reading for any child it doubts, then the file's header checked."""

from typing import IO

from lxml import etree

from safeboard.core.periods import PeriodError, check_year

from ..tables import Parsed, Pseudonymiser
from .checking import check_child
from .common import Doubt, File
from .quick import quick_child


def read_cin(stream: IO[bytes], pseudonym: Pseudonymiser, progress=None) -> Parsed:
    parsed = Parsed(kind="cin")
    reading = File(parsed, pseudonym)
    number = 0
    events = etree.iterparse(stream, events=("end",), tag=("Child", "LEA", "Year"), huge_tree=True)
    try:
        for _, element in events:
            name = element.tag
            if name == "Child":
                number += 1
                try:
                    quick_child(reading, element)
                except Doubt:
                    check_child(reading, element, number)
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]
                if progress is not None and number % 5000 == 0:
                    progress(number)
            elif name == "LEA":
                parsed.la = (element.text or "").strip()
            elif name == "Year" and element.getparent().tag == "CollectionDetails":
                _read_year(parsed, element.text)
    except etree.XMLSyntaxError as error:
        parsed.error(
            where=f"line {error.lineno}", field="", problem=f"not well-formed XML: {error.msg}"
        )
    for table, rows in reading.rows.items():
        parsed.set_rows(table, rows)
    parsed.children = number
    _check_header(parsed)
    return parsed


def _read_year(parsed: Parsed, text: str | None) -> None:
    value = (text or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        parsed.error(where="header", field="Year", problem=f"“{value}” is not a year")
        return
    try:
        # the census year 2024 is the financial year 2023-24
        parsed.year = check_year(int(value) - 1)
    except PeriodError as error:
        parsed.error(where="header", field="Year", problem=str(error))


def _check_header(parsed: Parsed) -> None:
    if not (parsed.la.isascii() and parsed.la.isdigit() and len(parsed.la) == 3):
        parsed.error(
            where="header", field="LEA", problem="the council's three-digit number is missing"
        )
    if parsed.year is None and not any(e["field"] == "Year" for e in parsed.errors):
        parsed.error(where="header", field="Year", problem="the collection year is missing")
    if parsed.children == 0 and not parsed.errors:
        parsed.error(where="file", field="Child", problem="the file holds no children")
