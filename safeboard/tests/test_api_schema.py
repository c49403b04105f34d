"""The API answers as its schema says, so a client generated from the schema works.

Schemathesis reads the schema the server serves and sends every operation requests made
from it, as three people of the demo partnership: its business unit, an agency lead and a
viewer, each with a personal API token. Requests name the demo's own records as well as
made-up ones, and come both valid and invalid (a value of the wrong type, a parameter the
operation does not take). The test fails on any 5xx; on any answer whose status, content
type, headers or body the schema does not describe; on any invalid request accepted; and
on any valid read refused.

No operation is left out: the writes (POST, PUT, PATCH, DELETE) run too, on the demo's
records, inside the test's transaction.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from safeboard.core import services
from safeboard.core.models import Person
from safeboard.demo import load

PEOPLE = ["business-unit", "agency-lead", "viewer"]
PARTNERSHIP = "southampton"
# Years the demo holds, by the operations' own spelling of a year.
YEARS = {"annual-reports": "2017-18", "published": "2017-18", "statistical-neighbours": 2017}


def valid_reads_are_accepted(ctx, response, case):
    """A read the schema calls valid is answered, not refused with 400. Writes are left
    out of this one check: a valid body can still break a rule of the partnership's (an
    invitation already accepted, an agency already serving), which only the server knows."""
    if case.method.upper() == "GET":
        return positive_data_acceptance(ctx, response, case)
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    valid_reads_are_accepted,
]
# Twelve examples per operation, valid and not, keep all three people's runs to
# about a minute of one core; derandomized, and with no saved examples, so that every run,
# here and in CI, sends the same requests. No health check is suppressed.
EXAMPLES = settings(max_examples=12, derandomize=True, deadline=None, database=None)


@pytest.fixture(params=PEOPLE)
def person(request, demo_people) -> Person:
    return Person.objects.get(email=load.demo_email(request.param))


@pytest.fixture
def served_schema(person):
    # Each request would otherwise close the test's connection, and its transaction with
    # it, as Django's own test client also prevents.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", WSGIHandler())
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def headers(person) -> dict[str, str]:
    _, secret = services.api_token_create(actor=person, name="Schema conformance")
    return {"Authorization": f"Bearer {secret}"}


def demo_records(operation, headers) -> dict:
    """Path parameters naming the demo's records: its partnership, a year it holds and the
    first record of the list the address is under, when the person can see one."""
    path = operation.path
    found: dict = {"slug": PARTNERSHIP} if "{slug}" in path else {}
    for part, year in YEARS.items():
        if f"/{part}/" in path:
            found["year"] = year
    for name in ("id", "code"):
        if f"{{{name}}}" in path:
            listed = path.split(f"{{{name}}}")[0].replace("{slug}", PARTNERSHIP)
            answer = Client(WSGIHandler()).get(listed, headers=headers).get_json()
            first = answer.get("results") or [{}]
            if name in first[0]:
                found[name] = first[0][name]
    return found


def requests_for(operation, records: dict):
    made_up = {"slug": PARTNERSHIP} if "slug" in records else {}
    return st.one_of(
        operation.as_strategy(path_parameters=records),
        operation.as_strategy(path_parameters=made_up),
        operation.as_strategy(schemathesis.GenerationMode.NEGATIVE, path_parameters=made_up),
    )


def test_every_operation_answers_as_the_schema_says(served_schema, headers, subtests):
    operations = [found.ok() for found in served_schema.get_all_operations()]
    assert operations, "The served schema declares no operation."
    for operation in operations:
        records = demo_records(operation, headers)

        @EXAMPLES
        @given(case=requests_for(operation, records))
        def answers_as_described(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        with subtests.test(operation.label):
            answers_as_described()
