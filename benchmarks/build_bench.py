"""Build benchmark: ``python -m build_tools build`` on the real edition and on synthetic ones.

    python -m benchmarks.build_bench                        # the real edition and 50 sources
    python -m benchmarks.build_bench --sizes real,50,500    # also 500 sources (a long run)
    python -m benchmarks.build_bench --old /work/bench-old  # also the code of an older commit

Each corpus is a scratch copy under /tmp/dpr-benchmarks (the repository's build/ and site/ are
never touched): the real edition (``tests.editions.make_root(path, data=ROOT)``) and synthetic
editions (``benchmarks/synthetic.py``). For each it measures, in fresh processes, the sizes taking
turns (the machine is shared: its load changes from minute to minute):

- the build of the site from nothing (without the download files, ``--exports none``: EPUB, PDF
  and TEI are measured by ``benchmarks/exports_bench.py``), stage by stage as ``cli.cmd_build``
  runs them (``benchmarks/stages.py``):
  reading the inputs, building the model (``build_edition``), rendering the pages, writing
  build/docs, MkDocs, the site checks, publishing to site/; wall and CPU seconds of each, and the
  generating process's own peak memory;
- the command as a contributor runs it, ``python -m build_tools build --exports none``, from nothing and after one
  annotation edit: wall and CPU seconds (MkDocs included) and the peak memory of its processes;
- with ``--old DIR`` (a ``git worktree`` of an earlier commit), that commit's generation with its
  persistent memo: from nothing, with the memo and nothing changed, with the memo after one edit;
  its command line from nothing and after one edit; and its ``mkdocs build``.

Results: benchmarks/results/build.json and build.md. Figures are reported, never asserted.
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

from benchmarks import report, synthetic
from benchmarks.stages import VARIANTS
from tests.editions import DATA, SITE_FILES, make_root

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SCRATCH = Path(tempfile.gettempdir()) / "dpr-benchmarks"
OLD_PARTS = ("seeds", "annotations", "glossary", "cases", "anchors", "reference", "docs", "overrides", "schemas", "mkdocs.yml")


def env(**extra: str) -> dict[str, str]:
    """The environment of a measured command: no site address override, the corpus's fixed date."""
    out = dict(os.environ, NO_MKDOCS_2_WARNING="1", DPR_TODAY=synthetic.TODAY, **extra)
    out.pop("DPR_SITE_URL", None)
    return out


def measured(command: list[str], cwd: Path, environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``command`` by way of ``benchmarks/launch.py``: wall seconds, CPU seconds of it and its
    children, the peak resident size of the largest of them (MB), exit code and output's tail."""
    with tempfile.TemporaryDirectory(prefix="dpr-bench-") as scratch:
        usage_file = Path(scratch) / "usage.json"
        launcher = [sys.executable, str(ROOT / "benchmarks" / "launch.py"), str(usage_file), *command]
        started = time.perf_counter()
        done = subprocess.run(launcher, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environ or env())
        wall = time.perf_counter() - started
        usage = json.loads(usage_file.read_text(encoding="utf-8")) if usage_file.is_file() else {"cpu_s": 0.0, "maxrss_mb": 0.0}
    return {
        "wall_s": wall,
        "cpu_s": usage["cpu_s"],
        "maxrss_mb": usage["maxrss_mb"],
        "returncode": done.returncode,
        "output": done.stdout.decode("utf-8", "replace")[-3000:],
    }


def edited(original: bytes, word: bytes = b"Edited") -> bytes:
    """An annotation file with a word put in front of its first note's body."""
    for pattern in (rb"(\n +body: \|[-+]?\n +)", rb"(\n +body: )(?=[^|>\"'\s])"):
        out = re.sub(pattern, rb"\1" + word + b" ", original, count=1)
        if out != original:
            return out
    raise SystemExit("no note body to edit")  # the benchmark's own assumption about the corpus


def first_annotation(root: Path) -> Path:
    return sorted((root / "annotations").glob("*.yml"))[0]


# ---------------------------------------------------------------------------------------------
# corpora


def checkout(worktree: bool = False) -> Path:
    """Where the real data and the site files come from: this checkout's working tree, or (by
    default) a snapshot of its last commit, since the content editors' and the other engineers'
    work in progress may not validate or build at any given moment. The code is always this one."""
    if worktree:
        return ROOT
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    target = SCRATCH / "head"
    stamp = target / ".commit"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == commit:
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", *DATA, *SITE_FILES], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    stamp.write_text(commit, encoding="utf-8")
    return target


def real_copy(source: Path, label: str = "real") -> Path:
    """A scratch copy of the real edition of the checkout ``source`` (data and site files)."""
    target = make_root(SCRATCH / label, data=source, site_files=False)
    synthetic.copy_site_files(target, source)
    return target


def synthetic_copy(n: int, source: Path, fresh: bool = False) -> Path:
    """The synthetic corpus of ``n`` sources (made once, kept while its version holds) with the
    site files of ``source``."""
    target = SCRATCH / f"synthetic-{n}"
    stamp = f"n={n} version={synthetic.VERSION}\n"
    marker = target / synthetic.MARK
    if not fresh and marker.is_file() and marker.read_text(encoding="utf-8").endswith(stamp):
        synthetic.copy_site_files(target, source)
        return target
    started = time.perf_counter()
    stats = synthetic.make_corpus(target, n, site=source)
    marker.write_text(marker.read_text(encoding="utf-8") + stamp, encoding="utf-8")
    took = time.perf_counter() - started
    print(f"  corpus: {stats.sources} sources, {stats.passages} passages, {stats.words} words, {stats.annotations} notes ({took:.0f}s)", flush=True)
    return target


def old_corpus(old: Path, size: str) -> Path:
    """The corpus of ``size`` as the code at ``old`` reads it: its own real data, or its synthetic corpus."""
    if size == "real":
        target = SCRATCH / "old-real"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name in OLD_PARTS:
            (shutil.copytree if (old / name).is_dir() else shutil.copy2)(old / name, target / name)
        return target
    target = SCRATCH / f"old-synthetic-{size}"
    if not (target / ".dpr-synthetic").is_file():
        done = subprocess.run([sys.executable, "-m", "benchmarks.synthetic", size, str(target)], cwd=old, env=old_env(), capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"the old synthetic corpus failed:\n{done.stdout}{done.stderr[-3000:]}")
    return target


def old_env() -> dict[str, str]:
    """The old code's environment: its memo's signing secret in the scratch folder, not the user's cache."""
    SCRATCH.mkdir(parents=True, exist_ok=True)
    return env(DPR_MEMO_SECRET=str(SCRATCH / "old-memo.secret"))


def short_commit(checkout: Path) -> str:
    return subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()


def count_sources(root: Path) -> int:
    return len(list((root / "seeds").glob("*.txt")))


def words(root: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in (root / "seeds").glob("*.txt"))


# ---------------------------------------------------------------------------------------------
# measurements


def stages(root: Path, *options: str) -> dict[str, Any]:
    """The build from nothing in a fresh process, stage by stage (``benchmarks/stages.py``)."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.stages", str(root), *options], cwd=ROOT, env=env(), capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the staged build of {root} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def cli_build(root: Path, fresh: bool = True) -> dict[str, Any]:
    """``python -m build_tools build``: from nothing (build/ and site/ removed) or again."""
    if fresh:
        for name in ("build", "site"):
            shutil.rmtree(root / name, ignore_errors=True)
    done = measured([sys.executable, "-m", "build_tools", "--root", str(root), "build", "--quiet", "--exports", "none"], ROOT)
    if done["returncode"]:
        raise SystemExit(f"build failed in {root}:\n{done['output']}")
    return {k: done[k] for k in ("wall_s", "cpu_s", "maxrss_mb")}


def cli_edit(root: Path) -> dict[str, Any]:
    """The whole build again after one annotation edit (build/ kept from the previous build); restored."""
    path = first_annotation(root)
    original = path.read_bytes()
    try:
        path.write_bytes(edited(original))
        figures = cli_build(root, fresh=False)
    finally:
        path.write_bytes(original)
    return {"edited": f"annotations/{path.name}", **figures}


def old_generation(old: Path, root: Path, mode: str) -> dict[str, Any]:
    """The old code's generation in a fresh process (its own benchmark's child): cold, warm or edit."""
    command = [sys.executable, "-m", "benchmarks.build_bench", "--child-generate", str(root), "--mode", mode]
    done = subprocess.run(command, cwd=old, env=old_env(), capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"old generation ({mode}) failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def old_cli(old: Path, root: Path, fresh: bool, edit: bool = False) -> dict[str, Any]:
    """The old ``python -m build_tools build`` (generation only, with its memo): from nothing, or after an edit."""
    if fresh:
        shutil.rmtree(root / "build", ignore_errors=True)
    path = first_annotation(root)
    original = path.read_bytes()
    try:
        if edit:
            path.write_bytes(edited(original, b"Edited%d" % time.time_ns()))
        done = measured([sys.executable, "-m", "build_tools", "--root", str(root), "build", "--quiet"], old, old_env())
    finally:
        path.write_bytes(original)
    if done["returncode"]:
        raise SystemExit(f"old build failed in {root}:\n{done['output']}")
    return {k: done[k] for k in ("wall_s", "cpu_s", "maxrss_mb")}


def old_mkdocs(root: Path) -> dict[str, Any]:
    """The old site's ``mkdocs build`` (strict, as its configuration says), for the old whole build."""
    shutil.rmtree(root / "site", ignore_errors=True)
    done = measured([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")], root)
    return {k: done[k] for k in ("wall_s", "cpu_s", "maxrss_mb", "returncode")}


def machine() -> dict[str, Any]:
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        match = re.search(r"^MemTotal:\s*(\d+)", meminfo.read_text(encoding="utf-8"), re.M)
        memory = f"{int(match.group(1)) / 2**20:.1f} GiB" if match else ""
    return {"platform": platform.platform(), "processor": platform.machine(), "python": platform.python_version(), "cpus": os.cpu_count(), "memory": memory}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def summarise(samples: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    """Best (least) and median of each of ``keys`` over ``samples``, and the samples themselves."""
    out: dict[str, Any] = {"n": len(samples)}
    for key in keys:
        values = [float(s[key]) for s in samples]
        out[key] = {"best": min(values), "median": statistics.median(values), "max": max(values)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="real,50", help="comma-separated: 'real' and numbers of synthetic sources (500 takes a long time)")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per measurement (best and median reported)")
    parser.add_argument("--old", type=Path, help="a git worktree of an earlier commit (with its benchmarks/) to measure beside this code")
    parser.add_argument("--fresh", action="store_true", help="regenerate the synthetic corpora")
    parser.add_argument("--worktree", action="store_true", help="real data and site files as in the working tree, not as last committed")
    parser.add_argument("--no-variants", action="store_true", help="skip generation with each removed speed-up put back (benchmarks/stages.py)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    result: dict[str, Any] = {"date": now(), "machine": machine(), "load_start": load(), "repeat": args.repeat, "old": str(args.old or ""), "runs": {}}
    changed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "build_tools"], capture_output=True, text=True).stdout.strip()
    result["code"] = f"{'the working tree of ' if changed else ''}commit {short_commit(ROOT)}"
    result["data"] = "the working tree" if args.worktree else f"commit {short_commit(ROOT)}"
    if args.old:
        result["old"] = short_commit(args.old)
    roots: dict[str, Path] = {}
    source = checkout(args.worktree)
    olds: dict[str, Path] = {}
    for size in sizes:
        label = "real" if size == "real" else f"synthetic-{size}"
        print(f"corpus {label}", flush=True)
        roots[label] = real_copy(source) if size == "real" else synthetic_copy(int(size), source, args.fresh)
        if args.old:
            olds[label] = old_corpus(args.old, size)
            old_cli(args.old, olds[label], fresh=True)  # stores the old memo for the warm runs
    samples: dict[str, dict[str, list[dict[str, Any]]]] = {label: {} for label in roots}
    for turn in range(args.repeat):
        for label, root in roots.items():
            runs = samples[label]
            runs.setdefault("stages", []).append(stages(root))
            print(f"  {label} ({turn + 1}/{args.repeat}): staged build {runs['stages'][-1]['total_wall_s']:.1f}s", flush=True)
            runs.setdefault("cli", []).append(cli_build(root))
            runs.setdefault("cli_edit", []).append(cli_edit(root))
            for variant in () if args.no_variants else VARIANTS:
                runs.setdefault(f"variant_{variant}", []).append(stages(root, "--generation-only", "--variant", variant))
            print(f"  {label}: command {runs['cli'][-1]['wall_s']:.1f}s, after one edit {runs['cli_edit'][-1]['wall_s']:.1f}s", flush=True)
            if args.old:
                for mode in ("cold", "warm", "edit"):
                    runs.setdefault(f"old_{mode}", []).append(old_generation(args.old, olds[label], mode))
                runs.setdefault("old_cli", []).append(old_cli(args.old, olds[label], fresh=True))
                runs.setdefault("old_cli_edit", []).append(old_cli(args.old, olds[label], fresh=False, edit=True))
                old_cli(args.old, olds[label], fresh=False)  # the memo as it was before the edit, for the next turn
                runs.setdefault("old_mkdocs", []).append(old_mkdocs(olds[label]))
                cold, warm = runs["old_cold"][-1]["generate_cpu_s"], runs["old_edit"][-1]["generate_cpu_s"]
                print(f"  {label}: old generation {cold:.2f}s CPU, with the memo after an edit {warm:.2f}s", flush=True)
    for label, runs in samples.items():
        root = roots[label]
        entry: dict[str, Any] = {
            "sources": count_sources(root),
            "words": words(root),
            "pages": runs["stages"][-1]["pages"],
            "site_mb": runs["stages"][-1]["site_mb"],
        }
        stage_keys = tuple(k for k in runs["stages"][0] if k.endswith(("_wall_s", "_cpu_s", "_mb")) and k != "site_mb")
        entry["stages"] = summarise(runs["stages"], stage_keys)
        entry["cli"] = summarise(runs["cli"], ("wall_s", "cpu_s", "maxrss_mb"))
        for variant in VARIANTS:
            if f"variant_{variant}" in runs:
                entry.setdefault("variants", {})[variant] = summarise(
                    runs[f"variant_{variant}"], ("generation_cpu_s", "generation_wall_s", "model_cpu_s", "render_cpu_s")
                )
        entry["cli_edit"] = summarise(runs["cli_edit"], ("wall_s", "cpu_s", "maxrss_mb"))
        for key in ("old_cold", "old_warm", "old_edit"):
            if key in runs:
                entry[key] = summarise(runs[key], ("generate_wall_s", "generate_cpu_s", "read_s", "import_s", "maxrss_mb"))
                entry[key]["memo"] = runs[key][-1].get("memo", "")
        for key in ("old_cli", "old_cli_edit", "old_mkdocs"):
            if key in runs:
                entry[key] = summarise(runs[key], ("wall_s", "cpu_s", "maxrss_mb"))
        result["runs"][label] = entry
    result["load_end"] = load()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "build.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    report.write(args.out)
    print((args.out / "build.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
