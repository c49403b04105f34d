"""Core: exporting a list to CSV, against writing the same rows with the csv module alone.

The ratio is the cost of what Safeboard adds: its column definitions and the
neutralisation of cells a spreadsheet would run as formulas.
"""

import csv
import io
from operator import itemgetter

from bench.figures import Figure, best_of

ROWS = 50_000


def run() -> list[Figure]:
    from safeboard.core.listing import Column, export_response

    items = [
        {"name": f"Agency {n}", "short": "=cmd" if n % 50 == 0 else f"A{n}", "sector": "Health"}
        for n in range(ROWS)
    ]
    columns = [Column(key, key, itemgetter(key)) for key in ("name", "short", "sector")]

    def safeboard_export():
        export_response("csv", filename="bench", columns=columns, items=items)

    def plain_csv():
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(["name", "short", "sector"])
        writer.writerows([item["name"], item["short"], item["sector"]] for item in items)
        return text.getvalue().encode()

    ours = best_of(5, safeboard_export)
    base = best_of(5, plain_csv)
    return [
        Figure(
            name=f"CSV export of {ROWS:,} rows",
            value=round(ROWS / ours),
            unit="rows/s",
            baseline_name="csv.writer alone",
            baseline_value=round(ROWS / base),
            higher_is_better=True,
        )
    ]
