"""Benchmark of the edit loop: how long `mkdocs serve` takes to rebuild after a page edit.

    .venv/bin/python build_scripts/benchmarks/bench_serve.py [--runs N]
Starts `mkdocs serve` on a free loopback port, edits docs/about.md (and puts it back) N times, and times
each edit until the served page shows it. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from sitebuild.paths import ROOT

PAGE = ROOT / "docs" / "about.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, text: str, timeout: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode():
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} never showed {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    port = free_port()
    url = f"http://127.0.0.1:{port}/about/"
    original = PAGE.read_text(encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        first = wait_for(url, "About this site")
        times = []
        for run in range(runs):
            marker = f"edit-loop-marker-{run}-{time.time_ns()}"
            PAGE.write_text(original + f"\n{marker}\n", encoding="utf-8")
            times.append(wait_for(url, marker))
    finally:
        PAGE.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()
    print(f"mkdocs serve: first build served in {first:.2f} s")
    print(
        f"page edit -> served: median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
        f"max {max(times):.2f} s ({runs} edits)"
    )


if __name__ == "__main__":
    main()
