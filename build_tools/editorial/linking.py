"""Concept cross-linking: one Aho-Corasick automaton for every glossary and case phrase.

Matching runs on folded text (same length as the original, so offsets carry over). A phrase
matches on word boundaries, with regular plural and possessive endings; the longest phrase wins;
``not_linked`` phrases win over anything they contain and link nowhere; exact aliases must match
in capitals as written. Cost is one pass over each passage whatever the number of entries.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from ..sources.textnorm import fold

ENDINGS = ("", "s", "es", "'s", "s'", "'")


@dataclass(frozen=True)
class Target:
    """What a phrase links to: ``kind`` is ``glossary``, ``case`` or ``block`` (link nowhere)."""

    kind: str
    ident: str
    exact: str = ""


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    target: Target


class Linker:
    """A compiled set of phrases; build once, then ``find`` in any number of texts."""

    def __init__(self, phrases: list[tuple[str, Target]]) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[Target]] = {}
        for phrase, target in phrases:
            base = fold(" ".join(phrase.split()))
            for ending in ENDINGS:
                table.setdefault(base + ending, []).append(target)
        for key, targets in table.items():
            # block wins over links; otherwise keep the first declared target
            chosen = next((t for t in targets if t.kind == "block"), targets[0])
            self._automaton.add_word(key, (len(key), chosen, key))
        self._empty = not table
        self._found: dict[str, list[Hit]] = {}  # the concordance and the page links ask for the same texts
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping hits in ``text``, longest first, blocks removed."""
        if self._empty:
            return []
        if text in self._found:
            return list(self._found[text])
        folded = fold(text)
        candidates: list[Hit] = []
        for end_index, (length, target, _key) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and (folded[start - 1].isalnum() or folded[start - 1] in "-'"):
                continue
            if end < len(folded) and folded[end].isalnum():
                continue
            if target.exact and text[start : start + len(target.exact)] != target.exact:
                continue
            candidates.append(Hit(start, end, target))
        chosen: list[Hit] = []
        taken: list[tuple[int, int]] = []
        for hit in sorted(candidates, key=lambda h: (-(h.end - h.start), h.start)):
            if any(hit.start < e and s < hit.end for s, e in taken):
                continue
            taken.append((hit.start, hit.end))
            chosen.append(hit)
        result = sorted((h for h in chosen if h.target.kind != "block"), key=lambda h: h.start)
        self._found[text] = result
        return list(result)


def phrases_for(entries: list[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]) -> list[tuple[str, Target]]:
    """Phrase table from ``(kind, id, phrases, exact_phrases, blocked)`` tuples."""
    table: list[tuple[str, Target]] = []
    for kind, ident, phrases, exact, blocked in entries:
        table += [(p, Target(kind, ident)) for p in phrases]
        table += [(p, Target(kind, ident, exact=p)) for p in exact]
        table += [(p, Target("block", ident)) for p in blocked]
    return table
