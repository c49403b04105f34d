from safeboard.governance.analytics import (
    AttendanceRow,
    attendance_rates,
    quorum,
    rate_chart_spec,
)


def rows(agency, presences, *, essential=True):
    return [
        AttendanceRow(agency=agency, meeting=n, presence=p, essential=essential)
        for n, p in enumerate(presences, start=1)
    ]


def test_a_deputy_counts_as_attending():
    [rate] = attendance_rates(rows("Police", ["attended", "deputy"]), threshold=75)
    assert (rate.attended, rate.meetings, rate.rate) == (2, 2, 100)


def test_apologies_and_absence_do_not_count():
    [rate] = attendance_rates(
        rows("UHS", ["attended", "apologies", "absent", "attended"]), threshold=75
    )
    assert rate.rate == 50 and rate.below_threshold


def test_an_agency_with_two_seats_attends_a_meeting_if_either_seat_does():
    both = [
        AttendanceRow("SCC", 1, "attended", True),
        AttendanceRow("SCC", 1, "absent", True),
        AttendanceRow("SCC", 2, "absent", True),
        AttendanceRow("SCC", 2, "absent", True),
    ]
    [rate] = attendance_rates(both, threshold=75)
    assert (rate.attended, rate.meetings) == (1, 2)


def test_only_essential_agencies_are_flagged_below_the_threshold():
    rates = attendance_rates(
        rows("SCAS", ["absent", "absent", "attended", "absent"], essential=False)
        + rows("Police", ["attended", "attended", "attended", "absent"]),
        threshold=80,
    )
    flagged = {r.agency: r.below_threshold for r in rates}
    assert flagged == {"Police": True, "SCAS": False}
    assert [r.agency for r in rates] == ["Police", "SCAS"]  # highest rate first


def test_quorum_needs_enough_seats_and_every_required_agency():
    assert quorum(present_seats=6, needed_seats=5, required=["Police"], present=["Police"]).met
    short = quorum(present_seats=4, needed_seats=5, required=[], present=[])
    assert not short.met
    missing = quorum(present_seats=9, needed_seats=5, required=["Police", "SCC"], present=["SCC"])
    assert not missing.met and missing.missing_agencies == ["Police"]


def test_the_chart_spec_holds_every_agencys_rate_and_the_threshold():
    rates = attendance_rates(rows("Police", ["attended", "absent"]), threshold=75)
    spec = rate_chart_spec(rates, threshold=75)
    assert spec["data"]["values"] == [
        {"agency": "Police", "rate": 50.0, "group": "Essential, below threshold"}
    ]
    assert spec["layer"][1]["encoding"]["x"]["datum"] == 75
