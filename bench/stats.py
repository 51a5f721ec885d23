"""Repeated runs and what is reported of them: the median and the spread (min-max) of
a figure, and the ratio of two figures measured in the same run.

Repetitions are budgeted in time: a series runs at least `least` times and at most
`most`, and stops once `seconds` have passed, so a slow figure costs one run and a fast
one gets several, and the whole suite keeps to its time."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Budget:
    least: int = 1
    most: int = 5
    seconds: float = 30.0

    def scaled(self, factor: float) -> Budget:
        return Budget(self.least, self.most, self.seconds * factor)


def timed(work: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def repeat(work: Callable[[], object], budget: Budget) -> list[float]:
    """Seconds of each run of `work`, as many runs as the budget allows."""
    return series(lambda: timed(work)[0], budget)


def series(measure: Callable[[], T], budget: Budget) -> list[T]:
    """What each run of `measure` measured (it times itself), as many runs as the budget
    allows: for work whose set-up must stay out of the figure."""
    samples: list[T] = []
    started = time.perf_counter()
    while len(samples) < budget.most:
        samples.append(measure())
        if len(samples) >= budget.least and time.perf_counter() - started >= budget.seconds:
            break
    return samples


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: a value that was measured, never an interpolation."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Figure:
    """One figure over repeated runs: its median, its spread (min-max) and how many runs."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Figure:
        if not values:
            raise ValueError("a figure needs at least one run")
        return cls(statistics.median(values), min(values), max(values), len(values))

    def ratio(self, baseline: Figure) -> float | None:
        """How many times the baseline this is (by medians); None when undefined."""
        return self.median / baseline.median if baseline.median > 0 else None

    def as_dict(self) -> dict[str, Any]:
        return {"median": self.median, "min": self.low, "max": self.high, "runs": self.runs}


def rate(count: int, seconds: Sequence[float]) -> Figure:
    """Items per second from the durations of repeated runs over `count` items."""
    return Figure.of([count / s for s in seconds if s > 0])
