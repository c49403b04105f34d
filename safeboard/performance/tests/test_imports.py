"""Importing observations and population figures: all or nothing, every problem reported."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from safeboard.core.models import AuditEvent
from safeboard.performance.imports import (
    OBSERVATION_COLUMNS,
    OBSERVATION_EXAMPLE,
    read_table,
    template,
)
from safeboard.performance.models import Observation, ObservationHistory, Population
from safeboard.performance.services import ImportRefused, file_import

HEADER = ",".join(OBSERVATION_COLUMNS)


def csv_of(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).encode()


GOOD = csv_of(
    "s47-started,local,,Q4 2017-18,69,,,,Children's Services,",
    "s47-started,neighbours,,Q4 2017-18,51,,,2016-17,DfE,",
    "hrda-repeat-share,local,,Q1 2017-18,,55,205,,MARAC,",
    "hrda-referrals,local,,12 months to Q4 2016-17,853,,,,MARAC,",
)


def test_a_good_file_is_imported_with_rates_computed_from_their_counts(cast):
    outcome = file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind="observations",
        name="q4.csv",
        stream=io.BytesIO(GOOD),
    )
    assert (outcome.created, outcome.changed, outcome.unchanged) == (4, 0, 0)
    share = Observation.objects.get(indicator__code="hrda-repeat-share")
    assert share.value == Decimal("26.8293")
    rolling = Observation.objects.get(indicator__code="hrda-referrals")
    assert rolling.period_label == "12 months to Q4 2016-17"
    assert Observation.objects.get(area="neighbours").reference_year == 2016
    assert AuditEvent.objects.filter(action="performance.observations.import").count() == 1


def test_importing_the_same_file_again_changes_nothing(cast):
    for _ in range(2):
        outcome = file_import(
            actor=cast.business_unit,
            partnership=cast.partnership,
            kind="observations",
            name="q4.csv",
            stream=io.BytesIO(GOOD),
        )
    assert (outcome.created, outcome.changed, outcome.unchanged) == (0, 0, 4)
    assert Observation.objects.count() == 4
    assert ObservationHistory.objects.count() == 0
    assert AuditEvent.objects.filter(action="performance.observations.import").count() == 1


def test_a_changed_value_keeps_its_history(cast):
    file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind="observations",
        name="first.csv",
        stream=io.BytesIO(GOOD),
    )
    corrected = GOOD.replace(b"Q4 2017-18,69,", b"Q4 2017-18,70,")
    outcome = file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind="observations",
        name="corrected.csv",
        stream=io.BytesIO(corrected),
    )
    assert outcome.changed == 1
    observation = Observation.objects.get(indicator__code="s47-started", area="local")
    assert observation.value == 70 and observation.version == 2
    [old] = observation.history.all()
    assert old.value == 69 and old.file_name == "first.csv"


def test_every_bad_row_and_cell_is_reported_and_nothing_is_written(cast):
    bad = csv_of(
        "s47-started,local,,Q4 2017-18,69,,,,LA,",
        "no-such-thing,local,,Q4 2017-18,1,,,,LA,",
        "s47-started,local,,Q5 2017-18,1,,,,LA,",
        "s47-started,local,,Q3 2017-18,many,,,,LA,",
        "s47-started,local,,Q4 2017-18,70,,,,LA,",
        "hrda-repeat-share,local,,Q4 2017-18,,50,20,,LA,",
        "hrda-repeat-share,local,,Q3 2017-18,120,,,,LA,",
        "hrda-referrals,local,,Q3 2017-18,10.5,,,,LA,",
        "s47-started,region,,Q3 2017-18,40,,,,DfE,",
        "hrda-repeat-share,local,,Q2 2017-18,,0,0,,LA,",
    )
    with pytest.raises(ImportRefused) as refused:
        file_import(
            actor=cast.business_unit,
            partnership=cast.partnership,
            kind="observations",
            name="bad.csv",
            stream=io.BytesIO(bad),
        )
    found = [(p.row, p.column) for p in refused.value.problems]
    assert found == [
        (3, "indicator"),  # unknown indicator
        (4, "period"),  # bad period
        (5, "value"),  # not a number
        (6, "period"),  # the same key as row 2
        (7, "numerator"),  # numerator above denominator
        (8, "value"),  # a percentage above 100
        (9, "value"),  # a count that is not whole
        (10, "area_code"),  # a region without its code
        (11, "denominator"),  # nothing to divide by
    ]
    assert Observation.objects.count() == 0


def test_a_rate_given_as_a_count_needs_the_population(cast):
    content = csv_of("looked-after,local,,Q4 2017-18,,522,,,LA,")
    with pytest.raises(ImportRefused, match="No population of children aged 0–17 for mid-2017"):
        file_import(
            actor=cast.business_unit,
            partnership=cast.partnership,
            kind="observations",
            name="lac.csv",
            stream=io.BytesIO(content),
        )
    population = "\n".join(
        ["area_code,year,sex,age_from,age_to,count,source", "E06000045,2017,all,0,17,50200,ONS"]
    ).encode()
    file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind="population",
        name="pop.csv",
        stream=io.BytesIO(population),
    )
    file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind="observations",
        name="lac.csv",
        stream=io.BytesIO(content),
    )
    observation = Observation.objects.get()
    assert round(observation.value) == 104 and observation.denominator == 50200


def test_an_xlsx_file_reads_like_a_csv():
    workbook = Workbook()
    workbook.active.append(OBSERVATION_COLUMNS)
    workbook.active.append(OBSERVATION_EXAMPLE)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_table("q4.xlsx", io.BytesIO(buffer.getvalue())) == read_table(
        "q4.csv", io.BytesIO(template(OBSERVATION_COLUMNS, OBSERVATION_EXAMPLE, "csv"))
    )


def test_population_rows_are_checked(cast):
    content = "\n".join(
        ["area_code,year,sex,age_from,age_to,count,source", "X1,2017,other,5,2,-3,"]
    ).encode()
    with pytest.raises(ImportRefused) as refused:
        file_import(
            actor=cast.business_unit,
            partnership=cast.partnership,
            kind="population",
            name="pop.csv",
            stream=io.BytesIO(content),
        )
    columns = {p.column for p in refused.value.problems}
    assert columns == {"area_code", "sex", "count", "age_to", "source"}
    assert Population.objects.count() == 0


def test_only_the_business_unit_imports(cast):
    with pytest.raises(PermissionDenied):
        file_import(
            actor=cast.viewer,
            partnership=cast.partnership,
            kind="observations",
            name="q4.csv",
            stream=io.BytesIO(GOOD),
        )


def test_the_command_prints_every_problem_and_fails_on_a_bad_file(cast, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_of("nope,local,,Q4 2017-18,1,,,,LA,", "s47-started,local,,Q9,1,,,,LA,"))
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import", "observations", str(path), partnership="southampton")
    printed = capsys.readouterr().err
    assert "Row 2, column indicator" in printed and "Row 3, column period" in printed
    assert Observation.objects.count() == 0


def test_the_command_imports_a_good_file_once(cast, tmp_path, capsys):
    path = tmp_path / "q4.csv"
    path.write_bytes(GOOD)
    call_command("import", "observations", str(path), partnership="southampton")
    call_command("import", "observations", str(path), partnership="southampton")
    assert "0 new, 0 changed" in capsys.readouterr().out
    assert Observation.objects.count() == 4


# Breakdowns by sex and by age band

BROKEN_DOWN = csv_of(
    "looked-after,local,,Q4 2017-18,104,,,,LA,",
    "looked-after,local,,Q4 2017-18,,300,,,LA,,female,",
    "looked-after,local,,Q4 2017-18,,222,,,LA,,male,all",
    "looked-after,local,,Q4 2017-18,,40,,,LA,,,Under 1",
    "looked-after,local,,Q4 2017-18,130,,,,LA,,all,10-15",
    "looked-after,england,,Q4 2017-18,70,,,,DfE,,all,16_17",
)
BANDED_POPULATION = "\n".join(
    [
        "area_code,year,sex,age_from,age_to,count,source",
        "E06000045,2017,female,0,17,24500,ONS",
        "E06000045,2017,male,0,17,25700,ONS",
        "E06000045,2017,all,0,0,2900,ONS",
    ]
).encode()


def import_observations(cast, content, name="parts.csv"):
    return file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind="observations",
        name=name,
        stream=io.BytesIO(content),
    )


def test_figures_by_sex_and_age_band_are_imported_beside_the_total(cast):
    file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind="population",
        name="pop.csv",
        stream=io.BytesIO(BANDED_POPULATION),
    )
    outcome = import_observations(cast, BROKEN_DOWN)
    assert outcome.created == 6
    found = {
        (o.area, o.sex, o.age_band): o
        for o in Observation.objects.filter(indicator__code="looked-after")
    }
    assert found[("local", "all", "all")].value == 104
    # A count alone becomes a rate of the children of its own sex or age band.
    female = found[("local", "female", "all")]
    assert female.denominator == 24500 and female.value == Decimal("122.4490")
    assert found[("local", "male", "all")].denominator == 25700
    under_one = found[("local", "all", "under_1")]
    assert under_one.denominator == 2900 and under_one.value == Decimal("137.9310")
    assert found[("local", "all", "10_15")].value == 130
    assert found[("england", "all", "16_17")].value == 70


def test_a_breakdowns_rate_needs_the_population_of_its_sex_or_age_band(cast):
    population = "\n".join(
        ["area_code,year,sex,age_from,age_to,count,source", "E06000045,2017,all,0,17,50200,ONS"]
    ).encode()
    file_import(
        actor=cast.business_unit,
        partnership=cast.partnership,
        kind="population",
        name="pop.csv",
        stream=io.BytesIO(population),
    )
    with pytest.raises(ImportRefused) as refused:
        import_observations(cast, BROKEN_DOWN)
    assert [str(p) for p in refused.value.problems] == [
        "Row 3, column denominator: No population of female children aged 0–17 for mid-2017 "
        "to compute the rate from the count: give the denominator, or import the population "
        "first.",
        "Row 4, column denominator: No population of male children aged 0–17 for mid-2017 "
        "to compute the rate from the count: give the denominator, or import the population "
        "first.",
        "Row 5, column denominator: No population of children under 1 for mid-2017 "
        "to compute the rate from the count: give the denominator, or import the population "
        "first.",
    ]
    assert Observation.objects.count() == 0


def test_an_unknown_sex_or_age_band_is_reported_with_its_row_and_column(cast):
    bad = csv_of(
        "s47-started,local,,Q4 2017-18,69,,,,LA,,girls,",
        "s47-started,local,,Q4 2017-18,69,,,,LA,,,0-17",
        "s47-started,local,,Q4 2017-18,69,,,,LA,,,11 to 15",
        "s47-started,local,,Q4 2017-18,69,,,,LA,,female,1-4",
        "s47-started,local,,Q4 2017-18,69,,,,LA,,female,all",
    )
    with pytest.raises(ImportRefused) as refused:
        import_observations(cast, bad)
    problems = [str(p) for p in refused.value.problems]
    assert problems == [
        "Row 2, column sex: “girls” is not one of all, female, male.",
        "Row 3, column age_band: “0-17” is not one of the age bands "
        "all, under-1, 1-4, 5-9, 10-15, 16-17.",
        "Row 4, column age_band: “11 to 15” is not one of the age bands "
        "all, under-1, 1-4, 5-9, 10-15, 16-17.",
        "Row 5, column age_band: A figure is broken down by sex or by age band, not both: "
        "leave one of them “all”.",
    ]
    assert Observation.objects.count() == 0


def test_a_duplicate_is_the_same_breakdown_twice_not_two_breakdowns(cast):
    parts = csv_of(
        "s47-started,local,,Q4 2017-18,69,,,,LA,",
        "s47-started,local,,Q4 2017-18,71,,,,LA,,female,",
        "s47-started,local,,Q4 2017-18,67,,,,LA,,male,",
        "s47-started,local,,Q4 2017-18,12,,,,LA,,,1 to 4",
    )
    assert import_observations(cast, parts).created == 4
    twice = csv_of(
        "s47-started,local,,Q4 2017-18,71,,,,LA,,female,",
        "s47-started,local,,Q4 2017-18,72,,,,LA,,Female,all",
        "s47-started,local,,Q4 2017-18,12,,,,LA,,,1-4",
        "s47-started,local,,Q4 2017-18,12,,,,LA,,all,1_4",
    )
    with pytest.raises(ImportRefused) as refused:
        import_observations(cast, twice)
    assert [(p.row, p.column) for p in refused.value.problems] == [(3, "period"), (5, "period")]
    assert "sex, age band and source" in refused.value.problems[0].message


def test_reimporting_breakdowns_changes_nothing_and_a_changed_one_keeps_its_history(cast):
    parts = csv_of(
        "s47-started,local,,Q4 2017-18,69,,,,LA,",
        "s47-started,local,,Q4 2017-18,71,,,,LA,,female,",
        "s47-started,local,,Q4 2017-18,12,,,,LA,,,1-4",
    )
    import_observations(cast, parts, name="first.csv")
    again = import_observations(cast, parts, name="first.csv")
    assert (again.created, again.changed, again.unchanged) == (0, 0, 3)
    corrected = parts.replace(b"71,,,,LA,,female", b"73,,,,LA,,female")
    outcome = import_observations(cast, corrected, name="corrected.csv")
    assert (outcome.created, outcome.changed, outcome.unchanged) == (0, 1, 2)
    female = Observation.objects.get(sex="female")
    assert female.value == 73 and female.version == 2
    [old] = female.history.all()
    assert old.value == 71 and old.file_name == "first.csv"
    total = Observation.objects.get(sex="all", age_band="all")
    assert total.value == 69 and total.version == 1 and not total.history.exists()


def test_the_template_names_the_breakdown_columns(cast, client):
    client.force_login(cast.business_unit)
    answer = client.get(f"/p/{cast.partnership.slug}/performance/import/template/observations.csv")
    [example] = read_table("template.csv", io.BytesIO(answer.content))
    assert list(example)[-2:] == ["sex", "age_band"]
    assert (example["sex"], example["age_band"]) == ("all", "all")


def test_the_command_names_the_row_and_column_of_a_bad_breakdown(cast, tmp_path, capsys):
    path = tmp_path / "parts.csv"
    path.write_bytes(csv_of("s47-started,local,,Q4 2017-18,69,,,,LA,,,teens"))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import", "observations", str(path), partnership="southampton")
    assert "Row 2, column age_band: “teens”" in capsys.readouterr().err
    assert Observation.objects.count() == 0
