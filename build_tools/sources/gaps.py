"""Words lost in scraping: find the gaps by the rules a source declares, plus explicit additions.

A gap pattern is a regular expression with an empty named group ``(?P<gap>)``; the gap lies where
that group matches. ``add`` and ``ignore`` entries name a line and the words right before the gap,
so a person can correct the detector without touching code.
"""

from __future__ import annotations

from dataclasses import replace

from . import patterns
from .model import Block, Gap, GapSpec

GAP_KINDS = ("paragraph", "blockquote", "list-item", "heading")


def _position(block: Block, after: str) -> int | None:
    index = block.text.find(after)
    return None if index < 0 else index + len(after)


def find_gaps(spec: GapSpec, blocks: list[Block]) -> list[Block]:
    """Blocks with their ``gaps`` filled in, numbered ``g1``, ``g2`` ... within each block."""
    compiled = [patterns.compile(p) for p in spec.patterns]
    additions: dict[int, list[str]] = {}
    ignored: dict[int, list[str]] = {}
    for ref in spec.add:
        additions.setdefault(ref.line, []).append(ref.after)
    for ref in spec.ignore:
        ignored.setdefault(ref.line, []).append(ref.after)
    result = []
    for block in blocks:
        if block.kind not in GAP_KINDS:
            result.append(block)
            continue
        detected: set[int] = set()
        for pattern in compiled:
            detected.update(m.start("gap") for m in pattern.finditer(block.text))
        # Detected gaps are numbered in reading order; added gaps take the next numbers in the
        # order they are declared, so a correction never renumbers an existing gap.
        numbered = {offset: f"g{i}" for i, offset in enumerate(sorted(detected), 1)}
        for after in additions.get(block.line, []):
            pos = _position(block, after)
            if pos is not None and pos not in numbered:
                numbered[pos] = f"g{len(numbered) + 1}"
        for after in ignored.get(block.line, []):
            pos = _position(block, after)
            if pos is not None:
                numbered.pop(pos, None)
        if numbered:
            gaps = tuple(Gap(offset, gid) for offset, gid in sorted(numbered.items()))
            block = replace(block, gaps=gaps)
        result.append(block)
    return result
