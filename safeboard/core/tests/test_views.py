import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from safeboard.core import services
from safeboard.core.listing import neutralise
from safeboard.core.models import Agency, AuditEvent
from safeboard.core.second_factor import current_code
from safeboard.core.testing import authenticator_for
from safeboard.core.tests.factories import AgencyFactory, MembershipFactory


@pytest.fixture
def bu_client(client, cast):
    client.force_login(cast.business_unit)
    return client


def agencies_url(**query):
    from urllib.parse import urlencode

    return reverse("core:agency-list", kwargs={"slug": "southampton"}) + (
        "?" + urlencode(query) if query else ""
    )


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    answer = client.get("/")
    assert answer.status_code == 302 and answer.url.startswith("/accounts/sign-in/")


def test_a_person_signs_in_with_their_password_then_a_code(cast):
    client = Client()
    device = authenticator_for(cast.viewer)
    answer = client.post(
        reverse("core:sign-in"),
        {"username": "viewer@example.org", "password": "correct horse battery staple"},
    )
    assert answer.status_code == 302 and answer.url == "/accounts/code/?next=%2F"
    answer = client.post(answer.url, {"code": current_code(device)})
    assert answer.status_code == 302 and answer.url == "/"
    assert client.get("/").url == "/p/southampton/"


def test_a_wrong_password_is_explained(client, cast):
    answer = client.post(
        reverse("core:sign-in"), {"username": "viewer@example.org", "password": "wrong"}
    )
    assert b"There is a problem" in answer.content
    assert b"correct username and password" in answer.content


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
        answer = client.get("/healthz")
    assert answer.status_code == 503 and answer.json()["database"] == "unreachable"


def test_the_agency_list_searches(bu_client, cast):
    answer = bu_client.get(agencies_url(q="hospital"))
    assert b"University Hospital Southampton" in answer.content
    assert b"Hampshire Constabulary" not in answer.content
    assert "1 agency matching “hospital”" in answer.content.decode()


def test_the_agency_list_says_when_nothing_matches(bu_client, cast):
    answer = bu_client.get(agencies_url(q="zzz"))
    assert "No agencies match “zzz”" in answer.content.decode()


def test_names_sort_as_a_reader_expects_whatever_their_case(bu_client, cast):
    AgencyFactory(serves=[cast.partnership], name="NHS England")
    AgencyFactory(serves=[cast.partnership], name="National Probation Service")
    page = bu_client.get(agencies_url(sort="name")).content.decode()
    assert page.index("National Probation") < page.index("NHS England")


def test_the_agency_list_sorts_both_ways(bu_client, cast):
    ascending = bu_client.get(agencies_url(sort="name")).content.decode()
    descending = bu_client.get(agencies_url(sort="-name")).content.decode()
    assert ascending.index("Hampshire") < ascending.index("University")
    assert descending.index("University") < descending.index("Hampshire")
    assert 'aria-sort="descending"' in descending


def test_an_unknown_sort_falls_back_to_name(bu_client, cast):
    assert bu_client.get(agencies_url(sort="password")).status_code == 200


def test_the_agency_list_pages_in_25s_with_constant_queries(
    bu_client, cast, django_assert_max_num_queries
):
    AgencyFactory.create_batch(60, serves=[cast.partnership])
    # One of these is the second factor's device, read on every signed-in request.
    with django_assert_max_num_queries(9):
        page3 = bu_client.get(agencies_url(page=3)).content.decode()
    assert "12 agencies" not in page3 and "62 agencies" in page3
    assert page3.count('class="govuk-table__row"') == 1 + 12


def test_the_people_list_has_constant_queries(bu_client, cast, django_assert_max_num_queries):
    for _ in range(30):
        MembershipFactory(
            partnership=cast.partnership, agency=cast.health, roles=["viewer", "trainer"]
        )
    # One more than before: the services the list can be filtered by.
    with django_assert_max_num_queries(11):
        answer = bu_client.get(reverse("core:people", kwargs={"slug": "southampton"}))
    assert answer.status_code == 200


def test_csv_export_holds_every_matching_row_with_formulas_neutralised(bu_client, cast):
    Agency.objects.filter(pk=cast.health.pk).update(short_name="=HYPERLINK(1)")
    answer = bu_client.get(agencies_url(export="csv"))
    assert answer["Content-Disposition"] == 'attachment; filename="southampton-agencies.csv"'
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0] == ["Name", "Short name", "Sector", "Statutory partner", "Status"]
    assert ["University Hospital Southampton", "'=HYPERLINK(1)", "Health", "No", "Active"] in rows


def test_xlsx_export_opens_in_a_spreadsheet(bu_client, cast):
    answer = bu_client.get(agencies_url(export="xlsx"))
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert [c.value for c in sheet[1]][:2] == ["Name", "Short name"]
    assert sheet.max_row == 3


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1"])
def test_neutralise_defuses_formula_starts(text):
    assert neutralise(text) == "'" + text


def test_adding_an_agency_with_errors_shows_the_error_summary(bu_client, cast):
    answer = bu_client.post(
        reverse("core:agency-create", kwargs={"slug": "southampton"}), {"name": "", "sector": ""}
    )
    page = answer.content.decode()
    assert "There is a problem" in page and "govuk-form-group--error" in page
    assert 'href="#id_name"' in page
    assert page.count("Enter the name") == 2 and page.count("Choose the sector") == 2
    assert "<title>Error:" in page
    # The field names its error message once for screen readers.
    assert 'aria-describedby="id_name_error"' in page
    assert not AuditEvent.objects.filter(action="agency.create").exists()


def test_adding_an_agency(bu_client, cast):
    answer = bu_client.post(
        reverse("core:agency-create", kwargs={"slug": "southampton"}),
        {"name": "Solent NHS Trust", "short_name": "Solent", "sector": "health"},
        follow=True,
    )
    assert "Solent NHS Trust has been added." in answer.content.decode()
    assert Agency.objects.get(name="Solent NHS Trust").partnerships.get() == cast.partnership


def test_a_concurrent_edit_is_refused_with_a_clear_message(bu_client, cast):
    url = reverse("core:agency-edit", kwargs={"slug": "southampton", "pk": cast.health.pk})
    form = {
        "name": "UHS Trust",
        "short_name": "UHS",
        "sector": "health",
        "is_active": "on",
        "version": 1,
    }
    assert bu_client.post(url, form).status_code == 302
    answer = bu_client.post(url, {**form, "name": "University Hospital"})
    assert "Someone else changed this record" in answer.content.decode()
    cast.health.refresh_from_db()
    assert cast.health.name == "UHS Trust"


def test_inviting_through_the_page(bu_client, cast):
    answer = bu_client.post(
        reverse("core:person-invite", kwargs={"slug": "southampton"}),
        {
            "first_name": "Ada",
            "last_name": "Byron",
            "email": "ada@example.org",
            "agency": cast.health.pk,
            "roles": ["trainer", "viewer"],
        },
        follow=True,
    )
    assert "Ada Byron has been added" in answer.content.decode()
    assert "Invited" in answer.content.decode()


def test_an_agency_lead_is_offered_only_their_own_agency(client, cast):
    client.force_login(cast.agency_lead)
    page = client.get(reverse("core:person-invite", kwargs={"slug": "southampton"}))
    assert b"Hampshire Constabulary" in page.content
    assert b"University Hospital Southampton" not in page.content


def test_deactivating_someone_ends_their_session(client, cast):
    client.force_login(cast.viewer)
    assert client.get("/p/southampton/").status_code == 200
    services.membership_deactivate(
        actor=cast.business_unit, membership=cast.viewer.memberships.get()
    )
    assert client.get("/p/southampton/").status_code == 302


def test_a_service_refusal_is_a_403_not_a_crash(client, cast):
    client.force_login(cast.viewer)
    with pytest.raises(PermissionDenied):
        services.agency_create(
            actor=cast.viewer, partnership=cast.partnership, name="X", sector="other"
        )
    answer = client.post(
        reverse("core:agency-create", kwargs={"slug": "southampton"}),
        {"name": "X", "sector": "other"},
    )
    assert answer.status_code == 403


def test_the_glossary_can_be_edited_and_a_term_removed(bu_client, cast):
    entry = services.glossary_term_create(
        actor=cast.business_unit, partnership=cast.partnership, term="MASH", meaning="Hub"
    )
    url = reverse("core:glossary-delete", kwargs={"slug": "southampton", "pk": entry.pk})
    assert bu_client.post(url).status_code == 302
    assert not cast.partnership.glossary.exists()


def test_someone_in_several_partnerships_chooses_from_a_list(client, cast):
    services.person_invite(
        actor=cast.outsider,
        partnership=cast.other_partnership,
        email="viewer@example.org",
        first_name="V",
        last_name="W",
        agency=None,
        roles=["viewer"],
    )
    client.force_login(cast.viewer)
    assert client.get("/").url == "/partnerships/"
    page = client.get("/partnerships/").content.decode()
    assert "2 partnerships" in page and "Portsmouth" in page and "Switch partnership" in page


def test_the_glossary_counts_its_terms(bu_client, cast):
    for term in ("MASH", "LADO"):
        services.glossary_term_create(
            actor=cast.business_unit, partnership=cast.partnership, term=term, meaning="A term"
        )
    page = bu_client.get(reverse("core:glossary", kwargs={"slug": "southampton"}))
    assert "2 terms" in page.content.decode()


def test_a_forgotten_password_is_reset_by_an_emailed_link(client, cast):
    from django.core import mail

    answer = client.post(reverse("core:password-reset"), {"email": "viewer@example.org"})
    assert answer.status_code == 302
    (message,) = mail.outbox
    path = "/" + message.body.split("://", 1)[1].split("/", 1)[1].split()[0]
    form = client.get(path, follow=True)
    assert b"Choose a new password" in form.content
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "another long passphrase", "new_password2": "another long passphrase"},
    )
    assert done.status_code == 302
    cast.viewer.refresh_from_db()
    assert cast.viewer.check_password("another long passphrase")


def test_a_reset_for_an_unknown_address_reveals_nothing(client, db):
    from django.core import mail

    answer = client.post(reverse("core:password-reset"), {"email": "nobody@example.org"})
    assert answer.status_code == 302 and mail.outbox == []


def test_the_menu_offers_each_person_only_what_their_roles_open(client, cast):
    client.force_login(cast.viewer)
    viewer_page = client.get("/p/southampton/").content.decode()
    client.force_login(cast.case_review_member)
    review_page = client.get("/p/southampton/").content.decode()
    assert ">Case reviews<" not in viewer_page and ">Case reviews<" in review_page
    assert ">Agencies<" in viewer_page


def test_the_api_documentation_needs_no_inline_styles_or_scripts(client, db):
    page = client.get("/api/v1/docs/").content.decode()
    assert 'lang="en-GB"' in page and "api-docs.css" in page
    assert "<style" not in page and "<script>" not in page


def test_an_api_session_without_its_second_factor_is_not_allowed(rf, cast):
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse
    from django_otp.middleware import OTPMiddleware

    from safeboard.core.api.authentication import SessionAuthentication

    request = rf.get("/api/v1/partnerships/")
    request.user = cast.viewer
    request.session = SessionStore()
    OTPMiddleware(lambda r: HttpResponse())(request)
    assert SessionAuthentication().is_session_allowed(request) is False
