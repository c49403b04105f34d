"""The returns written as performance observations: provenance, re-runs, history, the
areas' figures only when complete, and the partnership's chosen source."""

import gc
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from safeboard.core.models import AuditEvent, StatisticalNeighbour
from safeboard.performance.models import (
    Area,
    IndicatorChoice,
    Observation,
    ObservationHistory,
)
from safeboard.performance.selectors import dataset_for_report
from safeboard.returns import services
from safeboard.returns.councils import by_number, councils_in, region_members
from safeboard.returns.figures import COMPUTED_SOURCE, Lookups, area_figures
from safeboard.returns.models import Recompute

from .builders import CinChild, Referral, census, cin_xml
from .factories import accept, estimate

NORTH_EAST = "E12000001"


@pytest.fixture(autouse=True)
def storage_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def _figure(partnership, code, area=Area.LOCAL, area_code="", quarter=1, kind="quarter"):
    return Observation.objects.get(
        partnership=partnership, indicator__code=code, area=area, area_code=area_code,
        period_kind=kind, start_year=2023, quarter=quarter, source=COMPUTED_SOURCE,
    )  # fmt: skip


def test_our_councils_figures_are_written_with_their_provenance(southampton):
    estimate(southampton, "E06000045", 40_000)
    ingest = accept(southampton, *census("852", 3))
    run = services.recompute(partnership=southampton)
    rate = _figure(southampton, "cin-referrals")
    assert (rate.value, rate.numerator, rate.denominator) == (
        Decimal("0.75"),
        Decimal(3),
        Decimal(40_000),
    )
    assert rate.file_name == "CIN_852_2024.xml"
    assert ingest.sha256[:12] in rate.note
    assert rate.recorded_by is None and rate.recorded_at == run.computed_at
    count = _figure(southampton, "cin-referrals-count", quarter=0, kind="year")
    assert (count.value, count.numerator) == (Decimal(3), None)
    assert run.files == [["cin", "852", 2023, "CIN_852_2024.xml", ingest.sha256]]
    assert run.created == Observation.objects.filter(partnership=southampton).count()
    event = AuditEvent.objects.get(action="returns.recompute")
    assert (event.target_id, event.changed_fields) == (str(run.pk), ["observations"])


def test_another_councils_figures_are_its_own_by_ons_code(southampton):
    accept(southampton, *census("851", 2))
    services.recompute(partnership=southampton)
    assert _figure(southampton, "cin-referrals-count", Area.AUTHORITY, "E06000044").value == 2
    assert not Observation.objects.filter(partnership=southampton, area=Area.LOCAL).exists()
    # Portsmouth has no population loaded: counts only, and the run says so.
    assert "No 0–17 population of Portsmouth" in Recompute.objects.get().notes[0]


def test_a_percentage_needs_no_population_so_its_run_does_not_ask_for_one(southampton):
    accept(southampton, *census("851", 2))
    run = services.recompute(partnership=southampton, indicators=["re_referrals"])
    assert run.created and not any("population" in note for note in run.notes)


def test_a_recompute_leaves_the_cycle_collector_on_even_when_it_fails(southampton, monkeypatch):
    accept(southampton, *census("852", 3))
    services.recompute(partnership=southampton)
    assert gc.isenabled()

    def broken(results, lookups):
        raise RuntimeError("broken")

    monkeypatch.setattr(services.figures, "council_figures", broken)
    with pytest.raises(RuntimeError):
        services.recompute(partnership=southampton)
    assert gc.isenabled()


def test_running_again_on_the_same_returns_changes_nothing(southampton):
    estimate(southampton, "E06000045", 40_000)
    accept(southampton, *census("852", 3))
    first = services.recompute(partnership=southampton)
    before = list(Observation.objects.values_list("pk", "version", "recorded_at"))
    again = services.recompute(partnership=southampton)
    assert (again.created, again.changed, again.unchanged) == (0, 0, first.created)
    assert list(Observation.objects.values_list("pk", "version", "recorded_at")) == before
    assert not ObservationHistory.objects.exists()


def test_a_resubmitted_return_changes_the_figures_and_keeps_the_old_ones(southampton):
    estimate(southampton, "E06000045", 40_000)
    accept(southampton, *census("852", 3))
    services.recompute(partnership=southampton)
    accept(southampton, *census("852", 4, prefix="D"))
    run = services.recompute(partnership=southampton, la="852")
    rate = _figure(southampton, "cin-referrals")
    assert (rate.value, rate.numerator, rate.version) == (Decimal("1"), Decimal(4), 2)
    [was] = rate.history.all()
    assert (was.value, was.numerator, was.file_name) == (Decimal("0.75"), 3, "CIN_852_2024.xml")
    assert run.changed > 0
    assert AuditEvent.objects.filter(action="returns.recompute").order_by(
        "pk"
    ).last().changed_fields == [
        "history",
        "observations",
    ]


def _load_north_east(partnership, *, leave_out: str = "") -> list[str]:
    codes = []
    for number, la in enumerate(region_members(2023)[NORTH_EAST], start=1):
        council = by_number(la, 2023)
        estimate(partnership, council.ons_code, 10_000)
        codes.append(council.ons_code)
        if la != leave_out:
            accept(partnership, *census(la, number))
    return codes


def test_a_region_is_totalled_only_once_every_council_of_it_is_loaded(southampton):
    _load_north_east(southampton, leave_out="394")
    services.recompute(partnership=southampton)
    assert not Observation.objects.filter(area=Area.REGION).exists()
    accept(southampton, *census("394", 5))
    services.recompute(partnership=southampton, la="394")  # one council's refresh
    total = _figure(southampton, "cin-referrals-count", Area.REGION, NORTH_EAST)
    assert total.value == sum(range(1, 13)) - 5 + 5  # 1..12 referrals, Sunderland's 5 now
    rate = _figure(southampton, "cin-referrals", Area.REGION, NORTH_EAST)
    assert (rate.numerator, rate.denominator) == (total.value, 120_000)
    assert "all 12 councils" in rate.note
    # England needs all 153 councils; the South East has only Southampton's partner loaded.
    assert not Observation.objects.filter(area=Area.ENGLAND).exists()


def test_the_neighbour_average_needs_all_ten_neighbours(southampton):
    codes = _load_north_east(southampton)
    for rank, code in enumerate(codes[:10], start=1):
        StatisticalNeighbour.objects.create(
            partnership=southampton, year=2023, rank=rank, code=code, name=code
        )
    services.recompute(partnership=southampton)
    average = _figure(southampton, "cin-referrals", Area.NEIGHBOURS, quarter=0, kind="year")
    # Council n of the region made n referrals; each has 10,000 children.
    assert average.value == Decimal(sum(range(1, 11)) / 10)
    assert not Observation.objects.filter(
        area=Area.NEIGHBOURS, indicator__code="cin-referrals-count"
    ).exists()  # no average of counts


def test_neighbours_not_all_loaded_leave_the_published_average_alone(southampton):
    codes = _load_north_east(southampton)
    for rank, code in enumerate([*codes[:9], "E06000045"], start=1):
        StatisticalNeighbour.objects.create(
            partnership=southampton, year=2023, rank=rank, code=code, name=code
        )
    services.recompute(partnership=southampton)
    assert not Observation.objects.filter(area=Area.NEIGHBOURS).exists()


def test_england_is_totalled_when_every_council_is_there():
    counts = {(c.ons_code, "referrals", "2023-24"): (2, None) for c in councils_in(2023)}
    lookups = Lookups({"cin-referrals-count": 1, "cin-referrals": 2}, {}, {}, {})
    found = area_figures(counts, lookups).figures
    [england] = [f for f in found if f.area == Area.ENGLAND]
    assert england.value == 2 * 153
    assert {f.area_code for f in found if f.area == Area.REGION} == set(region_members(2023))
    del counts[("E06000045", "referrals", "2023-24")]
    left = area_figures(counts, lookups).figures
    assert Area.ENGLAND not in {f.area for f in left}
    assert "E12000008" not in {f.area_code for f in left}


def test_a_regions_rate_pools_its_councils_and_the_neighbours_average_their_rates():
    # The North East's first council: 1 referral of 10,000 children, 1 re-referral of 4;
    # each of the other eleven: 2 of 40,000, and 1 of 2. The first ten are our neighbours.
    codes = [by_number(la, 2023).ons_code for la in region_members(2023)[NORTH_EAST]]
    counts, population = {}, {}
    for number, code in enumerate(codes):
        counts[(code, "referrals", "2023-24")] = (1, None) if number == 0 else (2, None)
        counts[(code, "re_referrals", "2023-24")] = (1, 4) if number == 0 else (1, 2)
        population[(code, 2023)] = 10_000 if number == 0 else 40_000
    ids = {"cin-referrals-count": 1, "cin-referrals": 2, "cin-re-referrals": 3}
    lookups = Lookups(ids, {}, population, {2023: tuple(codes[:10])})
    found = {(f.area, f.indicator_id): f for f in area_figures(counts, lookups).figures}
    region = found[(Area.REGION, 2)]
    assert (region.numerator, region.denominator) == (23, 450_000)
    assert region.value == Decimal("0.5111")  # 23 of 450,000 children, not a mean of rates
    assert found[(Area.REGION, 3)].value == Decimal("46.1538")  # 12 re-referrals of 26
    # DfE's neighbour average: the mean of the ten rates, (1.0 + 9 × 0.5) ÷ 10, not pooled
    assert found[(Area.NEIGHBOURS, 2)].value == Decimal("0.55")
    assert found[(Area.NEIGHBOURS, 3)].value == Decimal("47.5")  # (25% + 9 × 50%) ÷ 10
    assert (Area.NEIGHBOURS, 1) not in found  # no average of counts


def test_the_partnerships_chosen_source_decides_the_figure_used(southampton, cast):
    estimate(southampton, "E06000045", 40_000)
    accept(southampton, *census("852", 3))
    services.recompute(partnership=southampton)
    computed = _figure(southampton, "cin-referrals")
    Observation.objects.create(
        partnership=southampton, indicator=computed.indicator, area=Area.LOCAL,
        period_kind="quarter", start_year=2023, quarter=1, value=Decimal("9.9"),
        source="Children's Services", recorded_at=timezone.now(),
    )  # fmt: skip

    def used():
        [data] = dataset_for_report(southampton, code="cin-referrals")
        point = data.local[0]  # Q1, where the two sources meet
        return point.value, point.source, len(data.disagreements)

    choice = IndicatorChoice.objects.create(
        partnership=southampton, indicator=computed.indicator, chosen_source="Children's Services"
    )
    assert used() == (9.9, "Children's Services", 1)
    choice.chosen_source = COMPUTED_SOURCE
    choice.save()
    assert used() == (0.75, COMPUTED_SOURCE, 1)


def test_the_indicator_page_shows_where_a_computed_figure_came_from(southampton, cast, client):
    estimate(southampton, "E06000045", 40_000)
    accept(southampton, *census("852", 3))
    services.recompute(partnership=southampton)
    client.force_login(cast.persona("viewer"))
    page = client.get(
        reverse("performance:indicator", kwargs={"slug": "southampton", "code": "cin-referrals"})
    ).content.decode()
    assert COMPUTED_SOURCE in page
    assert "CIN_852_2024.xml" in page
    assert "From the statutory returns: Referrals to children" in page


def test_only_the_business_unit_may_recompute(southampton, cast):
    with pytest.raises(PermissionDenied):
        services.recompute(partnership=southampton, actor=cast.persona("chair"))
    run = services.recompute(partnership=southampton, actor=cast.persona("business_unit"))
    assert run.requested_by == cast.persona("business_unit")


def test_an_accepted_upload_is_recomputed_in_the_background(
    southampton, cast, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content, name = census("852", 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.ingest_submit(
            actor=cast.persona("business_unit"), partnership=southampton,
            upload=SimpleUploadedFile(name, content),
        )  # fmt: skip
    run = Recompute.objects.get()
    assert (run.la, run.job) == ("852", "background task")
    assert _figure(southampton, "cin-referrals-count").value == 2


def test_the_results_page_says_when_last_computed_and_queues_another(
    southampton, cast, client, django_capture_on_commit_callbacks
):
    accept(southampton, *census("852", 2))
    client.force_login(cast.persona("business_unit"))
    url = reverse("returns:results", kwargs={"slug": "southampton"})
    assert "have not been written to the performance dataset" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    page = client.get(url).content.decode()
    assert "Last computed" in page
    assert reverse("performance:indicator", args=["southampton", "cin-referrals-count"]) in page
    client.force_login(cast.persona("chair"))
    assert client.post(url).status_code == 403
    assert Recompute.objects.count() == 1


def test_the_command_line_recomputes_and_says_what_changed(southampton, tmp_path):
    from django.core.management import call_command

    accept(southampton, *census("852", 2))
    out = io.StringIO()
    call_command("returns", "recompute", "--partnership", "southampton", stdout=out)
    assert "Read 1 returns:" in out.getvalue()
    assert "0 changed" in out.getvalue()
    assert Recompute.objects.get().job == "command line"


def test_an_ingest_from_the_command_line_queues_one_recompute(
    southampton, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    for la in ("851", "852"):
        content, name = census(la, 1)
        (tmp_path / name).write_bytes(content)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("returns", "ingest", "--partnership", "southampton", str(tmp_path),
                     "--processes", "1", stdout=io.StringIO())  # fmt: skip
    [run] = Recompute.objects.all()
    assert (run.la, run.job, len(run.files)) == ("", "background task", 2)


def _yearly(la: str, census_year: int, dates: list[str], prefix: str) -> tuple[bytes, str]:
    """A council's census of one year: child `prefix`+n referred on each of `dates`."""
    children = [CinChild(f"{prefix}{i}", [Referral(day)]) for i, day in enumerate(dates)]
    return cin_xml(children, la=la, census_year=census_year), f"CIN_{la}_{census_year}.xml"


def test_a_refresh_after_one_years_return_redoes_that_year_and_the_next_only(southampton):
    # 2021-22 and 2023-24 each have one referral; 2022-23 has child R0 referred, who is
    # referred again in 2023-24 (a re-referral there, looking back into 2022-23).
    accept(southampton, *_yearly("852", 2022, ["2021-06-01"], "A"))
    accept(southampton, *_yearly("852", 2023, ["2022-06-01"], "B"))
    accept(southampton, *_yearly("852", 2024, ["2023-05-01"], "R"))
    services.recompute(partnership=southampton)
    earlier = Observation.objects.get(
        indicator__code="cin-referrals-count", start_year=2021, period_kind="year"
    )
    # 2022-23's return is sent again: two referrals, one of them child R0's.
    accept(southampton, *_yearly("852", 2023, ["2022-06-01", "2022-09-01"], "R"))
    run = services.recompute(partnership=southampton, la="852", year=2022)
    assert (run.year, run.years_label) == (2022, "2022-23 and 2023-24")
    # It read 2021-22's return for history, and wrote no figure of 2021-22.
    assert sorted(year for _kind, _la, year, *_ in run.files) == [2021, 2022, 2023]
    assert Observation.objects.get(pk=earlier.pk).version == 1
    assert not Observation.objects.filter(start_year=2021, recorded_at=run.computed_at).exists()
    count = Observation.objects.get(
        indicator__code="cin-referrals-count", start_year=2022, period_kind="year"
    )
    assert (count.value, count.version) == (2, 2)
    again = Observation.objects.get(
        indicator__code="cin-re-referrals", start_year=2023, period_kind="year"
    )
    assert (again.numerator, again.denominator, again.version) == (1, 1, 2)
