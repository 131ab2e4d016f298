"""Lighthouse (npm ``lighthouse``, pinned in package-lock.json) on every kind of page: the mobile
performance score and its metrics, several runs each, median and range.

    python -m benchmarks.lighthouse                 # a copy of the real edition, 5 runs per page
    python -m benchmarks.lighthouse --fixture --runs 3
    python -m benchmarks.lighthouse --site DIR      # an already built site

Lighthouse drives Debian's Chromium (``CHROME_PATH``) with the browser tests' flags, headless and
without any background traffic, against a local server that gzip-compresses as GitHub Pages does
(``benchmarks.serving``). Its default mobile settings: a mid-range phone, simulated slow 4G and a
4x slower CPU. This machine is shared and noisy, so each page is run several times and the median
and range are reported. Results: benchmarks/results/lighthouse.json and lighthouse.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from tests.browser.pages import PAGE_TYPES, REAL_PAGE_TYPES
from tests.browser.support import CHROMIUM_ARGS, ROOT, chromium_executable

from .report import publish_section
from .serving import measured_site, serve_compressed

RESULTS = ROOT / "benchmarks" / "results"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
METRICS = {
    "first-contentful-paint": "FCP (ms)",
    "largest-contentful-paint": "LCP (ms)",
    "total-blocking-time": "TBT (ms)",
    "cumulative-layout-shift": "CLS",
    "speed-index": "Speed index (ms)",
}


def run_once(url: str) -> dict[str, Any]:
    """One Lighthouse run: the performance score (0-100) and the metrics."""
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci`")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ]
        env = dict(os.environ, CHROME_PATH=chromium_executable())
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
        if done.returncode or not report.is_file():
            raise RuntimeError(f"lighthouse failed ({done.returncode}): {done.stderr[-1500:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    result: dict[str, Any] = {"score": round(100 * float(data["categories"]["performance"]["score"] or 0))}
    for key in METRICS:
        result[key] = float(data["audits"][key]["numericValue"])
    result["warnings"] = data.get("runWarnings", [])
    return result


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("score", *METRICS):
        values = [float(r[key]) for r in runs]
        out[key] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    out["warnings"] = sorted({w for r in runs for w in r["warnings"]})
    return out


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "# Lighthouse, mobile",
        "",
        f"Measured {result['date']} with Lighthouse {result['lighthouse']} and {result['browser']} on {result['cpu_count']} shared CPUs "
        f"(load average {result['load_average'][0]} at the start), {result['edition']} edition, {result['runs']} runs per page; "
        "default mobile settings (simulated slow 4G, 4x CPU slowdown), gzip as GitHub Pages serves it. Median, with the range in brackets.",
        "",
        "| Page | Performance | " + " | ".join(METRICS.values()) + " |",
        "|---|---:|" + "---:|" * len(METRICS),
    ]
    for name, s in result["pages"].items():
        cells = [f"**{s['score']['median']:.0f}** ({s['score']['min']:.0f}–{s['score']['max']:.0f})"]
        for key in METRICS:
            m = s[key]
            fmt = "{:.3f}" if key == "cumulative-layout-shift" else "{:.0f}"
            cells.append(f"{fmt.format(m['median'])} ({fmt.format(m['min'])}–{fmt.format(m['max'])})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fixture", action="store_true", help="the fixture edition instead of a copy of the real one")
    parser.add_argument("--site", type=Path, help="an already built site folder (page types as --fixture says)")
    parser.add_argument("--pages", nargs="*", help="only these page types")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    site = args.site or measured_site(args.fixture)
    pages = PAGE_TYPES if args.fixture else REAL_PAGE_TYPES
    if args.pages:
        pages = {k: v for k, v in pages.items() if k in args.pages}
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False).stdout.strip()
    browser = subprocess.run([chromium_executable(), "--version"], capture_output=True, text=True, check=False).stdout.strip()
    load = os.getloadavg()
    results: dict[str, Any] = {}
    with serve_compressed(site) as base_url:
        for name, path in pages.items():
            runs = [run_once(base_url + path) for _ in range(args.runs)]
            results[name] = summary(runs)
            s = results[name]["score"]
            print(f"{name:16} performance {s['median']:.0f} ({s['min']:.0f}–{s['max']:.0f})")
    result = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "lighthouse": version,
        "browser": browser,
        "cpu_count": os.cpu_count(),
        "load_average": [round(x, 2) for x in load],
        "edition": "fixture" if args.fixture else "real",
        "runs": args.runs,
        "pages": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "lighthouse.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "lighthouse.md").write_text(markdown(result), encoding="utf-8")
    if args.out == RESULTS:
        publish_section("lighthouse", markdown(result))
    print(f"wrote {args.out / 'lighthouse.json'} and lighthouse.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
