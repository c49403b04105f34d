from safeboard.annual import publish as publishing
from safeboard.annual.compose import compose
from safeboard.annual.sections import Cell, Table
from safeboard.annual.services import report_sign_off, report_submit

from .conftest import referrals_table


def _values(table: Table) -> list[list]:
    return [[cell.value for cell in row] for row in table.rows]


def test_small_counts_and_their_percentages_are_published_as_c():
    table = publishing.protect_table(referrals_table())
    assert _values(table)[1] == ["Partnership review", "c", "c"]
    assert _values(table)[2] == ["No further action", "c", "c"]
    assert _values(table)[0] == ["Serious case review", 6, 66.7]


def test_each_table_goes_to_disclosure_control_with_its_totals_last(monkeypatch):
    asked = {}

    def protect(counts, **flags):
        asked.update(counts=counts, **flags)
        hidden = [[False] * len(row) for row in counts]
        hidden[0][0] = True  # as if the first count could be worked back from the total
        return hidden

    monkeypatch.setattr(publishing, "protect", protect)
    table = Table(
        key="t",
        caption="",
        columns=["Agency", "Total", "Girls", "Boys"],
        rows=[
            [Cell("All"), Cell(30, "count"), Cell(14, "count"), Cell(16, "count")],
            [Cell("Police"), Cell(20, "count"), Cell(9, "count"), Cell(11, "count")],
            [Cell("UHS"), Cell(10, "count"), Cell(5, "count"), Cell(5, "count")],
        ],
        total_rows=(0,),
        total_columns=(1,),
    )
    published = publishing.protect_table(table)
    assert asked["counts"] == [[9, 11, 20], [5, 5, 10], [14, 16, 30]]
    assert (asked["row_totals"], asked["column_totals"], asked["grand_total"]) == (True, True, True)
    assert published.rows[1][2].value == "c"  # Police girls: the first count handed over
    assert published.rows[0][1].value == 30


def test_a_chart_of_suppressed_figures_is_published_as_its_table_alone(report):
    reviews = compose(report, edition="published").sections[0].section
    attendance = reviews.charts[0]
    assert attendance.spec  # percentages of no suppressed count: the drawing stays
    assert reviews.figures[0].value.value == 9


def test_the_published_snapshot_holds_no_small_count(cast, report):
    report = report_submit(actor=cast.business_unit, report=report, expected_version=1)
    report = report_sign_off(actor=cast.chair, report=report, expected_version=2)
    published = compose(report, edition="published")
    board = compose(report, edition="board")
    counts = [cell.value for _s, _w, cell in published.figure_cells() if cell.kind == "count"]
    assert counts and all(not isinstance(v, int) or not 1 <= v <= 5 for v in counts)
    assert "c" in counts
    exact = [cell.value for _s, _w, cell in board.figure_cells() if cell.kind == "count"]
    assert 1 in exact and 2 in exact
