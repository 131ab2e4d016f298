"""Permanent ids of the author's notes and of the gaps, kept by content, never by position.

An author's note keeps its id while its words stay the same (or are revised), whatever number it
is printed with: a new edition that renumbers the references keeps each id on its reference. A
gap keeps its id while the words around it stay the same, so supplying one lost word or removing a
detector rule never moves another emendation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from .model import AuthorNote, Block, Gap
from .registry import SIMILARITY, Record, similar
from .textnorm import fold, squash

CONTEXT = 40  # characters of text on each side of a gap that identify it
GAP_SIMILARITY = 0.8


@dataclass(frozen=True)
class Outcome:
    """What matching decided: the new log entries and what to tell the editor."""

    entries: tuple[dict[str, str], ...]
    changes: tuple[str, ...]


def note_ids(notes: tuple[AuthorNote, ...], state: dict[str, Record], date: str, fallback: str) -> tuple[dict[str, str], list[str], Outcome]:
    """Permanent id of each current note (by label), the note ids in order, and the log entries.

    A note that leaves the text sends readers to the note that now holds its words, else to the
    note that followed it, else to ``fallback`` (the first passage).
    """
    registered = {rid: r for rid, r in state.items() if r.kind == "note"}
    active = {rid: r for rid, r in registered.items() if r.status == "active"}
    ids: dict[str, str] = {}
    entries: list[dict[str, str]] = []
    changes: list[str] = []
    texts = {n.label: " ".join(n.lines) for n in notes}
    taken: set[str] = set()
    for note in notes:  # the same words
        for rid, record in active.items():
            if rid not in taken and squash(record.text) == squash(texts[note.label]):
                ids[note.label] = rid
                taken.add(rid)
                if record.label != note.label:
                    entries.append({"op": "revise", "id": rid, "label": note.label, "text": texts[note.label], "date": date})
                    changes.append(f"{rid} keeps its id (now printed as {note.label})")
                break
    for note in notes:  # a revised note: one candidate on each side
        if note.label in ids:
            continue
        candidates = [rid for rid, r in active.items() if rid not in taken and similar(r.text, texts[note.label]) >= SIMILARITY]
        if len(candidates) == 1:
            rid = candidates[0]
            others = [n.label for n in notes if n.label not in ids and similar(active[rid].text, texts[n.label]) >= SIMILARITY]
            if len(others) == 1:
                ids[note.label] = rid
                taken.add(rid)
                entries.append({"op": "revise", "id": rid, "label": note.label, "text": texts[note.label], "date": date})
                changes.append(f"{rid} revised")
    for note in notes:  # new notes: the label's id if it was never used, else a numbered variant
        if note.label in ids:
            continue
        base = "n" + note.label.lower().replace("*", "-star")
        rid, k = base, 2
        while rid in registered or rid in ids.values():
            rid, k = f"{base}-{k}", k + 1
        ids[note.label] = rid
        entries.append({"op": "add", "id": rid, "kind": "note", "label": note.label, "text": texts[note.label], "date": date})
        changes.append(f"{rid} new")
    order = [ids[n.label] for n in notes]
    for rid, record in active.items():
        if rid in taken:
            continue
        successor = next((ids[n.label] for n in notes if len(record.text) >= 120 and _contained(record.text, texts[n.label]) >= 0.8), "")
        how = "moved" if successor else "removed"
        successor = successor or neighbour(rid, [r for r in registered if registered[r].status == "active"], order) or fallback
        if successor:
            entries.append({"op": "retire", "id": rid, "successor": successor, "how": how, "date": date})
            changes.append(f"{rid} retired ({how}; readers go to {successor})")
    return ids, order, Outcome(tuple(entries), tuple(changes))


def _contained(old: str, new: str) -> float:
    a, b = squash(old), squash(new)
    if not a:
        return 0.0
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()) / len(a)


def neighbour(rid: str, old_order: list[str], present: list[str]) -> str:
    """The passage that now stands where ``rid`` stood: the one right after its nearest earlier
    neighbour that is still in the text (in the current order ``present``), else the first."""
    if not present:
        return ""
    if rid not in old_order:
        return present[0]
    at = old_order.index(rid)
    earlier = next((r for r in reversed(old_order[:at]) if r in present), None)
    if earlier is None:
        return present[0]
    position = present.index(earlier) + 1
    return present[position] if position < len(present) else earlier


def _context(block: Block, offset: int) -> tuple[str, str]:
    folded = fold(block.text)
    return folded[max(0, offset - CONTEXT) : offset], folded[offset : offset + CONTEXT]


def gap_ids(pid: str, block: Block, state: dict[str, Record], date: str) -> tuple[Block, Outcome]:
    """The block with each gap's permanent id (``g1`` ... within the passage), and the log entries."""
    prefix = f"{pid}/"
    mine = {rid: r for rid, r in state.items() if r.kind == "gap" and rid.startswith(prefix)}
    active = {rid: r for rid, r in mine.items() if r.status == "active"}
    contexts = [_context(block, gap.offset) for gap in block.gaps]
    chosen: dict[int, str] = {}
    entries: list[dict[str, str]] = []
    changes: list[str] = []
    for i, (before, after) in enumerate(contexts):
        for rid, record in active.items():
            if rid not in chosen.values() and record.before == before and record.after == after:
                chosen[i] = rid
                break
    for i, (before, after) in enumerate(contexts):
        if i in chosen:
            continue
        scored = [
            (SequenceMatcher(None, r.before + "|" + r.after, before + "|" + after, autojunk=False).ratio(), rid)
            for rid, r in active.items()
            if rid not in chosen.values()
        ]
        good = [rid for score, rid in scored if score >= GAP_SIMILARITY]
        if len(good) == 1:
            chosen[i] = good[0]
            entries.append({"op": "revise", "id": good[0], "before": before, "after": after, "date": date})
    numbers = [int(rid.rsplit("/g", 1)[1]) for rid in mine]
    next_number = max(numbers, default=0) + 1
    for i, (before, after) in enumerate(contexts):
        if i not in chosen:
            rid = f"{prefix}g{next_number}"
            next_number += 1
            chosen[i] = rid
            entries.append({"op": "add", "id": rid, "kind": "gap", "before": before, "after": after, "text": "", "date": date})
            changes.append(f"gap {rid} new")
    for rid in active:
        if rid not in chosen.values():
            entries.append({"op": "retire", "id": rid, "successor": "", "how": "removed", "date": date})
            changes.append(f"gap {rid} retired (the received text no longer has it here)")
    gaps = tuple(Gap(gap.offset, chosen[i].rsplit("/", 1)[1]) for i, gap in enumerate(block.gaps))
    return replace(block, gaps=gaps), Outcome(tuple(entries), tuple(changes))


def retire_gaps_of(pid: str, state: dict[str, Record], date: str) -> list[dict[str, str]]:
    """Log entries retiring every active gap of a passage that has left the text."""
    prefix = f"{pid}/"
    return [
        {"op": "retire", "id": rid, "successor": "", "how": "removed", "date": date}
        for rid, r in state.items()
        if r.kind == "gap" and rid.startswith(prefix) and r.status == "active"
    ]
