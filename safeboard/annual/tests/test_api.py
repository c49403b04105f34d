import json

from safeboard.annual import services
from safeboard.annual.compose import compose
from safeboard.annual.output import render_json

BOARD = "/api/v1/partnerships/southampton/annual-reports/2017-18/"
PUBLISHED = "/api/v1/published/southampton/2017-18/"


def _publish(cast, report):
    report = services.report_submit(actor=cast.business_unit, report=report, expected_version=1)
    report = services.report_sign_off(actor=cast.chair, report=report, expected_version=2)
    return services.report_publish(actor=cast.business_unit, report=report, expected_version=3)


def _referrals(answer) -> list[list]:
    """The referrals table's counts, as the API gives them."""
    section = next(s for s in answer.json()["report"]["sections"] if s["key"] == "case-reviews")
    table = next(t for t in section["section"]["tables"] if t["key"] == "referrals")
    return [[cell["value"] for cell in row] for row in table["rows"]]


def test_the_board_version_over_the_api_is_the_reports_json(cast, client, report):
    client.force_login(cast.chair)
    answer = client.get(BOARD)
    assert answer.status_code == 200
    assert answer.json() == json.loads(render_json(compose(report, edition="board")))
    assert answer.json()["report"]["edition"] == "board"


def test_the_published_version_shows_c_where_the_board_version_has_a_small_count(
    cast, client, report
):
    _publish(cast, report)
    client.force_login(cast.business_unit)
    board = _referrals(client.get(BOARD))
    client.logout()
    published = _referrals(client.get(PUBLISHED))
    assert board[1][:2] == ["Partnership review", 1]
    assert published[1][:2] == ["Partnership review", "c"]
    assert "c" not in [value for row in board for value in row]


def test_the_published_version_is_the_frozen_published_json(cast, client, report):
    report = _publish(cast, report)
    answer = client.get(PUBLISHED)
    assert answer.json() == json.loads(render_json(compose(report, edition="published")))
    assert answer.json()["report"]["edition"] == "published"


def test_a_report_not_yet_published_is_not_served_to_the_public(cast, client, report):
    assert client.get(PUBLISHED).status_code == 404


def test_a_member_without_exact_figures_cannot_read_the_board_version_over_the_api(
    cast, client, report
):
    client.force_login(cast.agency_lead)
    assert client.get(BOARD).status_code == 403


def test_the_board_version_over_the_api_is_the_latest_revision(cast, client, report):
    report = _publish(cast, report)
    services.report_correct(
        actor=cast.business_unit, report=report, correction_note="Corrected the referrals"
    )
    client.force_login(cast.business_unit)
    assert client.get(BOARD).json()["report"]["revision"] == 2
