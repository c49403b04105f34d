"""The bare reference queries the returns' recompute is measured against: the same
definitions written by hand in DuckDB, polars and pandas, over the stored Parquet tables.

They run in a process of their own (`measure`), so their memory (pandas holds every
table at once) is not counted as Safeboard's. Plain Python: no Django here.
"""

import resource
import time

# The same definitions as `safeboard.returns.indicators`, written bare for each engine.
REFERENCE = ("referrals", "s47_started", "cp_plans_at_end", "looked_after_at_end")


def measure(root: str, years: list[int]) -> dict:
    """Each engine's best time (and processor time) and rows; pandas, the slowest by
    far, once. `root` is the partnership's folder of stored tables."""
    found = {}
    for name, function, repeat in (
        ("duckdb", reference_duckdb, 3),
        ("polars", reference_polars, 3),
        ("pandas", reference_pandas, 1),
    ):
        seconds, rows, cpu = timed(function, root, set(years), repeat=repeat)
        found[name] = {"seconds": seconds, "cpu_seconds": cpu, "rows": rows}
    found["peak_memory_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return found


def timed(function, *args, repeat: int = 3, before=None):
    """Best wall-clock and process (CPU, all threads) seconds of `repeat` runs; `before`
    runs untimed ahead of each."""
    best, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        if before is not None:
            before()
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return best, result, cpu


def _periods(years):
    from safeboard.core.periods import FinancialYear

    for start in sorted(years):
        year = FinancialYear(start)
        for period in (year, *year.quarters):
            yield start, period.label, period.start, period.end


def _tables_glob(root: str, kind: str, table: str) -> str:
    return f"{root}/{kind}/*/*/*/{table}.parquet"


def reference_duckdb(root: str, years) -> set:
    import duckdb

    rows = set()
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE periods (year SMALLINT, label VARCHAR, start_date DATE, end_date DATE)"
    )
    connection.executemany("INSERT INTO periods VALUES (?, ?, ?, ?)", list(_periods(years)))
    for kind, table in (
        ("cin", "cin_referrals"),
        ("cin", "cin_s47"),
        ("cin", "cin_plans"),
        ("903_episodes", "lac_episodes"),
    ):
        connection.read_parquet(_tables_glob(root, kind, table)).create_view(table)
    queries = {
        "referrals": "SELECT la, label, count(*) FROM cin_referrals r JOIN periods p "
        "ON p.year = r.year AND referral_date BETWEEN p.start_date AND p.end_date GROUP BY ALL",
        "s47_started": "SELECT la, label, count(*) FROM cin_s47 s JOIN periods p "
        "ON p.year = s.year AND s.start_date BETWEEN p.start_date AND p.end_date GROUP BY ALL",
        "cp_plans_at_end": "SELECT la, label, count(DISTINCT child) FROM cin_plans c "
        "JOIN periods p ON p.year = c.year AND c.start_date <= p.end_date "
        "AND (c.end_date IS NULL OR c.end_date > p.end_date) GROUP BY ALL",
        "looked_after_at_end": "SELECT la, label, count(DISTINCT child) FROM lac_episodes e "
        "JOIN periods p ON p.year = e.year AND e.start_date <= p.end_date "
        "AND (e.end_date IS NULL OR e.end_date > p.end_date) "
        "WHERE legal_status NOT IN ('V3', 'V4') GROUP BY ALL",
    }  # fmt: skip
    for code, sql in queries.items():
        rows |= {(code, la, label, n) for la, label, n in connection.execute(sql).fetchall()}
    return rows


def _polars_flow(frame, column, year, start, end):
    import polars as pl

    return frame.filter((pl.col("year") == year) & pl.col(column).is_between(start, end))


def _polars_stock(frame, year, end):
    import polars as pl

    return frame.filter(
        (pl.col("year") == year)
        & (pl.col("start_date") <= end)
        & (pl.col("end_date").is_null() | (pl.col("end_date") > end))
    )


def reference_polars(root: str, years) -> set:
    import polars as pl

    def read(kind, table):
        return pl.read_parquet(_tables_glob(root, kind, table))

    rows = set()
    ref, s47 = read("cin", "cin_referrals"), read("cin", "cin_s47")
    plans, eps = read("cin", "cin_plans"), read("903_episodes", "lac_episodes")
    eps = eps.filter(~pl.col("legal_status").is_in(["V3", "V4"]))
    for year, label, start, end in _periods(years):
        for code, frame, distinct in (
            ("referrals", _polars_flow(ref, "referral_date", year, start, end), False),
            ("s47_started", _polars_flow(s47, "start_date", year, start, end), False),
            ("cp_plans_at_end", _polars_stock(plans, year, end), True),
            ("looked_after_at_end", _polars_stock(eps, year, end), True),
        ):
            agg = pl.col("child").n_unique() if distinct else pl.len()
            for la, n in frame.group_by("la").agg(agg.alias("n")).iter_rows():
                rows.add((code, la, label, n))
    return rows


def _pandas_flow(frame, column, year, start, end):
    return frame[(frame["year"] == year) & frame[column].between(start, end)]


def _pandas_stock(frame, year, end):
    return frame[
        (frame["year"] == year)
        & (frame["start_date"] <= end)
        & (frame["end_date"].isna() | (frame["end_date"] > end))
    ]


def reference_pandas(root: str, years) -> set:
    import glob

    import pandas as pd

    def read(kind, table):
        paths = glob.glob(_tables_glob(root, kind, table))
        return pd.concat(pd.read_parquet(path) for path in paths)

    ref, s47 = read("cin", "cin_referrals"), read("cin", "cin_s47")
    plans, eps = read("cin", "cin_plans"), read("903_episodes", "lac_episodes")
    eps = eps[~eps["legal_status"].isin(["V3", "V4"])]
    rows = set()
    for year, label, start, end in _periods(years):
        for code, frame, distinct in (
            ("referrals", _pandas_flow(ref, "referral_date", year, start, end), False),
            ("s47_started", _pandas_flow(s47, "start_date", year, start, end), False),
            ("cp_plans_at_end", _pandas_stock(plans, year, end), True),
            ("looked_after_at_end", _pandas_stock(eps, year, end), True),
        ):
            grouped = frame.groupby("la")
            counts = grouped["child"].nunique() if distinct else grouped.size()
            rows |= {(code, la, label, int(n)) for la, n in counts.items()}
    return rows
