"""What a user of the incidents explorer waits for, in headless Chromium: an output folder's
output/incidents.html opened from disk (file://), several times, each in a fresh page.

Per run: the time from navigation until the first rows are drawn (the frame after they enter
the table), until every row is loaded (the table no longer `aria-busy`; the same time as the
first rows for a page that loads its rows at once), the main thread's busy time (Chromium's
TaskDuration) and the JS heap once every row is loaded (after a garbage collection); then, on
the loaded page, how long a filter takes to answer: a country chosen, a text typed (the first
text filter and a second one), and a sort by the killed column; then the heap again (the text
filter's lower-case copy of the rows, made on its first use, held). Prints each run and the
median, then one JSON line.

Usage: python -m benchmarks.explorer_browser OUTPUT_DIR [--runs 3] [--timeout 120]
"""

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

WATCH = """
window.__explorer = {};
new MutationObserver(function (changes, observer) {
  var row = document.querySelector("#incidents tbody tr");
  if (!row) { return; }
  observer.disconnect();
  window.__explorer.rows_dom = performance.now();
  requestAnimationFrame(function () { window.__explorer.rows = performance.now(); });
}).observe(document, { childList: true, subtree: true });
"""

LOADED = """() => window.__explorer.rows !== undefined &&
  !document.querySelector("#incidents[aria-busy=true]") &&
  (window.__explorer.loaded = window.__explorer.loaded || performance.now())"""

FILTERS = """() => {
  function timed(act) {
    var t0 = performance.now();
    act();
    return performance.now() - t0;
  }
  function set(id, value, type) {
    var el = document.getElementById(id);
    el.value = value;
    el.dispatchEvent(new Event(type, { bubbles: true }));
  }
  var country = document.querySelector("#f-country option:nth-child(2)").value;
  var out = {};
  out.country = timed(function () { set("f-country", country, "change"); });
  out.country_shown = document.querySelector("#incident-count [data-shown]").textContent;
  set("f-country", "", "change");
  out.text_first = timed(function () { set("f-text", "police", "input"); });
  out.text_shown = document.querySelector("#incident-count [data-shown]").textContent;
  out.text_second = timed(function () { set("f-text", "polic", "input"); });
  set("f-text", "", "input");
  out.sort_killed = timed(function () {
    document.querySelector("th[data-key=killed_min] button.sort").click();
  });
  return out;
}"""


def measure(browser: Any, url: str, timeout: float) -> dict[str, float | str]:
    """One run in a fresh page."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.add_init_script(WATCH)
    page.goto(url, wait_until="commit")
    page.wait_for_function(LOADED, timeout=timeout * 1000, polling=20)
    marks = page.evaluate("window.__explorer")
    cdp.send("HeapProfiler.collectGarbage")
    heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    answers = page.evaluate(FILTERS)
    cdp.send("HeapProfiler.collectGarbage")
    searched = cdp.send("Runtime.getHeapUsage")["usedSize"]
    page.close()
    return {
        "first_rows_ms": round(marks["rows"]),
        "all_loaded_ms": round(marks["loaded"]),
        "main_thread_busy_ms": round(metrics["TaskDuration"] * 1000),
        "heap_mb": round(heap / 1e6, 1),
        "heap_after_filters_mb": round(searched / 1e6, 1),
        **{f"{k}_ms": round(v, 1) for k, v in answers.items() if not k.endswith("_shown")},
        "country_shown": answers["country_shown"],
        "text_shown": answers["text_shown"],
    }


def main() -> None:
    """Open the explorer several times and print what each run measured."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    page = (args.output / "incidents.html").resolve()
    data = sorted((args.output / "data").glob("incidents*.js"))
    size = sum(p.stat().st_size for p in data)
    print(f"{page}: {len(data)} script(s), {size / 1e6:.1f} MB")
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in range(args.runs):
            run = measure(browser, page.as_uri(), args.timeout)
            print(f"  run {n + 1}: {run}")
            runs.append(run)
        browser.close()
    median = {
        k: statistics.median(float(r[k]) for r in runs) for k in runs[0] if not k.endswith("_shown")
    }
    print(f"  median: {median}")
    print(json.dumps({"scripts": len(data), "mb": round(size / 1e6, 2), "median": median}))


if __name__ == "__main__":
    main()
