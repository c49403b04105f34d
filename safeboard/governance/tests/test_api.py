"""The meetings' API: a year asked for is checked before any meeting is read."""

import datetime

import pytest
import time_machine

from safeboard.governance.tests.factories import BodyFactory, MeetingFactory

URL = "/api/v1/partnerships/southampton/meetings/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2018, 1, 15, 12, 0), tick=False):
        yield


def test_meetings_are_filtered_by_financial_year(client, cast):
    body = BodyFactory(partnership=cast.partnership)
    MeetingFactory(body=body, date=datetime.date(2017, 6, 1))
    MeetingFactory(body=body, date=datetime.date(2018, 6, 1))
    client.force_login(cast.business_unit)
    found = client.get(URL, {"year": "2017"}).json()
    assert [m["date"] for m in found["results"]] == ["2017-06-01"]


@pytest.mark.parametrize("year", ["0", "10000", "1999", "2020", "last", "２０１７"])
def test_a_year_out_of_range_is_a_400_naming_the_year(client, cast, year):
    client.force_login(cast.business_unit)
    answer = client.get(URL, {"year": year})
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["year"]
    assert "not a year" in answer.json()["message"]
