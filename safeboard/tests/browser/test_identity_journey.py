"""Who a person is, on the shipped demo, in a real browser: Portsmouth's business unit cannot
change Southampton's business unit through the old, inactive Portsmouth membership; a
person shared by two partnerships is changed only when both agree; and a person changes
their own details themselves."""

from playwright.sync_api import expect

from safeboard.core import second_factor
from safeboard.core.models import Membership, MembershipRole, Partnership, Person, Role
from safeboard.demo import load, seed

from .test_journeys import give_code, sign_in_with_password


def demo_sign_in(scanner, email: str):
    person = Person.objects.get(email=email)
    page = sign_in_with_password(scanner, person, seed.DEMO_PASSWORD)
    give_code(scanner, second_factor.current_code(second_factor.confirmed_authenticator(person)))
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    scanner.check()
    return page


def sign_out(scanner) -> None:
    scanner.page.get_by_role("button", name="Sign out").click()
    expect(scanner.page.get_by_role("heading", name="Sign in to Safeboard")).to_be_visible()
    scanner.check()


def test_on_the_demo_portsmouth_cannot_take_over_southamptons_business_unit(scanner):
    load.load()
    old = Membership.objects.get(
        person__email="business-unit@example.org", partnership__slug="portsmouth"
    )
    page = demo_sign_in(scanner, "portsmouth@example.org")
    page.goto(scanner.url(f"/p/portsmouth/people/{old.pk}/"))
    expect(page.get_by_role("heading", name=str(old.person))).to_be_visible()
    expect(page.get_by_role("link", name="Change details")).to_have_count(0)
    expect(page.get_by_role("button", name="Reset authenticator app")).to_have_count(0)
    scanner.check()
    page.goto(scanner.url(f"/p/portsmouth/people/{old.pk}/edit/"))
    expect(page.get_by_role("heading", name="You cannot change")).to_be_visible()
    expect(page.get_by_text("is not an active member of this partnership")).to_be_visible()
    page.screenshot(path="test-results/identity-refused.png", full_page=True)
    scanner.check()
    assert Person.objects.get(pk=old.person_id).email == "business-unit@example.org"


def test_on_the_demo_a_shared_person_changes_when_both_partnerships_agree(scanner):
    load.load()
    viewer = Person.objects.get(email="viewer@example.org")
    portsmouth = Partnership.objects.get(slug="portsmouth")
    joined = Membership.objects.create(person=viewer, partnership=portsmouth)
    MembershipRole.objects.create(membership=joined, role=Role.VIEWER)
    here = viewer.memberships.get(partnership__slug="southampton")

    page = demo_sign_in(scanner, "business-unit@example.org")
    page.goto(scanner.url(f"/p/southampton/people/{here.pk}/"))
    expect(page.get_by_text("is also a member of Portsmouth")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="Propose a change to their details").click()
    expect(page.get_by_role("heading", name="Propose a change")).to_be_visible()
    scanner.check()
    page.get_by_label("Email address").fill("viewer.renamed@example.org")
    page.get_by_role("button", name="Propose the change").click()
    expect(page.get_by_text("The change has been proposed")).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting for agreement")).to_be_visible()
    scanner.check()
    assert Person.objects.get(pk=viewer.pk).email == "viewer@example.org"
    sign_out(scanner)

    page = demo_sign_in(scanner, "portsmouth@example.org")
    page.goto(scanner.url(f"/p/portsmouth/people/{joined.pk}/"))
    card = page.locator(".govuk-summary-card")
    expect(card).to_contain_text("viewer.renamed@example.org")
    expect(card).to_contain_text("Still to agree")
    page.screenshot(path="test-results/identity-waiting.png", full_page=True)
    scanner.check()
    card.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("This partnership has agreed to the change.")).to_be_visible()
    expect(page.get_by_text("viewer.renamed@example.org").first).to_be_visible()
    scanner.check()
    person = Person.objects.get(pk=viewer.pk)
    assert person.email == person.username == "viewer.renamed@example.org"


def test_on_the_demo_a_person_changes_their_own_details(scanner):
    load.load()
    page = demo_sign_in(scanner, "agency-lead@example.org")
    page.get_by_role("link", name="your account").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="Change your details").click()
    expect(page.get_by_role("heading", name="Change your details")).to_be_visible()
    scanner.check()
    page.get_by_label("Job title").fill("Detective Superintendent")
    page.get_by_label("Your password").fill(seed.DEMO_PASSWORD)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your details have been saved.")).to_be_visible()
    expect(page.get_by_text("Detective Superintendent")).to_be_visible()
    scanner.check()
