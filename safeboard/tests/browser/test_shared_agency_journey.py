"""A shared agency, on the shipped demo, in a real browser: Portsmouth's business unit renames
Hampshire Constabulary only after a warning naming all four partnerships it serves, and
unticks "statutory partner" for Portsmouth alone."""

from playwright.sync_api import expect

from safeboard.core.models import Agency, AgencyInPartnership, AuditEvent
from safeboard.demo import load

from .test_identity_journey import demo_sign_in


def test_on_the_demo_renaming_a_shared_agency_warns_and_its_terms_stay_each_partnerships(
    scanner,
):
    load.load()
    police = Agency.objects.get(name="Hampshire Constabulary")
    page = demo_sign_in(scanner, "portsmouth@example.org")
    page.goto(scanner.url(f"/p/portsmouth/agencies/{police.pk}/"))
    expect(page.get_by_role("heading", name="Hampshire Constabulary")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="Change the agency").click()
    expect(page.get_by_text("serves 4 partnerships")).to_be_visible()
    scanner.check()
    page.get_by_label("Name", exact=True).fill("Hampshire and Isle of Wight Constabulary")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    for name in ("Southampton", "Portsmouth", "Isle of Wight", "Hampshire Safeguarding"):
        expect(page.locator(".govuk-error-message")).to_contain_text(name)
    page.screenshot(path="test-results/shared-agency-warning.png", full_page=True)
    scanner.check()
    assert Agency.objects.get(pk=police.pk).name == "Hampshire Constabulary"
    page.get_by_label("Yes, change it for all 4 partnerships").check()
    page.get_by_role("button", name="Confirm and save").click()
    expect(page.get_by_text("saved for all 4 partnerships")).to_be_visible()
    scanner.check()
    assert Agency.objects.get(pk=police.pk).name == "Hampshire and Isle of Wight Constabulary"
    assert AuditEvent.objects.filter(action="agency.update", target_id=str(police.pk)).count() == 4

    page.get_by_role("link", name="Change how it works with us").click()
    expect(page.get_by_text("no other partnership sees a change")).to_be_visible()
    scanner.check()
    page.get_by_label("This agency is one of our statutory safeguarding partners").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("has been saved")).to_be_visible()
    scanner.check()
    terms = AgencyInPartnership.objects.filter(agency=police)
    assert not terms.get(partnership__slug="portsmouth").is_statutory_partner
    assert all(t.is_statutory_partner for t in terms.exclude(partnership__slug="portsmouth"))
