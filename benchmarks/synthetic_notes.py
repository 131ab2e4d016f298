"""The editorial apparatus of the synthetic corpus (``benchmarks/synthetic.py``): the works cited
(``reference/works/``), the chronology's events, the editor's notes of each source, the glossary
and the cases, written against the sources as the real pipeline anchored them, so every passage
id, gap id and quotation they use exists.
"""

from __future__ import annotations

import datetime
import math
import random
import re
from dataclasses import dataclass
from typing import Any

from benchmarks.synthetic_text import COMMON, WORDS_PER_NOTE, Term, dump, pseudo_word, sentence
from build_tools.editorial import quotes
from build_tools.sources.model import AnchoredSource, Passage

KINDS = ("context", "date", "term", "cross-reference", "sic", "correction", "discrepancy")
WORK_KINDS = ("book", "book", "chapter", "journal-article", "magazine-article", "newspaper-article", "official-document", "thesis")
GIVEN = ("Ilona", "Daniel", "Maja", "Paul", "Keiko", "Helmut", "Rosa", "Yusuf", "Ines", "Oskar")
EVENTS = 25


@dataclass(frozen=True)
class Work:
    key: str
    line: str  # as an author's note prints it


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
