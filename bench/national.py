"""The performance dataset at national scale: generated, imported, read and analysed.

Used by `bench/performance.py`; it builds its data in the scratch database it is given.
"""

import csv
import io
import os
import random
import statistics
import time

import pandas as pd
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from safeboard.core import services as core_services
from safeboard.core.models import Region
from safeboard.performance import presenters, selectors, services
from safeboard.performance.imports import OBSERVATION_COLUMNS, read_table
from safeboard.performance.models import Indicator, Observation, period_label
from safeboard.performance.selectors import series, totals
from safeboard.performance.services import bulk

AUTHORITIES = int(os.environ.get("BENCH_AUTHORITIES", "152"))  # fewer for a quick check
YEARS = range(2008, 2018)
NEIGHBOURS = 10
IMPORT_SOURCES = 8  # the import file gives one partnership's figures from this many sources
IMPORT_AREAS = [("local", ""), ("neighbours", ""), ("england", ""), ("region", "E12000008")]
TOTAL = ("all", "all")
# Each of the partnership's own figures by sex and by age band, as its indicator page
# shows them.
PARTS = [("female", "all"), ("male", "all")] + [
    ("all", band) for band in ("under_1", "1_4", "5_9", "10_15", "16_17")
]
BROKEN_DOWN = ("local",)


def measure() -> dict:
    """Build the national dataset and measure import, overview and analytics."""
    random.seed(2018)
    founder = core_services.founder_create(
        email="bench@example.org",
        first_name="Bench",
        last_name="Mark",
        password="bench-x7-long-enough",  # noqa: S106 - a scratch database, thrown away
    )
    indicators = list(Indicator.objects.all())
    small = _partnership(founder, 0)
    _national(founder, small, indicators)
    small_overview = _overview(founder, small)
    partnerships = [small] + [_partnership(founder, n) for n in range(1, AUTHORITIES)]
    started = time.perf_counter()
    for partnership in partnerships[1:]:
        _national(founder, partnership, indicators)
    generated = Observation.objects.count()
    generation_s = time.perf_counter() - started
    print(f"Generated {generated:,} observations in {generation_s:.0f} s.")

    imported = _import(founder, indicators)
    overview = _overview(founder, partnerships[1])
    print(f"The overview's query of the figures, as the database plans it:\n{overview['plan']}")
    analytics = _analytics(founder, partnerships[1])
    return {
        "observations": generated,
        "import": imported,
        "overview": {**overview, "queries_with_one_partnership": small_overview["queries"]},
        "analytics": analytics,
        "database": connection.vendor,
    }


def _partnership(founder, number: int):
    regions = list(Region)
    return core_services.partnership_create(
        actor=founder,
        name=f"Bench partnership {number + 1}",
        slug=f"bench-{number + 1}",
        region=regions[number % len(regions)],
        la_code=f"E06{number + 1:06d}",
        la_code_from_year=2008,
    )


def _periods(indicator):
    if indicator.frequency == "quarterly":
        return [("quarter", year, quarter) for year in YEARS for quarter in (1, 2, 3, 4)]
    return [("year", year, 0) for year in YEARS]


def _areas(partnership, number_of_authorities: int):
    region = partnership.region
    own = int(partnership.slug.split("-")[1])
    neighbours = [((own + k) % number_of_authorities) + 1 for k in range(1, NEIGHBOURS + 1)]
    return [("local", ""), ("neighbours", ""), ("england", ""), ("region", region)] + [
        ("authority", f"E06{n:06d}") for n in neighbours
    ]


def _value(indicator):
    if indicator.unit == "count":
        return random.randint(0, 400)
    upper = 100 if indicator.unit == "percentage" else 400
    return round(random.uniform(1, upper), 1)


def _national(founder, partnership, indicators):
    """One partnership's figures: every indicator, period and comparator, with the
    breakdowns by sex and age band of its own, its region's and England's."""
    now = timezone.now()
    rows = []
    for indicator in indicators:
        for kind, year, quarter in _periods(indicator):
            for area, code in _areas(partnership, AUTHORITIES):
                for sex, band in [TOTAL, *PARTS] if area in BROKEN_DOWN else [TOTAL]:
                    rows.append(
                        (
                            partnership.pk,
                            indicator.pk,
                            area,
                            code,
                            kind,
                            year,
                            quarter,
                            "Bench",
                            True,
                            founder.pk,
                            now,
                            "bench",
                            _value(indicator),
                            None,
                            None,
                            None,
                            "",
                            sex,
                            band,
                        )
                    )
    # In the order of the unique index (partnership, indicator, area, sex, age band, code,
    # period), so the database appends rather than reshuffles.
    rows.sort(key=lambda row: (row[1], row[2], row[17], row[18], row[3], row[4], row[5], row[6]))
    bulk._insert_observations(rows)


def _import_file(indicators) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(OBSERVATION_COLUMNS)
    for source in range(IMPORT_SOURCES):
        for indicator in indicators:
            for kind, year, quarter in _periods(indicator):
                period = period_label(kind, year, quarter)
                for area, code in IMPORT_AREAS:
                    for sex, band in [TOTAL, *PARTS] if area == "local" else [TOTAL]:
                        writer.writerow(
                            [indicator.code, area, code, period, _value(indicator), "", "", ""]
                            + [f"S{source}", "", sex, band]
                        )
    return text.getvalue().encode()


def _import(founder, indicators) -> dict:
    content = _import_file(indicators)
    ours_target = _partnership(founder, AUTHORITIES)
    baseline_target = _partnership(founder, AUTHORITIES + 1)

    started, cpu_started = time.perf_counter(), time.process_time()
    outcome = services.file_import(
        actor=founder,
        partnership=ours_target,
        kind="observations",
        name="bench.csv",
        stream=io.BytesIO(content),
    )
    ours_s, ours_cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
    rows = outcome.created

    started, cpu_started = time.perf_counter(), time.process_time()
    _baseline_import(founder, baseline_target, content)
    baseline_s = time.perf_counter() - started
    baseline_cpu_s = time.process_time() - cpu_started

    started = time.perf_counter()
    again = services.file_import(
        actor=founder,
        partnership=ours_target,
        kind="observations",
        name="bench.csv",
        stream=io.BytesIO(content),
    )
    again_s = time.perf_counter() - started
    assert again.created == again.changed == 0
    assert len(read_table("bench.csv", io.BytesIO(content))) == rows
    return {
        "rows": rows,
        "ours_rows_per_s": rows / ours_s,
        "baseline_rows_per_s": rows / baseline_s,
        "ratio": baseline_s / ours_s,
        "ours_cpu_rows_per_s": rows / ours_cpu_s,
        "baseline_cpu_rows_per_s": rows / baseline_cpu_s,
        "reimport_unchanged_s": again_s,
    }


def _baseline_import(founder, partnership, content: bytes) -> None:
    """Plain `csv` and `bulk_create`: what a quick import without checking would do."""
    codes = dict(Indicator.objects.values_list("code", "pk"))
    now = timezone.now()
    objects = []
    for cells in csv.DictReader(io.StringIO(content.decode())):
        period = cells["period"]
        if period.startswith("Q"):
            number, year = period.split(" ")
            kind, start, quarter = "quarter", int(year[:4]), int(number[1])
        else:
            kind, start, quarter = "year", int(period[:4]), 0
        objects.append(
            Observation(
                partnership=partnership,
                indicator_id=codes[cells["indicator"]],
                area=cells["area"],
                area_code=cells["area_code"],
                period_kind=kind,
                start_year=start,
                quarter=quarter,
                value=cells["value"],
                source=cells["source"],
                sex=cells["sex"] or "all",
                age_band=cells["age_band"] or "all",
                recorded_by=founder,
                recorded_at=now,
                file_name="bench.csv",
            )
        )
    Observation.objects.bulk_create(objects, batch_size=2000)


def _overview(founder, partnership) -> dict:
    def run():
        for attribute in ("_safeboard_scope",):
            if hasattr(founder, attribute):
                delattr(founder, attribute)
        data = selectors.dataset(
            user=founder, partnership=partnership, areas=selectors.SUMMARY_AREAS
        )
        return [presenters.summarise(item) for item in data]

    run()
    times, cpu_times = [], []
    for _ in range(15):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            run()
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
    with connection.cursor() as cursor:  # how the database finds the partnership's totals
        plan = _plan(cursor, queries.captured_queries[-1]["sql"])
    return {
        "ms": statistics.median(times),
        "cpu_ms": statistics.median(cpu_times),
        "queries": len(queries.captured_queries),
        "plan": plan,
    }


def _plan(cursor, sql: str) -> str:
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    cursor.execute(explain + sql)
    return "\n".join(str(row[-1]) for row in cursor.fetchall())


def _analytics(founder, partnership) -> dict:
    rows = list(selectors.series_rows(totals(Observation.objects.filter(partnership=partnership))))
    indicators = list(Indicator.objects.all())
    by_indicator: dict[int, list] = {}
    for row in rows:
        by_indicator.setdefault(row[0], []).append(row)

    def ours():
        return [
            presenters.summarise(series._gather(i, None, by_indicator.get(i.pk, [])))
            for i in indicators
        ]

    frame = pd.DataFrame(rows, columns=list(series._FIELDS))
    frame = frame.rename(columns={"value_float": "value"})

    def theirs():
        return _pandas_summary(frame, indicators)

    ours_ms = _median_ms(ours)
    pandas_ms = _median_ms(theirs)
    return {"ours_ms": ours_ms, "pandas_ms": pandas_ms, "ratio": pandas_ms / ours_ms}


def _pandas_summary(frame: pd.DataFrame, indicators) -> list[dict]:
    """The same figures with pandas: latest, change on the period before and a year before,
    the gap to the statistical neighbours, and the least-squares slope of the last 8."""
    summaries = []
    kinds = {i.pk: ("quarter" if i.frequency == "quarterly" else "year") for i in indicators}
    for indicator_id, group in frame.groupby("indicator_id"):
        series = group[group["period_kind"] == kinds[indicator_id]]
        local = series[series["area"] == "local"].sort_values(["start_year", "quarter"])
        if local.empty:
            continue
        latest = local.iloc[-1]
        previous = local.iloc[-2] if len(local) > 1 else None
        year_ago = local[
            (local["start_year"] == latest["start_year"] - 1)
            & (local["quarter"] == latest["quarter"])
        ]
        neighbours = series[series["area"] == "neighbours"].sort_values(["start_year", "quarter"])
        window = local["value"].tail(8).reset_index(drop=True)
        x = pd.Series(range(len(window)), dtype=float)
        slope = ((x - x.mean()) * (window - window.mean())).sum() / ((x - x.mean()) ** 2).sum()
        summaries.append(
            {
                "latest": latest["value"],
                "previous": None if previous is None else latest["value"] - previous["value"],
                "year_ago": None if year_ago.empty else latest["value"] - year_ago.iloc[0]["value"],
                "gap": None
                if neighbours.empty
                else (latest["value"] - neighbours.iloc[-1]["value"])
                / neighbours.iloc[-1]["value"],
                "slope": slope,
            }
        )
    return summaries


def _median_ms(function, runs: int = 5) -> float:
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
