import pytest

from safeboard.annual import publish as publishing
from safeboard.annual.compose import compose
from safeboard.annual.services import report_sign_off, report_submit
from safeboard.core.sections import Cell, Table

from .conftest import referrals_table


def _values(table: Table) -> list[list]:
    return [[cell.value for cell in row] for row in table.rows]


def test_small_counts_and_their_percentages_are_published_as_c():
    table = publishing.protect_table(referrals_table())
    assert _values(table)[1] == ["Partnership review", "c", "c"]
    assert _values(table)[2] == ["No further action", "c", "c"]
    assert [cell.withheld for cell in table.rows[1]] == ["", "small", "small"]


def test_no_percentage_is_published_on_a_base_under_ten():
    table = publishing.protect_table(referrals_table())  # shares of 9 referrals
    assert _values(table)[0] == ["Serious case review", 6, "c"]
    assert table.rows[0][2].withheld == "base"
    assert table.rows[0][2].base is None  # the base itself is not published with it
    on_ten = Table(
        key="t",
        caption="",
        columns=["Decision", "Referrals", "Share (%)"],
        rows=[
            [
                Cell("SCR"),
                Cell(6, "count", counts="referrals"),
                Cell(60, "percent", base_of=(0, 1), counts="referrals", base=10),
            ]
        ],
    )
    assert _values(publishing.protect_table(on_ten)) == [["SCR", 6, 60]]


def test_a_percentage_whose_base_is_not_recorded_is_withheld():
    table = Table(
        key="t",
        caption="",
        columns=["Indicator", "Latest (%)"],
        rows=[[Cell("Re-referrals"), Cell(22.5, "percent", counts="children")]],
    )
    assert publishing.protect_table(table).rows[0][1].withheld == "unknown base"


def test_counts_of_the_partnerships_own_work_are_published_as_they_are():
    table = Table(
        key="t",
        caption="",
        columns=["Priority", "Planned actions", "Completed", "Attendance (%)"],
        rows=[
            [
                Cell("Neglect"),
                Cell(3, "count", counts="actions"),
                Cell(2, "count", counts="actions"),
                Cell(67, "percent", base_of=(0, 2), counts="meetings", base=3),
            ]
        ],
        total_columns=(1,),
    )
    assert _values(publishing.protect_table(table)) == [["Neglect", 3, 2, 67]]


def test_a_count_that_does_not_say_what_it_counts_is_refused():
    table = Table(key="t", caption="", columns=["n"], rows=[[Cell(3, "count")]])
    with pytest.raises(ValueError, match="not something a figure counts"):
        publishing.protect_table(table)


def test_each_table_goes_to_disclosure_control_as_its_interior_and_the_totals_it_prints(
    monkeypatch,
):
    asked = {}

    def protect(counts, **flags):
        asked.update(counts=counts, **flags)
        hidden = [[False] * len(row) for row in counts]
        hidden[0][0] = True  # as if the first count could be worked back from the total
        return hidden, False

    monkeypatch.setattr(publishing, "protect_with_totals", protect)
    table = Table(
        key="t",
        caption="",
        columns=["Agency", "Total", "Girls", "Boys"],
        rows=[
            [
                Cell("All"),
                Cell(30, "count", counts="children"),
                Cell(14, "count", counts="children"),
                Cell(16, "count", counts="children"),
            ],
            [
                Cell("Police"),
                Cell(20, "count", counts="children"),
                Cell(9, "count", counts="children"),
                Cell(11, "count", counts="children"),
            ],
            [
                Cell("UHS"),
                Cell(10, "count", counts="children"),
                Cell(5, "count", counts="children"),
                Cell(5, "count", counts="children"),
            ],
        ],
        total_rows=(0,),
        total_columns=(1,),
    )
    published = publishing.protect_table(table)
    assert asked["counts"] == [[9, 11], [5, 5]]
    assert (asked["row_totals"], asked["column_totals"]) == (True, True)
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


def test_a_count_that_totals_would_give_away_is_suppressed_with_another():
    table = Table(
        key="t",
        caption="",
        columns=["Agency", "Girls", "Boys", "All"],
        rows=[
            [
                Cell("Police"),
                Cell(3, "count", counts="children"),
                Cell(40, "count", counts="children"),
                Cell(43, "count", counts="children"),
            ],
            [
                Cell("UHS"),
                Cell(20, "count", counts="children"),
                Cell(30, "count", counts="children"),
                Cell(50, "count", counts="children"),
            ],
            [
                Cell("All"),
                Cell(23, "count", counts="children"),
                Cell(70, "count", counts="children"),
                Cell(93, "count", counts="children"),
            ],
        ],
        total_rows=(2,),
        total_columns=(3,),
    )
    published = _values(publishing.protect_table(table))
    assert published[0][1] == "c"  # the small count
    hidden = sum(row.count("c") for row in published)
    assert hidden == 4  # 43 - 3 = 40 would give it back: a rectangle of four is hidden
    assert [row[3] for row in published] == [43, 50, 93]  # the totals stay printed


def test_a_small_total_is_suppressed_and_the_table_protected_without_totals():
    table = Table(
        key="t",
        caption="",
        columns=["Agency", "Referrals"],
        rows=[
            [Cell("Police"), Cell(0, "count", counts="children")],
            [Cell("All"), Cell(4, "count", counts="children")],
        ],
        total_rows=(1,),
    )
    assert _values(publishing.protect_table(table)) == [["Police", 0], ["All", "c"]]


def test_a_difference_worked_out_from_a_withheld_count_is_withheld_with_it():
    table = Table(
        key="t",
        caption="",
        columns=["Indicator", "Latest", "Against England (%)"],
        rows=[
            [
                Cell("Children flagged at risk of CSE"),
                Cell(4, "count", counts="children"),
                Cell(-60, "percent", base_of=(0, 1), counts="published statistics"),
            ],
            [
                Cell("Children on a plan"),
                Cell(66, "count", counts="children"),
                Cell(22, "percent", base_of=(1, 1), counts="published statistics"),
            ],
        ],
    )
    assert _values(publishing.protect_table(table)) == [
        ["Children flagged at risk of CSE", "c", "c"],
        ["Children on a plan", 66, 22],
    ]
