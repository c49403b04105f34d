"""Times one of the compared converters on one CIN census file, inside its own environment.

Run by `bench/returns_others.py` with the Python 3.11 of the comparators' virtual
environment (never imported by Safeboard, whose environment has neither tool installed):

    python others_driver.py csc|liiatools FILE [--repeat N]

The clock starts after the tool is imported, so interpreter and library start-up are not
counted, and stops when the tool has its tables. The last line written to standard output
is one JSON object:

    {"tool": ..., "version": ..., "seconds": ..., "cpu_seconds": ..., "children": ...,
     "rows": {table: rows, ...}}

or, when the tool produced no tables, {"tool": ..., "error": "why"} (exit status 1).
Whatever the tools print themselves goes to standard error.
"""

import argparse
import contextlib
import csv
import json
import sys
import tempfile
import time
import traceback
from importlib.metadata import version
from pathlib import Path

DISTRIBUTIONS = {"csc": "csc-validator-be-cin", "liiatools": "liiatools"}


class NoTables(Exception):
    """The tool ran but wrote no tables; the message says what it reported instead."""


def _timed(repeat, work):
    """The fastest of `repeat` runs of `work`: (wall seconds, CPU seconds, its result)."""
    best = (float("inf"), float("inf"), None)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if wall < best[0]:
            best = (wall, cpu, result)
    return best


def csc(path, repeat):
    """The validator's own reading of a return: the XML tree into one DataFrame per CIN
    table, then its date columns typed, as it does before checking any rule."""
    import xml.etree.ElementTree as ElementTree

    from cin_validator.cin_validator import convert_data, process_data

    def work():  # the bench's own synthetic file, read the way the validator reads one
        return process_data(convert_data(ElementTree.parse(path).getroot()))  # noqa: S314

    wall, cpu, tables = _timed(repeat, work)
    children = tables["ChildIdentifiers"]["LAchildID"].nunique()
    rows = {name: len(table) for name, table in tables.items()}
    return wall, cpu, int(children), rows


def liiatools(path, repeat):
    """`liiatools cin-census cleanfile` on the file: read against the schema of the file's
    year, invalid values blanked, one cleaned table written as CSV."""
    import yaml
    from liiatools.datasets.cin_census import cin_cli

    with open(Path(cin_cli.COMMON_CONFIG_DIR) / "LA-codes.yml") as codes:
        # The synthetic councils have no code of their own; any listed code only labels rows.
        la_code = next(iter(yaml.safe_load(codes)["data_codes"].values()))
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as logs:

        def work():
            cin_cli.cleanfile.callback(str(path), la_code, logs, out)

        wall, cpu, _ = _timed(repeat, work)
        written = sorted(Path(out).glob("*.csv"))
        if not written:
            said = " ".join(p.read_text().strip() for p in sorted(Path(logs).iterdir()))
            raise NoTables(f"cleanfile wrote no table; its log says: {said or 'nothing'}")
        with written[0].open(newline="") as handle:
            records = list(csv.DictReader(handle))
        messages = sum(len(p.read_text().splitlines()) for p in Path(logs).iterdir())
    # It blanks an identifier it finds invalid and keeps the record: those are no child's.
    identified = {record["LAchildID"] for record in records if record["LAchildID"]}
    blank = sum(1 for record in records if not record["LAchildID"])
    rows = {"cleaned": len(records), "without_child_id": blank, "log_lines": messages}
    return wall, cpu, len(identified), rows


TOOLS = {"csc": csc, "liiatools": liiatools}


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("tool", choices=sorted(TOOLS))
    parser.add_argument("file", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args(argv)
    answer = {"tool": options.tool}
    try:
        answer["version"] = version(DISTRIBUTIONS[options.tool])
        with contextlib.redirect_stdout(sys.stderr):
            wall, cpu, children, rows = TOOLS[options.tool](options.file, options.repeat)
    except NoTables as problem:
        answer["error"] = str(problem)
    except Exception as problem:  # any failure of the tool is the answer, said plainly
        traceback.print_exc()
        answer["error"] = f"{type(problem).__name__}: {problem}"
    else:
        answer.update(seconds=wall, cpu_seconds=cpu, children=children, rows=rows)
    print(json.dumps(answer))
    return 1 if "error" in answer else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
