"""`make bench`: the performance dataset at national scale, measured side by side in one run.

Builds a synthetic national dataset in a scratch database (SQLite in a temporary folder,
or BENCH_DATABASE_URL — never the database in DATABASE_URL): 152 partnerships, ten
years of quarters, every built-in indicator for the authority, its statistical-neighbour
average, England, its region and each of its ten neighbours. Then it measures:

- import throughput with full checking, against plain `csv` + `bulk_create`;
- the dataset-overview selector for one partnership: time and queries, on a full database
  and on one holding a single partnership's figures (the count must not grow);
- the analytics of every indicator of one partnership, against pandas doing the same.

It prints each figure beside its baseline and the ratio, and writes them to
bench/results/latest.json.
"""

import os
import shutil
import sys
import tempfile

os.environ.pop("DATABASE_URL", None)
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
os.environ["SAFEBOARD_DATA_DIR"] = tempfile.mkdtemp(prefix="safeboard-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeboard.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def main() -> int:
    import django

    django.setup()
    from . import run

    try:
        return run.main()
    finally:
        shutil.rmtree(os.environ["SAFEBOARD_DATA_DIR"], ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
