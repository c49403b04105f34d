"""A benchmark figure: what was measured, beside its baseline measured in the same run."""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    baseline_name: str
    baseline_value: float
    higher_is_better: bool = False
    target: str = ""

    @property
    def ratio(self) -> float:
        """How Safeboard compares with the baseline (>1 is worse when lower is better)."""
        return self.value / self.baseline_value if self.baseline_value else float("nan")

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio": round(self.ratio, 3)}


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """The fastest of several runs, in seconds: the least disturbed by the machine."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)
