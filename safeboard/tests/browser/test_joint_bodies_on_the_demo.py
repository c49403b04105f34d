"""The shipped demo's 4LSCB in a real browser: Portsmouth's business unit finds the joint
body among its own through the arrangement's pages, and the demo subgroup member finds
their subgroup and nothing else."""

from playwright.sync_api import expect

from .test_journeys import menu
from .test_publication_on_the_demo import demo, in_a_browser_of_their_own, sign_in  # noqa: F401

JOINT = "4LSCB Policy and Procedures Group"


def test_portsmouth_reads_the_4lscb_and_its_joint_body(demo, browser, live_server):  # noqa: F811
    scanner = in_a_browser_of_their_own(browser, live_server.url)
    page = sign_in(scanner, demo["portsmouth"], "portsmouth")
    menu(page, "Boards and meetings").click()
    expect(page.get_by_role("heading", name="Boards, subgroups and panels")).to_be_visible()
    expect(page.get_by_role("link", name=JOINT)).to_be_visible()
    expect(page.get_by_role("link", name="Main Board")).to_have_count(0)  # Southampton's
    scanner.check()
    page.get_by_role("link", name="Joint arrangements with other partnerships").click()
    expect(page.get_by_role("heading", name="Joint arrangements")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="4LSCB").click()
    expect(page.get_by_role("heading", name="Member partnerships")).to_be_visible()
    expect(page.get_by_text("Isle of Wight Safeguarding Children Partnership")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name=JOINT).click()
    expect(page.get_by_role("heading", name=JOINT)).to_be_visible()
    expect(page.get_by_text("A joint body of")).to_be_visible()
    scanner.check()
    scanner.assert_every_page_was_checked()


def test_the_demo_subgroup_member_finds_their_subgroup_only(demo, browser, live_server):  # noqa: F811
    scanner = in_a_browser_of_their_own(browser, live_server.url)
    page = sign_in(scanner, demo["subgroup-member"])
    menu(page, "Boards and meetings").click()
    expect(page.get_by_role("link", name="Monitoring & Evaluation Group")).to_be_visible()
    expect(page.get_by_role("link", name="Main Board")).to_have_count(0)
    scanner.check()
    page.get_by_role("link", name="Monitoring & Evaluation Group").click()
    expect(page.get_by_text("Synthetic")).to_be_visible()
    scanner.check()
    scanner.assert_every_page_was_checked()
