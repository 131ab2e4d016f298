"""First-load transfer and layout stability of each kind of page, measured in Chromium.

    python -m benchmarks.page_weight                  # the real edition (a copy), 3 cold loads each
    python -m benchmarks.page_weight --fixture        # the fixture edition
    python -m benchmarks.page_weight --repeat 5

For each page type it loads the site from a local server that compresses as GitHub Pages does
(``benchmarks.serving``), in a fresh browser profile (a first visit: empty cache, no service
worker yet), at a phone (375 px, touch) and a desktop (1280 px) viewport, and records:

- bytes transferred (gzip, as received) by kind: HTML, CSS, JavaScript, images, data, other; the
  number of requests; whether anything of search was fetched (it must not be, before search opens);
- cumulative layout shift (the largest session window of ``layout-shift`` entries without recent
  input), largest contentful paint and total blocking time, the median of the repeats.

Results go to benchmarks/results/page-weight.json and page-weight.md. A measurement, not a test:
the budgets (300 KiB, CLS 0.02) are asserted by tests/browser/test_performance_budget.py.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Request, sync_playwright

from tests.browser.pages import PAGE_TYPES, REAL_PAGE_TYPES
from tests.browser.support import CHROMIUM_ARGS, ROOT, chromium_executable

from .report import publish_section
from .serving import measured_site, serve_compressed

RESULTS = ROOT / "benchmarks" / "results"
KINDS = ("html", "css", "js", "image", "data", "other")
VIEWPORTS = {"phone": (375, 740, True), "desktop": (1280, 900, False)}

# Installed before any page script: collects paint, shift and long-task entries.
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
  let cls = 0, current = 0, start = -1, last = -1;
  for (const [t, v] of m.shifts) {
    if (start < 0 || t - last > 1000 || t - start > 5000) { current = 0; start = t; }
    current += v; last = t; cls = Math.max(cls, current);
  }
  const tbt = m.longtasks.reduce((sum, [t, d]) => sum + Math.max(0, t + d - Math.max(t, m.fcp) - 50), 0);
  return { lcp_ms: m.lcp, fcp_ms: m.fcp, cls, tbt_ms: tbt, elements: document.getElementsByTagName('*').length };
})()
"""


def kind_of(request: Request) -> str:
    path = urlsplit(request.url).path
    by_type = {"document": "html", "stylesheet": "css", "script": "js", "image": "image"}
    if request.resource_type in by_type:
        return by_type[request.resource_type]
    if path.endswith((".json", ".jsonld", ".xml")):
        return "data"
    return "other"


def load_once(browser: Browser, base_url: str, path: str, viewport: tuple[int, int, bool]) -> dict[str, Any]:
    """One cold load: transferred bytes by kind, requests, search fetched or not, the metrics."""
    width, height, touch = viewport
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height}, is_mobile=touch, has_touch=touch, service_workers="block")
    finished: list[Request] = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        page.goto(path, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(800)  # late paints and shifts
        metrics: dict[str, Any] = page.evaluate(COLLECT)
        sizes = dict.fromkeys(KINDS, 0)
        for request in finished:
            if request.url.startswith(("data:", "blob:")):
                continue
            s = request.sizes()
            sizes[kind_of(request)] += max(0, s["responseBodySize"]) + max(0, s["responseHeadersSize"])
        search = sorted(r.url for r in finished if "/search/" in r.url or "minisearch" in r.url)
    finally:
        context.close()
    return {"bytes": sizes, "total_bytes": sum(sizes.values()), "requests": len(finished), "search_fetched": search, **metrics}


def measure(browser: Browser, base_url: str, name: str, path: str, repeat: int) -> dict[str, Any]:
    row: dict[str, Any] = {"page": name, "path": path}
    for device, viewport in VIEWPORTS.items():
        runs = [load_once(browser, base_url, path, viewport) for _ in range(repeat)]
        first = runs[0]
        row[device] = {
            "bytes": first["bytes"],
            "total_bytes": first["total_bytes"],
            "requests": first["requests"],
            "search_fetched": first["search_fetched"],
            "elements": first["elements"],
            **{k: statistics.median(float(r[k]) for r in runs) for k in ("lcp_ms", "fcp_ms", "cls", "tbt_ms")},
            "cls_max": max(float(r["cls"]) for r in runs),
        }
    return row


def kib(n: float) -> str:
    return f"{n / 1024:.1f}"


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        "# First-load transfer and layout stability",
        "",
        f"Measured {result['date']} on {m['platform']} ({m['cpu_count']} CPUs), {m['browser']}, {result['settings']['edition']} edition, "
        f"median of {result['settings']['repeat']} cold loads (fresh profile, no service worker) from a local server that "
        "gzip-compresses text as GitHub Pages does. Sizes in KiB as transferred (compressed), phone viewport (375 px).",
        "",
        "| Page | HTML | CSS | JS | Images | Data | Total | Requests | Search fetched | Elements | CLS phone | CLS desktop | LCP phone (ms) | TBT phone (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in result["pages"]:
        p, d = row["phone"], row["desktop"]
        b = p["bytes"]
        lines.append(
            f"| {row['page']} | {kib(b['html'])} | {kib(b['css'])} | {kib(b['js'])} | {kib(b['image'])} | {kib(b['data'] + b['other'])} | "
            f"**{kib(p['total_bytes'])}** | {p['requests']} | {'yes' if p['search_fetched'] else 'no'} | {p['elements']} | "
            f"{p['cls_max']:.3f} | {d['cls_max']:.3f} | {p['lcp_ms']:.0f} | {p['tbt_ms']:.0f} |"
        )
    lines += [
        "",
        "CLS columns give the largest of the repeats. LCP and TBT are from a fast local machine without throttling; "
        "see the Lighthouse figures for a simulated phone.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="cold loads per page and viewport (median reported)")
    parser.add_argument("--fixture", action="store_true", help="measure the fixture edition instead of a copy of the real one")
    parser.add_argument("--site", type=Path, help="an already built site folder to measure (page types as --fixture says)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    site = args.site or measured_site(args.fixture)
    pages = PAGE_TYPES if args.fixture else REAL_PAGE_TYPES
    with serve_compressed(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        try:
            rows = []
            for name, path in pages.items():
                row = measure(browser, base_url, name, path, args.repeat)
                rows.append(row)
                p = row["phone"]
                cls = f"{p['cls_max']:.3f}/{row['desktop']['cls_max']:.3f}"
                print(f"{name:16} {kib(p['total_bytes']):>7} KiB  {p['requests']:3} requests  CLS {cls}  LCP {p['lcp_ms']:5.0f} ms")
            version = browser.version
        finally:
            browser.close()
    result = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {"platform": platform.platform(), "cpu_count": os.cpu_count(), "browser": f"Chromium {version}"},
        "settings": {"repeat": args.repeat, "edition": "fixture" if args.fixture else "real"},
        "pages": rows,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "page-weight.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "page-weight.md").write_text(markdown(result), encoding="utf-8")
    if args.out == RESULTS:
        publish_section("page-weight", markdown(result))
    print(f"wrote {args.out / 'page-weight.json'} and page-weight.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
