"""benchmarks/results/build.md from build.json and serve.json (written by ``build_bench`` and
``serve_latency``): the same figures as tables, with what each one measures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PARTS = (("read", "Read"), ("model", "Model"), ("render", "Render"), ("write", "Write"), ("mkdocs", "MkDocs"), ("checks", "Checks"), ("publish", "Publish"))


def _s(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _best(figures: dict[str, Any], key: str) -> float:
    return float(figures[key]["best"])


def _median(figures: dict[str, Any], key: str) -> float:
    return float(figures[key]["median"])


def _stage_table(runs: dict[str, Any], kind: str) -> list[str]:
    head = "| Corpus | Sources | Words | Pages | " + " | ".join(name for _, name in PARTS) + " | Total | Generation | MkDocs | Checks |"
    lines = [head, "|---|" + "---:|" * (len(PARTS) + 7)]
    for label, run in runs.items():
        st = run["stages"]
        cells = [_s(_median(st, f"{key}_{kind}_s")) for key, _ in PARTS]
        total = _median(st, f"total_{kind}_s")
        generation = _median(st, f"generation_{kind}_s")
        shares = [f"{100 * v / total:.0f} %" for v in (generation, _median(st, f"mkdocs_{kind}_s"), _median(st, f"checks_{kind}_s"))]
        lines.append(
            f"| {label} | {run['sources']} | {run['words']:,} | {run['pages']} | " + " | ".join(cells) + f" | {_s(total)} | " + " | ".join(shares) + " |"
        )
    return lines


def _command_table(runs: dict[str, Any]) -> list[str]:
    lines = [
        "| Corpus | From nothing: wall | CPU | One edit: wall | CPU | Checks (wall) | Peak memory, largest process | Peak memory, generation | Site |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, run in runs.items():
        cli, edit, st = run["cli"], run["cli_edit"], run["stages"]
        lines.append(
            f"| {label} | {_s(_median(cli, 'wall_s'))} | {_s(_median(cli, 'cpu_s'))} | {_s(_median(edit, 'wall_s'))} | {_s(_median(edit, 'cpu_s'))} | "
            f"{_s(_median(st, 'checks_wall_s'))} | {_median(cli, 'maxrss_mb'):.0f} MB | {_median(st, 'generation_peak_mb'):.0f} MB | {run['site_mb']:.1f} MB |"
        )
    return lines


def _old_table(runs: dict[str, Any]) -> list[str]:
    lines = [
        "| Corpus | Old generation from nothing | Old, memo, nothing changed | Old, memo, one edit | Saved by the memo per edit | "
        "New generation from nothing | Old command, from nothing | Old command, one edit | Old MkDocs | Old whole build, one edit | "
        "New whole build, one edit |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, run in runs.items():
        if "old_cold" not in run:
            continue
        cold, edit = _median(run["old_cold"], "generate_cpu_s"), _median(run["old_edit"], "generate_cpu_s")
        old_cli_edit, old_mkdocs = _median(run["old_cli_edit"], "cpu_s"), _median(run["old_mkdocs"], "cpu_s")
        lines.append(
            f"| {label} | {_s(cold)} | {_s(_median(run['old_warm'], 'generate_cpu_s'))} | {_s(edit)} | {_s(cold - edit)} | "
            f"{_s(_median(run['stages'], 'generation_cpu_s'))} | {_s(_median(run['old_cli'], 'cpu_s'))} | {_s(old_cli_edit)} | "
            f"{_s(old_mkdocs)} | {_s(old_cli_edit + old_mkdocs)} | {_s(_median(run['cli_edit'], 'cpu_s'))} |"
        )
    return lines


def _variant_table(runs: dict[str, Any]) -> list[str]:
    from benchmarks.stages import VARIANTS

    rows = [(label, run["variants"]) for label, run in runs.items() if "variants" in run]
    if not rows:
        return []
    lines = ["| Variant | What it changes | " + " | ".join(f"{label} (CPU s) | saves" for label, _ in rows) + " |", "|---|---|" + "---:|---:|" * len(rows)]
    for variant, what in VARIANTS.items():
        cells = []
        for _label, variants in rows:
            if variant not in variants:
                cells.append("- | -")
                continue
            base, value = _median(variants["as-is"], "generation_cpu_s"), _median(variants[variant], "generation_cpu_s")
            cells.append(f"{_s(value)} | {'' if variant == 'as-is' else f'{base - value:.2f}'}")
        lines.append(f"| {variant} | {what} | " + " | ".join(cells) + " |")
    return lines


def _serve_table(serve: dict[str, Any]) -> list[str]:
    lines = [
        "| Corpus | Code | Edits | Edit to reloaded page: median | Fastest | Slowest | Rebuild in the preview (median) | Measured | Load at start |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for key, run in _order(serve):
        latencies = [x for x in run["latency_s"] if x == x]
        regen = sorted(run.get("regeneration_s", []))
        median_regen = regen[len(regen) // 2] if regen else float("nan")
        code = "old (memo, patched MkDocs server)" if key.startswith("old-") else "new"
        spread = f"{_s(min(latencies))} | {_s(max(latencies))}" if latencies else "- | -"
        when = f"{run.get('date', '?')} | {run['load']}"
        lines.append(f"| {run['corpus']} | {code} | {len(run['latency_s'])} | {_s(run['median_s'])} | {spread} | {_s(median_regen)} | {when} |")
    return lines


def _order(serve: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The real edition first, then by size; this code before the old one."""
    return sorted(serve.items(), key=lambda kv: (kv[1]["corpus"] != "real", int(kv[1]["corpus"]) if kv[1]["corpus"].isdigit() else 0, kv[0].startswith("old-")))


def _steps_table(serve: dict[str, Any]) -> list[str]:
    rows = [(k, r) for k, r in _order(serve) if r.get("steps")]
    if not rows:
        return []
    names = [n for n in rows[0][1]["steps"] if not n.endswith("(CPU)")]
    lines = ["| Corpus | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for _key, run in rows:
        cpu = {n: f" ({_s(run['steps'][n + ' (CPU)'])})" if n + " (CPU)" in run["steps"] else "" for n in names}
        cells = [f"{_s(run['steps'][n])}{cpu[n]}" for n in names]
        lines.append(f"| {run['corpus']} | " + " | ".join(cells) + " |")
    return lines


def build_markdown(result: dict[str, Any], serve: dict[str, Any] | None = None) -> str:
    """The report of one benchmark run (and of the latest preview measurements)."""
    m = result["machine"]
    runs = result["runs"]
    lines = [
        "# Build benchmark",
        "",
        f"Date: {result['date']}. Machine: {m['platform']} ({m['processor']}), Python {m['python']}, {m['cpus']} CPUs, {m['memory']}. "
        f"Load average at start {result['load_start']}, at end {result.get('load_end', '?')} (the machine is shared: wall times move with it, CPU times less).",
        "",
        f"Code: {result.get('code', '?')}; real data and site files: {result.get('data', '?')}. "
        f"Medians of {result['repeat']} runs in fresh processes, the corpora taking turns; best, median and slowest of each figure are in build.json. Seconds.",
        "",
        "## The build from nothing, stage by stage (CPU seconds)",
        "",
        "`python -m benchmarks.stages ROOT`: the stages of `python -m build_tools build --exports none` in one fresh process (the "
        "download files, EPUB, PDF and TEI, are measured by `benchmarks/exports_bench.py`). *Read*: every input file; "
        "*Model*: `build_edition`; *Render*: every page and data file (`generate.generate`, the address checks); *Write*: build/docs; "
        "*MkDocs*: `mkdocs build --strict` into a candidate folder (a child process); *Checks*: reading, parsing and checking the "
        "candidate (`site/verify.py`); *Publish*: the candidate replaces site/. The last three columns are shares of the total.",
        "",
        *_stage_table(runs, "cpu"),
        "",
        "The same, wall seconds:",
        "",
        *_stage_table(runs, "wall"),
        "",
        "## The command a contributor runs",
        "",
        "`python -m build_tools build --exports none` (interpreter start and imports included) from nothing (no build/, no site/), and again after "
        "one annotation file was edited. CPU includes MkDocs. Peak memory: the largest resident set of the command's processes "
        "(`benchmarks/launch.py`), and the generating process's own after generation.",
        "",
        *_command_table(runs),
        "",
    ]
    variants = _variant_table(runs)
    if variants:
        lines += [
            "## What each removed speed-up would save today",
            "",
            "Generation (read, model, render; CPU seconds, median) of this code in fresh processes, as it is and with one removed "
            "speed-up put back in its simplest form or the work it avoided skipped (`python -m benchmarks.stages ROOT --variant V "
            "--generation-only`). *saves*: as-is minus the variant.",
            "",
            *variants,
            "",
        ]
    old = _old_table(runs)
    if len(old) > 2:
        lines += [
            "## Against the code with the persistent memo",
            "",
            f"The code of `{result['old']}` (with its memo, fast paths and own data, timed by its own benchmark's child), beside this "
            "code in the same run. Generation columns are CPU seconds of `generate.generate` after the imports; *with the memo* uses "
            "the memo an earlier build stored (reading and verifying it included). The other columns are CPU seconds of the commands "
            "(wall seconds in build.json): the old `python -m build_tools build` only generated; the old whole build added "
            "`mkdocs build --strict` and no checks; the new one is `python -m build_tools build --exports none`.",
            "",
            *old,
            "",
        ]
    if serve:
        lines += [
            "## Live preview",
            "",
            "`python -m benchmarks.serve_latency`: the preview started on a scratch copy, one annotation saved with a new word, the "
            "page fetched as the reload script does (after `/.dpr-live/version` changes; the old preview's page polled) until the "
            "word is there.",
            "",
            *_serve_table(serve),
            "",
        ]
        steps = _steps_table(serve)
        if steps:
            lines += ["Where one preview rebuild's time goes (wall seconds, CPU in brackets, medians over the edits; `--steps`):", "", *steps, ""]
    return "\n".join(lines)


def write(out: Path) -> None:
    """Render build.md from the build.json and serve.json in ``out``."""
    build, serve = out / "build.json", out / "serve.json"
    if not build.is_file():
        return
    served = json.loads(serve.read_text(encoding="utf-8")) if serve.is_file() else None
    (out / "build.md").write_text(build_markdown(json.loads(build.read_text(encoding="utf-8")), served), encoding="utf-8")


PERFORMANCE_PAGE = Path(__file__).resolve().parents[1] / "docs" / "about" / "performance.md"


def publish_section(marker: str, results_markdown: str, page: Path = PERFORMANCE_PAGE) -> None:
    """Put a benchmark's results (its Markdown without the title line) into the performance page,
    between ``<!-- marker -->`` and ``<!-- /marker -->``, so that the page shows the last measurement."""
    body = "\n".join(line for line in results_markdown.splitlines() if not line.startswith("# ")).strip()
    text = page.read_text(encoding="utf-8")
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    head, found, rest = text.partition(start)
    _, found_end, tail = rest.partition(end)
    if not found or not found_end:
        raise SystemExit(f"{page}: no {start} … {end} section to fill")
    page.write_text(f"{head}{start}\n{body}\n{end}{tail}", encoding="utf-8")
