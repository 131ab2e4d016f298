"""Editorial annotations: load ``annotations/<slug>.yml``, validate every note, locate its target.

Checks: schema, file/source agreement, unique ids, known passages and gaps, quoted words found
exactly once (with a 'did you mean' when not), emendations complete, citations valid, Markdown
inside the allowed subset, no overlapping targets, every gap of the source emended or marked.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..inputs import schema_check
from ..inputs.yaml_positions import Located, load_yaml
from ..sources.model import AnchoredSource
from . import chronology, markdown_subset, quotes, refs

#: the kinds of editor's note (``schemas/annotations.schema.json`` lists the same keys; a test holds them equal)
KINDS = {
    "context": "Context",
    "correction": "Correction",
    "discrepancy": "Discrepancy",
    "emendation": "Emendation",
    "sic": "Sic",
    "date": "Date",
    "term": "Term",
    "cross-reference": "Cross-reference",
}


@dataclass(frozen=True)
class Annotation:
    aid: str
    slug: str
    pid: str
    kind: str
    body: str
    sources: tuple[refs.Ref, ...]
    start: int = 0
    end: int = 0
    gap: str = ""
    supply: str = ""
    unrecoverable: bool = False
    read: str = ""
    credit: str = ""
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    line: int = 0
    checked: tuple[refs.Ref, ...] = ()
    events: tuple[str, ...] = ()


def _target(located: Located, i: int, item: dict, anchored: AnchoredSource, found: list[Diagnostic]) -> tuple[int, int, str] | None:  # type: ignore[type-arg]
    here = ("annotations", i, "target")
    target = item["target"]
    pid = target["passage"]
    passage = anchored.passage(pid)
    if passage is None:
        found.append(located.error((*here, "passage"), "A001", _unknown_passage(anchored, pid)))
        return None
    if "gap" in target:
        gaps = {g.gid: g for g in passage.block.gaps}
        if target["gap"] not in gaps:
            listed = ", ".join(gaps) or "none"
            found.append(located.error((*here, "gap"), "A004", f"passage {pid} has no gap {target['gap']!r} (gaps: {listed})"))
            return None
        gap = gaps[target["gap"]]
        return gap.offset, gap.offset, gap.gid
    if "exact" not in target:
        found.append(located.error(here, "S001", "target needs 'exact' (the words annotated) or 'gap'"))
        return None
    exact, prefix, suffix = target["exact"], target.get("prefix", ""), target.get("suffix", "")
    if len(exact) > quotes.MAX_QUOTE:
        found.append(located.error((*here, "exact"), "A015", f"the quoted words are {len(exact)} characters long (at most {quotes.MAX_QUOTE})"))
        return None
    matches = quotes.find_all(passage.block.text, exact, prefix, suffix)
    if not matches:
        found.append(located.error((*here, "exact"), "A002", _not_found(anchored, pid, passage.block.text, exact)))
        return None
    if len(matches) > 1:
        found.append(located.error((*here, "exact"), "A003", f"{exact[:60]!r} occurs {len(matches)} times in {pid}; add prefix or suffix"))
        return None
    return matches[0].start, matches[0].end, ""


def _unknown_passage(anchored: AnchoredSource, pid: str) -> str:
    """Why ``pid`` names no passage: retired (and where readers now go), or never an id here."""
    retired = next((r for r in anchored.retired if r.pid == pid), None)
    if retired is None:
        numbers = sorted(int(p.pid[1:]) for p in anchored.passages if p.pid[1:].isdigit())
        known = f"p{numbers[0]}–p{numbers[-1]}, not all in use" if numbers else "none"
        return f"{anchored.source.slug} has no passage {pid!r} (its ids: {known}; `python -m build_tools passages {anchored.source.slug}` lists them)"
    where = (
        f"its words are now in {retired.successor}" if retired.how in ("moved", "split", "merged") else f"readers go to {retired.successor}, what followed it"
    )
    return (
        f"{pid} was retired on {retired.date or 'an earlier run'} ({retired.how}: {where}); point the note at the passage that now holds the words it annotates"
    )


def _not_found(anchored: AnchoredSource, pid: str, text: str, exact: str) -> str:
    """Why the quoted words are not in the passage, and where they are if they are elsewhere."""
    if quotes.find_all(text, exact):
        return f"{exact[:60]!r} occurs in {pid}, but not with the given prefix/suffix"
    elsewhere = [p.pid for p in anchored.passages if p.pid != pid and quotes.find_all(p.block.text, exact)]
    if elsewhere:
        return f"{exact[:60]!r} is not in {pid}; the same words are in {', '.join(elsewhere[:3])}"
    hint = quotes.closest({pid: text}, exact)
    if hint and hint[2] >= quotes.CLOSE:
        return f"{exact[:60]!r} is not in {pid}; its closest words there are {hint[1][:60]!r}"
    return f"{exact[:60]!r} is not in {pid}"


def _one(located: Located, i: int, item: dict, anchored: AnchoredSource, corpus: refs.Corpus, found: list[Diagnostic]) -> Annotation | None:  # type: ignore[type-arg]
    here = ("annotations", i)
    before = len(found)
    located_target = _target(located, i, item, anchored, found)
    kind = item["kind"]
    is_gap = "gap" in item["target"]
    if kind == "emendation" and is_gap and ("supply" in item) == bool(item.get("unrecoverable")):
        found.append(located.error(here, "A005", "an emendation of a gap needs either 'supply' or 'unrecoverable: true'"))
    if is_gap and kind != "emendation":
        found.append(located.error((*here, "kind"), "A005", "a note on a gap must be of kind 'emendation'"))
    if not item["sources"]:
        found.append(located.error((*here, "sources"), "A006", "the note cites no source"))
    for problem in markdown_subset.problems(item["body"]):
        found.append(located.error((*here, "body"), "A008", problem))
    body, events = chronology.editorial_text(located, (*here, "body"), item["body"], corpus, found)
    cited, problems = refs.parse_refs(located, (*here, "sources"), item["sources"], corpus)
    found.extend(problems)
    checked, problems = refs.parse_refs(located, (*here, "checked"), item.get("checked", []), corpus)
    found.extend(problems)
    if located_target is None or len(found) > before:
        return None
    start, end, gap = located_target
    target = item["target"]
    return Annotation(
        aid=item["id"],
        slug=anchored.source.slug,
        pid=target["passage"],
        kind=kind,
        body=body,
        sources=cited,
        checked=checked,
        events=events,
        start=start,
        end=end,
        gap=gap,
        supply=item.get("supply", ""),
        unrecoverable=bool(item.get("unrecoverable", False)),
        read=item.get("read", ""),
        credit=item.get("credit", ""),
        exact=target.get("exact", ""),
        prefix=target.get("prefix", ""),
        suffix=target.get("suffix", ""),
        line=located.where(here)[0],
    )


def _overlaps(located: Located, notes: list[Annotation], found: list[Diagnostic]) -> None:
    by_passage: dict[str, list[Annotation]] = {}
    for note in notes:
        by_passage.setdefault(note.pid, []).append(note)
    gaps_seen: dict[tuple[str, str], str] = {}
    for pid, group in by_passage.items():
        spans = sorted((n for n in group if not n.gap), key=lambda n: (n.start, n.end))
        for a, b in itertools.pairwise(spans):
            if b.start < a.end and not (a.start <= b.start and b.end <= a.end):
                found.append(located.error(("annotations",), "A011", f"{a.aid} and {b.aid} mark overlapping words in {pid}"))
        for note in group:
            if note.gap:
                key = (pid, note.gap)
                if key in gaps_seen:
                    found.append(located.error(("annotations",), "A012", f"gap {pid}/{note.gap} is annotated by {gaps_seen[key]} and {note.aid}"))
                gaps_seen[key] = note.aid


def load_annotations(path: str, raw: bytes, corpus: refs.Corpus) -> tuple[tuple[Annotation, ...], tuple[Diagnostic, ...]]:
    """Validate one annotation file against the anchored sources; return the usable notes."""
    located, problems = load_yaml(path, raw)
    if located is None:
        return (), problems
    found = list(schema_check.check(located, "annotations.schema.json"))
    if found:
        return (), tuple(found)
    slug = path.rsplit("/", 1)[-1].removesuffix(".yml")
    if located.data["source"] != slug:
        found.append(located.error(("source",), "S006", f"source {located.data['source']!r} differs from the file name {slug!r}"))
    anchored = corpus.sources.get(slug)
    if anchored is None:
        if not corpus.skip(slug):
            found.append(located.error(("source",), "A009", f"no source {slug!r} in seeds/"))
        return (), tuple(found)
    notes: list[Annotation] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(located.data["annotations"]):
        if item["id"] in seen:
            found.append(located.error(("annotations", i, "id"), "S007", f"id {item['id']!r} is already used by annotation {seen[item['id']] + 1}"))
            continue
        seen[item["id"]] = i
        note = _one(located, i, item, anchored, corpus, found)
        if note is not None:
            notes.append(note)
    _overlaps(located, notes, found)
    emended = {(n.pid, n.gap) for n in notes if n.gap}
    attempted = {(item["target"]["passage"], item["target"].get("gap")) for item in located.data["annotations"]}
    for passage in anchored.passages:
        for gap in passage.block.gaps:
            if (passage.pid, gap.gid) not in emended and (passage.pid, gap.gid) not in attempted:
                found.append(located.error(("annotations",), "A010", f"gap {passage.pid}/{gap.gid} has no emendation"))
    return tuple(notes), tuple(found)


def missing_file_problems(anchored: AnchoredSource) -> tuple[Diagnostic, ...]:
    """A source with gaps must have an annotation file that emends them."""
    from ..diagnostics import error

    gaps = [(p.pid, g.gid) for p in anchored.passages for g in p.block.gaps]
    if not gaps:
        return ()
    return (
        error(f"annotations/{anchored.source.slug}.yml", 1, 1, "A010", f"{len(gaps)} gap(s) in {anchored.source.slug} have no emendation (no annotation file)"),
    )
