"""The build from nothing, stage by stage, in this (fresh) process: one JSON line of figures.

    python -m benchmarks.stages ROOT

Runs what ``python -m build_tools build --exports none`` runs (``cli.cmd_build``; the download
files, EPUB, PDF and TEI, are ``benchmarks/exports_bench.py``'s to measure), in its order, on the checkout-
shaped folder ROOT after removing its build/ and site/: reading the inputs, building the model
(``build_edition``), rendering every page (``generate.generate`` and the address checks), writing
build/docs, MkDocs into a candidate folder (a child process: its CPU time is the children's), the
site checks on the candidate (reading, parsing, checking), and replacing site/ with it. For each
stage: wall and CPU seconds. Also the imports, the process's own peak memory after generation
(``VmHWM``: MkDocs, a child, is not in it), the number of pages and the size of the site.

    python -m benchmarks.stages ROOT --variant gc-off --generation-only

``--variant`` runs generation with one of the speed-ups removed in the redesign put back in its
simplest form, or with the work it saved skipped altogether, to measure what it would save today
(``VARIANTS``); ``--generation-only`` stops after rendering. Used by ``benchmarks/build_bench.py``;
nothing is asserted.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
ALL_STAGES = ("read", "model", "render", "write", "mkdocs", "checks_read", "checks_parse", "checks_verify", "publish")


def own_peak_mb() -> float:
    """This process's peak resident size (``VmHWM``, reset by exec, unlike ``ru_maxrss``)."""
    status = Path("/proc/self/status")
    match = re.search(r"^VmHWM:\s*(\d+) kB", status.read_text(encoding="utf-8"), re.M) if status.is_file() else None
    return int(match.group(1)) / 1024 if match else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: what each variant changes (applied after the imports, before anything is read)
VARIANTS = {
    "as-is": "this code",
    "gc-off": "the cyclic garbage collector off during generation (as the old gc.disable())",
    "no-schemas": "no JSON-Schema validation at all: the most any faster validator (the old compiled check) could save",
    "no-yaml-scan": "no event scan before YAML is composed (the old pre-filter skipped it when no & or * was present; it now also bounds nesting)",
    "plain-text": "Markdown's parser skipped for text with no Markdown syntax, as the old shortcut did (same rule), and its cache as large",
}
_NOT_PLAIN = re.compile(r"[^\w .,;:?()/%‘’“”–—…\n-]|_|^[\d -]| $|\n\n\n|--|\.\.", re.M)  # the old shortcut's rule


def apply(variant: str) -> None:
    """Change the loaded code as ``variant`` says (see ``VARIANTS``)."""
    from functools import lru_cache

    from build_tools.editorial import markdown_subset
    from build_tools.inputs import schema_check, yaml_positions

    if variant == "gc-off":
        gc.disable()
    elif variant == "no-schemas":
        schema_check.check = lambda located, schema_name: ()
    elif variant == "no-yaml-scan":
        yaml_positions._scan = lambda text: None
    elif variant == "plain-text":
        parse = markdown_subset._raw_html.__wrapped__

        @lru_cache(maxsize=1 << 17)
        def shortcut(text: str) -> str:
            body = text.strip("\n")
            if body and not _NOT_PLAIN.search(body):
                return "\n".join(f"<p>{paragraph}</p>" for paragraph in body.split("\n\n"))
            return parse(text)

        markdown_subset._raw_html = shortcut


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    parser.add_argument("root", type=Path)
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="as-is")
    parser.add_argument("--generation-only", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    from build_tools.diagnostics import errors_in
    from build_tools.editorial.edition import build_edition
    from build_tools.inputs.files import read_docs, read_inputs, read_site
    from build_tools.settings import settings_for
    from build_tools.site import addresses, generate, publish, verify, write

    figures: dict[str, Any] = {"import_wall_s": time.perf_counter() - started, "variant": args.variant}
    apply(args.variant)
    root = args.root.resolve()
    for name in ("build", "site"):
        write.remove_tree(root / name)

    def stage(name: str, run: Callable[[], T], child: bool = False) -> T:
        wall, cpu, cpu_children = time.perf_counter(), time.process_time(), _children_cpu()
        out = run()
        figures[f"{name}_wall_s"] = time.perf_counter() - wall
        figures[f"{name}_cpu_s"] = (_children_cpu() - cpu_children) if child else time.process_time() - cpu
        return out

    (inputs, problems), docs = stage("read", lambda: (read_inputs(root), read_docs(root)))
    edition, found = stage("model", lambda: build_edition(inputs))
    settings = settings_for(root)
    result, more = stage("render", lambda: (generate.generate(edition, inputs, docs, settings), generate.address_problems(edition, inputs)))
    errors = errors_in([*problems, *found, *result.diagnostics, *more])
    if errors:
        print("\n".join(e.format() for e in errors[:20]), file=sys.stderr)
        return 1
    figures["generation_peak_mb"] = own_peak_mb()
    if args.generation_only:
        for kind in ("wall", "cpu"):
            figures[f"generation_{kind}_s"] = sum(figures[f"{s}_{kind}_s"] for s in ("read", "model", "render"))
        print(json.dumps(figures))
        return 0
    stage("write", lambda: write.sync_tree(root / "build" / "docs", result.files))
    candidate = root / "build" / "site-candidate"
    ok, output = stage("mkdocs", lambda: publish.mkdocs_build(root, candidate), child=True)
    if not ok:
        print(output, file=sys.stderr)
        return 1
    html, static = stage("checks_read", lambda: read_site(candidate))
    pages = stage("checks_parse", lambda: {path: verify.parse_page(path, text) for path, text in html.items()})

    def check() -> list[Any]:
        known, found = addresses.load_site_registry(inputs)
        return [*found, *verify.check_site(pages, publish.registered_ids(inputs), known, static)]

    failed = stage("checks_verify", check)
    if failed:
        print("\n".join(p.format() for p in failed[:20]), file=sys.stderr)
        return 1
    stage("publish", lambda: write.replace_tree(candidate, root / "site"))
    for kind in ("wall", "cpu"):
        figures[f"generation_{kind}_s"] = sum(figures[f"{s}_{kind}_s"] for s in ("read", "model", "render"))
        figures[f"checks_{kind}_s"] = sum(figures[f"checks_{s}_{kind}_s"] for s in ("read", "parse", "verify"))
        figures[f"total_{kind}_s"] = sum(
            figures[f"{s}_{kind}_s"] for s in ("read", "model", "render", "write", "mkdocs", "checks_read", "checks_parse", "checks_verify", "publish")
        )
    figures["pages"] = len(html)
    figures["docs_files"] = len(result.files)
    figures["site_mb"] = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file()) / 2**20
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
