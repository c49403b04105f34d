"""The dataset's pages, with the demo's own figures."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safeboard.performance import services
from safeboard.performance.models import Indicator, Observation, ObservationHistory
from safeboard.performance.tests.factories import ObservationFactory
from safeboard.performance.tests.test_imports import GOOD, csv_of


def url(cast, name, **kwargs):
    return reverse(f"performance:{name}", kwargs={"slug": cast.partnership.slug, **kwargs})


def test_the_overview_shows_each_indicator_with_its_computed_gap(cast, client, s47):
    client.force_login(cast.viewer)
    page = client.get(url(cast, "overview")).content.decode()
    assert "35% higher than the statistical neighbour average of 51" in page
    assert "Section 47 enquiries started" in page and "Falling" in page


def test_the_overview_reads_the_dataset_in_a_fixed_number_of_queries(
    cast, client, django_assert_max_num_queries
):
    client.force_login(cast.viewer)
    for year in range(2008, 2018):
        for quarter in (1, 2, 3, 4):
            ObservationFactory(
                partnership=cast.partnership, start_year=year, quarter=quarter, value=60 + quarter
            )
            for band in ("under_1", "1_4", "5_9", "10_15", "16_17"):
                ObservationFactory(
                    partnership=cast.partnership,
                    start_year=year,
                    quarter=quarter,
                    age_band=band,
                    value=10,
                )
    with django_assert_max_num_queries(10):
        assert client.get(url(cast, "overview")).status_code == 200


def test_the_overview_filters_by_theme(cast, client, s47):
    client.force_login(cast.viewer)
    page = client.get(url(cast, "overview"), {"theme": "think_family"}).content.decode()
    assert "High-risk domestic abuse referrals" in page
    assert "Section 47" not in page


def test_the_overview_exports_what_it_shows(cast, client, s47):
    client.force_login(cast.viewer)
    answer = client.get(url(cast, "overview"), {"export": "csv"})
    assert answer["Content-Type"].startswith("text/csv")
    assert "35% higher than the statistical neighbour average of 51" in answer.content.decode()


def test_an_indicator_page_has_commentary_chart_table_and_definition(cast, client, s47):
    client.force_login(cast.chair)
    page = client.get(url(cast, "indicator", code="s47-started")).content.decode()
    assert (
        "Over 2017-18 the rate of Section 47 enquiries started fell from 76 in Q1 to 69 in Q4, "
        "with a peak of 81 in Q2; at 69 per 10,000 it is 35% higher than the statistical "
        "neighbour average of 51 and above England (39) and the South East (40)."
    ) in page
    assert "(69 − 51) ÷ 51 = 35.3%" in page
    assert '<svg role="img" aria-label="Section 47 enquiries started over time' in page
    assert "The figures in this chart" in page
    assert "Child protection enquiries (Children Act 1989, section 47)" in page


def test_an_unknown_indicator_is_not_found(cast, client):
    client.force_login(cast.viewer)
    assert client.get(url(cast, "indicator", code="no-such")).status_code == 404


def test_sources_that_disagree_are_listed_with_the_one_used(cast, client, s47):
    ObservationFactory(partnership=cast.partnership, quarter=4, value=70, source="Police")
    client.force_login(cast.viewer)
    page = client.get(url(cast, "indicator", code="s47-started")).content.decode()
    assert "Where sources disagree" in page
    assert "Children&#x27;s Services: 69; Police: 70" in page


def test_the_business_unit_imports_a_file_from_the_page(cast, client):
    client.force_login(cast.business_unit)
    upload = SimpleUploadedFile("q4.csv", GOOD, content_type="text/csv")
    answer = client.post(url(cast, "import"), {"kind": "observations", "file": upload})
    assert answer.status_code == 302
    assert Observation.objects.count() == 4


def test_a_bad_file_lists_every_problem_on_the_page(cast, client):
    client.force_login(cast.business_unit)
    bad = csv_of("nope,local,,Q4 2017-18,1,,,,LA,", "s47-started,local,,Q9,1,,,,LA,")
    upload = SimpleUploadedFile("bad.csv", bad, content_type="text/csv")
    page = client.post(url(cast, "import"), {"kind": "observations", "file": upload})
    text = page.content.decode()
    assert "Row 2, column indicator" in text and "Row 3, column period" in text
    assert Observation.objects.count() == 0


def test_an_import_template_is_downloaded(cast, client):
    client.force_login(cast.viewer)
    answer = client.get(url(cast, "import-template", kind="observations", fmt="csv"))
    assert answer.content.decode().startswith("indicator,area,area_code,period,value")


def test_a_target_gives_the_rag_and_a_chosen_source_is_used(cast, client):
    looked_after = Indicator.objects.get(code="looked-after")
    for source, value in [("Children's Services", 104), ("Police", 110)]:
        ObservationFactory(
            partnership=cast.partnership,
            indicator=looked_after,
            quarter=4,
            value=value,
            source=source,
        )
    client.force_login(cast.business_unit)
    choose = url(cast, "indicator-choose", code="looked-after")
    form = {"target": "100", "chosen_source": "Police", "version": "1"}
    assert client.post(choose, form).status_code == 302
    client.force_login(cast.viewer)
    page = client.get(url(cast, "overview")).content.decode()
    assert "110 per 10,000 (Q4 2017-18)" in page  # the police's figure, as chosen
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in page


def test_a_stale_edit_of_the_choices_is_refused(cast, client):
    client.force_login(cast.business_unit)
    choose = url(cast, "indicator-choose", code="looked-after")
    first = {"target": "100", "chosen_source": "", "version": "1"}
    assert client.post(choose, first).status_code == 302
    page = client.post(choose, {**first, "target": "90"})
    assert "Someone else changed this record" in page.content.decode()


def test_a_quarterly_count_shows_its_rolling_twelve_months_and_year_to_date(cast, client):
    referrals = Indicator.objects.get(code="hrda-referrals")
    for quarter, value in [(1, 205), (2, 202), (3, 160), (4, 194)]:
        ObservationFactory(
            partnership=cast.partnership, indicator=referrals, quarter=quarter, value=value
        )
    client.force_login(cast.viewer)
    page = client.get(url(cast, "indicator", code="hrda-referrals")).content.decode()
    assert "Rolling 12 months to Q4 2017-18" in page and "2017-18 to date" in page
    assert page.count(">761<br>") == 2


def test_an_indicator_page_shows_the_earlier_values_of_changed_figures(cast, client):
    line = "s47-started,local,,Q4 2017-18,{},,,,Children's Services,"
    for name, value in [("first.csv", 71), ("second.csv", 69)]:
        services.file_import(
            actor=cast.business_unit,
            partnership=cast.partnership,
            kind="observations",
            name=name,
            stream=io.BytesIO(csv_of(line.format(value))),
        )
    client.force_login(cast.viewer)
    page = client.get(url(cast, "indicator", code="s47-started")).content.decode()
    assert "Figures changed since they were first recorded (1)" in page
    earlier = ObservationHistory.objects.get()
    row = page[page.index("Earlier values of figures") :]
    assert "71 per 10,000" in row and "from first.csv" in row
    assert f"by {cast.business_unit.get_full_name()}" in row
    assert earlier.replaced_at.strftime("%-d %B %Y") in row
    assert "69 per 10,000" in row  # what it is now


def test_an_indicator_page_with_no_changed_figures_has_no_history(cast, client, s47):
    client.force_login(cast.viewer)
    page = client.get(url(cast, "indicator", code="s47-started")).content.decode()
    assert "Figures changed since" not in page


@pytest.fixture
def s47_by_sex_and_age(cast, s47):
    """Q4 2017-18 by sex and by age band: far from the total, so a total read from them shows.
    The female figure is given twice; the chosen source's is used."""
    parts = [
        ("female", "all", 300, 180, 6000, "Children's Services"),
        ("female", "all", 290, None, None, "Police"),
        ("male", "all", 200, 130, 6500, "Children's Services"),
        ("all", "under_1", 500, 25, 500, "Children's Services"),
        ("all", "16_17", 100, None, None, "Children's Services"),
    ]
    for sex, band, value, numerator, denominator, source in parts:
        ObservationFactory(
            partnership=cast.partnership,
            quarter=4,
            sex=sex,
            age_band=band,
            value=value,
            numerator=numerator,
            denominator=denominator,
            source=source,
        )
    # An earlier quarter's breakdown is not the latest.
    ObservationFactory(partnership=cast.partnership, quarter=3, sex="male", value=4321)
    ObservationFactory(partnership=cast.partnership, area="neighbours", quarter=4, sex="male")


def test_the_overview_and_its_analytics_read_only_the_totals(cast, client, s47_by_sex_and_age):
    client.force_login(cast.viewer)
    page = client.get(url(cast, "overview")).content.decode()
    assert "69 per 10,000 (Q4 2017-18)" in page
    assert "35% higher than the statistical neighbour average of 51" in page
    assert "Falling" in page


def test_an_indicator_page_shows_its_latest_breakdown_with_the_sums(
    cast, client, s47_by_sex_and_age
):
    client.force_login(cast.viewer)
    page = client.get(url(cast, "indicator", code="s47-started")).content.decode()
    # The commentary, chart and table of figures are the totals'.
    assert "fell from 76 in Q1 to 69 in Q4, with a peak of 81 in Q2" in page
    assert "4321" not in page and "4,321" not in page
    assert "Section 47 enquiries started by sex, Q4 2017-18" in page
    assert "Section 47 enquiries started by age band, Q4 2017-18" in page
    assert "180 ÷ 6,000 × 10,000 (female children aged 0–17)" in page
    assert "130 ÷ 6,500 × 10,000 (male children aged 0–17)" in page
    assert "25 ÷ 500 × 10,000 (children under 1)" in page
    assert "290 per 10,000" not in page  # the other source's female figure
    assert ">16 to 17<" in page and "1 to 4" not in page


def test_an_indicator_without_breakdowns_shows_no_breakdown_table(cast, client, s47):
    client.force_login(cast.viewer)
    page = client.get(url(cast, "indicator", code="s47-started")).content.decode()
    assert "By sex and age band" not in page


def test_the_indicator_page_reads_the_breakdown_in_one_more_query(
    cast, client, s47_by_sex_and_age, django_assert_max_num_queries
):
    # Sign-in and scope (6), the indicator and its choices (4), the figures, the breakdown,
    # the history, and the partnership for the page's heading.
    client.force_login(cast.viewer)
    with django_assert_max_num_queries(14):
        assert client.get(url(cast, "indicator", code="s47-started")).status_code == 200


def test_the_indicator_export_names_each_figures_sex_and_age_band(cast, client, s47_by_sex_and_age):
    client.force_login(cast.viewer)
    answer = client.get(url(cast, "indicator", code="s47-started"), {"export": "csv"})
    lines = answer.content.decode().splitlines()
    assert lines[0].startswith("Period,Area,Sex,Age band,Value")
    assert any(",Female,All ages (0–17),300" in line for line in lines)
    assert any(",All,Under 1,500" in line for line in lines)
