"""On the shipped demo, in a real browser: Southampton's business unit proposes a joint
arrangement with Portsmouth, Portsmouth's business unit finds it waiting for their
agreement and agrees, and both partnerships then have it among their arrangements."""

from playwright.sync_api import expect

from .test_journeys import menu
from .test_publication_on_the_demo import (  # noqa: F401
    demo,
    finish,
    in_a_browser_of_their_own,
    sign_in,
)

NAME = "Solent safeguarding partnerships"
PORTSMOUTH = "Portsmouth Safeguarding Children Partnership"


def to_the_arrangements(scanner):
    page = scanner.page
    menu(page, "Boards and meetings").click()
    scanner.check()
    page.get_by_role("link", name="Joint arrangements with other partnerships").click()
    expect(page.get_by_role("heading", name="Joint arrangements")).to_be_visible()
    scanner.check()
    return page


def test_southampton_and_portsmouth_form_an_arrangement_by_agreement(
    demo,  # noqa: F811
    browser,
    live_server,
):
    southampton = in_a_browser_of_their_own(browser, live_server.url)
    page = sign_in(southampton, demo["business-unit"])
    to_the_arrangements(southampton)
    page.get_by_role("link", name="Propose a joint arrangement").click()
    expect(page.get_by_role("heading", name="Propose a joint arrangement")).to_be_visible()
    southampton.check()
    page.get_by_role("button", name="Propose the arrangement").click()
    expect(page.get_by_role("link", name="Enter the name of the arrangement")).to_be_visible()
    southampton.check()
    page.get_by_label("Name of the arrangement").fill(NAME)
    page.get_by_label("Short name (optional)").fill("Solent")
    page.get_by_label(PORTSMOUTH).check()
    page.get_by_role("button", name="Propose the arrangement").click()
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()
    expect(page.get_by_text("Waiting for agreement")).to_be_visible()
    southampton.check()

    portsmouth = in_a_browser_of_their_own(browser, live_server.url)
    theirs = sign_in(portsmouth, demo["portsmouth"], "portsmouth")
    to_the_arrangements(portsmouth)
    expect(theirs.get_by_role("heading", name="Waiting for your agreement")).to_be_visible()
    theirs.get_by_role("link", name=NAME).click()
    expect(theirs.get_by_role("heading", name=NAME)).to_be_visible()
    portsmouth.check()
    theirs.get_by_role("button", name=f"Agree to {NAME}").click()
    expect(theirs.get_by_text(f"{PORTSMOUTH} has agreed to {NAME}.")).to_be_visible()
    portsmouth.check()
    theirs.get_by_role("link", name=f"Go to {NAME}").click()
    expect(theirs.get_by_role("heading", name="Member partnerships")).to_be_visible()
    portsmouth.check()
    finish(portsmouth)

    to_the_arrangements(southampton)
    expect(page.get_by_role("link", name=NAME)).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting for other partnerships")).to_have_count(0)
    page.get_by_role("link", name=NAME).click()
    expect(page.get_by_role("listitem").filter(has_text=PORTSMOUTH)).to_be_visible()
    southampton.check()
    finish(southampton)
