"""Small numbers about people typed into the narrative, which a signer must confirm."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from safeboard.annual import services
from safeboard.annual.narrative import (
    PEOPLE_WORDS,
    SMALL_NUMBER_WORDS,
    small_numbers_about_people,
)
from safeboard.core.models import AuditEvent


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Five children were made subject to a plan.", [("Five", 5, "children")]),
        ("We held 3 meetings. Two of the families moved away.", [("Two", 2, "families")]),
        ("The deaths of 4 young people in the city.", [("4", 4, "people")]),
        ("A review of one baby's death.", [("one", 1, "baby's")]),
        ("**2** referrals came from schools.", [("2", 2, "referrals")]),
        ("There were 12 children, 6 families and 5% of referrals.", []),
        ("In 2017 the Board met 5 times; 2.5 days of training.", []),
        ("Q1 cases rose; the 3rd child.", []),
        ("Five priorities. Children first.", []),  # another sentence
        ("One of our aims, for all the city's children", []),  # too far from its people
    ],
)
def test_it_finds_small_numbers_near_words_about_people(text, found):
    assert [(n.written, n.value, n.about) for n in small_numbers_about_people(text)] == found


def test_it_quotes_the_words_around_each_number():
    [number] = small_numbers_about_people(
        "Over the year the panel reviewed\nthe deaths of three children, all of them expected."
    )
    assert number.excerpt == "the panel reviewed the deaths of three children, all of them expected"


filler = st.lists(
    st.sampled_from(["the", "board", "met", "in", "2017", "and", "agreed", "12", "priorities"]),
    max_size=8,
).map(" ".join)
small = st.integers(1, 5).flatmap(
    lambda n: st.sampled_from(
        [str(n), [*SMALL_NUMBER_WORDS][n - 1], [*SMALL_NUMBER_WORDS][n - 1].title()]
    )
)


@given(before=filler, number=small, people=st.sampled_from(sorted(PEOPLE_WORDS)), after=filler)
def test_any_small_number_beside_a_word_about_people_is_found(before, number, people, after):
    found = small_numbers_about_people(f"{before} {number} {people} {after}.")
    assert [(n.written, n.about) for n in found] == [(number, people)]


@given(text=filler, number=st.integers(6, 10**6), people=st.sampled_from(sorted(PEOPLE_WORDS)))
def test_numbers_outside_1_to_5_and_words_without_people_are_not(text, number, people):
    assert small_numbers_about_people(f"{text} {number} {people}. {text}.") == []


# Signing off


@pytest.fixture
def numbered(cast, report):
    foreword = report.authored.get(key="foreword")
    services.authored_section_update(
        actor=cast.business_unit,
        section=foreword,
        expected_version=1,
        title=foreword.title,
        body="This year three children died. The board met 5 times.\n\nTwo families moved away.",
    )
    return services.report_submit(actor=cast.business_unit, report=report, expected_version=1)


def test_the_report_is_not_signed_off_until_each_number_is_confirmed(cast, numbered):
    with pytest.raises(ValidationError) as refused:
        services.report_sign_off(
            actor=cast.chair, report=numbered, expected_version=2, confirmed=["foreword-1"]
        )
    assert refused.value.message_dict["confirmed"] == [
        "Confirm that “Two” in “Foreword from the chair” (“Two families moved away”) may be "
        "published, or return the report as a draft."
    ]
    numbered.refresh_from_db()
    assert numbered.status == "awaiting_sign_off" and not numbered.snapshots.exists()


def test_each_confirmation_is_in_the_audit_trail(cast, numbered):
    services.report_sign_off(
        actor=cast.chair,
        report=numbered,
        expected_version=2,
        confirmed=["foreword-1", "foreword-2"],
    )
    confirmed = AuditEvent.objects.filter(action="annual_report.sign_off.number_confirmed")
    assert sorted(e.target_label for e in confirmed) == [
        "Foreword from the chair: “This year three children died”",
        "Foreword from the chair: “Two families moved away”",
    ]
    assert {e.actor_id for e in confirmed} == {cast.chair.pk}


def test_the_sign_off_page_asks_for_each_number_and_refuses_without_it(cast, numbered, client):
    from safeboard.core.testing import mark_second_factor_given

    client.force_login(cast.scrutineer)
    mark_second_factor_given(client, cast.scrutineer)
    url = "/p/southampton/annual-reports/2017-18/1/sign-off/"
    page = client.get(url).content.decode()
    assert page.count('type="checkbox" name="confirmed"') == 2
    assert "“This year three children died” in Foreword from the chair" in page
    refused = client.post(url, {"version": 2, "confirmed": ["foreword-2"]})
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()
    signed = client.post(url, {"version": 2, "confirmed": ["foreword-1", "foreword-2"]})
    assert signed.status_code == 302
    numbered.refresh_from_db()
    assert numbered.status == "signed_off" and numbered.signed_off_by == cast.scrutineer
