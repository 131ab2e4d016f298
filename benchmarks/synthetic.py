"""A synthetic corpus: a complete, valid, repository-shaped input tree of N sources.

    python -m benchmarks.synthetic 50 /tmp/dpr-synthetic-50

writes ``seeds/`` (raw texts with site chrome, headings, block quotes, captions, author's notes with
markers, scraper debris and lost words, and the metadata that declares all of it; made by
``benchmarks/synthetic_text.py``), and the apparatus (``benchmarks/synthetic_notes.py``): ``reference/works/`` (the works cited, one file each),
``reference/chronology/`` (dated events, with mentions in the texts), ``annotations/`` (editor's
notes of every kind citing works with locators and passages, an emendation for every gap, at least
one note per 220 words), ``glossary/`` (300 entries whose names occur in the texts), ``cases/``,
and the anchor registries, made by the real ``python -m build_tools anchors`` (with ``DPR_TODAY``
fixed, so the corpus is the same byte for byte on every run). This repository's ``docs/``,
``overrides/`` and ``mkdocs.yml`` are copied in, so the result builds like the real edition.
Nothing here touches the real content.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic_notes import EVENTS, make_annotations, make_cases, make_events, make_glossary, make_works
from benchmarks.synthetic_text import make_source, make_terms
from build_tools.editorial.edition import build_edition
from build_tools.inputs.files import read_inputs
from build_tools.sources.model import AnchoredSource
from tests.editions import SITE_FILES, make_root

ROOT = Path(__file__).resolve().parent.parent
MARK = ".dpr-synthetic"  # a folder holding this file may be emptied and rewritten
VERSION = 2  # raise when the generated corpus changes (cached corpora are then regenerated)
TODAY = "2026-01-01"  # the date the anchor registries record
WEAK_SOURCES = """# yaml-language-server: $schema=../schemas/weak-sources.schema.json
patterns:
  - pattern: "(^|\\\\.)blogspot\\\\.|(^|\\\\.)medium\\\\.com/"
    reason: "a blog platform: cite the published work the post relies on"
"""


@dataclass
class Stats:
    sources: int = 0
    passages: int = 0
    words: int = 0
    annotations: int = 0
    gaps: int = 0
    notes: int = 0
    glossary: int = 0
    cases: int = 0
    works: int = 0
    events: int = 0


def copy_site_files(target: Path, site: Path) -> None:
    """Put the site files of the checkout ``site`` (docs, theme overrides, mkdocs.yml) into ``target``."""
    for name in SITE_FILES:
        shutil.rmtree(target / name, ignore_errors=True)
        (shutil.copytree if (site / name).is_dir() else shutil.copy2)(site / name, target / name)


def _prepare(target: Path, site: Path) -> None:
    if target.exists() and any(target.iterdir()) and not (target / MARK).exists():
        raise SystemExit(f"{target} exists and is not a synthetic corpus: refusing to overwrite it")
    with tempfile.TemporaryDirectory() as empty:
        make_root(target, data=Path(empty), site_files=False)
    copy_site_files(target, site)
    (target / MARK).write_text("synthetic benchmark corpus; safe to delete\n", encoding="utf-8")


def _write(target: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def run(target: Path, command: str) -> None:
    """``python -m build_tools --root TARGET COMMAND`` with the corpus's fixed date; exit on failure."""
    env = dict(os.environ, DPR_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(target), command], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"`python -m build_tools {command}` failed on {target}:\n{done.stdout[-2000:]}{done.stderr[-4000:]}")


def _anchored(target: Path) -> list[AnchoredSource]:
    """The sources as the real pipeline structures and anchors them (the registries do not exist yet)."""
    inputs, problems = read_inputs(target)
    edition, found = build_edition(inputs)
    errors = [d.format() for d in (*problems, *found) if d.severity == "error" and d.path.startswith("seeds/")]
    if errors:
        raise SystemExit("synthetic sources do not validate:\n" + "\n".join(errors[:20]))
    return list(edition.sources)


def make_corpus(target: Path, n: int, seed: int = 1917, glossary_size: int = 300, validate: bool = True, site: Path = ROOT) -> Stats:
    """Write a synthetic repository of ``n`` sources into ``target`` with the site files of the
    checkout ``site``; return its size."""
    _prepare(target, site)
    taken: set[str] = set()
    terms, cases = make_terms(glossary_size, seed, taken)
    works, files = make_works(max(200, 4 * n), seed, taken)
    files["reference/weak-sources.yml"] = WEAK_SOURCES
    stats = Stats(sources=n, glossary=len(terms), cases=len(cases), works=len(works), events=EVENTS)
    printed = [w.line for w in works[:60]]
    for index in range(1, n + 1):
        slug, raw, meta = make_source(index, seed, terms, cases, printed)
        files[f"seeds/{slug}.txt"] = raw
        files[f"seeds/{slug}.yml"] = meta
    _write(target, files)
    anchored = _anchored(target)
    events = make_events(works, anchored, seed, taken)
    _write(target, events)
    event_ids = sorted(Path(p).stem for p in events)
    more: dict[str, str] = {}
    for i, one in enumerate(anchored):
        others = [anchored[(i + step) % len(anchored)] for step in (1, 2, 3) if len(anchored) > 1]
        text, count = make_annotations(one, others, terms, works, event_ids, seed)
        more[f"annotations/{one.source.slug}.yml"] = text
        stats.annotations += count
        stats.passages += len(one.passages)
        stats.words += sum(len(p.block.text.split()) for p in one.passages)
        stats.gaps += sum(len(p.block.gaps) for p in one.passages)
        stats.notes += len(one.source.notes)
    more.update(make_glossary(terms, anchored, works, seed))
    more.update(make_cases(cases, terms, anchored, works, seed))
    _write(target, more)
    run(target, "anchors")
    if validate:
        run(target, "check")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of sources")
    parser.add_argument("target", type=Path, help="folder to write (created; emptied if it holds an earlier synthetic corpus)")
    parser.add_argument("--seed", type=int, default=1917)
    parser.add_argument("--glossary", type=int, default=300, help="number of glossary entries")
    args = parser.parse_args(argv)
    stats = make_corpus(args.target, args.n, args.seed, args.glossary)
    print(
        f"synthetic corpus in {args.target}: {stats.sources} sources, {stats.passages} passages, {stats.words} words, "
        f"{stats.annotations} annotations ({stats.gaps} gaps), {stats.notes} author's notes, {stats.glossary} glossary entries, "
        f"{stats.cases} cases, {stats.works} works, {stats.events} events"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
