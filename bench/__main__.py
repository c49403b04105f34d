"""`make bench`: every module's benchmarks, each figure beside its baseline from the same run.

Each `bench/<module>.py` has `run() -> list[Figure]`. Results go to
`bench/results/latest.json`; copy the table into the README's Benchmarks section.
"""

import importlib
import json
import os
import pkgutil
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

import django

HERE = Path(__file__).resolve().parent


def main(selected: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeboard.settings")
    django.setup()
    names = [
        m.name
        for m in pkgutil.iter_modules([str(HERE)])
        if m.name not in {"figures", "__main__"} and (not selected or m.name in selected)
    ]
    results: dict[str, list[dict]] = {}
    print(f"{'benchmark':52} {'Safeboard':>14} {'baseline':>14}  ratio  baseline is")
    for name in sorted(names):
        for figure in importlib.import_module(f"bench.{name}").run():
            results.setdefault(name, []).append(figure.as_dict())
            print(
                f"{figure.name[:52]:52} {figure.value:>14,.2f} {figure.baseline_value:>14,.2f}"
                f"  {figure.ratio:5.2f}  {figure.baseline_name} ({figure.unit})"
                + (f"  target: {figure.target}" if figure.target else "")
            )
    out = HERE / "results" / "latest.json"
    out.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
                "results": results,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nWritten to {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
