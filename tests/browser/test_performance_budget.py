"""The first-load budgets of every kind of page: at most 300 KiB transferred (gzip-compressed, as
GitHub Pages serves the site), nothing of search fetched before search is opened, and a cumulative
layout shift of at most 0.02 at phone and desktop widths. Deterministic: sizes are computed from
the bytes the page loads, not timed. Fixture edition as behaviour; the real edition as content.
(The Lighthouse scores are measured, not asserted: benchmarks/lighthouse.py.)"""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from playwright.sync_api import Browser, Response

from .pages import PAGE_TYPES, REAL_PAGE_TYPES, VIEWPORTS, Viewport, new_context

pytestmark = pytest.mark.browser

BUDGET = 300 * 1024
MAX_CLS = 0.02

SHIFTS = """window.__shifts = [];
new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (!e.hadRecentInput) window.__shifts.push([e.startTime, e.value]); }))
  .observe({ type: 'layout-shift', buffered: true });"""

# the largest session window: shifts less than 1 s apart, at most 5 s long (as Lighthouse counts)
CLS = """(() => { let cls = 0, cur = 0, start = -1, last = -1;
  for (const [t, v] of window.__shifts) {
    if (start < 0 || t - last > 1000 || t - start > 5000) { cur = 0; start = t; }
    cur += v; last = t; cls = Math.max(cls, cur);
  }
  return cls; })()"""


def first_load(browser: Browser, base_url: str, path: str, viewport: Viewport) -> dict[str, Any]:
    """A first visit (fresh profile, no service worker): compressed bytes, what was fetched, CLS."""
    context = new_context(browser, base_url, viewport, service_workers="block")
    responses: list[Response] = []
    context.on("response", lambda r: responses.append(r))
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS)
        page.goto(path, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        cls = float(page.evaluate(CLS))
        total = 0
        urls = []
        for response in responses:
            if response.url.startswith(("data:", "blob:")) or response.status >= 300:
                continue
            urls.append(response.url)
            try:
                body = response.body()
            except Exception:  # a body the browser no longer holds: count what came over the wire
                total += max(0, response.request.sizes()["responseBodySize"])
                continue
            total += len(gzip.compress(body, compresslevel=6, mtime=0))
    finally:
        context.close()
    return {"bytes": total, "urls": urls, "cls": cls}


def check(browser: Browser, base_url: str, pages: dict[str, str]) -> None:
    problems = []
    for name, path in pages.items():
        for viewport in VIEWPORTS:
            load = first_load(browser, base_url, path, viewport)
            search = [u for u in load["urls"] if "/search/" in u or "minisearch" in u]
            if search:
                problems.append(f"{name} ({viewport.name}): fetched {search} before search was opened")
            if load["bytes"] > BUDGET:
                problems.append(f"{name} ({viewport.name}): {load['bytes'] / 1024:.0f} KiB on first load, over {BUDGET // 1024} KiB")
            if load["cls"] > MAX_CLS:
                problems.append(f"{name} ({viewport.name}): layout shift {load['cls']:.3f}, over {MAX_CLS}")
    assert not problems, "\n".join(problems)


def test_every_page_type_keeps_the_first_load_budgets(browser: Browser, base_url: str) -> None:
    check(browser, base_url, PAGE_TYPES)


@pytest.mark.content
def test_every_page_type_of_the_real_edition_keeps_the_first_load_budgets(browser: Browser, real_base_url: str) -> None:
    check(browser, real_base_url, REAL_PAGE_TYPES)
