"""Golden cases for each pure stage, one YAML file per case (in the manner of mkdocs-literate-nav's
test cases): ``tests/unit/cases/<stage>/<case>.yml`` holds a ``description``, the ``input`` and the
expected ``output``, inline. The runner feeds the input to the stage and compares; with
``pytest --update-goldens`` it writes today's output into the file instead (review the diff).

Stages: ``segmentation`` (raw text + rules -> blocks), ``gaps`` (blocks + gap rules -> gaps),
``author_notes`` (markers and note texts, linked), ``linking`` (phrases -> hits), ``quotes``
(exact/prefix/suffix -> offsets), ``inline`` (text + spans and points -> markup), ``registry`` (a
registry log + the current text -> ids, retirements, messages and the entries appended).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from markupsafe import Markup

from build_tools.diagnostics import Diagnostic
from build_tools.editorial import linking, quotes
from build_tools.inputs.yaml_positions import load_yaml
from build_tools.render import inline
from build_tools.sources import anchors, gaps, registry, segment, source_meta
from build_tools.sources.bibliography import Work
from build_tools.sources.model import Block, GapRef, GapSpec, Record, Source, SourceSpec
from build_tools.sources.pins import Pin, SourcePins

CASES = Path(__file__).resolve().parent / "cases"
BIBLIOGRAPHY = {"title": "A case", "container": "Cases", "date": "2001", "rights": "Test case.", "language": "en", "kind": "web-page"}
DATE = "2026-12-31"


def _diagnostics(found: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[str]:
    return [f"{d.code} {d.path.rsplit('/', 1)[-1]}:{d.line}:{d.col} {d.message}" for d in sorted(found)]


def _block(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"line": block.line, "kind": block.kind, "text": block.text}
    if block.level:
        out["level"] = block.level
    if block.ordered:
        out["ordered"] = True
    if block.number:
        out["number"] = block.number
    if block.markers:
        out["markers"] = [f"{m.offset} {m.printed} -> note {m.note} ({m.ref_id})" + (f" notice: {m.notice}" if m.notice else "") for m in block.markers]
    if block.gaps:
        out["gaps"] = [f"{g.offset} {g.gid}" for g in block.gaps]
    return out


def _structured(data: dict[str, Any]) -> tuple[Any, list[str]]:
    """Raw text + metadata (rules, notes, gaps, debris) through the source stages."""
    raw = data["text"]
    meta = {"slug": "case", "bibliography": BIBLIOGRAPHY, **{k: v for k, v in data.items() if k != "text"}}
    meta.setdefault("rules", [])
    located, problems = load_yaml("seeds/case.yml", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).encode("utf-8"))
    assert located is not None, problems
    spec, found = source_meta.parse_source_meta(located, "case", "seeds/case.txt", segment.split_lines(raw))
    if spec is None:
        return None, _diagnostics(found)
    source, more = segment.structure(spec, raw)
    return source, _diagnostics([*found, *more])


def segmentation(data: dict[str, Any]) -> dict[str, Any]:
    source, found = _structured(data)
    if source is None:
        return {"diagnostics": found}
    out: dict[str, Any] = {"title": source.title_line, "blocks": [_block(b) for b in source.blocks]}
    if source.removed:
        out["removed"] = [f"{line} {reason}" for line, reason in source.removed]
    if source.debris_removed:
        out["debris_removed"] = source.debris_removed
    if found:
        out["diagnostics"] = found
    return out


def author_notes(data: dict[str, Any]) -> dict[str, Any]:
    source, found = _structured(data)
    if source is None:
        return {"diagnostics": found}
    out: dict[str, Any] = {
        "blocks": [_block(b) for b in source.blocks if b.markers],
        "notes": [
            {"label": n.label, "id": n.note_id, "line": n.line, "text": " / ".join(n.lines), "refs": list(n.refs), **({"notice": n.notice} if n.notice else {})}
            for n in source.notes
        ],
    }
    if found:
        out["diagnostics"] = found
    return out


def gap_stage(data: dict[str, Any]) -> dict[str, Any]:
    rules = data.get("gaps", {})
    spec = GapSpec(
        tuple(rules.get("patterns", [])),
        tuple(GapRef(r["line"], r["after"]) for r in rules.get("add", [])),
        tuple(GapRef(r["line"], r["after"]) for r in rules.get("ignore", [])),
    )
    blocks = [Block(kind=b.get("kind", "paragraph"), text=b["text"], line=b["line"]) for b in data["blocks"]]
    out = []
    for block in gaps.find_gaps(spec, blocks):
        text = block.text
        for gap in sorted(block.gaps, key=lambda g: -g.offset):
            text = f"{text[: gap.offset]}⟦{gap.gid}⟧{text[gap.offset :]}"
        out.append(text)
    return {"blocks": out}


def linking_stage(data: dict[str, Any]) -> dict[str, Any]:
    entries = [
        (e.get("kind", "glossary"), e["id"], tuple(e.get("phrases", [])), tuple(e.get("exact", [])), tuple(e.get("blocked", []))) for e in data["entries"]
    ]
    linker = linking.Linker(linking.phrases_for(entries))
    out = []
    for text in data["texts"]:
        hits = linker.find(text)
        out.append({"text": text, "hits": [f"{h.start}-{h.end} {text[h.start : h.end]!r} -> {h.target.kind}:{h.target.ident}" for h in hits]})
    return {"texts": out}


def quote_stage(data: dict[str, Any]) -> dict[str, Any]:
    text = data["text"]
    out = []
    for query in data["quotes"]:
        found = quotes.find_all(text, query["exact"], query.get("prefix", ""), query.get("suffix", ""))
        out.append({**query, "found": [f"{m.start}-{m.end} {text[m.start : m.end]!r}" for m in found]})
    return {"quotes": out}


def inline_stage(data: dict[str, Any]) -> dict[str, Any]:
    # the decorations are test data written here, so they are trusted markup (as the renderers' are)
    spans = [inline.Span(s["start"], s["end"], Markup(s["open"]), Markup(s["close"])) for s in data.get("spans", [])]
    points = [inline.Point(p["offset"], Markup(p["html"]), p.get("rank", 0)) for p in data.get("points", [])]
    return {"markup": str(inline.render(data["text"], spans, points))}


def _source(texts: list[str]) -> Source:
    work = Work(key="case", kind="web-page", title="A case", date="2001")
    spec = SourceSpec("case", "seeds/case.yml", "seeds/case.txt", work, Record("Test case."), ())
    return Source(spec, "A case", tuple(Block(kind="paragraph", text=t, line=i) for i, t in enumerate(texts, 2)))


def registry_stage(data: dict[str, Any]) -> dict[str, Any]:
    log = registry.chain(data.get("log", []))
    committed = registry.Registry("case", log)
    contradictions = registry.check("anchors/case.json", committed)
    if contradictions:  # the registry checks itself before anything is matched against it
        return {"log_problems": [d.message for d in contradictions]}
    pins = SourcePins(
        pins=tuple(Pin(p["id"], p["text"]) for p in data.get("pins", [])),
        decisions={d["id"]: (d["successor"], d["how"]) for d in data.get("retire", [])},
    )
    result = anchors.assign(_source(data["texts"]), committed, pins, DATE)
    appended = [{k: v for k, v in entry.items() if k not in ("digest", "date")} for entry in result.registry.log[len(log) :]]
    out: dict[str, Any] = {
        "ids": [f"{p.pid}: {p.block.text}" for p in result.anchored.passages],
        "changes": list(result.changed),
        "appended": appended,
    }
    if result.anchored.retired:
        out["retired"] = [f"{r.pid} -> {r.successor} ({r.how})" for r in result.anchored.retired]
    if result.problems:
        out["diagnostics"] = _diagnostics(result.problems)
    out["replays_clean"] = not registry.check("anchors/case.json", result.registry)
    return out


STAGES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "segmentation": segmentation,
    "gaps": gap_stage,
    "author_notes": author_notes,
    "linking": linking_stage,
    "quotes": quote_stage,
    "inline": inline_stage,
    "registry": registry_stage,
}
FILES = sorted(CASES.glob("*/*.yml"))


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as literal blocks, so a case file reads like the text it holds."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def dump(case: dict[str, Any]) -> str:
    return yaml.dump(case, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=150)


def test_every_stage_has_cases() -> None:
    assert {path.parent.name for path in FILES} == set(STAGES)


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_stage_case(path: Path, update_goldens: bool) -> None:
    located, problems = load_yaml(path.name, path.read_bytes())
    assert located is not None, problems
    case = located.data
    assert set(case) <= {"description", "input", "output"} and case.get("description"), f"{path}: a case has a description, an input and an output"
    output = STAGES[path.parent.name](case["input"])
    if update_goldens:
        path.write_text(dump({"description": case["description"], "input": case["input"], "output": output}), encoding="utf-8")
        return
    assert output == case.get("output"), f"{path.relative_to(CASES)}: run pytest --update-goldens and review the diff\n" + dump({"output": output})
