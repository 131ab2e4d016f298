"""A synthetic corpus: a complete, valid, repository-shaped input tree of N sources.

    python -m benchmarks.synthetic 50 /tmp/dpr-synthetic-50

writes ``seeds/`` (raw texts with site chrome, headings, block quotes, captions, author's notes with
markers, scraper debris and lost words, and the metadata that declares all of it; made by
``benchmarks/synthetic_text.py``), ``reference/works/`` (the works cited, one file each),
``reference/chronology/`` (dated events, with mentions in the texts), ``annotations/`` (editor's
notes of every kind citing works with locators and passages, an emendation for every gap, at least
one note per 220 words), ``glossary/`` (300 entries whose names occur in the texts), ``cases/``,
and the anchor registries, made by the real ``python -m build_tools anchors`` (with ``DPR_TODAY``
fixed, so the corpus is the same byte for byte on every run). This repository's ``docs/``,
``overrides/`` and ``mkdocs.yml`` are copied in, so the result builds like the real edition. Nothing here touches the real content.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.synthetic_text import COMMON, WORDS_PER_NOTE, Term, dump, make_source, make_terms, pseudo_word, sentence
from build_tools.editorial import quotes
from build_tools.editorial.edition import build_edition
from build_tools.inputs.files import read_inputs
from build_tools.sources.model import AnchoredSource, Passage
from tests.editions import SITE_FILES, make_root

ROOT = Path(__file__).resolve().parent.parent
MARK = ".dpr-synthetic"  # a folder holding this file may be emptied and rewritten
VERSION = 2  # raise when the generated corpus changes (cached corpora are then regenerated)
TODAY = "2026-01-01"  # the date the anchor registries record
KINDS = ("context", "date", "term", "cross-reference", "sic", "correction", "discrepancy")
WORK_KINDS = ("book", "book", "chapter", "journal-article", "magazine-article", "newspaper-article", "official-document", "thesis")
GIVEN = ("Ilona", "Daniel", "Maja", "Paul", "Keiko", "Helmut", "Rosa", "Yusuf", "Ines", "Oskar")
EVENTS = 25
WEAK_SOURCES = """# yaml-language-server: $schema=../schemas/weak-sources.schema.json
patterns:
  - pattern: "(^|\\\\.)blogspot\\\\.|(^|\\\\.)medium\\\\.com/"
    reason: "a blog platform: cite the published work the post relies on"
"""


@dataclass(frozen=True)
class Work:
    key: str
    line: str  # as an author's note prints it


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


def make_works(count: int, seed: int, taken: set[str]) -> tuple[list[Work], dict[str, str]]:
    """``count`` works (work ``i`` the same whatever ``count``) and their files."""
    works, files = [], {}
    for i in range(count):
        rng = random.Random(f"work-{seed}-{i}")
        family, given = pseudo_word(rng, taken).capitalize(), rng.choice(GIVEN)
        year = rng.randint(1905, 2024)
        key = f"{family.lower()}-{year}"
        kind = WORK_KINDS[i % len(WORK_KINDS)]
        title = " ".join(w.capitalize() for w in rng.sample(COMMON[60:240], rng.randint(3, 6)))
        data: dict[str, Any] = {"id": key, "kind": kind, "authors": [{"family": family, "given": given}], "title": title}
        if kind in ("chapter", "journal-article", "magazine-article", "newspaper-article"):
            data["container"] = "Essays on Councils" if kind == "chapter" else f"The {rng.choice(COMMON[60:240]).capitalize()} Review"
        if kind in ("book", "chapter", "thesis", "official-document"):
            data["publisher"] = "Benchmark Press"
            data["place"] = "London"
        data["date"] = str(year)
        if rng.random() < 0.3:
            data["url"] = f"https://example.org/works/{key}/"
        works.append(Work(key, f"{family}, {given}, {title} ({year})"))
        files[f"reference/works/{key}.yml"] = dump("work.schema.json", data, depth=2)
    return works, files


def cite(rng: random.Random, works: list[Work]) -> dict[str, Any]:
    """A work citation with a locator."""
    at: dict[str, Any] = rng.choice(
        (
            {"page": rng.randint(1, 400)},
            {"chapter": rng.randint(1, 20)},
            {"chapter": rng.randint(1, 9), "page": f"{rng.randint(1, 300)}–{rng.randint(301, 400)}"},
        )
    )
    return {"work": rng.choice(works).key, "at": at}


def _pick_exact(rng: random.Random, text: str, used: list[tuple[int, int]]) -> str | None:
    """A few words of ``text`` found once in it, not overlapping the spans in ``used``."""
    windows = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+(?: [A-Za-z]+){1,5}", text)]
    for _ in range(12):
        if not windows:
            return None
        start, end = rng.choice(windows)
        words = text[start:end].split(" ")
        lo = rng.randrange(len(words))
        hi = min(len(words), lo + rng.randint(2, 5))
        if hi - lo < 2:
            continue
        offset = start + sum(len(w) + 1 for w in words[:lo])
        span = (offset, offset + len(" ".join(words[lo:hi])))
        if any(s < span[1] and span[0] < e for s, e in used):
            continue
        exact = text[span[0] : span[1]]
        if len(quotes.find_all(text, exact)) == 1:
            used.append(span)
            return exact
    return None


def _body_passages(anchored: AnchoredSource) -> list[Passage]:
    # notes on a printed provenance line are refused by the site checks (its markers are not rendered)
    return [p for p in anchored.passages if p.block.kind not in ("heading", "title", "provenance")]


def _passage_ref(rng: random.Random, anchored: AnchoredSource) -> dict[str, Any]:
    passage = rng.choice(_body_passages(anchored))
    ref: dict[str, Any] = {"passage": f"{anchored.source.slug}#{passage.pid}"}
    exact = _pick_exact(rng, passage.block.text, [])
    if exact:
        ref["quote"] = exact
    return ref


def _note_body(rng: random.Random, terms: list[Term], events: list[str]) -> str:
    paragraphs = []
    for _ in range(rng.choice((1, 1, 2))):
        text = " ".join(sentence(rng, rng.randint(10, 26), [rng.choice(terms).name] if rng.random() < 0.5 else []) for _ in range(rng.randint(1, 4)))
        words = text.split(" ")
        if rng.random() < 0.3 and len(words) > 3 and words[2].isalpha():
            words[2] = f"*{words[2]}*"
            text = " ".join(words)
        if rng.random() < 0.15:
            text += f" See [the archive](https://example.org/archive/{rng.randint(1, 999)})."
        if events and rng.random() < 0.05:
            text += f" The meeting was held on {{date:{rng.choice(events)}}}."
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + "\n"


def make_events(works: list[Work], anchored: list[AnchoredSource], seed: int, taken: set[str]) -> dict[str, str]:
    """Chronology events, Russian ones with both calendars, each with evidence and mentions."""
    import datetime

    rng = random.Random(f"events-{seed}")
    files = {}
    for i in range(EVENTS):
        word = pseudo_word(rng, taken).capitalize()
        eid = f"{word.lower()}-assembly"
        ns = datetime.date(rng.randint(1871, 1917), rng.randint(1, 12), rng.randint(1, 28))
        data: dict[str, Any] = {"id": eid, "title": f"The {word} assembly meets"}
        if i % 2 == 0 and ns < datetime.date(1918, 1, 1):
            data["os"] = (ns - datetime.timedelta(days=13)).isoformat()
        data.update(ns=ns.isoformat(), place=f"{word}grad", phrases=[f"{word} assembly"], evidence=[cite(rng, works)])
        mentions = []
        for one in rng.sample(anchored, min(len(anchored), rng.randint(0, 3))):
            passage = rng.choice(_body_passages(one))
            exact = _pick_exact(rng, passage.block.text, [])
            if exact:
                mentions.append({"passage": f"{one.source.slug}#{passage.pid}", "quote": exact})
        if mentions:
            data["mentions"] = mentions
        files[f"reference/chronology/{eid}.yml"] = dump("event.schema.json", data, depth=2)
    return files


def make_annotations(
    anchored: AnchoredSource, others: list[AnchoredSource], terms: list[Term], works: list[Work], events: list[str], seed: int
) -> tuple[str, int]:
    """The annotation file of one source: notes of every kind, an emendation for every gap."""
    rng = random.Random(f"annotations-{seed}-{anchored.source.slug}")
    items: list[dict[str, Any]] = []
    for passage in anchored.passages:
        for gap in passage.block.gaps:
            item: dict[str, Any] = {"id": f"gap-{passage.pid}-{gap.gid}", "target": {"passage": passage.pid, "gap": gap.gid}, "kind": "emendation"}
            if rng.random() < 0.1:
                item["unrecoverable"] = True
                item["body"] = "The lost word cannot be established from the other sources.\n"
            else:
                item["supply"] = rng.choice(COMMON[60:])
                item["body"] = _note_body(rng, terms, events)
            item.update(sources=[cite(rng, works)], credit="Benchmark editors")
            items.append(item)
    body = _body_passages(anchored)
    words = sum(len(p.block.text.split()) for p in anchored.passages)
    wanted = max(8, math.ceil(words / WORDS_PER_NOTE)) + rng.randint(0, 10)
    used: dict[str, list[tuple[int, int]]] = {}
    for n in range(wanted * 2):
        if len(items) >= wanted:
            break
        passage = rng.choice(body)
        exact = _pick_exact(rng, passage.block.text, used.setdefault(passage.pid, []))
        if exact is None:
            continue
        kind = rng.choice(KINDS)
        item = {"id": f"note-{n + 1}-{passage.pid}", "target": {"passage": passage.pid, "exact": exact}, "kind": kind}
        if kind in ("sic", "correction"):
            item["read"] = exact.lower()
        item["body"] = _note_body(rng, terms, events)
        sources = [cite(rng, works)]
        if others and rng.random() < 0.5:
            sources.append(_passage_ref(rng, rng.choice(others)))
        item.update(sources=sources, credit="Benchmark editors")
        items.append(item)
    return dump("annotations.schema.json", {"source": anchored.source.slug, "annotations": items}), len(items)


def _first_mention(term: Term, sources: list[AnchoredSource]) -> str | None:
    needle = term.name.lower()
    for anchored in sources[:20]:
        for passage in _body_passages(anchored):
            if needle in passage.block.text.lower():
                return f"{anchored.source.slug}#{passage.pid}"
    return None


def make_glossary(terms: list[Term], sources: list[AnchoredSource], works: list[Work], seed: int) -> dict[str, str]:
    rng = random.Random(f"glossary-{seed}")
    files = {}
    ids = [t.eid for t in terms]
    for term in terms:
        refs: list[dict[str, Any]] = [cite(rng, works)]
        where = _first_mention(term, sources)
        if where:
            refs.append({"passage": where})
        data: dict[str, Any] = {"id": term.eid, "name": term.name, "type": term.etype}
        if term.aliases:
            data["aliases"] = list(term.aliases)
        if term.exact:
            data["exact_aliases"] = list(term.exact)
        if term.not_linked:
            data["not_linked"] = list(term.not_linked)
        data["short"] = sentence(rng, rng.randint(14, 30), [])[:300]
        data["article"] = _note_body(rng, terms, []) + "\n" + _note_body(rng, terms, [])
        data["sources"] = refs
        related = [r for r in rng.sample(ids, rng.randint(0, 3)) if r != term.eid]
        if related:
            data["related"] = related
        files[f"glossary/{term.eid}.yml"] = dump("glossary.schema.json", data)
    return files


def make_cases(cases: list[tuple[str, str]], terms: list[Term], sources: list[AnchoredSource], works: list[Work], seed: int) -> dict[str, str]:
    rng = random.Random(f"cases-{seed}")
    files = {}
    for i, (cid, phrase) in enumerate(cases):
        year = int(cid.rsplit("-", 1)[1])
        place = phrase.split()[0]

        def claim(text: str) -> dict[str, Any]:
            return {"text": text, "evidence": [_passage_ref(rng, rng.choice(sources)), cite(rng, works)]}

        rival = claim(f"The councils of {place}, resting on the armed workers")
        rival["organs"] = [f"{place} central council", "district committees"]
        data: dict[str, Any] = {
            "id": cid,
            "name": phrase[0].upper() + phrase[1:],
            "group": "historical" if i < 5 else "contested",
            "place": f"{place}, Synthetic Republic",
            "start": f"{year}-03-{10 + i:02d}",
            "end": f"{year + 1}-05-{10 + i:02d}",
            "official_power": claim(f"The provisional government of {place}"),
            "rival_power": rival,
            "base": ("workplace", "territorial", "military", "mixed")[i % 4],
            "outcome": ("suppressed", "rival-prevailed", "absorbed", "subsided", "unresolved", "unresolved")[i],
            "outcome_text": sentence(rng, 18, []),
            "outcome_evidence": [cite(rng, works)],
            "summary": _note_body(rng, terms, []) + "\n" + _note_body(rng, terms, []),
            "link_phrases": [phrase],
            "glossary": [t.eid for t in rng.sample(terms, 3)],
            "further_reading": [cite(rng, works)],
        }
        files[f"cases/{cid}.yml"] = dump("case.schema.json", data)
    return files


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
