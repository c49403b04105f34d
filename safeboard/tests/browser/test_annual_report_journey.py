"""The annual report from the foreword to its public page, in a real browser."""

from playwright.sync_api import expect

from .axe import Scanner
from .test_journeys import menu, sign_in

FOREWORD = "This year the partnership put **neglect** first."


def status_of(page):
    """The report's status, as its page shows it."""
    return page.locator(".govuk-summary-list__value .govuk-tag").first


def sign_out(scanner) -> None:
    page = scanner.page
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to Safeboard")).to_be_visible()
    scanner.check()


def open_the_report(scanner) -> None:
    page = scanner.page
    page.wait_for_url(scanner.url("/p/southampton/"))
    scanner.check()
    menu(page, "Annual report").click()
    expect(page.get_by_role("heading", name="Annual reports")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="2017-18").click()
    expect(page.get_by_role("heading", name="Annual report 2017-18")).to_be_visible()
    scanner.check()


def start_the_report_and_write_the_foreword(scanner, cast) -> None:
    page = sign_in(scanner, cast.business_unit)
    page.wait_for_url(scanner.url("/p/southampton/"))
    scanner.check()
    menu(page, "Annual report").click()
    expect(page.get_by_role("heading", name="Annual reports")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="Start an annual report").click()
    expect(page.get_by_role("heading", name="Start an annual report")).to_be_visible()
    scanner.check()
    page.get_by_label("Financial year of the report").fill("2017-18")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Annual report 2017-18 has been started.")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="Foreword from the chair").click()
    expect(page.get_by_role("heading", name="Foreword from the chair")).to_be_visible()
    scanner.check()
    page.get_by_label("Text").fill(FOREWORD)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview (not saved)")).to_be_visible()
    expect(page.locator("#preview-title + div strong")).to_have_text("neglect")
    scanner.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Annual report 2017-18")).to_be_visible()
    scanner.check()
    foreword = page.get_by_role("row", name="Foreword from the chair")
    expect(foreword).to_contain_text("7 words")


def make_the_pdf(scanner) -> None:
    page = scanner.page
    page.get_by_label("Board version (exact figures)").check()
    page.get_by_label("PDF").check()
    page.get_by_role("button", name="Make the file").click()
    expect(page.get_by_role("heading", name="Board version (exact figures), PDF")).to_be_visible()
    # The tests run background jobs at once: the progress page already says it is ready.
    expect(page.get_by_text("Ready.")).to_be_visible()
    scanner.check()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    page.get_by_role("link", name="Back to the report").click()
    expect(page.get_by_role("heading", name="Annual report 2017-18")).to_be_visible()
    scanner.check()


def read_the_board_version(scanner) -> None:
    page = scanner.page
    page.get_by_role("link", name="The board version").click()
    expect(page.get_by_text("Board version:", exact=False)).to_be_visible()
    expect(page.get_by_text("This year the partnership put neglect first.")).to_be_visible()
    scanner.check()
    page.go_back()
    expect(page.get_by_role("heading", name="Annual report 2017-18")).to_be_visible()
    scanner.check()


def sign_off_in_a_browser_of_their_own(browser, base_url: str, chair) -> None:
    """The chair signs off on their own computer while the business unit stays signed in
    (signing the business unit in again within the same half minute would reuse its code,
    which the second factor rightly refuses)."""
    context = browser.new_context()
    scanner = Scanner(context.new_page(), base_url=base_url)
    sign_in(scanner, chair)
    open_the_report(scanner)
    read_the_board_version(scanner)
    scanner.page.get_by_role("link", name="Sign off the report").click()
    expect(
        scanner.page.get_by_role("heading", name="Sign off the annual report 2017-18")
    ).to_be_visible()
    scanner.check()
    scanner.page.get_by_role("button", name="Sign off the report").click()
    expect(status_of(scanner.page)).to_have_text("Signed off")
    scanner.check()
    scanner.assert_every_page_was_checked()
    context.close()


def test_the_business_unit_writes_the_report_the_chair_signs_it_off_and_the_public_reads_it(
    scanner, cast, browser, live_server
):
    page = scanner.page
    start_the_report_and_write_the_foreword(scanner, cast)
    make_the_pdf(scanner)
    read_the_board_version(scanner)
    page.get_by_role("button", name="Send for sign-off").click()
    expect(status_of(page)).to_have_text("Awaiting sign-off")
    scanner.check()

    sign_off_in_a_browser_of_their_own(browser, live_server.url, cast.chair)

    page.reload()
    expect(status_of(page)).to_have_text("Signed off")
    scanner.check()
    page.get_by_role("button", name="Publish").click()
    expect(status_of(page)).to_have_text("Published")
    scanner.check()
    sign_out(scanner)

    page.goto(scanner.url("/published/southampton/2017-18/"))
    expect(page.get_by_role("heading", name="Annual report 2017-18", level=1)).to_be_visible()
    expect(page.get_by_text("This year the partnership put neglect first.")).to_be_visible()
    expect(page.get_by_text("Board version:", exact=False)).to_have_count(0)
    scanner.check()
