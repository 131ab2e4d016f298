"""Build benchmark: generation (build_tools) and MkDocs, for the real sources and synthetic corpora.

    python -m benchmarks.build_bench                      # real, 50 and 500 sources
    python -m benchmarks.build_bench --sizes real,50      # a quicker run
    python -m benchmarks.build_bench --sizes 500 --nav both

For each size, in a scratch copy under /tmp (the repository's own build/ and site/ are never
touched), it measures:

- generation in-process: ``generate.generate(...)`` in a fresh interpreter, after the imports
  (best of ``--repeat`` fresh processes; wall and CPU time, peak RSS, tracemalloc peak);
- generation by the command line: ``python -m build_tools build`` into an empty build/docs
  (interpreter start, imports, reading, generating and writing);
- an incremental rebuild: one annotation file edited, the command line run again (files rewritten);
- ``mkdocs build`` (strict, as configured): wall and CPU time, peak RSS of the child process;
- the site: size, pages, search index size; with ``--nav both`` also a variant configuration that
  lists every page in the navigation (Material renders the whole navigation into every page).

Results go to benchmarks/results/build.json and build.md. Speed is reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from build_tools.inputs import FOLDERS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SCRATCH = Path("/tmp/dpr-bench")
REAL_PARTS = (*FOLDERS, "docs", "overrides", "schemas", "mkdocs.yml")  # inputs, hand-written pages, theme, config
BIN = Path(sys.executable).parent


# ---------------------------------------------------------------------------------------------
# measurements that run in a child interpreter (fresh caches, own peak memory)


MODES = ("cold", "warm", "edit")


def edited_annotation(original: bytes) -> bytes:
    """The first note's body of an annotation file with a few words put in front."""
    edited = re.sub(rb"(\n    body: \|\n      )", rb"\1Edited for the incremental benchmark. ", original, count=1)
    if edited == original:
        edited = re.sub(rb"(\n  body: \|\n    )", rb"\1Edited for the incremental benchmark. ", original, count=1)
    return edited


def _own_peak_mb() -> float:
    """This process's peak resident size since it started (``VmHWM``; ``ru_maxrss`` would include its parent's)."""
    status = Path("/proc/self/status")
    if status.is_file():
        match = re.search(r"^VmHWM:\s*(\d+) kB", status.read_text(encoding="utf-8"), re.M)
        if match:
            return int(match.group(1)) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_generate(root: Path, trace: bool, mode: str = "cold") -> dict[str, Any]:
    """Time one ``generate.generate`` in this (fresh) process; report JSON-ready figures.

    ``cold``: with an empty memo (a build from nothing). ``warm``: with the memo stored under
    ``root`` by an earlier build, nothing changed. ``edit``: the same, after one annotation file
    changed. The time of ``warm`` and ``edit`` includes reading and verifying the stored memo.
    """
    started = time.perf_counter()
    from build_tools import build, generate
    from build_tools.inputs import Inputs, read_code, read_docs, read_inputs
    from build_tools.memo import Memo, code_fingerprint

    imported = time.perf_counter()
    wall, cpu = time.perf_counter(), time.process_time()
    inputs, problems = read_inputs(root)
    docs = read_docs(root)
    read_wall = time.perf_counter() - wall
    if mode == "edit":
        path = sorted(p for p in inputs.files if p.startswith("annotations/"))[0]
        inputs = Inputs({**inputs.files, path: edited_annotation(inputs.files[path])})
    if trace:
        import tracemalloc

        tracemalloc.start()
    wall, cpu = time.perf_counter(), time.process_time()
    memo = Memo(salt=code_fingerprint(read_code())) if mode == "cold" else build.open_memo(root)[0]
    result = generate.generate(inputs, docs, generate.Settings(), memo)
    figures: dict[str, Any] = {
        "mode": mode,
        "import_s": imported - started,
        "read_s": read_wall,
        "generate_wall_s": time.perf_counter() - wall,
        "generate_cpu_s": time.process_time() - cpu,
        "memo": memo.summary(),
        "files": len(result.files),
        "errors": sum(1 for d in (*problems, *result.diagnostics) if d.severity == "error"),
        "maxrss_mb": _own_peak_mb(),
    }
    if trace:
        import tracemalloc

        figures["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return figures


def _in_child(root: Path, trace: bool = False, mode: str = "cold") -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.build_bench", "--child-generate", str(root), "--mode", mode] + (["--trace"] if trace else [])
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------------------------------------
# child processes measured from here


def _run_measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``command`` by way of ``benchmarks.launch``: wall time, the command's CPU seconds and peak RSS (MB)."""
    with tempfile.TemporaryDirectory(prefix="dpr-bench-") as scratch:
        report = Path(scratch) / "usage.json"
        launcher = [sys.executable, str(ROOT / "benchmarks" / "launch.py"), str(report), *command]
        started = time.perf_counter()
        done = subprocess.run(launcher, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        wall = time.perf_counter() - started
        usage = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {"cpu_s": 0.0, "maxrss_mb": 0.0}
    return {
        "wall_s": wall,
        "cpu_s": usage["cpu_s"],
        "maxrss_mb": usage["maxrss_mb"],
        "returncode": done.returncode,
        "output": done.stdout.decode("utf-8", "replace")[-3000:],
    }


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("DPR_SITE_URL", None)
    return env


def cli_build(root: Path, fresh: bool = True) -> dict[str, Any]:
    """``python -m build_tools build``: from nothing (build/ removed, memo and all) or warm."""
    if fresh:
        shutil.rmtree(root / "build", ignore_errors=True)
    done = _run_measured([sys.executable, "-m", "build_tools", "--root", str(root), "build", "--quiet"], ROOT, _env())
    if done["returncode"]:
        raise SystemExit(f"build failed in {root}:\n{done['output']}")
    return {k: done[k] for k in ("wall_s", "cpu_s", "maxrss_mb")}


def incremental(root: Path) -> dict[str, Any]:
    """Edit one annotation body, rebuild with the command line, report what was rewritten; restore."""
    path = sorted((root / "annotations").glob("*.yml"))[0]
    original = path.read_bytes()
    docs = root / "build" / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    edited = edited_annotation(original)
    try:
        path.write_bytes(edited)
        done = _run_measured([sys.executable, "-m", "build_tools", "--root", str(root), "build", "--quiet"], ROOT, _env())
        changed = sorted(p.relative_to(docs).as_posix() for p, m in before.items() if p.stat().st_mtime_ns != m)
    finally:
        path.write_bytes(original)
    restore = _run_measured([sys.executable, "-m", "build_tools", "--root", str(root), "build", "--quiet"], ROOT, _env())
    return {
        "edited": f"annotations/{path.name}",
        "wall_s": done["wall_s"],
        "cpu_s": done["cpu_s"],
        "rewritten": changed,
        "untouched": len(before) - len(changed),
        "restored": restore["returncode"] == 0,
    }


def mkdocs_build(root: Path, config: str = "mkdocs.yml", site_dir: str = "site") -> dict[str, Any]:
    shutil.rmtree(root / site_dir, ignore_errors=True)
    command = [str(BIN / "mkdocs"), "build", "--quiet", "-f", config, "--site-dir", site_dir]
    done = _run_measured(command, root, _env())
    figures = {k: done[k] for k in ("wall_s", "cpu_s", "maxrss_mb", "returncode")}
    if done["returncode"]:
        figures["output"] = done["output"]
    figures.update(site_stats(root / site_dir))
    return figures


def site_stats(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()] if site.is_dir() else []
    index = site / "search" / "search_index.json"
    pages = [p for p in files if p.suffix == ".html"]
    return {
        "site_mb": sum(p.stat().st_size for p in files) / 2**20,
        "pages": len(pages),
        "html_mb": sum(p.stat().st_size for p in pages) / 2**20,
        "search_index_mb": index.stat().st_size / 2**20 if index.is_file() else 0.0,
    }


def full_nav_config(root: Path) -> str:
    """Write mkdocs-fullnav.yml: the same configuration with every generated page in the nav."""
    docs = root / "build" / "docs"
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")

    def section(folder: str) -> list[str]:
        pages = sorted(p.relative_to(docs).as_posix() for p in (docs / folder).glob("*.md") if p.name != "index.md")
        return [f"      - {folder}/index.md"] + [f"      - {page}" for page in pages]

    match = re.search(r"^nav:\n((?:[ \t]+.*\n|\n)*)", text, re.M)
    if match is None:
        raise SystemExit("mkdocs.yml has no nav: block")
    kept = [line for line in match.group(1).splitlines() if line.strip()]
    nav = ["nav:"]
    replaced = {"Sources": "sources", "Glossary": "glossary", "Comparative cases": "cases"}
    for line in kept:
        title = line.strip().removeprefix("- ").split(":", 1)[0]
        if line.startswith("  - ") and title in replaced:
            nav.append(f"  - {title}:")
            nav.extend(section(replaced[title]))
        else:
            nav.append(line)
    variant = text[: match.start()] + "\n".join(nav) + "\n\n" + text[match.end() :]
    (root / "mkdocs-fullnav.yml").write_text(variant, encoding="utf-8")
    return "mkdocs-fullnav.yml"


# ---------------------------------------------------------------------------------------------
# corpora


def real_copy() -> Path:
    """A scratch copy of the repository's inputs (the real build/ and site/ stay as they are)."""
    target = SCRATCH / "real"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in REAL_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def synthetic(n: int, fresh: bool) -> Path:
    from benchmarks import synthetic as syn

    target = SCRATCH / f"synthetic-{n}"
    stamp = f"n={n} seed=1917 version={syn.VERSION}\n"
    marker = target / syn.MARK
    if not fresh and marker.is_file() and marker.read_text(encoding="utf-8").endswith(stamp):
        for name in syn.COPIED:  # hand-written parts may have changed since: refresh them
            source, dest = ROOT / name, target / name
            if source.is_dir():
                shutil.rmtree(dest, ignore_errors=True)
                shutil.copytree(source, dest)
            else:
                shutil.copy2(source, dest)
        return target
    started = time.perf_counter()
    stats = syn.make_corpus(target, n)
    marker.write_text(marker.read_text(encoding="utf-8") + stamp, encoding="utf-8")
    took = time.perf_counter() - started
    print(f"  corpus: {stats.sources} sources, {stats.passages} passages, {stats.words} words, {stats.annotations} annotations ({took:.0f}s)")
    return target


def count_sources(root: Path) -> int:
    return len(list((root / "seeds").glob("*.txt")))


def words(root: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in (root / "seeds").glob("*.txt"))


# ---------------------------------------------------------------------------------------------
# report


def machine() -> dict[str, Any]:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "processor": platform.machine(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "memory": memory,
    }


def _f(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}"


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        "# Build benchmark",
        "",
        f"Date: {report['date']}. Machine: {m['platform']} ({m['processor']}), Python {m['python']}, "
        f"{m['cpus']} CPUs, {m['memory']} memory. Load average at start: {report['load']}.",
        "",
        "Generation is `generate.generate(...)` in a fresh interpreter after the imports (best of "
        f"{report['repeat']} processes, the sizes taking turns; medians in build.json): *cold* with an empty memo "
        "(a build from nothing), *warm* with the memo an earlier build stored and nothing changed, *one edit* "
        "after one annotation file changed; warm and one-edit times include reading and verifying the stored memo. "
        "The command line adds interpreter start, imports and writing build/docs (and the memo). "
        "MkDocs is `mkdocs build --strict` with the configured (pruned) navigation. Times in seconds; "
        "CPU is user + system time of the process.",
        "",
        "| Corpus | Sources | Words | Pages | Cold CPU | per source | Warm CPU | One edit CPU | CLI cold wall | CLI warm wall | "
        "MkDocs wall | MkDocs CPU | per source (MkDocs) | Cold / MkDocs | Warm / MkDocs | One edit / MkDocs | Peak RSS generate | "
        "tracemalloc peak | Peak RSS MkDocs | Site | Search index |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in report["runs"]:
        g, c, k = run["generate"], run["cli"], run["mkdocs"]
        n = run["sources"]
        warm, edit = g["warm"]["generate_cpu_s"], g["edit"]["generate_cpu_s"]
        lines.append(
            f"| {run['label']} | {n} | {run['words']:,} | {k['pages']} | {_f(g['generate_cpu_s'])} | "
            f"{_f(g['generate_cpu_s'] / n, 3)} | {_f(warm, 3)} | {_f(edit, 3)} | {_f(c['wall_s'])} | {_f(c['warm']['wall_s'])} | "
            f"{_f(k['wall_s'], 1)} | {_f(k['cpu_s'], 1)} | {_f(k['cpu_s'] / n, 3)} | {_f(g['generate_cpu_s'] / k['cpu_s'] * 100, 1)} % | "
            f"{_f(warm / k['cpu_s'] * 100, 1)} % | {_f(edit / k['cpu_s'] * 100, 1)} % | {_f(g['maxrss_mb'], 0)} MB | "
            f"{_f(g.get('tracemalloc_peak_mb', 0), 0)} MB | {_f(k['maxrss_mb'], 0)} MB | {_f(k['site_mb'], 1)} MB | "
            f"{_f(k['search_index_mb'], 1)} MB |"
        )
    checks = report.get("checks", {})
    if checks:
        lines += ["", "## Growth", ""]
        for key, value in checks.items():
            lines.append(f"- {key}: {value}")
    navs = [run for run in report["runs"] if "mkdocs_full_nav" in run]
    if navs:
        lines += [
            "",
            "## Navigation: pruned (section pages only) against every page listed",
            "",
            "| Corpus | Pages | Pruned: MkDocs wall | CPU | Site | Full nav: MkDocs wall | CPU | Site |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for run in navs:
            k, f = run["mkdocs"], run["mkdocs_full_nav"]
            lines.append(
                f"| {run['label']} | {k['pages']} | {_f(k['wall_s'], 1)} | {_f(k['cpu_s'], 1)} | {_f(k['site_mb'], 1)} MB | "
                f"{_f(f['wall_s'], 1)} | {_f(f['cpu_s'], 1)} | {_f(f['site_mb'], 1)} MB |"
            )
    incs = [run for run in report["runs"] if "incremental" in run]
    if incs:
        lines += ["", "## Incremental rebuild (one annotation file edited, command line)", ""]
        lines += ["| Corpus | Wall | Files rewritten | Untouched |", "|---|---:|---|---:|"]
        for run in incs:
            inc = run["incremental"]
            lines.append(f"| {run['label']} | {_f(inc['wall_s'])} | {', '.join(inc['rewritten'])} | {inc['untouched']} |")
    return "\n".join(lines) + "\n"


def growth_checks(runs: list[dict[str, Any]]) -> dict[str, str]:
    checks: dict[str, str] = {}
    synthetic_runs = sorted((r for r in runs if r["label"].startswith("synthetic")), key=lambda r: r["sources"])
    if len(synthetic_runs) >= 2:
        small, large = synthetic_runs[0], synthetic_runs[-1]
        for key, name in (("generate_cpu_s", "best CPU"), ("generate_cpu_median_s", "median CPU"), ("generate_wall_s", "best wall")):
            a = small["generate"][key] / small["sources"]
            b = large["generate"][key] / large["sources"]
            checks[f"per-source generation ({name}) at {large['sources']} / at {small['sources']}"] = f"{b / a:.2f}x (target at most 1.2x)"
        a = small["mkdocs"]["cpu_s"] / small["sources"]
        b = large["mkdocs"]["cpu_s"] / large["sources"]
        checks[f"per-source MkDocs CPU at {large['sources']} / at {small['sources']}"] = f"{b / a:.2f}x"
    for run in runs:
        for mode, what in (("cold", "from nothing"), ("warm", "memo stored, nothing changed"), ("edit", "memo stored, one annotation edited")):
            figures = run["generate"] if mode == "cold" else run["generate"][mode]
            share = figures["generate_cpu_s"] / run["mkdocs"]["cpu_s"]
            wall = figures["generate_wall_s"] / run["mkdocs"]["wall_s"]
            checks[f"{run['label']}: generation ({what}) / MkDocs"] = f"{share * 100:.1f} % CPU, {wall * 100:.1f} % wall (target under 10 %)"
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="real,50,500", help="comma-separated: 'real' and/or numbers of synthetic sources")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per size timing generation (the best is kept)")
    parser.add_argument("--nav", choices=("pruned", "both"), default="both", help="'both' also builds a full-navigation variant (at the largest size)")
    parser.add_argument("--fresh", action="store_true", help="regenerate synthetic corpora even if cached in /tmp/dpr-bench")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child-generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=MODES, default="cold", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_generate:
        print(json.dumps(child_generate(args.child_generate, args.trace, args.mode)))
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    numeric = [int(s) for s in sizes if s != "real"]
    largest = max(numeric, default=0)
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "repeat": args.repeat,
        "runs": [],
    }
    roots: dict[str, Path] = {}
    for size in sizes:
        label = "real" if size == "real" else f"synthetic-{size}"
        print(f"corpus {label}", flush=True)
        roots[label] = real_copy() if size == "real" else synthetic(int(size), args.fresh)
    # Generation is timed in fresh processes, the sizes taking turns, so that every size samples
    # the same stretch of time: on a shared machine the load changes from minute to minute.
    samples: dict[str, list[dict[str, Any]]] = {label: [] for label in roots}
    for turn in range(args.repeat):
        for label, root in roots.items():
            samples[label].append(_in_child(root))
            print(f"  generate {label} ({turn + 1}/{args.repeat}): {samples[label][-1]['generate_cpu_s']:.2f}s CPU", flush=True)
    for size, (label, root) in zip(sizes, roots.items(), strict=True):
        print(f"{label}:", flush=True)
        n = count_sources(root)
        timings = samples[label]
        best = dict(min(timings, key=lambda t: t["generate_cpu_s"]))
        best["generate_wall_s"] = min(t["generate_wall_s"] for t in timings)
        best["generate_cpu_s"] = min(t["generate_cpu_s"] for t in timings)
        best["generate_cpu_median_s"] = statistics.median(t["generate_cpu_s"] for t in timings)
        best["samples_cpu_s"] = [t["generate_cpu_s"] for t in timings]
        if best["errors"]:
            raise SystemExit(f"{label}: {best['errors']} error(s) in generation")
        if not args.no_trace:
            best["tracemalloc_peak_mb"] = _in_child(root, trace=True)["tracemalloc_peak_mb"]
        print(f"  generate: {best['generate_wall_s']:.2f}s wall, {best['generate_cpu_s']:.2f}s CPU, {best['maxrss_mb']:.0f} MB", flush=True)
        cli = cli_build(root)
        print(f"  CLI build: {cli['wall_s']:.2f}s", flush=True)
        for mode in ("warm", "edit"):
            timings = [_in_child(root, mode=mode) for _ in range(args.repeat)]
            best_warm = dict(min(timings, key=lambda t: t["generate_cpu_s"]))
            best_warm["generate_wall_s"] = min(t["generate_wall_s"] for t in timings)
            best_warm["generate_cpu_median_s"] = statistics.median(t["generate_cpu_s"] for t in timings)
            best[mode] = best_warm
            print(f"  generate ({mode} memo): {best_warm['generate_cpu_s']:.3f}s CPU ({best_warm['memo']})", flush=True)
        cli["warm"] = cli_build(root, fresh=False)
        print(f"  CLI build, warm: {cli['warm']['wall_s']:.2f}s", flush=True)
        mk = mkdocs_build(root)
        if mk["returncode"]:
            raise SystemExit(f"{label}: mkdocs build failed:\n{mk.get('output', '')}")
        print(f"  mkdocs: {mk['wall_s']:.1f}s wall, {mk['cpu_s']:.1f}s CPU, {mk['pages']} pages, {mk['site_mb']:.1f} MB", flush=True)
        run: dict[str, Any] = {"label": label, "sources": n, "words": words(root), "generate": best, "cli": cli, "mkdocs": mk}
        run["incremental"] = incremental(root)
        print(f"  incremental: {run['incremental']['wall_s']:.2f}s, rewrote {run['incremental']['rewritten']}", flush=True)
        if args.nav == "both" and size != "real" and int(size) == largest:
            config = full_nav_config(root)
            full = mkdocs_build(root, config, "site-fullnav")
            print(f"  mkdocs (full nav): {full['wall_s']:.1f}s wall, {full['cpu_s']:.1f}s CPU, {full['site_mb']:.1f} MB", flush=True)
            run["mkdocs_full_nav"] = full
        report["runs"].append(run)
    report["checks"] = growth_checks(report["runs"])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "build.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (args.out / "build.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
