"""Permanent passage ids: the current text matched against the source's registry (``registry``).

Rules (docs/about/anchors.md says the same for readers):

1. A passage whose words equal those of an active id keeps that id; words equal to those of a
   retired id bring that id back (restored).
2. Otherwise a passage keeps the id whose last wording is at least ``SIMILARITY`` similar, when
   that pairing is the only candidate on both sides (a revision; the earlier wording is kept).
   Two or more candidates on either side is an error (P002) for a person to settle with a pin.
3. A passage left unmatched gets a new id, ``p<next>``; ids are never reused.
4. A registered passage left unmatched is retired. Readers are sent to what now stands where it
   stood (the next passage of the old reading order still in the text: "removed"), unless its
   words demonstrably moved: a long passage (``LONG`` characters or more) whose words are at least
   ``MOVED`` contained in one current passage ("moved"), or spread over two ("split"). A weaker
   resemblance is reported as a warning asking for a decision, recorded in ``anchors/pins.yml``.

Author's notes and gaps are matched by content too (``identities``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from ..diagnostics import Diagnostic, error, warning
from . import identities
from .model import AnchoredSource, Block, Marker, Passage, Retired, Source
from .pins import SourcePins
from .registry import SIMILARITY, Record, Registry, chain
from .textnorm import squash

LONG = 200
MOVED = 0.8
WEAK = 0.3


@dataclass(frozen=True)
class Assignment:
    """The result of matching a source against its registry."""

    anchored: AnchoredSource
    registry: Registry
    changed: tuple[str, ...]
    problems: tuple[Diagnostic, ...]


def _contained(old: str, new: str) -> float:
    a, b = squash(old), squash(new)
    if not a:
        return 0.0
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()) / len(a)


def _shared_phrases(old: str, new: str) -> float:
    """The share of the old text's runs of three words that are in the new text."""
    words, others = re.findall(r"\w+", squash(old)), re.findall(r"\w+", squash(new))
    runs = {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
    theirs = {tuple(others[i : i + 3]) for i in range(len(others) - 2)}
    return len(runs & theirs) / len(runs) if runs else 0.0


def _ratio(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, squash(a), squash(b), autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    return matcher.ratio()


class _Matcher:
    """One run of matching: the registry's state, the blocks, and the ids chosen so far."""

    def __init__(self, source: Source, registry: Registry, pins: SourcePins, date: str) -> None:
        self.source, self.registry, self.pins, self.date = source, registry, pins, date
        self.state = registry.state()
        self.blocks = list(source.blocks)
        self.ids: list[str | None] = [None] * len(self.blocks)
        self.new_forced: set[int] = set()
        self.entries: list[dict[str, str]] = []
        self.changes: list[str] = []
        self.problems: list[Diagnostic] = []

    def passages(self, status: str) -> dict[str, Record]:
        return {rid: r for rid, r in self.state.items() if r.kind not in ("note", "gap") and r.status == status}

    def taken(self) -> set[str]:
        return {pid for pid in self.ids if pid}

    def apply_pins(self) -> None:
        active, retired = self.passages("active"), self.passages("retired")
        for pin in self.pins.pins:
            found = [i for i, b in enumerate(self.blocks) if squash(b.text).startswith(squash(pin.text))]
            where = f"{self.pins.path}"
            if len(found) != 1:
                count = "no passage" if not found else f"{len(found)} passages"
                self.problems.append(
                    error(where, pin.line, 1, "P005", f"pin {pin.pid!r} expects a passage starting {pin.text[:50]!r}; {count} of {self.source.slug} start so")
                )
            elif pin.pid != "new" and pin.pid not in active:
                state = "retired" if pin.pid in retired else "not an id of this source"
                self.problems.append(error(where, pin.line, 1, "P005", f"pin {pin.pid!r} is {state}; a pin names an active id or 'new'"))
            elif pin.pid == "new":
                self.new_forced.add(found[0])
            else:
                self.ids[found[0]] = pin.pid

    def match_exact(self) -> None:
        for status in ("active", "retired"):
            by_text: dict[str, list[str]] = {}
            for rid, record in self.passages(status).items():
                by_text.setdefault(squash(record.text), []).append(rid)
            for i, block in enumerate(self.blocks):
                if self.ids[i] is not None or i in self.new_forced:
                    continue
                for rid in by_text.get(squash(block.text), []):
                    if rid not in self.taken():
                        self.ids[i] = rid
                        if status == "retired":
                            self.entries.append({"op": "restore", "id": rid, "date": self.date})
                            self.changes.append(f"{rid} restored (the same words are back)")
                        elif self.state[rid].kind != block.kind:
                            self.entries.append({"op": "revise", "id": rid, "kind": block.kind, "text": block.text, "date": self.date})
                        break

    def match_similar(self, ambiguous_at: str) -> None:
        free = {rid: r for rid, r in self.passages("active").items() if rid not in self.taken()}
        candidates: dict[int, list[str]] = {}
        reverse: dict[str, list[int]] = {}
        for i, block in enumerate(self.blocks):
            if self.ids[i] is not None or i in self.new_forced:
                continue
            for rid, record in free.items():
                if _ratio(block.text, record.text) >= SIMILARITY:
                    candidates.setdefault(i, []).append(rid)
                    reverse.setdefault(rid, []).append(i)
        for i, rids in sorted(candidates.items()):
            if len(rids) == 1 and len(reverse[rids[0]]) == 1:
                self.ids[i] = rids[0]
                self.entries.append({"op": "revise", "id": rids[0], "kind": self.blocks[i].kind, "text": self.blocks[i].text, "date": self.date})
                self.changes.append(f"{rids[0]} revised")
            else:
                shown = ", ".join(sorted(set(rids) | {r for r in rids for j in reverse[r] if j != i}))
                message = (
                    f"the passage at line {self.blocks[i].line} is like {shown} equally well: pin the right one in anchors/pins.yml "
                    f"({self.source.slug}: pins: - {{id: ..., text: {self.blocks[i].text[:30]!r}}})"
                )
                self.problems.append(error(ambiguous_at, self.blocks[i].line, 1, "P002", message))

    def add_new(self) -> None:
        number = self.registry.next_number()
        for i, block in enumerate(self.blocks):
            if self.ids[i] is None:
                pid = f"p{number}"
                number += 1
                self.ids[i] = pid
                self.entries.append({"op": "add", "id": pid, "kind": block.kind, "text": block.text, "date": self.date})
                self.changes.append(f"{pid} new")

    def retire_gone(self) -> None:
        present = [pid for pid in self.ids if pid]
        texts = dict(zip(present, (b.text for b in self.blocks), strict=True))
        old_order = self.registry.order() or [rid for rid in self.state if self.state[rid].kind not in ("note", "gap")]
        gone = [rid for rid in self.passages("active") if rid not in present]
        for rid in gone:
            record = self.state[rid]
            decided = self.pins.decisions.get(rid)
            scores = sorted(((_contained(record.text, texts[pid]), pid) for pid in present), reverse=True)
            if decided is not None:
                successor, how = decided
            elif len(record.text) >= LONG and scores and scores[0][0] >= MOVED:
                # into a passage that kept its own id: two passages became one
                successor, how = scores[0][1], "merged" if scores[0][1] in self.state else "moved"
            elif len(record.text) >= LONG and len(scores) > 1 and scores[1][0] >= WEAK and scores[0][0] + scores[1][0] >= MOVED:
                successor, how = min(scores[:2], key=lambda s: present.index(s[1]))[1], "split"
            else:
                successor, how = identities.neighbour(rid, old_order, present), "removed"
                # a weak sign that the words moved: shared runs of three words, not shared letters
                strong = sorted(((_shared_phrases(record.text, texts[pid]), pid) for pid in present if pid != successor), reverse=True)
                strong = [(score, pid) for score, pid in strong[:1] if score >= WEAK and len(record.text.split()) >= 8]
                if strong:
                    score, pid = strong[0]
                    self.problems.append(
                        warning(
                            self.pins.path,
                            1,
                            1,
                            "P008",
                            f"{rid} retired as removed (readers go to {successor}, what followed it); {score:.0%} of its words are in {pid}: if they moved "
                            f"there, record it in anchors/pins.yml ({self.source.slug}: retire: - {{id: {rid}, successor: {pid}, how: moved}})",
                        )
                    )
            self.entries.append({"op": "retire", "id": rid, "successor": successor, "how": how, "date": self.date})
            self.entries += identities.retire_gaps_of(rid, self.state, self.date)
            words = f"its words are now in {successor}" if how in ("moved", "split", "merged") else f"readers go to {successor}, what followed it"
            self.changes.append(f"{rid} retired ({how}; {words})")
        for rid in self.pins.decisions:
            if rid not in gone and not (rid in self.state and self.state[rid].status == "retired"):
                self.problems.append(
                    error(self.pins.path, 1, 1, "P005", f"the decision about {rid} is not needed: {rid} is still in the text (or unknown); remove it")
                )


def _with_note_ids(source: Source, ids: dict[str, str], blocks: list[Block]) -> tuple[Source, list[Block]]:
    notes = tuple(replace(n, note_id=ids[n.label]) for n in source.notes)
    seen: dict[str, int] = {}
    out = []
    for block in blocks:
        markers = []
        for marker in block.markers:
            target = ids.get(marker.note, "n" + marker.note.lower().replace("*", "-star"))
            seen[target] = seen.get(target, 0) + 1
            ref = "r" + target[1:] + (f"-{seen[target]}" if seen[target] > 1 else "")
            markers.append(Marker(marker.offset, marker.printed, marker.note, ref, marker.notice, target))
        out.append(replace(block, markers=tuple(markers)) if markers else block)
    refs: dict[str, list[str]] = {}
    for block in out:
        for marker in block.markers:
            refs.setdefault(marker.target, []).append(marker.ref_id)
    notes = tuple(replace(n, refs=tuple(refs.get(n.note_id, ()))) for n in notes)
    return replace(source, notes=notes), out


def assign(source: Source, registry: Registry, pins: SourcePins, date: str) -> Assignment:
    """Give every block and note of ``source`` its permanent id; derive the registry it needs."""
    run = _Matcher(source, registry, pins, date)
    run.apply_pins()
    run.match_exact()
    run.match_similar(source.spec.raw_path)
    run.add_new()
    pids = [pid or "" for pid in run.ids]
    first = pids[0] if pids else ""
    ids, note_order, notes_outcome = identities.note_ids(source.notes, run.state, date, first)
    source, blocks = _with_note_ids(source, ids, run.blocks)
    passages = []
    gap_entries: list[dict[str, str]] = []
    for pid, block in zip(pids, blocks, strict=True):
        block, outcome = identities.gap_ids(pid, block, run.state, date)
        gap_entries += outcome.entries
        run.changes += outcome.changes
        passages.append(Passage(pid, block))
    run.retire_gone()
    entries = [*run.entries, *notes_outcome.entries, *gap_entries]
    order = [*pids, *note_order]
    if order != registry.order():
        entries.append({"op": "order", "ids": order, "date": date})  # type: ignore[dict-item]
    log = chain([*registry.log, *entries]) if entries else registry.log
    updated = Registry(registry.source, log)
    state = updated.state()
    retired = tuple(
        Retired(rid, _final(state, rid), r.how, r.retired_on, r.text) for rid, r in sorted(state.items()) if r.status == "retired" and r.kind != "gap"
    )
    versions = {rid: tuple((v.text, v.date) for v in r.versions) for rid, r in state.items() if r.kind not in ("gap",) and len(r.versions) > 1}
    anchored = AnchoredSource(source, tuple(passages), retired, versions)
    changes = (*run.changes, *notes_outcome.changes)
    return Assignment(anchored, updated, changes, tuple(run.problems))


def _final(state: dict[str, Record], rid: str) -> str:
    """Follow successors to an id in the text (the registry's own check reports loops)."""
    target, seen = state[rid].successor, {rid}
    while target in state and state[target].status == "retired" and target not in seen:
        seen.add(target)
        target = state[target].successor
    return target
