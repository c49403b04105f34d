"""The business unit records a serious incident and sees both statutory clocks, and adds a
review's recommendation to the action tracker, in a real browser, every page scanned for
accessibility on the way."""

import datetime
import zoneinfo

import time_machine
from playwright.sync_api import expect

from safeboard.reviews.tests.factories import ReviewFactory

from .test_journeys import menu, sign_in

# The Monday before Christmas 2026: the notification clock runs across Christmas Day and
# the Boxing Day holiday moved to Monday 28 December (Boxing Day is a Saturday).
MONDAY = datetime.datetime(2026, 12, 21, 9, 30, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def test_the_business_unit_records_a_serious_incident_and_sees_both_clocks(scanner, cast):
    with time_machine.travel(MONDAY, tick=True):
        page = sign_in(scanner, cast.business_unit)
        page.wait_for_url(scanner.url("/p/southampton/"))
        scanner.check()
        menu(page, "Case reviews").click()
        expect(page.get_by_role("heading", name="Open referrals")).to_be_visible()
        scanner.check()
        page.get_by_role("link", name="Record a serious incident").click()
        expect(page.get_by_role("heading", name="Record a serious incident")).to_be_visible()
        scanner.check()
        page.get_by_role("button", name="Record serious incident").click()
        expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
        scanner.check()
        page.get_by_label("Child's reference").fill("SR-2026-12")
        page.get_by_label("Age band").select_option(label="Under 1")
        page.get_by_label("Date of the incident").fill("2026-12-17")
        page.get_by_label("Date the local authority became aware").fill("2026-12-18")
        page.get_by_label("Referring agency").select_option(label=cast.police.name)
        page.get_by_label("What happened").fill("A baby was admitted with a head injury.")
        page.get_by_label("The child died or was seriously harmed").check()
        page.get_by_label("Abuse or neglect is known or suspected").check()
        page.get_by_role("button", name="Record serious incident").click()
        expect(page.get_by_text("Its clocks have started.")).to_be_visible()
        clocks = page.locator(".govuk-summary-list").first
        # Friday 18 December plus 5 working days, skipping 25 and 28 December.
        expect(clocks).to_contain_text("Due 29 December 2026: 4 working days left")
        expect(clocks).to_contain_text("Starts when the notification is sent")
        scanner.check()
        menu(page, "Case reviews").click()
        row = page.get_by_role("row").filter(has_text="SR-2026-12")
        expect(row).to_contain_text("Due 29 December 2026")
        expect(row).to_contain_text("Starts when the notification is sent")
        scanner.check()


def test_the_business_unit_adds_a_recommendation_from_the_review_page(scanner, cast):
    review = ReviewFactory(
        partnership=cast.partnership, kind="thematic", title="Online safety thematic review"
    )
    page = sign_in(scanner, cast.business_unit)
    page.wait_for_url(scanner.url("/p/southampton/"))
    scanner.check()
    page.goto(scanner.url(review.get_absolute_url()))
    scanner.check()
    page.get_by_role("link", name="Add a recommendation").click()
    expect(page.get_by_role("heading", name="Add a recommendation of")).to_be_visible()
    scanner.check()
    page.get_by_label("Recommendation", exact=True).fill("Schools teach online safety each year")
    page.get_by_label("Theme").fill("Online safety")
    page.get_by_label("Date agreed").fill("2018-01-15")
    page.get_by_label("What will be done").fill("Brief every designated safeguarding lead")
    page.get_by_label("Owner agency").select_option(label=cast.police.name)
    page.get_by_label("Due date").fill("2018-06-30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("added to the action tracker")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Schools teach online safety each year")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name="Brief every designated safeguarding lead")
    ).to_be_visible()
    scanner.check()
