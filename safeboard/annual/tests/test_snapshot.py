"""What is frozen at sign-off gives back exactly what the sections held, and reads the same."""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeboard.annual import services
from safeboard.annual.compose import compose
from safeboard.annual.composed import (
    ComposedReport,
    ComposedSection,
    SnapshotError,
    as_data,
    decode_value,
    encode_value,
    from_data,
)
from safeboard.annual.output import render_html
from safeboard.core import sections
from safeboard.core.sections import COUNTED_KINDS, Cell, Chart, Figure, Section, Source, Table

# Text as records hold it: anything printable, markup characters included (PostgreSQL
# stores no NUL in text, so no record holds one).
words = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
numbers = st.one_of(
    st.integers(0, 10**9),
    st.floats(0, 10**22, allow_nan=False, allow_infinity=False),
    st.decimals(0, 10**9, allow_nan=False, allow_infinity=False, places=2),
)
VALUES = {
    "text": words,
    "count": st.integers(0, 5000) | st.integers(0, 5000).map(float),
    "rate": numbers,
    "percent": numbers,
    "money": numbers,
    "date": st.one_of(st.dates(), st.dates().map(date.isoformat)),
    "period": st.sampled_from(["2017-18", "Q4 2017-18", "mid-2017"]),
    "name": words,
}
KINDS = list(VALUES)
sources = st.none() | st.builds(
    Source, label=words, url=st.sampled_from(["", "/p/southampton/reviews/", "https://x.org/a"])
)


def cells(kind: str, texts: st.SearchStrategy[str] = words) -> st.SearchStrategy[Cell]:
    counts = st.just("children" if kind in COUNTED_KINDS else "")
    numbers_of = st.none() | numbers if kind in ("rate", "percent") else st.none()
    return st.builds(
        Cell,
        value=st.none() | (texts if kind == "text" else VALUES[kind]),
        kind=st.just(kind),
        source=sources,
        counts=counts,
        numerator=numbers_of,
        base=numbers_of,
    )


@st.composite
def tables(draw, key: str) -> Table:
    """A label column, then columns of one kind each; counts may end in their total row."""
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=4))
    height = draw(st.integers(1, 5))
    rows = [[draw(cells("text")), *(draw(cells(k)) for k in kinds)] for _ in range(height)]
    total_rows: tuple[int, ...] = ()
    if "count" in kinds and draw(st.booleans()):
        total = [
            Cell(sum(row[c].value or 0 for row in rows), "count", counts=rows[0][c].counts)
            if kind == "count"
            else Cell(None, kind, counts="children" if kind in COUNTED_KINDS else "")
            for c, kind in enumerate(["text", *kinds])
        ]
        rows.append([Cell("All"), *total[1:]])
        total_rows = (height,)
    if "count" in kinds and "percent" in kinds:
        counted, share = kinds.index("count") + 1, kinds.index("percent") + 1
        rows = [
            [
                *row[:share],
                Cell(row[share].value, "percent", base_of=(r, counted), counts=row[counted].counts),
                *row[share + 1 :],
            ]
            for r, row in enumerate(rows)
        ]
    columns = ["Label", *(f"{kind} {i}" for i, kind in enumerate(kinds))]
    return Table(key, draw(words), columns, rows, total_rows=total_rows, source=draw(sources))


@st.composite
def charts(draw, key: str) -> Chart:
    table = draw(tables(key))
    bars = [{"label": f"bar {i}", "value": draw(st.integers(0, 100))} for i in range(3)]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": bars},
        "mark": "bar",
        "encoding": {
            "x": {"field": "value", "type": "quantitative"},
            "y": {"field": "label", "type": "nominal"},
        },
    }
    return Chart(key, draw(words), draw(words), spec, table)


@st.composite
def generated_sections(draw) -> Section:
    kinds = draw(st.lists(st.sampled_from(KINDS), max_size=4))
    # A sentence holds no number of its own (the report refuses one): it names figures,
    # and a text figure it names holds no number either.
    plain = words.map(lambda text: re.sub(r"\d", "", text.replace("{", "(").replace("}", ")")))
    figures = [
        Figure(f"f{i}", draw(words), draw(cells(k, texts=plain))) for i, k in enumerate(kinds)
    ]
    named = [f"{{figure:{f.key}}}" for f in figures]
    paragraphs = draw(
        st.lists(st.one_of(plain, *map(st.just, named)) if named else plain, max_size=3)
    )
    return Section(
        key="drawn",
        title="A section of every kind of figure",
        paragraphs=[f"{p} and {named[0]}" if named else p for p in paragraphs],
        figures=figures,
        tables=[draw(tables(f"t{i}")) for i in range(draw(st.integers(0, 2)))],
        charts=[draw(charts(f"c{i}")) for i in range(draw(st.integers(0, 1)))],
    )


@pytest.fixture
def drawn(monkeypatch):
    """The registry holding one section, whatever the test last drew."""
    holder: dict[str, Section] = {}
    monkeypatch.setattr(sections, "REGISTRY", {})
    sections.register("drawn", "Drawn", order=500)(lambda partnership, year: holder["section"])
    return holder


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(section=generated_sections())
def test_a_signed_off_report_reads_exactly_as_it_did_before_sign_off(cast, drawn, section):
    drawn["section"] = section
    with transaction.atomic():
        report = services.report_create(
            actor=cast.business_unit, partnership=cast.partnership, year=2017
        )
        report = services.report_submit(actor=cast.business_unit, report=report, expected_version=1)
        live = {e: compose(report, edition=e) for e in ("board", "published")}
        report = services.report_sign_off(actor=cast.chair, report=report, expected_version=2)
        for edition, composed in live.items():
            frozen = compose(report, edition=edition)
            assert frozen == composed
            assert render_html(frozen) == render_html(composed)
        transaction.set_rollback(True)


def test_a_date_a_decimal_and_a_large_float_come_back_as_they_were():
    section = Section(
        key="s",
        title="S",
        tables=[
            Table(
                "t",
                "T",
                ["Published", "Spent", "Rate"],
                [
                    [
                        Cell(date(2018, 3, 1), "date"),
                        Cell(Decimal("12.50"), "money"),
                        Cell(1e20, "rate"),
                    ]
                ],
            )
        ],
    )
    report = ComposedReport(
        "P",
        "p",
        "2017-18",
        "board",
        sections=[ComposedSection("s", "S", "generated", section=section)],
    )
    cells = from_data(as_data(report)).sections[0].section.tables[0].rows[0]
    assert [(type(c.value), c.value) for c in cells] == [
        (date, date(2018, 3, 1)),
        (Decimal, Decimal("12.50")),
        (float, 1e20),
    ]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("count", 2.5),
        ("count", True),
        ("count", float("nan")),
        ("date", "1 March 2018"),
        ("date", datetime(2018, 3, 1, 9, 30)),
        ("text", 7),
        ("money", Decimal("Infinity")),
    ],
)
def test_a_value_its_kind_cannot_hold_is_refused_naming_the_cell(kind, value):
    with pytest.raises(SnapshotError, match=r"section 's', table 't', row 2, column 3"):
        encode_value(Cell(value, kind), "section 's', table 't', row 2, column 3")


def test_frozen_data_safeboard_did_not_write_is_refused():
    with pytest.raises(SnapshotError, match="not one Safeboard wrote"):
        decode_value("date", {"when": "2018-03-01"})
    with pytest.raises(SnapshotError, match="cannot hold"):
        decode_value("count", {"date": "2018-03-01"})


def test_sign_off_refuses_a_section_whose_cell_holds_the_wrong_kind_and_changes_nothing(
    cast, drawn
):
    drawn["section"] = Section(
        key="drawn",
        title="Drawn",
        figures=[Figure("children", "Children", Cell(2.5, "count", counts="children"))],
    )
    report = services.report_create(
        actor=cast.business_unit, partnership=cast.partnership, year=2017
    )
    report = services.report_submit(actor=cast.business_unit, report=report, expected_version=1)
    with pytest.raises(ValidationError, match="section 'drawn', figure 'children'"):
        services.report_sign_off(actor=cast.chair, report=report, expected_version=2)
    report.refresh_from_db()
    assert report.status == "awaiting_sign_off" and not report.snapshots.exists()
