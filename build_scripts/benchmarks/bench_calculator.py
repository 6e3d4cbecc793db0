"""Benchmark of the decision module on CPython: assessments per second, and the wheel's size.

    .venv/bin/python build_scripts/benchmarks/bench_calculator.py
Prints figures; asserts nothing (targets live in the issue notes, not in tests).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from calculator import assess
from sitebuild import test_cases
from sitebuild.runtime import build_wheel

VIGNETTES = [case for cases in test_cases.load().values() for case in cases]

RUNS = 7
ROUNDS = 300


def assessments_per_second() -> list[float]:
    cases = [case["findings"] for case in VIGNETTES]
    rates = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(ROUNDS):
            for findings in cases:
                assess(findings)
        rates.append(ROUNDS * len(cases) / (time.perf_counter() - start))
    return rates


def main() -> None:
    rates = assessments_per_second()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(Path(tmp))
        size = wheel.stat().st_size
    print(f"CPython {sys.version.split()[0]}, {len(VIGNETTES)} vignettes x {ROUNDS} rounds, {RUNS} runs")
    print(
        f"assessments per second: median {statistics.median(rates):,.0f} (min {min(rates):,.0f}, max {max(rates):,.0f})"
    )
    print(f"wheel {wheel.name}: {size:,} bytes ({size / 1024:.1f} KiB)")


if __name__ == "__main__":
    main()
