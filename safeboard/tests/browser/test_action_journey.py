"""An agency lead follows up an overdue action of their agency, in a real browser."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from safeboard.actions import services

from .test_journeys import menu, sign_in


def overdue_action(cast, agency, owner, description: str):
    """An action of the agency, due a fortnight ago, as the business unit records it."""
    today = timezone.localdate()
    return services.recommendation_with_action_create(
        actor=cast.business_unit,
        partnership=cast.partnership,
        source=None,
        reference="",
        text=f"Recommendation for {agency.short_name}",
        theme="Neglect",
        date_agreed=today - datetime.timedelta(days=90),
        description=description,
        owner_agency=agency,
        owner=owner,
        due_date=today - datetime.timedelta(days=14),
    )


def test_an_agency_lead_records_an_update_on_their_agencys_overdue_action(scanner, cast):
    overdue_action(cast, cast.police, cast.agency_lead, "Audit the police referrals")
    overdue_action(cast, cast.health, None, "Train the maternity staff")
    page = sign_in(scanner, cast.agency_lead)
    page.wait_for_url(scanner.url("/p/southampton/"))
    scanner.check()
    menu(page, "Actions").click()
    expect(page.get_by_role("heading", name="All actions")).to_be_visible()
    scanner.check()
    page.get_by_role("link", name="Overdue", exact=True).click()
    expect(page.get_by_role("heading", name="Overdue actions")).to_be_visible()
    scanner.check()
    expect(page.get_by_role("link", name="Train the maternity staff")).to_be_visible()
    page.get_by_role("link", name="Audit the police referrals").click()
    expect(page.get_by_role("heading", name="Audit the police referrals")).to_be_visible()
    scanner.check()
    tags = page.locator("h1 + p .govuk-tag")
    expect(tags.first).to_have_text("Red")
    page.get_by_label("What has happened").fill("The audit is done and reported to the board.")
    page.get_by_label("Completed").check()
    page.get_by_label("What was done and by whom").fill("The police audited 40 referrals.")
    page.get_by_role("button", name="Record the update").click()
    expect(page.get_by_role("heading", name="Audit the police referrals")).to_be_visible()
    scanner.check()
    expect(tags.first).to_have_text("Closed")
    expect(page.get_by_role("heading", name="Completed", exact=False).first).to_be_visible()
