"""The shipped demo's 2017-18 report from its narrative to the public, in a real browser:
the data `manage.py demo` loads, not a hand-made fixture, so what a new user meets first
is what is tested."""

import io
import re
import zipfile

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from safeboard.annual import services
from safeboard.core import second_factor
from safeboard.core.testing import authenticator_for
from safeboard.demo import load, seed

from .axe import Scanner
from .test_journeys import give_code, menu, sign_in_with_password

TITLE = "Southampton Safeguarding Children Partnership: annual report 2017-18"
HIGHLIGHTS = (
    "The partnership heard from two families whose children were helped early.\n\n"
    "Neglect remained the **first** priority."
)
REPORT = "/p/southampton/annual-reports/2017-18/{revision}/"


@pytest.fixture
def demo(settings, live_server, tmp_path):
    """The demo as `manage.py demo` loads it; its links point at the server under test."""
    settings.SAFEBOARD_BASE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "files"
    return load.load()


def sign_in(scanner, person, partnership: str = "southampton"):
    """A demo person signs in with the demo's password and their preset authenticator."""
    page = sign_in_with_password(scanner, person, seed.DEMO_PASSWORD)
    give_code(scanner, second_factor.current_code(authenticator_for(person)))
    page.wait_for_url(scanner.url(f"/p/{partnership}/"))
    scanner.check()
    return page


def in_a_browser_of_their_own(browser, base_url: str) -> Scanner:
    """Each person on their own computer, so nobody's session or code is reused."""
    return Scanner(browser.new_context(accept_downloads=True).new_page(), base_url=base_url)


def finish(scanner) -> None:
    scanner.assert_every_page_was_checked()
    scanner.page.context.close()


def status_of(page):
    return page.locator(".govuk-summary-list__value .govuk-tag").first


def open_the_report(scanner, revision: int = 1):
    page = scanner.page
    menu(page, "Annual report").click()
    expect(page.get_by_role("heading", name="Annual reports")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="2017-18").first.click()
    if revision > 1:
        page.goto(scanner.url(REPORT.format(revision=revision)))
    expect(page.get_by_role("heading", name="Annual report 2017-18")).to_be_visible()
    scanner.check()
    return page


def write_the_highlights(scanner) -> None:
    page = scanner.page
    page.get_by_role("link", name="Highlights of the year").click()
    expect(page.get_by_role("heading", name="Highlights of the year")).to_be_visible()
    scanner.check()
    page.get_by_label("Text").fill(HIGHLIGHTS)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“Highlights of the year” has been saved.")).to_be_visible()
    warning = page.locator(".govuk-warning-text")
    expect(warning).to_contain_text("1 number from 1 to 5 about people")
    expect(
        page.get_by_text("“The partnership heard from two families whose children")
    ).to_be_visible()
    scanner.check()


def send_for_sign_off(scanner) -> None:
    page = scanner.page
    page.get_by_role("button", name="Send for sign-off").click()
    expect(status_of(page)).to_have_text("Awaiting sign-off")
    expect(page.get_by_text("the chair and scrutineer have been emailed")).to_be_visible()
    scanner.check()


def the_link_emailed_to(person) -> str:
    [email] = [m for m in mail.outbox if m.to == [person.email] and "sign-off" in m.subject]
    mail.outbox.remove(email)
    return re.search(r"^(http\S+)$", email.body, re.MULTILINE)[1]


def sign_off(scanner, signer, *, numbers: int) -> None:
    """The signer follows the emailed link, reads the board version and signs it off,
    confirming each small number about people the narrative holds."""
    link = the_link_emailed_to(signer)
    page = sign_in(scanner, signer)
    page.goto(link)
    expect(status_of(page)).to_have_text("Awaiting sign-off")
    scanner.check()
    page.get_by_role("link", name="The board version").click()
    expect(page.get_by_text("Board version:", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Case reviews and learning")).to_be_visible()
    scanner.check()
    page.go_back()
    scanner.check()
    page.get_by_role("link", name="Sign off the report").click()
    expect(page.get_by_role("heading", name="Sign off the annual report 2017-18")).to_be_visible()
    scanner.check()
    boxes = page.get_by_role("checkbox")
    expect(boxes).to_have_count(numbers)
    if numbers:
        page.get_by_role("button", name="Sign off the report").click()
        expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text("Confirm that “two” in “Highlights")
        scanner.check()
        for box in boxes.all():
            box.check()
    page.get_by_role("button", name="Sign off the report").click()
    expect(page.get_by_text("The report has been signed off.")).to_be_visible()
    expect(status_of(page)).to_have_text("Signed off")
    scanner.check()


def publish(scanner, business_unit) -> None:
    page = scanner.page
    page.reload()
    expect(status_of(page)).to_have_text("Signed off")
    scanner.check()
    page.get_by_role("button", name="Publish").click()
    expect(status_of(page)).to_have_text("Published")
    scanner.check()
    [reminder] = [m for m in mail.outbox if m.to == [business_unit.email]]
    assert (
        "within 7 days, to the national Child Safeguarding Practice Review Panel" in reminder.body
    )


def make_a_file(scanner, edition: str, format: str) -> bytes:
    page = scanner.page
    page.get_by_label(edition).check()
    page.get_by_label(format, exact=True).check()
    page.get_by_role("button", name="Make the file").click()
    expect(page.get_by_role("heading", name=f"{edition}, {format}")).to_be_visible()
    expect(page.get_by_text("Ready.")).to_be_visible()  # the tests run jobs at once
    scanner.check()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Download the")).click()
    content = download.value.path().read_bytes()
    page.get_by_role("link", name="Back to the report").click()
    expect(page.get_by_role("heading", name="Annual report 2017-18")).to_be_visible()
    scanner.check()
    return content


def assert_is_the_report(content: bytes, format: str, title: str = TITLE) -> None:
    """A real file of its format, whose own title is the report's."""
    if format == "pdf":
        assert content.startswith(b"%PDF-")
        pdf = PdfReader(io.BytesIO(content))
        assert pdf.metadata.title == title
        assert "Case reviews and learning" in pdf.pages[1].extract_text() + "".join(
            p.extract_text() for p in pdf.pages[2:6]
        )
    elif format == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as docx:
            assert f"<dc:title>{title}</dc:title>" in docx.read("docProps/core.xml").decode()
            assert title in docx.read("word/document.xml").decode()
    else:
        text = content.decode()
        assert text.startswith("<!DOCTYPE html>") and f"<title>{title}</title>" in text


def the_visitor_reads_and_downloads_it(scanner, revision: int = 1) -> None:
    page = scanner.page
    page.goto(scanner.url("/published/southampton/2017-18/"))
    expect(page.get_by_role("heading", name="Annual report 2017-18", level=1)).to_be_visible()
    expect(page.get_by_text("Board version:", exact=False)).to_have_count(0)
    expect(page.get_by_text("two families whose children were helped early")).to_be_visible()
    scanner.check()
    for format in ("html", "pdf", "docx"):
        with page.expect_download() as download:
            page.get_by_role("contentinfo").get_by_role("link", name=format.upper()).click()
        name = f"southampton-annual-report-2017-18-r{revision}-published.{format}"
        assert download.value.suggested_filename == name
        assert_is_the_report(download.value.path().read_bytes(), format)


def test_the_demo_report_is_written_signed_off_by_the_chair_published_and_read(
    scanner, demo, browser, live_server
):
    business_unit, chair = demo["business-unit"], demo["chair"]
    sign_in(scanner, business_unit)
    page = open_the_report(scanner)
    expect(status_of(page)).to_have_text("Draft")
    write_the_highlights(scanner)
    send_for_sign_off(scanner)
    assert demo["scrutineer"].email in [m.to[0] for m in mail.outbox]

    chairs = in_a_browser_of_their_own(browser, live_server.url)
    sign_off(chairs, chair, numbers=1)
    board = make_a_file(chairs, "Board version (exact figures)", "Word (DOCX)")
    assert_is_the_report(board, "docx", title=TITLE)
    board_file = chairs.page.get_by_role("link", name="Board version (exact figures), Word (DOCX)")
    board_download = scanner.url(board_file.get_attribute("href") + "download/")
    finish(chairs)

    publish(scanner, business_unit)
    for format in ("Web page (HTML)", "PDF", "Word (DOCX)"):
        make_a_file(scanner, "Published version (disclosure-controlled)", format)

    visitor = in_a_browser_of_their_own(browser, live_server.url)
    the_visitor_reads_and_downloads_it(visitor)
    # The board version is for the partnership's signers and business unit. Signed out,
    # its file's address leads to the sign-in page; to another partnership it is not there.
    visitor.page.goto(board_download)
    expect(visitor.page.get_by_role("heading", name="Sign in to Safeboard")).to_be_visible()
    visitor.check()
    finish(visitor)
    outsider = in_a_browser_of_their_own(browser, live_server.url)
    sign_in(outsider, demo["portsmouth"], "portsmouth")
    assert outsider.page.goto(board_download).status == 404
    outsider.check()
    finish(outsider)


def published_as_the_chair_signed_it(people):
    """Revision 1 as the first journey leaves it, through the same services."""
    business_unit = people["business-unit"]
    report = load.Partnership.objects.get(slug="southampton").annual_reports.get(year=2017)
    report = services.report_submit(
        actor=business_unit, report=report, expected_version=report.version
    )
    report = services.report_sign_off(
        actor=people["chair"], report=report, expected_version=report.version
    )
    services.report_publish(actor=business_unit, report=report, expected_version=report.version)
    mail.outbox.clear()


def test_a_correction_is_signed_off_by_the_scrutineer_and_published_as_revision_2(
    scanner, demo, browser, live_server
):
    published_as_the_chair_signed_it(demo)
    business_unit = demo["business-unit"]
    sign_in(scanner, business_unit)
    page = open_the_report(scanner)
    expect(status_of(page)).to_have_text("Published")
    page.get_by_role("link", name="Correct it").click()
    expect(
        page.get_by_role("heading", name="Correct the published Annual report 2017-18")
    ).to_be_visible()
    scanner.check()
    page.get_by_label("What does the correction change?").fill("The highlights were left out.")
    page.get_by_role("button", name="Start a correction").click()
    expect(page.get_by_text("Revision 2 has been started as a draft.")).to_be_visible()
    expect(status_of(page)).to_have_text("Draft")
    scanner.check()
    write_the_highlights(scanner)
    send_for_sign_off(scanner)

    scrutineers = in_a_browser_of_their_own(browser, live_server.url)
    sign_off(scrutineers, demo["scrutineer"], numbers=1)
    finish(scrutineers)

    publish(scanner, business_unit)
    for format in ("Web page (HTML)", "PDF", "Word (DOCX)"):
        make_a_file(scanner, "Published version (disclosure-controlled)", format)

    visitor = in_a_browser_of_their_own(browser, live_server.url)
    the_visitor_reads_and_downloads_it(visitor, revision=2)
    versions = visitor.page.get_by_role("contentinfo").get_by_role("list")
    expect(versions).to_contain_text("Revision 2 (this page)")
    expect(versions).to_contain_text("The highlights were left out.")
    visitor.page.get_by_role("link", name="Revision 1").click()
    expect(visitor.page.get_by_text("two families whose children")).to_have_count(0)
    visitor.check()
    finish(visitor)
