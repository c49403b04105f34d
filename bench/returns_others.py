"""The CIN census read into tables by Safeboard, beside the two open tools that do the same:
`csc-validator-be-cin` (its XML-to-DataFrame conversion) and `liiatools cleanfile`.

    .venv/bin/python -m bench.returns_others [--sizes S M] [--work /tmp/safeboard-bench]

Both tools pin pandas below 2, so they live in a Python 3.11 virtual environment of their
own under the bench work folder, built from the exact versions in
`bench/others-requirements.txt` and rebuilt only when that file or the Python changes.
Each size's synthetic census (2023/24 layout) is read by all three, on the same file, in
the same run, each in one process: Safeboard here (`pipeline.convert_path`: XML to typed,
pseudonymised Parquet tables), the tools through `bench/others_driver.py`, which times
them inside their own interpreter. Times are CPU seconds of that one process, which other
work on a shared machine disturbs less than the wall clock (both are in `measure()`); so
the tools' runs can go on side by side, and do (see `measure`).

Each tool's tables are checked against Safeboard's counts (children; and, for the
validator, referrals, assessments, Section 47 enquiries and plans); a difference is
reported in the figure's name, never hidden. A tool that cannot be installed or cannot
read the file is reported as failed, with the reason, in place of its figure.
"""

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.figures import Figure
from bench.returns import WORK, _generated

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "others-requirements.txt"
DRIVER = HERE / "others_driver.py"
TOOLS = {"csc": "csc-validator-be-cin", "liiatools": "liiatools cleanfile"}
# Safeboard's counts beside the validator's table of the same records.
CSC_TABLES = {
    "cin_referrals": "CINdetails",
    "cin_assessments": "Assessments",
    "cin_s47": "Section47",
    "cin_plans": "ChildProtectionPlans",
}
SECRET = b"bench: a partnership's pseudonymisation key"
DRIVER_TIMEOUT = 3600  # seconds; the slowest tool takes minutes at M


class Unavailable(Exception):
    """The comparators' environment could not be built; the message says why."""


def python311() -> Path:
    """The Python 3.11 to build the environment with: BENCH_PYTHON311, else pyenv's."""
    named = os.environ.get("BENCH_PYTHON311")
    candidates = [Path(named)] if named else []
    candidates += sorted(Path.home().glob(".pyenv/versions/3.11.*/bin/python"), reverse=True)
    on_path = shutil.which("python3.11")
    candidates += [Path(on_path)] if on_path else []
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise Unavailable("no Python 3.11 found (set BENCH_PYTHON311 to one)")


def _stamp(python: Path) -> str:
    """What the environment was built from: the pinned versions and the Python."""
    return hashlib.sha256(REQUIREMENTS.read_bytes() + str(python).encode()).hexdigest()


def _checked(command: list[str], doing: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        tail = " ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise Unavailable(f"{doing} failed: {tail}")


def environment(work: Path = WORK) -> Path:
    """The comparators' Python, building their environment first if it is missing or was
    built from other versions."""
    python = python311()
    venv = work / "others-venv"
    stamp = venv / "safeboard-stamp"
    if stamp.exists() and stamp.read_text() == _stamp(python):
        return venv / "bin" / "python"
    shutil.rmtree(venv, ignore_errors=True)
    _checked([str(python), "-m", "venv", str(venv)], "creating the Python 3.11 environment")
    _checked(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
         "--requirement", str(REQUIREMENTS)],
        "installing bench/others-requirements.txt",
    )  # fmt: skip
    _checked(
        [str(venv / "bin" / "python"), "-c",
         "import cin_validator.cin_validator, liiatools.datasets.cin_census.cin_cli"],
        "importing the installed tools",
    )  # fmt: skip
    stamp.write_text(_stamp(python))
    return venv / "bin" / "python"


def parse_driver_output(tool: str, returncode: int, stdout: str, stderr: str) -> dict:
    """The driver's answer: its last line of standard output, a JSON object. Anything else
    becomes {"tool", "error"} with what the process said."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    try:
        answer = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        answer = None
    if not isinstance(answer, dict):
        said = " ".join(stderr.strip().splitlines()[-3:]) or "nothing"
        return {"tool": tool, "error": f"the driver exited {returncode}, saying: {said}"}
    if returncode != 0 and "error" not in answer:
        return {"tool": tool, "error": f"the driver exited {returncode}"}
    if "error" in answer:
        return {"tool": tool, **answer}
    missing = {"seconds", "cpu_seconds", "children", "rows"} - answer.keys()
    if missing:
        return {"tool": tool, "error": f"the driver's answer lacks {', '.join(sorted(missing))}"}
    return answer


def start_driver(python: Path, tool: str, path: Path, repeat: int = 1) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own driver, in the comparators' environment
        [str(python), str(DRIVER), tool, str(path), "--repeat", str(repeat)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def driver_answer(tool: str, process: subprocess.Popen, deadline: float) -> dict:
    """The answer of a started driver, waiting until `deadline` (a `time.monotonic()`)."""
    try:
        stdout, stderr = process.communicate(timeout=max(deadline - time.monotonic(), 1))
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"tool": tool, "error": f"no answer within {DRIVER_TIMEOUT} s"}
    return parse_driver_output(tool, process.returncode, stdout, stderr)


def mismatches(ours: dict, theirs: dict) -> list[str]:
    """Where the tool's tables do not hold the records Safeboard read from the same file."""
    found = []
    if theirs["children"] != ours["children"]:
        found.append(f"{theirs['children']:,} children against Safeboard's {ours['children']:,}")
    if theirs["rows"].get("without_child_id"):
        found.append(f"{theirs['rows']['without_child_id']:,} rows with no child identifier")
    if theirs["tool"] == "csc":
        for table, their_table in CSC_TABLES.items():
            theirs_n, ours_n = theirs["rows"].get(their_table), ours["counts"][table]
            if theirs_n != ours_n:
                found.append(f"{their_table} {theirs_n} rows against Safeboard's {ours_n}")
    return found


def measure_safeboard(path: Path, repeat: int = 3) -> dict:
    """`convert_path` on the file, in this process, best of `repeat`."""
    from safeboard.returns.pipeline import convert_path

    best: dict = {}
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        outcome = convert_path((str(path), SECRET))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if outcome.errors:
            raise RuntimeError(f"Safeboard refused the bench's own file: {outcome.errors[:3]}")
        if not best or wall < best["seconds"]:
            best = {"seconds": wall, "cpu_seconds": cpu}
    return {"tool": "safeboard", **best, "children": outcome.children, "counts": outcome.counts}


def _rate(result: dict) -> float:
    return round(result["children"] / result["cpu_seconds"], 1)


def measure(sizes=("S", "M"), work: Path = WORK) -> dict:
    """Every tool on every size's file. The tools' runs all start at once, each a process of
    its own (the slowest takes many minutes at M), and Safeboard's is timed while they run:
    CPU time per process stays a fair measure, and Safeboard gets no quieter machine."""
    work.mkdir(parents=True, exist_ok=True)
    figures: dict = {
        "cores": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
        "requirements": REQUIREMENTS.name,
    }
    files = {size: sorted(_generated(size, work).rglob("CIN_*.xml"))[0] for size in sizes}
    try:
        python = environment(work)
    except Unavailable as problem:
        python, figures["environment_error"] = None, str(problem)
    running = {
        (size, tool): start_driver(python, tool, path)
        for size, path in files.items()
        for tool in TOOLS
        if python is not None
    }
    deadline = time.monotonic() + DRIVER_TIMEOUT
    for size, path in files.items():
        ours = measure_safeboard(path)
        ours["children_per_cpu_second"] = _rate(ours)
        figures[size] = {"file": path.name, "safeboard": ours}
    for size in sizes:
        ours = figures[size]["safeboard"]
        for tool in TOOLS:
            if python is None:
                theirs = {"tool": tool, "error": figures["environment_error"]}
            else:
                theirs = driver_answer(tool, running[size, tool], deadline)
            if "error" not in theirs:
                theirs["children_per_cpu_second"] = _rate(theirs)
                theirs["safeboard_over_tool"] = round(
                    ours["children_per_cpu_second"] / theirs["children_per_cpu_second"], 1
                )
                theirs["mismatches"] = mismatches(ours, theirs)
            figures[size][tool] = theirs
    figures["load_average_at_end"] = os.getloadavg()[0]
    return figures


def figures_of(measured: dict, sizes=("S", "M")) -> list[Figure]:
    """One figure per size and tool: Safeboard's rate beside the tool's, or why there is none."""
    out = []
    for size in sizes:
        row = measured[size]
        ours = row["safeboard"]
        for tool, label in TOOLS.items():
            theirs = row[tool]
            name = f"CIN XML to tables at {size} ({ours['children']:,} children), one process"
            if "error" in theirs:
                baseline, value = f"{label}: FAILED, {theirs['error']}", 0.0
            else:
                baseline = f"{label} {theirs['version']}, same file"
                if theirs["mismatches"]:
                    baseline += f" (MISMATCH: {'; '.join(theirs['mismatches'])})"
                value = theirs["children_per_cpu_second"]
            out.append(
                Figure(name, ours["children_per_cpu_second"], "children per CPU second",
                       baseline, value, higher_is_better=True)
            )  # fmt: skip
    return out


def run() -> list[Figure]:
    measured = measure()
    for size in ("S", "M"):
        for tool in TOOLS:
            if "error" in measured[size][tool]:
                print(f"{TOOLS[tool]} failed at {size}: {measured[size][tool]['error']}",
                      file=sys.stderr)  # fmt: skip
    return figures_of(measured)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", default=["S", "M"])
    parser.add_argument("--work", type=Path, default=WORK)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeboard.settings")
    import django

    django.setup()
    measured = measure(options.sizes, options.work)
    measured["python"] = platform.python_version()
    print(json.dumps(measured, indent=2))
