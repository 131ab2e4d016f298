"""Page weight and load metrics of each kind of page, measured in Chromium.

    python -m benchmarks.page_weight                  # every page type, 3 cold loads each
    python -m benchmarks.page_weight --repeat 5 --cpu-slowdown 4

For each page type it loads the built site (site/, rebuilt first if missing or older than its
inputs) from a local server on 127.0.0.1 in a fresh browser profile (a first visit: empty cache)
and records:

- bytes received by type: HTML, CSS, JavaScript, fonts, images, data (the search index) and the
  rest, and the number of requests the page makes (its own, its search worker's);
- separately, what the service worker fetches to keep the page for offline reading;
- largest contentful paint (PerformanceObserver ``largest-contentful-paint``), cumulative layout
  shift (``layout-shift`` entries without recent input, largest session window) and total blocking
  time (``longtask`` entries: of each, the part after first contentful paint beyond 50 ms); the
  median of the repeats.

Results go to benchmarks/results/page-weight.json and page-weight.md (with the date and the
machine). A measurement, not a test: nothing is asserted. Uses the system Chromium, like the
browser tests; no browser is downloaded and nothing is fetched from any other host.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Request, sync_playwright

from tests.browser.support import CHROMIUM_ARGS, build_site, chromium_executable, serve, site_is_stale

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

PAGE_TYPES = (
    ("home", "/"),
    ("sources index", "/sources/"),
    ("source", "/sources/callinicos-1977-soviet-power/"),
    ("glossary index", "/glossary/"),
    ("glossary entry", "/glossary/dual-power/"),
    ("cases table", "/cases/"),
    ("case", "/cases/russia-1917/"),
    ("about", "/about/"),
)


KINDS = ("html", "css", "js", "font", "image", "data", "other")

# Installed before any page script: collects the paint, shift and long-task entries.
OBSERVE = """
(() => {
  const m = (window.__dprMetrics = { lcp: 0, fcp: 0, shifts: [], longtasks: [] });
  const observe = (type, fn) => { try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch (e) {} };
  observe('largest-contentful-paint', (e) => { m.lcp = e.renderTime || e.loadTime || e.startTime; });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') m.fcp = e.startTime; });
  observe('layout-shift', (e) => { if (!e.hadRecentInput) m.shifts.push([e.startTime, e.value]); });
  observe('longtask', (e) => { m.longtasks.push([e.startTime, e.duration]); });
})();
"""

COLLECT = """
(() => {
  const m = window.__dprMetrics;
  // CLS: the largest session window (shifts less than 1 s apart, at most 5 s long).
  let cls = 0, current = 0, start = -1, last = -1;
  for (const [t, v] of m.shifts) {
    if (start < 0 || t - last > 1000 || t - start > 5000) { current = 0; start = t; }
    current += v; last = t; cls = Math.max(cls, current);
  }
  // TBT: of each long task, the part after first contentful paint, beyond 50 ms.
  const tbt = m.longtasks.reduce((sum, [t, d]) => sum + Math.max(0, t + d - Math.max(t, m.fcp) - 50), 0);
  const nav = performance.getEntriesByType('navigation')[0];
  return { lcp_ms: m.lcp, fcp_ms: m.fcp, cls, tbt_ms: tbt, long_tasks: m.longtasks.length,
           dom_content_loaded_ms: nav ? nav.domContentLoadedEventEnd : 0, load_ms: nav ? nav.loadEventEnd : 0 };
})()
"""


def kind_of(request: Request) -> str:
    path = urlsplit(request.url).path
    by_type = {"document": "html", "stylesheet": "css", "script": "js", "font": "font", "image": "image"}
    if request.resource_type in by_type:
        return by_type[request.resource_type]
    if path.endswith((".js", ".mjs")):
        return "js"
    if path.endswith(".css"):
        return "css"
    if path.endswith((".json", ".jsonld")):
        return "data"
    if path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "font"
    if path.endswith((".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico")):
        return "image"
    if path.endswith((".html", "/")):
        return "html"
    return "other"


def load_once(browser: Browser, base_url: str, path: str, cpu_slowdown: float) -> dict[str, Any]:
    """One cold load of one page: bytes by kind, requests, and the load metrics."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    finished: list[Request] = []
    foreign: list[str] = []
    context.on("requestfinished", lambda request: finished.append(request))
    context.on("request", lambda request: foreign.append(request.url) if urlsplit(request.url).hostname != "127.0.0.1" else None)
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        if cpu_slowdown > 1:
            session = context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        page.goto(path, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)  # let late paints and shifts arrive
        metrics: dict[str, Any] = page.evaluate(COLLECT)
        page_bytes = dict.fromkeys(KINDS, 0)
        worker_bytes = 0
        page_requests = worker_requests = 0
        for request in finished:
            if request.url.startswith(("data:", "blob:")):
                continue
            size = max(0, request.sizes()["responseBodySize"])  # -1: not known (answered from a cache)
            if request.service_worker is not None:
                worker_requests += 1
                worker_bytes += size
            else:
                page_requests += 1
                page_bytes[kind_of(request)] += size
    finally:
        context.close()
    return {
        "bytes": page_bytes,
        "total_bytes": sum(page_bytes.values()),
        "requests": page_requests,
        "offline_copy_requests": worker_requests,
        "offline_copy_bytes": worker_bytes,
        "foreign_requests": foreign,
        **metrics,
    }


def measure(browser: Browser, base_url: str, name: str, path: str, repeat: int, cpu_slowdown: float) -> dict[str, Any]:
    runs = [load_once(browser, base_url, path, cpu_slowdown) for _ in range(repeat)]
    first = runs[0]
    row: dict[str, Any] = {"page": name, "path": path, **{k: first[k] for k in ("bytes", "total_bytes", "requests")}}
    row["offline_copy_requests"] = first["offline_copy_requests"]
    row["offline_copy_bytes"] = first["offline_copy_bytes"]
    row["foreign_requests"] = sorted({url for run in runs for url in run["foreign_requests"]})
    for key in ("lcp_ms", "fcp_ms", "cls", "tbt_ms", "dom_content_loaded_ms", "load_ms", "long_tasks"):
        row[key] = statistics.median(float(run[key]) for run in runs)
    return row


def kib(n: float) -> str:
    return f"{n / 1024:.1f}"


def markdown(result: dict[str, Any]) -> str:
    machine = result["machine"]
    lines = [
        "# Page weight and load metrics",
        "",
        f"Measured {result['date']} on {machine['platform']} ({machine['cpu_count']} CPUs, load average "
        f"{machine['load_average_before'][0]} at the start), {machine['browser']}, "
        f"viewport {result['settings']['viewport']}, CPU slowdown {result['settings']['cpu_slowdown']}×, "
        f"median of {result['settings']['repeat']} cold loads from a local server (no network latency). "
        "Sizes in KiB as received (the local server does not compress; a web host's gzip or brotli "
        "makes HTML, CSS, JavaScript and the search index several times smaller).",
        "",
        "| Page | HTML | CSS | JS | Fonts | Search index | Other | Requests | LCP (ms) | CLS | TBT (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["pages"]:
        b = row["bytes"]
        lines.append(
            f"| {row['page']} | {kib(b['html'])} | {kib(b['css'])} | {kib(b['js'])} | {kib(b['font'])} | {kib(b['data'])} | "
            f"{kib(b['image'] + b['other'])} | {row['requests']} | {row['lcp_ms']:.0f} | {row['cls']:.3f} | {row['tbt_ms']:.0f} |"
        )
    offline = result["pages"][0]
    lines += [
        "",
        f"Fonts: none are downloaded (the pages use the reader's own fonts). The search index is fetched by the theme's "
        f"search worker on every first visit, whatever the page. The service worker then saves the page and its files for "
        f"offline reading ({offline['offline_copy_requests']} more requests on the home page, mostly answered from the "
        "browser's cache).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="cold loads per page (median reported)")
    parser.add_argument("--cpu-slowdown", type=float, default=1.0, help="Chromium CPU throttling rate (4 is a mid-range phone)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if site_is_stale(ROOT):
        build_site(ROOT)
    site = ROOT / "site"
    load_before = os.getloadavg()  # other work on the machine skews the timings (not the bytes)
    with serve(site) as (base_url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        try:
            rows = []
            for name, path in PAGE_TYPES:
                row = measure(browser, base_url, name, path, args.repeat, args.cpu_slowdown)
                rows.append(row)
                print(
                    f"{name:16} {kib(row['total_bytes']):>8} KiB  {row['requests']:3} requests  LCP {row['lcp_ms']:6.0f} ms  "
                    f"CLS {row['cls']:.3f}  TBT {row['tbt_ms']:4.0f} ms"
                )
            version = browser.version
        finally:
            browser.close()
    result = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "browser": f"Chromium {version}",
        },
        "settings": {"repeat": args.repeat, "cpu_slowdown": args.cpu_slowdown, "viewport": "1280×900"},
        "pages": rows,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "page-weight.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "page-weight.md").write_text(markdown(result), encoding="utf-8")
    print(f"wrote {args.out / 'page-weight.json'} and page-weight.md")
    foreign = sorted({url for row in rows for url in row["foreign_requests"]})
    if foreign:
        print(f"warning: requests to other hosts: {foreign}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
