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
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks import old_code, report
from benchmarks.corpora import (
    RESULTS,
    ROOT,
    checkout,
    count_sources,
    edited,
    env,
    first_annotation,
    load,
    machine,
    measured,
    now,
    real_copy,
    short_commit,
    summarise,
    synthetic_copy,
    words,
)
from benchmarks.stages import VARIANTS


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
            olds[label] = old_code.corpus(args.old, size)
            old_code.command(args.old, olds[label], fresh=True)  # stores the old memo for the warm runs
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
                    runs.setdefault(f"old_{mode}", []).append(old_code.generation(args.old, olds[label], mode))
                runs.setdefault("old_cli", []).append(old_code.command(args.old, olds[label], fresh=True))
                runs.setdefault("old_cli_edit", []).append(old_code.command(args.old, olds[label], fresh=False, edit=True))
                old_code.command(args.old, olds[label], fresh=False)  # the memo as it was before the edit, for the next turn
                runs.setdefault("old_mkdocs", []).append(old_code.mkdocs(olds[label]))
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
