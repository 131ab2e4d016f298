"""Exports benchmark: how long the EPUB, PDF and TEI files take to build, beside the site.

    python -m benchmarks.exports_bench              # the real edition and the fixture edition
    python -m benchmarks.exports_bench --corpora fixture

Each corpus is a scratch copy under /tmp/dpr-benchmarks (the repository's build/ and site/ are
never touched). Measured, once each (typesetting is long and the machine is shared; the load
average is reported with the figures):

- in one process, after the model is built: the EPUBs, the TEI files, the print documents
  (HTML), and the typesetting of every PDF one after the other (wall and CPU seconds per file,
  pages and bytes), then again in as many processes as the machine has CPUs;
- the command as ``make build`` runs it: the site alone (``--exports none``), with every export
  and an empty PDF cache, and again with the cache a first build left (nothing typeset again).

Results: benchmarks/results/exports.json and exports.md. Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from build_tools.editorial.edition import Edition, build_edition
from build_tools.exports import bundle, epub, pdf, tei
from build_tools.exports.book import source_book, whole_book
from build_tools.exports.marks import apparatus
from build_tools.inputs.files import read_inputs
from tests.editions import FIXTURE, make_root

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SCRATCH = Path(tempfile.gettempdir()) / "dpr-benchmarks"
SITE = "http://127.0.0.1:8000/"


def _timed(work: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _pages(data: bytes, scratch: Path) -> int:
    path = scratch / "measure.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def in_process(root: Path, scratch: Path) -> dict[str, Any]:
    """The exports of one edition, format by format, in this process."""
    inputs, _problems = read_inputs(root)
    built, wall, cpu = _timed(lambda: build_edition(inputs))
    edition: Edition = built[0]
    apps = {a.source.slug: apparatus(edition, a) for a in edition.sources}
    figures: dict[str, Any] = {"sources": len(edition.sources), "words": sum(len(p.block.text.split()) for a in edition.sources for p in a.passages)}
    figures["model"] = {"wall_s": wall, "cpu_s": cpu}
    books = [source_book(edition, a, apps[a.source.slug].linked, SITE, one_document=False) for a in edition.sources]
    epubs, wall, cpu = _timed(lambda: [epub.epub(edition, b, apps) for b in [*books, whole_book(edition, SITE, one_document=False)]])
    figures["epub"] = {"wall_s": wall, "cpu_s": cpu, "files": len(epubs), "bytes": sum(len(e) for e in epubs)}
    teis, wall, cpu = _timed(lambda: [tei.tei(edition, apps[b.key], b) for b in books])
    figures["tei"] = {"wall_s": wall, "cpu_s": cpu, "files": len(teis), "bytes": sum(len(t) for t in teis)}
    jobs, wall, cpu = _timed(lambda: bundle._print_jobs(edition, SITE, apps))
    figures["print_documents"] = {"wall_s": wall, "cpu_s": cpu, "documents": len({j.html for j in jobs})}
    typeset = []
    for job in jobs:
        data, wall, cpu = _timed(lambda job=job: pdf.typeset(job.html, job.size))
        typeset.append({"file": job.path, "wall_s": wall, "cpu_s": cpu, "pages": _pages(data, scratch), "bytes": len(data)})
        print(f"  {job.path}: {typeset[-1]['pages']} pages, {wall:.1f} s", flush=True)
    figures["pdf_each"] = typeset
    workers = os.cpu_count() or 1
    _made, wall, _cpu = _timed(lambda: bundle.typeset_all(jobs, {}, workers))
    figures["pdf_parallel"] = {"workers": workers, "wall_s": wall}
    return figures


def _command(args: list[str], root: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("DPR_SITE_URL", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
    return time.perf_counter() - started


def commands(root: Path) -> dict[str, float]:
    """``build`` as ``make build`` runs it: site only, every export with an empty cache, then warm."""
    shutil.rmtree(root / "build", ignore_errors=True)
    site_only = _command(["build", "--quiet", "--exports", "none"], root)
    shutil.rmtree(root / "build", ignore_errors=True)
    cold = _command(["build", "--quiet"], root)
    warm = _command(["build", "--quiet"], root)
    return {"site_only_s": site_only, "with_exports_cold_s": cold, "with_exports_cached_s": warm}


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "# Exports benchmark",
        "",
        f"Date: {results['date']}. Machine: {results['machine']}, {results['cpus']} CPUs. "
        f"Load average at start: {results['load_start']}; at the end: {results['load_end']}.",
        "",
        "Made by `python -m benchmarks.exports_bench` (see its docstring). Times in seconds, measured once; the machine is shared, so read "
        "them with the load average. *Site only* is `python -m build_tools build --exports none`; *with exports* is `make build` "
        "(`build`), from nothing, then again with the PDF cache the first run left.",
        "",
        "| Corpus | Sources | Words | Model | EPUBs | TEI | Print documents | PDFs one by one (wall) | PDFs in parallel (wall) | Pages | "
        "Site only | Build with exports, from nothing | Build with exports, cached |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, run in results["corpora"].items():
        each = run["pdf_each"]
        one_by_one = sum(e["wall_s"] for e in each)
        lines.append(
            f"| {label} | {run['sources']} | {run['words']:,} | {run['model']['wall_s']:.2f} | {run['epub']['wall_s']:.2f} ({run['epub']['files']} files) | "
            f"{run['tei']['wall_s']:.2f} ({run['tei']['files']}) | {run['print_documents']['wall_s']:.2f} | {one_by_one:.1f} ({len(each)} files) | "
            f"{run['pdf_parallel']['wall_s']:.1f} ({run['pdf_parallel']['workers']} processes) | {sum(e['pages'] for e in each)} | "
            f"{run['commands']['site_only_s']:.1f} | {run['commands']['with_exports_cold_s']:.1f} | {run['commands']['with_exports_cached_s']:.1f} |"
        )
    for label, run in results["corpora"].items():
        lines += ["", f"## {label}: each PDF", "", "| File | Pages | Bytes | Wall | CPU | Seconds a page |", "|---|---:|---:|---:|---:|---:|"]
        for e in run["pdf_each"]:
            lines.append(f"| {e['file']} | {e['pages']} | {e['bytes']:,} | {e['wall_s']:.1f} | {e['cpu_s']:.1f} | {e['wall_s'] / max(1, e['pages']):.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", default="real,fixture", help="real, fixture, or both (default)")
    args = parser.parse_args(argv)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.platform()} ({platform.machine()}), Python {platform.python_version()}",
        "cpus": os.cpu_count(),
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "corpora": {},
    }
    for label in args.corpora.split(","):
        root = make_root(SCRATCH / f"exports-{label}", data=ROOT if label == "real" else FIXTURE)
        print(f"{label}: in process", flush=True)
        figures = in_process(root, SCRATCH)
        print(f"{label}: commands", flush=True)
        figures["commands"] = commands(root)
        results["corpora"][label] = figures
    results["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "exports.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (RESULTS / "exports.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
