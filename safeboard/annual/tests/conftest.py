import pytest

from safeboard.annual.services import report_create
from safeboard.core import sections
from safeboard.core.sections import Cell, Chart, Figure, Section, Source, Table


@pytest.fixture(autouse=True)
def _files_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def attendance_chart() -> Chart:
    table = Table(
        key="attendance",
        caption="Meetings attended by agency, 2017-18",
        columns=["Agency", "Meetings attended (%)"],
        rows=[
            [Cell("Police"), Cell(100, "percent", counts="meetings", base=4)],
            [Cell("UHS"), Cell(75, "percent", counts="meetings", base=4)],
        ],
    )
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"agency": "Police", "rate": 100}, {"agency": "UHS", "rate": 75}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "rate", "type": "quantitative", "title": "Meetings attended (%)"},
            "y": {"field": "agency", "type": "nominal", "title": "Agency"},
        },
    }
    return Chart(
        key="attendance",
        title="Attendance at board meetings",
        description="Police attended every meeting; UHS three in four.",
        spec=spec,
        table=table,
    )


def _decision(label, count, share, *, row, source, base=9):
    return [
        Cell(label),
        Cell(count, "count", source=source, counts="referrals"),
        Cell(share, "percent", base_of=(row, 1), counts="referrals", base=base),
    ]


def referrals_table() -> Table:
    source = Source("Serious incident referrals", "/p/southampton/reviews/")
    return Table(
        key="referrals",
        caption="Referrals of serious incidents and decisions",
        columns=["Decision", "Referrals", "Share (%)"],
        rows=[
            _decision("Serious case review", 6, 66.7, row=0, source=source),
            _decision("Partnership review", 1, 11.1, row=1, source=source),
            _decision("No further action", 2, 22.2, row=2, source=source),
            [
                Cell("All referrals"),
                Cell(9, "count", source=source, counts="referrals"),
                Cell(100, "percent", counts="referrals", base=9),
            ],
        ],
        total_rows=(3,),
    )


def reviews_section(partnership, year) -> Section:
    return Section(
        key="case-reviews",
        title="Case reviews and learning",
        paragraphs=["The SCR group received {figure:referrals} referrals in the year."],
        figures=[
            Figure(
                "referrals",
                "Referrals of serious incidents",
                Cell(
                    9,
                    "count",
                    source=Source("Serious incident referrals", "/reviews/"),
                    counts="referrals",
                ),
            )
        ],
        tables=[referrals_table()],
        charts=[attendance_chart()],
        glossary_terms=["CDOP"],
    )


@pytest.fixture
def registered(monkeypatch):
    """The registry holding one module's section, as a module's report.py would add it."""
    monkeypatch.setattr(sections, "REGISTRY", {})
    sections.register("case-reviews", "Case reviews and learning", order=600)(reviews_section)
    return sections.REGISTRY


@pytest.fixture
def report(cast, registered):
    made = report_create(actor=cast.business_unit, partnership=cast.partnership, year=2017)
    return made
