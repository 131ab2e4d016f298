"""Delete one passage of a source, as an editor would (blank its line, drop or loosen the rules that
named it), and see where its id now sends readers. Shared by the behaviour test (fixture edition)
and the content test (every passage of every real source)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import yaml

from build_tools.inputs.files import Inputs
from build_tools.sources.model import AnchoredSource
from build_tools.sources.pins import SourcePins
from build_tools.sources.structure import anchor_source, structure_source
from build_tools.sources.textnorm import squash


@dataclass(frozen=True)
class Outcome:
    pid: str
    successor: str
    how: str
    expected: str
    honest: bool
    others_kept: bool


def _without_line(meta: str, line: int) -> str:
    """The metadata (as JSON, which is YAML) without the rules and gap entries that named ``line``."""
    data = yaml.safe_load(meta)
    rules = []
    for rule in data.get("rules", []):
        if rule.get("line") == line:
            continue  # the rule named only this line
        if "lines" in rule:
            first, _, last = str(rule["lines"]).partition("-")
            if int(first) <= line <= int(last or first):
                rule = {k: v for k, v in rule.items() if k != "expect"}  # the guard may have named this line's words
        rules.append(rule)
    data["rules"] = rules
    for key in ("add", "ignore"):
        if key in data.get("gaps", {}):
            data["gaps"][key] = [g for g in data["gaps"][key] if g.get("line") != line]
    return json.dumps(data)


def delete_each(inputs: Inputs, slug: str) -> tuple[list[Outcome], int]:
    """Every passage of ``slug`` deleted in turn (passages with author's markers skipped); skipped count."""
    os.environ.setdefault("DPR_TODAY", "2026-12-31")
    text = inputs.files[f"seeds/{slug}.txt"].decode("utf-8")
    meta = inputs.files[f"seeds/{slug}.yml"].decode("utf-8")
    raw = inputs.files.get(f"anchors/{slug}.json")
    source, problems = structure_source(slug, text.encode(), meta.encode())
    assert source is not None, [p.format() for p in problems]
    before, _reg, _changes, _problems = anchor_source(source, raw, SourcePins())
    assert before is not None
    order = [p.pid for p in before.passages]
    outcomes, skipped = [], 0
    for passage in before.passages:
        if passage.block.markers:
            skipped += 1
            continue
        lines = text.split("\n")
        lines[passage.block.line - 1] = ""
        changed, problems = structure_source(slug, "\n".join(lines).encode(), _without_line(meta, passage.block.line).encode())
        assert changed is not None, (passage.pid, [p.format() for p in problems])
        after, _reg, _changes, _problems = anchor_source(changed, raw, SourcePins())
        assert isinstance(after, AnchoredSource)
        retired = {r.pid: r for r in after.retired}
        r = retired[passage.pid]
        at = order.index(passage.pid)
        expected = order[at + 1] if at + 1 < len(order) else order[at - 1]
        texts = {p.pid: p.block.text for p in after.passages}
        if r.how in ("moved", "merged", "split"):
            honest = r.successor in texts and _contained(passage.block.text, texts[r.successor]) >= 0.3
        else:
            honest = r.successor == expected
        kept = {p.pid: squash(p.block.text) for p in after.passages} == {p.pid: squash(p.block.text) for p in before.passages if p.pid != passage.pid}
        outcomes.append(Outcome(passage.pid, r.successor, r.how, expected, honest, kept))
    return outcomes, skipped


def _contained(old: str, new: str) -> float:
    from difflib import SequenceMatcher

    a, b = squash(old), squash(new)
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()) / max(1, len(a))
