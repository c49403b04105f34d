"""`make bench`: every module's benchmarks, each figure beside its baseline from the same run.

Each `bench/<module>.py` with a `run() -> list[Figure]` is a benchmark. Each runs in a
process of its own: one that sets `SCRATCH = True` gets a throwaway database (never the
one in DATABASE_URL; BENCH_DATABASE_URL may name a PostgreSQL one), the others read the
demo database `make setup` loaded. Results go to `bench/results/latest.json`; naming some
modules runs those again and keeps the others' latest figures (with when each was measured).

    python -m bench [module ...]
"""

import importlib
import json
import os
import pkgutil
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks() -> list[str]:
    names = []
    for module in pkgutil.iter_modules([str(HERE)]):
        if module.name != "__main__" and "\ndef run(" in (HERE / f"{module.name}.py").read_text():
            names.append(module.name)
    return sorted(names)


def one(name: str, out: Path) -> None:
    """In a child process: set up Django for the module, run it, write its figures."""
    module = importlib.import_module(f"bench.{name}")
    if not getattr(module, "SCRATCH", False):
        _run(module, out)
        return
    # A throwaway data folder (database and files; gigabytes for the returns), removed after.
    with tempfile.TemporaryDirectory(prefix="safeboard-bench-") as scratch:
        os.environ["SAFEBOARD_DATA_DIR"] = scratch
        os.environ.pop("DATABASE_URL", None)
        if os.environ.get("BENCH_DATABASE_URL"):
            os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        _run(module, out, migrate=True)


def _run(module, out: Path, *, migrate: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeboard.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Measured as deployed: in debug mode Django also times and keeps every query it runs.
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    out.write_text(json.dumps([figure.as_dict() for figure in module.run()]))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        one(argv[1], Path(argv[2]))
        return 0
    selected = argv or benchmarks()
    latest = HERE / "results" / "latest.json"
    # Running some benchmarks again keeps the others' latest figures, each with its time.
    earlier = json.loads(latest.read_text()) if argv and latest.exists() else {}
    results: dict[str, list[dict]] = earlier.get("results", {})
    measured: dict[str, str] = earlier.get("measured", {})
    failed = []
    print(f"{'benchmark':60} {'Safeboard':>12} {'baseline':>12}  ratio  baseline is")
    for name in selected:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            child = subprocess.run(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "bench", "--one", name, out.name], check=False
            )
            if child.returncode != 0:
                failed.append(name)
                continue
            results[name] = json.loads(Path(out.name).read_text())
            measured[name] = datetime.now(UTC).isoformat(timespec="seconds")
        for figure in results[name]:
            target = f"  target: {figure['target']}" if figure["target"] else ""
            print(
                f"{figure['name'][:60]:60} {figure['value']:>12,.1f} "
                f"{figure['baseline_value']:>12,.1f}  {figure['ratio']:5.2f}  "
                f"{figure['baseline_name']} ({figure['unit']}){target}"
            )
    latest.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
                "measured": measured,
                "results": results,
                "failed": failed,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nWritten to {latest.relative_to(HERE.parent)}")
    if failed:
        print(f"These benchmarks failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
