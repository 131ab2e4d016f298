"""Command line: the only module that prints. Thin wrappers over the pipeline and the writer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build, pipeline
from .diagnostics import Diagnostic, errors_in
from .inputs import read_inputs

ROOT = Path(__file__).resolve().parent.parent


def _report(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> int:
    problems = errors_in(diagnostics)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems:
        print(f"{len(problems)} error(s); nothing was written.", file=sys.stderr)
        return 1
    return 0


def passage_listing(anchored) -> str:  # type: ignore[no-untyped-def]
    """Text listing of a source's passages: ``pN<TAB>kind<TAB>text`` with gaps as ``⟦gN⟧``."""
    rows = []
    for passage in anchored.passages:
        block = passage.block
        text = block.text
        for gap in sorted(block.gaps, key=lambda g: -g.offset):
            text = text[: gap.offset] + f"⟦{gap.gid}⟧" + text[gap.offset :]
        rows.append(f"{passage.pid}\t{block.kind}\t{text}")
    for note in anchored.source.notes:
        rows.append(f"{note.note_id}\tnote\t{' / '.join(note.lines)}")
    return "\n".join(rows) + "\n"


def cmd_passages(args: argparse.Namespace) -> int:
    inputs, problems = read_inputs(args.root)
    sources, more = pipeline.load_sources(inputs)
    anchoring, even_more = pipeline.anchor_sources(sources, inputs)
    status = _report(list(problems) + list(more) + list(even_more))
    for anchored in anchoring.sources:
        if args.slug and anchored.source.slug != args.slug:
            continue
        listing = passage_listing(anchored)
        if args.out:
            out = Path(args.out)
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{anchored.source.slug}.txt").write_text(listing, encoding="utf-8")
        else:
            sys.stdout.write(listing)
    return status


def cmd_anchors(args: argparse.Namespace) -> int:
    """Update the anchor registries (append-only) to the current texts."""
    inputs, problems = read_inputs(args.root)
    sources, more = pipeline.load_sources(inputs)
    anchoring, even_more = pipeline.anchor_sources(sources, inputs)
    status = _report(list(problems) + list(more) + list(even_more))
    if status:
        return status
    files = {f"{slug}.json": pipeline.registry_json(reg).encode("utf-8") for slug, reg in anchoring.registries.items()}
    written = build.write_files(args.root / "anchors", files)
    for slug in sorted(anchoring.changes):
        for change in anchoring.changes[slug]:
            print(f"{slug}: {change}")
    print(f"anchors: {len(written)} registry file(s) updated" if written else "anchors: registries already up to date")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("passages", help="list the passages (with ids and gaps) of a source")
    p.add_argument("slug", nargs="?")
    p.add_argument("--out", help="write one listing per source into this folder")
    p.set_defaults(func=cmd_passages)
    a = sub.add_parser("anchors", help="record new and changed passages in anchors/ (append-only)")
    a.set_defaults(func=cmd_anchors)
    args = parser.parse_args(argv)
    return int(args.func(args))
