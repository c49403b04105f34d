"""The main journeys in a real browser, each page scanned for accessibility on the way."""

import base64
import re

from django_otp.oath import totp
from playwright.sync_api import Page, expect

from safeboard.core import second_factor
from safeboard.core.testing import authenticator_for

PASSWORD = "correct horse battery staple"


def sign_in_with_password(scanner, person, password: str = PASSWORD) -> Page:
    page = scanner.page
    page.goto(scanner.url("/"))
    expect(page.get_by_role("heading", name="Sign in to Safeboard")).to_be_visible()
    scanner.check()
    page.get_by_label("Username").fill(person.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    return page


def give_code(scanner, code: str) -> None:
    page = scanner.page
    expect(page.get_by_role("heading", name="Enter the code")).to_be_visible()
    scanner.check()
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_role("button", name="Continue").click()


def menu(page: Page, label: str):
    return page.get_by_role("navigation", name="Menu").get_by_role("link", name=label)


def sign_in(scanner, person) -> Page:
    device = authenticator_for(person)
    page = sign_in_with_password(scanner, person)
    give_code(scanner, second_factor.current_code(device))
    return page


def test_a_person_signs_in_with_their_password_and_a_code(scanner, cast):
    page = sign_in_with_password(scanner, cast.viewer, "not my password")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    scanner.check()
    sign_in(scanner, cast.viewer)
    expect(page.get_by_role("heading", name="Southampton", exact=False).first).to_be_visible()
    assert page.url == scanner.url("/p/southampton/")
    scanner.check()


def test_a_new_person_sets_up_their_authenticator_app(scanner, cast):
    page = sign_in_with_password(scanner, cast.trainer)
    expect(page.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    scanner.check()
    secret = page.locator("#secret-key").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code from your authenticator app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your authenticator app is set up")).to_be_visible()
    scanner.check()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == second_factor.RECOVERY_CODE_COUNT
    assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    page.get_by_role("link", name="I have kept my recovery codes").click()
    page.wait_for_url(scanner.url("/p/southampton/"))
    scanner.check()


def test_the_business_unit_adds_an_agency_and_finds_it_in_the_list(scanner, cast):
    page = sign_in(scanner, cast.business_unit)
    page.wait_for_url(scanner.url("/p/southampton/"))
    scanner.check()
    menu(page, "Agencies").click()
    expect(page.get_by_role("heading", name="Agencies")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="Add an agency", exact=True).click()
    expect(page.get_by_role("heading", name="Add an agency")).to_be_visible()
    scanner.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    scanner.check()
    page.get_by_label("Name", exact=True).fill("Solent NHS Trust")
    page.get_by_label("Short name").fill("Solent")
    page.get_by_label("Sector").select_option(label="Health")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Solent NHS Trust has been added.")).to_be_visible()
    scanner.check()
    menu(page, "Agencies").click()
    expect(page.get_by_role("heading", name="Agencies")).to_be_visible()
    scanner.check()
    page.get_by_label("Search by name").fill("Solent")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Solent NHS Trust")).to_be_visible()
    scanner.check()


def test_a_locked_out_person_is_told_so_even_with_the_right_password(scanner, cast):
    page = scanner.page
    for attempt in range(1, 6):
        sign_in_with_password(scanner, cast.viewer, f"guess {attempt}")
        expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
        scanner.check()
    sign_in_with_password(scanner, cast.viewer, "guess 6")
    expect(page.get_by_role("heading", name="Your account is locked")).to_be_visible()
    scanner.check()
    sign_in_with_password(scanner, cast.viewer, PASSWORD)
    expect(page.get_by_role("heading", name="Your account is locked")).to_be_visible()
    expect(page.get_by_text("business unit unlocks your account")).to_be_visible()
    scanner.check()


def focus_field(page: Page, name: str, presses: int = 30) -> None:
    """Press Tab, and only Tab, until the field named has the focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached the {name} field")


def test_signing_in_can_be_done_with_the_keyboard_alone(scanner, cast):
    device = authenticator_for(cast.viewer)
    page = scanner.page
    page.goto(scanner.url("/accounts/sign-in/"))
    scanner.check()
    focus_field(page, "username")
    page.keyboard.type(cast.viewer.username)
    focus_field(page, "password", presses=1)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Enter the code")).to_be_visible()
    scanner.check()
    focus_field(page, "code")
    page.keyboard.type(second_factor.current_code(device))
    page.keyboard.press("Enter")
    page.wait_for_url(scanner.url("/p/southampton/"))
    scanner.check()
