"""Permanent passage ids: an append-only registry per source, matched against the current text.

Rules (documented in docs/about/anchors.md):

1. A passage whose folded text equals a registered passage keeps that id.
2. Otherwise a passage keeps the id of a registered passage whose text is at least
   ``SIMILARITY`` similar (difflib ratio on folded text) when that pairing is the only candidate
   on both sides; two or more candidates on either side is an error for a person to resolve.
3. A passage left unmatched gets a new id, ``p<next>``; ids are never reused.
4. A registered passage left unmatched is retired; its successor is the current passage that
   contains most of its text (split, merge) or, if none does, the passage that now follows it.

Author's notes have ids from their printed labels (``n12``) and are registered in the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ..diagnostics import Diagnostic, error
from ..inputs.text import decode
from .model import AnchoredSource, Block, Passage, Retired, Source
from .textnorm import squash

SIMILARITY = 0.75
ID = re.compile(r"\A[a-z][a-z0-9-]*\Z")
CONTAINMENT = 0.5


@dataclass(frozen=True)
class Entry:
    """One registered id."""

    pid: str
    kind: str
    text: str
    status: str = "active"
    successor: str = ""
    reason: str = ""

    def as_json(self) -> dict[str, str]:
        data = {"id": self.pid, "kind": self.kind, "status": self.status, "text": self.text}
        if self.status == "retired":
            data.update(successor=self.successor, reason=self.reason)
        return data


@dataclass(frozen=True)
class Registry:
    source: str
    next_number: int
    entries: tuple[Entry, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "rule": f"append-only; similarity threshold {SIMILARITY}; see docs/about/anchors.md",
            "next": self.next_number,
            "passages": [e.as_json() for e in self.entries],
        }


@dataclass(frozen=True)
class Assignment:
    """The result of matching a source against its registry."""

    anchored: AnchoredSource
    registry: Registry
    changed: tuple[str, ...]
    ambiguous: tuple[tuple[int, tuple[str, ...]], ...]


def empty_registry(slug: str) -> Registry:
    return Registry(slug, 1, ())


def registry_from_json(data: Any) -> Registry:
    """Parse a registry file's JSON (already loaded); raises ValueError if it is damaged."""
    if not isinstance(data, dict) or not isinstance(data.get("passages"), list) or not isinstance(data.get("source"), str):
        raise ValueError("a registry is a mapping with 'source' and a list of 'passages'")
    if not isinstance(data.get("next"), int) or isinstance(data.get("next"), bool):
        raise ValueError("'next' must be a whole number")
    entries = []
    for i, e in enumerate(data["passages"]):
        fields = ("id", "kind", "text", "status", "successor", "reason")
        if not isinstance(e, dict) or not all(isinstance(e.get(f, ""), str) for f in fields) or not all(f in e for f in ("id", "kind", "text")):
            raise ValueError(f"entry {i + 1} needs 'id', 'kind' and 'text' as text")
        if not ID.match(e["id"]):
            raise ValueError(f"entry {i + 1}: {e['id'][:40]!r} is not an id")
        entries.append(Entry(e["id"], e["kind"], e["text"], e.get("status", "active"), e.get("successor", ""), e.get("reason", "")))
    return Registry(data["source"], data["next"], tuple(entries))


def read_registry(path: str, slug: str, raw: bytes | None) -> tuple[Registry | None, tuple[Diagnostic, ...]]:
    """The registry at ``path`` (an empty one if there is none yet), or None and why it cannot be read."""
    if raw is None:
        return empty_registry(slug), ()
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    try:
        return registry_from_json(json.loads(text)), ()
    except (ValueError, RecursionError) as exc:
        return None, (error(path, 1, 1, "P004", f"registry cannot be read: {str(exc)[:160]}"),)


def _ratio(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    return matcher.ratio()


def _containment(old: str, new: str) -> float:
    if not old:
        return 0.0
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(old)


def _key(block: Block) -> str:
    return block.kind + ":" + squash(block.text)


def _note_key(label_id: str) -> str:
    return "note:" + label_id


def assign(source: Source, registry: Registry, pinned: dict[int, str] | None = None) -> Assignment:
    """Give every block of ``source`` its permanent id, deriving the updated registry.

    ``pinned`` maps raw line numbers to ids a person chose to resolve an ambiguous match
    (``anchors/pins.yml``); ``"new"`` forces a fresh id.
    """
    blocks = list(source.blocks)
    active = [e for e in registry.entries if e.status == "active" and e.kind != "note"]
    pins = pinned or {}
    by_text: dict[str, list[Entry]] = {}
    for entry in active:
        by_text.setdefault(entry.kind + ":" + squash(entry.text), []).append(entry)
    ids: list[str | None] = [None] * len(blocks)
    taken: set[str] = set()
    known = {e.pid for e in active}
    for i, block in enumerate(blocks):
        pin = pins.get(block.line)
        if pin in known and pin not in taken:
            ids[i] = pin
            taken.add(pin)
    for i, block in enumerate(blocks):
        if ids[i] is not None or pins.get(block.line) == "new":
            continue
        for entry in by_text.get(_key(block), []):
            if entry.pid not in taken:
                ids[i] = entry.pid
                taken.add(entry.pid)
                break
    free = [e for e in active if e.pid not in taken]
    candidates: dict[int, list[str]] = {}
    reverse: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        if ids[i] is not None or pins.get(block.line) == "new":
            continue
        text = squash(block.text)
        for entry in free:
            if _ratio(text, squash(entry.text)) >= SIMILARITY:
                candidates.setdefault(i, []).append(entry.pid)
                reverse.setdefault(entry.pid, []).append(i)
    ambiguous: list[tuple[int, tuple[str, ...]]] = []
    changed: list[str] = []
    for i, pids in sorted(candidates.items()):
        if len(pids) == 1 and len(reverse[pids[0]]) == 1:
            ids[i] = pids[0]
            taken.add(pids[0])
            changed.append(f"{pids[0]} edited")
        else:
            ambiguous.append((blocks[i].line, tuple(sorted(pids))))
    next_number = registry.next_number
    for i, pid in enumerate(ids):
        if pid is None:
            ids[i] = f"p{next_number}"
            changed.append(f"p{next_number} new")
            next_number += 1
    passages = tuple(Passage(pid or "", block) for pid, block in zip(ids, blocks, strict=False))
    retired_now = _retire([e for e in active if e.pid not in taken], passages, registry)
    changed.extend(f"{r.pid} retired ({r.reason}, now {r.successor})" for r in retired_now)
    all_retired = [Retired(e.pid, e.successor, e.reason) for e in registry.entries if e.status == "retired" and e.kind != "note"]
    all_retired.extend(retired_now)
    notes_registry, note_changes, note_retired = _assign_notes(source, registry)
    changed.extend(note_changes)
    all_retired.extend(note_retired)
    entries = _entries(passages, all_retired, registry, notes_registry)
    anchored = AnchoredSource(source, passages, tuple(_resolve_chains(all_retired, passages, source)))
    return Assignment(anchored, Registry(source.slug, next_number, entries), tuple(changed), tuple(ambiguous))


def _retire(gone: list[Entry], passages: tuple[Passage, ...], registry: Registry) -> list[Retired]:
    order = [e.pid for e in registry.entries if e.status == "active" and e.kind != "note"]
    present = {p.pid for p in passages}
    result = []
    for entry in gone:
        old = squash(entry.text)
        scored = sorted(((_containment(old, squash(p.block.text)), n, p.pid) for n, p in enumerate(passages)), key=lambda t: (-t[0], t[1]))
        holders = [s for s in scored if s[0] >= 0.3]
        if scored and scored[0][0] >= CONTAINMENT:
            reason = "split" if len(holders) > 1 else "merged or revised"
            result.append(Retired(entry.pid, scored[0][2], reason))
            continue
        position = order.index(entry.pid)
        after = [pid for pid in order[position + 1 :] if pid in present]
        before = [pid for pid in reversed(order[:position]) if pid in present]
        successor = (after or before or [passages[0].pid if passages else ""])[0]
        result.append(Retired(entry.pid, successor, "removed"))
    return result


def _assign_notes(source: Source, registry: Registry) -> tuple[list[Entry], list[str], list[Retired]]:
    registered = {e.pid: e for e in registry.entries if e.kind == "note"}
    current = [n.note_id for n in source.notes]
    changes = [f"{nid} new" for nid in current if nid not in registered]
    retired = []
    for nid, entry in registered.items():
        if entry.status == "retired":
            retired.append(Retired(nid, entry.successor, entry.reason))
        elif nid not in current:
            retired.append(Retired(nid, current[0] if current else "", "removed"))
            changes.append(f"{nid} retired")
    entries = [Entry(nid, "note", "") for nid in current]
    return entries, changes, retired


def _entries(passages: tuple[Passage, ...], retired: list[Retired], registry: Registry, notes: list[Entry]) -> tuple[Entry, ...]:
    texts = {e.pid: e.text for e in registry.entries}
    kinds = {e.pid: e.kind for e in registry.entries}
    current = [Entry(p.pid, p.block.kind, p.block.text) for p in passages]
    gone = sorted(
        (Entry(r.pid, kinds.get(r.pid, "paragraph"), texts.get(r.pid, ""), "retired", r.successor, r.reason) for r in retired),
        key=lambda e: (e.pid[0], int(e.pid[1:]) if e.pid[1:].isdigit() else 0, e.pid),
    )
    return tuple(current + notes + gone)


def _resolve_chains(retired: list[Retired], passages: tuple[Passage, ...], source: Source) -> list[Retired]:
    """Follow successor chains to a current id, so each retired id lands on a live passage."""
    live = {p.pid for p in passages} | {n.note_id for n in source.notes}
    successor = {r.pid: r.successor for r in retired}
    resolved = []
    for r in retired:
        target, hops = r.successor, 0
        while target not in live and target in successor and hops < 1000:
            target, hops = successor[target], hops + 1
        resolved.append(Retired(r.pid, target, r.reason))
    return sorted(resolved, key=lambda r: r.pid)
