"""Measuring helpers for benchmarks: per-call latencies, their percentiles, and peak memory (RSS)."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def time_each(call: Callable[[Any], object], items: Iterable[Any], warmup: int = 5) -> list[float]:
    """Seconds taken by `call(item)` for each item, after `warmup` untimed calls on the first items."""
    items = list(items)
    for item in items[:warmup]:
        call(item)
    seconds = []
    for item in items:
        start = time.perf_counter()
        call(item)
        seconds.append(time.perf_counter() - start)
    return seconds


def time_interleaved(
    steps: dict[str, Callable[[Any], object]], items: Iterable[Any], warmup: int = 5
) -> dict[str, list[float]]:
    """Seconds per call of each step, the steps taking turns item by item so that a busy spell on the
    machine slows them alike (their ratio stays fair); `warmup` untimed rounds first."""
    items = list(items)
    for item in items[:warmup]:
        for step in steps.values():
            step(item)
    seconds: dict[str, list[float]] = {name: [] for name in steps}
    for item in items:
        for name, step in steps.items():
            start = time.perf_counter()
            step(item)
            seconds[name].append(time.perf_counter() - start)
    return seconds


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95 and mean in milliseconds (numpy's linear-interpolation percentiles)."""
    if not seconds:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "mean_ms": float("nan"), "n": 0}
    ms = np.asarray(seconds, dtype=np.float64) * 1000.0
    return {
        "p50_ms": float(np.percentile(ms, 50)),
        "p95_ms": float(np.percentile(ms, 95)),
        "mean_ms": float(ms.mean()),
        "n": len(ms),
    }


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def peak_rss_mb() -> float:
    """The process's RSS high-water mark (VmHWM; getrusage's ru_maxrss where /proc is missing)."""
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def current_rss_mb() -> float:
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux: write 5 to /proc/self/clear_refs); False where unsupported."""
    try:
        _CLEAR_REFS.write_text("5")
        return True
    except OSError:
        return False


class PhasePeak:
    """`with PhasePeak() as peak: …` then `peak.mb`: the RSS high-water mark reached inside the block."""

    def __enter__(self) -> PhasePeak:
        self.isolated = reset_peak_rss()
        self.mb = float("nan")
        return self

    def __exit__(self, *exc: object) -> None:
        self.mb = peak_rss_mb()
