"""Benchmark of the in-browser calculator in Chromium, on loopback. Prints a table; asserts nothing.

    .venv/bin/python build_scripts/benchmarks/bench_calculator_browser.py [SITE_DIR] [--runs N]
SITE_DIR is a built site (default: site/, from `mkdocs build`).
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

from sitebuild.browser import chromium_path
from sitebuild.static_server import serve_in_thread

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
REQUIRED = {
    "#course-2": "click",
    "#laterality-1": "click",
    "#bladder_bowel_dysfunction-2": "click",
    "#multilevel_motor_deficit-2": "click",
    "#days_since_onset-1": "30",
}
TARGETS = {
    "cold ready (ms)": 2500,
    "warm ready (ms)": 1000,
    "answer to result (ms)": 50,
    "bytes transferred, cold": None,
    "long tasks during load (ms)": 200,
}

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(list => window.__longTasks.push(...list.getEntries().map(e => e.duration)))
  .observe({type: "longtask", buffered: true});
"""

ANSWER_TO_RESULT = """
async (selector) => {
  const app = document.getElementById("calculator-app");
  const shown = new Promise(resolve => new MutationObserver((_, observer) => {
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now()));
  }).observe(app, {attributes: true, attributeFilter: ["data-results"]}));
  const start = performance.now();
  document.querySelector(selector).click();
  return (await shown) - start;
}
"""


def ready_ms(page: Page) -> float:
    page.wait_for_selector("#calculator-app[data-state=ready]", timeout=60_000)
    return page.evaluate("performance.getEntriesByName('calculator-ready')[0].startTime")


def measure_once(context: BrowserContext, url: str) -> dict[str, float]:
    transferred = []
    context.on("requestfinished", lambda r: transferred.append(sum(r.sizes().values())))
    page = context.new_page()
    page.add_init_script(LONG_TASKS)
    page.goto(url)
    cold = ready_ms(page)
    long_tasks = sum(page.evaluate("window.__longTasks"))
    bytes_cold = sum(transferred)
    for selector, action in REQUIRED.items():
        page.click(selector) if action == "click" else page.fill(selector, action)
    page.wait_for_selector(".result-rec")
    answer = [page.evaluate(ANSWER_TO_RESULT, f"#functional_impairment-{1 + i % 2}") for i in range(5)]
    page.reload()
    warm = ready_ms(page)
    return {
        "cold ready (ms)": cold,
        "warm ready (ms)": warm,
        "answer to result (ms)": statistics.median(answer),
        "bytes transferred, cold": bytes_cold,
        "long tasks during load (ms)": long_tasks,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=Path(__file__).resolve().parents[1] / "site")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    server, base = serve_in_thread(args.site)
    runs = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        for _ in range(args.runs):
            context = browser.new_context(viewport={"width": 768, "height": 1024}, service_workers="block")
            runs.append(measure_once(context, base + "calculator/"))
            context.close()
        version = browser.version
        browser.close()
    server.shutdown()
    print(f"Chromium {version}, {args.runs} runs, {os.cpu_count()} cores, site served on 127.0.0.1")
    print(f"| {'metric':<28} | {'median':>12} | {'min':>12} | {'max':>12} | {'target':>8} |")
    print(f"|{'-' * 30}|{'-' * 14}|{'-' * 14}|{'-' * 14}|{'-' * 10}|")
    for metric, target in TARGETS.items():
        values = [run[metric] for run in runs]
        target_text = f"<= {target}" if target else "-"
        print(
            f"| {metric:<28} | {statistics.median(values):>12,.1f} | {min(values):>12,.1f} | "
            f"{max(values):>12,.1f} | {target_text:>8} |"
        )


if __name__ == "__main__":
    main()
