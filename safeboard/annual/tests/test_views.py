from django.core.management import call_command
from django.urls import reverse

from safeboard.annual import services
from safeboard.annual.compose import compose
from safeboard.annual.models import ReportFile


def _url(name, report, **extra):
    return reverse(name, kwargs={"slug": "southampton", "year": 2017, "revision": 1, **extra})


def _publish(cast, report):
    report = services.report_submit(actor=cast.business_unit, report=report, expected_version=1)
    report = services.report_sign_off(actor=cast.chair, report=report, expected_version=2)
    return services.report_publish(actor=cast.business_unit, report=report, expected_version=3)


def test_the_business_unit_previews_the_foreword_before_saving_it(cast, client, report):
    client.force_login(cast.business_unit)
    url = _url("annual:section-edit", report, key="foreword")
    answer = client.post(
        url, {"title": "Foreword", "body": "It is a **pleasure**.", "version": 1, "preview": "1"}
    )
    assert "<strong>pleasure</strong>" in answer.content.decode()
    assert report.authored.get(key="foreword").body == ""
    answer = client.post(url, {"title": "Foreword", "body": "It is a **pleasure**.", "version": 1})
    assert answer.status_code == 302
    assert report.authored.get(key="foreword").body == "It is a **pleasure**."


def test_asking_for_a_file_shows_its_progress_page(
    cast, client, report, django_capture_on_commit_callbacks
):
    client.force_login(cast.business_unit)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            _url("annual:report-generate", report), {"edition": "board", "format": "docx"}
        )
    made = ReportFile.objects.get()
    assert answer.url == _url("annual:file-status", report, pk=made.pk)
    partial = client.get(answer.url, headers={"HX-Request": "true"}).content.decode()
    assert "Ready" in partial and made.sha256 in partial and "hx-get" not in partial


def test_a_member_without_exact_figures_cannot_read_the_board_version(cast, client, report):
    client.force_login(cast.agency_lead)
    assert client.get(_url("annual:report-preview", report, edition="board")).status_code == 403


def test_the_public_reads_the_published_report_without_signing_in(cast, client, report):
    _publish(cast, report)
    answer = client.get("/published/southampton/2017-18/")
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Annual report 2017-18" in page and 'class="numeric">c<sup' in page
    assert "Board version" not in page


def test_the_published_pages_stylesheet_is_admitted_by_the_content_security_policy(
    cast, client, report
):
    import re

    _publish(cast, report)
    answer = client.get("/published/southampton/2017-18/")
    nonce = re.search(r'<style nonce="([^"]+)">', answer.content.decode())[1]
    assert f"'nonce-{nonce}'" in answer["Content-Security-Policy"]


def test_a_report_not_yet_published_is_not_public(cast, client, report):
    assert client.get("/published/southampton/2017-18/").status_code == 404


def test_the_report_command_writes_each_version(cast, report, tmp_path):
    out = tmp_path / "r.json"
    call_command("report", "southampton", "2017-18", "--format", "json", "--out", str(out))
    assert '"edition": "board"' in out.read_text()
    call_command(
        "report", "southampton", "2017-18", "--format", "json", "--out", str(out), "--published"
    )
    assert '"edition": "published"' in out.read_text() and '"value": "c"' in out.read_text()


def test_the_list_of_reports_takes_few_queries(cast, client, django_assert_max_num_queries):
    for year in (2017, 2018, 2019):
        services.report_create(actor=cast.business_unit, partnership=cast.partnership, year=year)
    client.force_login(cast.viewer)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("annual:report-list", kwargs={"slug": "southampton"}))
    assert page.content.decode().count("Draft") == 3


def test_the_public_page_shows_the_correction_and_keeps_the_first_version(cast, client, report):
    first = _publish(cast, report)
    correction = services.report_correct(
        actor=cast.business_unit, report=first, correction_note="The referrals table's total."
    )
    correction = services.report_submit(
        actor=cast.business_unit, report=correction, expected_version=1
    )
    correction = services.report_sign_off(actor=cast.chair, report=correction, expected_version=2)
    services.report_publish(actor=cast.business_unit, report=correction, expected_version=3)
    page = client.get("/published/southampton/2017-18/").content.decode()
    assert "Revision 2." in page and "The referrals table&#x27;s total." in page
    assert 'href="/published/southampton/2017-18/revision/1/"' in page
    assert client.get("/published/southampton/2017-18/revision/1/").status_code == 200


def test_a_file_being_made_is_polled_and_without_javascript_the_page_refreshes(
    cast, client, report
):
    made = ReportFile.objects.create(
        report=report, edition="board", format="pdf", requested_by=cast.business_unit
    )
    client.force_login(cast.chair)
    url = _url("annual:file-status", report, pk=made.pk)
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert f'hx-get="{url}"' in partial and 'hx-trigger="every 2s"' in partial
    page = client.get(url).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "Waiting to start (0%)" in page


def test_the_business_unit_adds_a_section_and_moves_it_first(cast, client, report):
    client.force_login(cast.business_unit)
    answer = client.post(
        _url("annual:section-add", report), {"title": "Young people's voice", "body": "Heard."}
    )
    assert answer.status_code == 302
    layout_url = reverse("annual:layout-edit", kwargs={"slug": "southampton"})
    form = client.get(layout_url).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data.update({"version": 1, "position_young-peoples-voice": 10})
    data = {k: v for k, v in data.items() if v is not False}
    assert client.post(layout_url, data).status_code == 302
    assert compose(report, edition="board").sections[0].title == "Young people's voice"


def test_the_public_downloads_only_files_made_from_the_published_data(
    cast, client, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_file_request(
            actor=cast.business_unit, report=report, edition="published", format="json"
        )
    foreword = report.authored.get(key="foreword")
    services.authored_section_update(
        actor=cast.business_unit, section=foreword, expected_version=1, title="F", body="Later."
    )
    report = _publish(cast, report)
    assert client.get("/published/southampton/2017-18/download/json/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.report_file_request(
            actor=cast.business_unit, report=report, edition="published", format="json"
        )
    answer = client.get("/published/southampton/2017-18/download/json/")
    assert answer.status_code == 200 and b"Later." in b"".join(answer.streaming_content)
    # Made a second time, the file keeps its name for the reader whatever storage calls it.
    assert answer["Content-Disposition"] == (
        'attachment; filename="southampton-annual-report-2017-18-r1-published.json"'
    )
    latest = ReportFile.objects.filter(format="json").first()
    assert latest.file.name != "annual-reports/southampton-annual-report-2017-18-r1-published.json"


def test_files_made_from_the_draft_are_marked_once_the_report_is_signed_off(
    cast, client, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_file_request(
            actor=cast.business_unit, report=report, edition="board", format="json"
        )
    foreword = report.authored.get(key="foreword")
    services.authored_section_update(
        actor=cast.business_unit, section=foreword, expected_version=1, title="F", body="Later."
    )
    _publish(cast, report)
    client.force_login(cast.business_unit)
    assert "made from the draft" in client.get(_url("annual:report", report)).content.decode()
