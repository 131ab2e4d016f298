"""Anchors that mean the same words forever: eight kinds of change to a source, and tampering with
its registry, on the fixture edition's real-shaped sources.

For every change the test checks, for each old id: it still holds the same (or revised) words, or
it is retired with an honest redirect (what now stands where it stood, or where its words went);
for every emendation gap and author's note: it stays on the same words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_tools.inputs.files import Inputs, read_inputs
from build_tools.sources import registry
from build_tools.sources.pins import SourcePins
from build_tools.sources.structure import anchor_source, structure_source
from build_tools.sources.textnorm import squash

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "edition"
SLUG = "fixture-councils"
DATE = "2026-12-31"


def _inputs() -> Inputs:
    inputs, problems = read_inputs(FIXTURE)
    assert not problems
    return inputs


def _text(inputs: Inputs, slug: str = SLUG) -> str:
    return inputs.files[f"seeds/{slug}.txt"].decode("utf-8")


def _meta(inputs: Inputs, slug: str = SLUG) -> str:
    return inputs.files[f"seeds/{slug}.yml"].decode("utf-8")


def shift_rules(meta: str, at: int, by: int) -> str:
    """The metadata with every line number from ``at`` on moved by ``by`` (what M015 asks for)."""

    def move(number: str) -> str:
        n = int(number)
        return str(n + by if n >= at else n)

    meta = re.sub(r"(\{line: )(\d+)", lambda m: m.group(1) + move(m.group(2)), meta)
    meta = re.sub(r'(lines: ")(\d+)-(\d+)', lambda m: f"{m.group(1)}{move(m.group(2))}-{move(m.group(3))}", meta)
    return meta


def anchored(text: str, meta: str, raw_registry: bytes | None, slug: str = SLUG, pins: SourcePins | None = None):  # type: ignore[no-untyped-def]
    """Structure and anchor a source from its texts; (anchored, updated registry, changes, problems)."""
    source, problems = structure_source(slug, text.encode("utf-8"), meta.encode("utf-8"))
    assert source is not None, [p.format() for p in problems]
    import os

    os.environ["DPR_TODAY"] = DATE
    result, updated, changes, more = anchor_source(source, raw_registry, pins or SourcePins())
    return result, updated, changes, [*problems, *more]


def ids_by_text(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {squash(p.block.text): p.pid for p in result.passages}


@pytest.fixture
def base():  # type: ignore[no-untyped-def]
    inputs = _inputs()
    raw = inputs.files[f"anchors/{SLUG}.json"]
    result, updated, changes, problems = anchored(_text(inputs), _meta(inputs), raw)
    assert not [p for p in problems if p.severity == "error" and p.code != "P001"], problems
    assert not changes, changes  # the committed registry is up to date
    return inputs, result, raw


def test_typo_keeps_the_id_and_the_old_wording(base) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    text = _text(inputs).replace("Bread was dear", "Bread was very dear")
    after, updated, changes, problems = anchored(text, _meta(inputs), raw)
    p1 = next(p for p in after.passages if p.pid == "p1")
    assert "very dear" in p1.block.text
    assert "p1 revised" in changes
    assert next(t for t, _ in after.versions["p1"]).startswith("The winter of 1905 was hard in Northgate. Bread was dear")
    assert {p.pid for p in after.passages} == {p.pid for p in before.passages}


def test_insert_at_top_keeps_every_id(base) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    lines = _text(inputs).split("\n")
    lines.insert(5, "A new first paragraph, inserted in a corrected copy of the text.")
    meta = shift_rules(_meta(inputs), 6, 1)
    after, updated, changes, problems = anchored("\n".join(lines), meta, raw)
    old, new = ids_by_text(before), ids_by_text(after)
    for text, pid in old.items():
        assert new[text] == pid
    assert any(c.endswith(" new") for c in changes)
    # the author's notes and the gap stay where they were
    assert {n.note_id: n.lines for n in after.source.notes} == {n.note_id: n.lines for n in before.source.notes}
    assert [g.gid for p in after.passages for g in p.block.gaps] == ["g1"]


@pytest.mark.parametrize("pid", ["p1", "p5", "p7", "p10", "p15", "p20"])
def test_deleting_a_passage_sends_readers_to_what_stands_where_it_stood(base, pid: str) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    order = [p.pid for p in before.passages]
    victim = next(p for p in before.passages if p.pid == pid)
    lines = _text(inputs).split("\n")
    lines[victim.block.line - 1] = ""
    meta = "\n".join(row for row in _meta(inputs).split("\n") if f"{{line: {victim.block.line}," not in row)
    after, updated, changes, problems = anchored("\n".join(lines), meta, raw)
    retired = {r.pid: r for r in after.retired}
    assert pid in retired
    expected = order[order.index(pid) + 1]
    assert (retired[pid].successor, retired[pid].how) == (expected, "removed")
    assert {p.pid for p in after.passages} == set(order) - {pid}
    assert f"{pid} retired (removed; readers go to {expected}, what followed it)" in changes


def test_split_sends_readers_to_the_first_part(base) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    lines = _text(inputs).split("\n")
    at = next(p for p in before.passages if p.pid == "p3").block.line
    lines[at - 1 : at] = [
        "The new body met every evening in the old corn exchange.",
        "It fixed the price of bread, ran the trams and issued passes to carters.",
    ]
    meta = shift_rules(_meta(inputs), at + 1, 1)
    after, updated, changes, problems = anchored("\n".join(lines), meta, raw)
    retired = {r.pid: r for r in after.retired}
    assert "p3" in retired
    first_part = next(p.pid for p in after.passages if p.block.text.startswith("The new body met"))
    assert retired["p3"].successor == first_part


def test_merged_passages_lead_to_the_merged_text(base) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    lines = _text(inputs).split("\n")
    l4 = next(p for p in before.passages if p.pid == "p4").block.line
    l5 = next(p for p in before.passages if p.pid == "p5").block.line
    lines[l4 - 1] = lines[l4 - 1] + " " + lines[l5 - 1]
    lines[l5 - 1] = ""
    after, updated, changes, problems = anchored("\n".join(lines), _meta(inputs), raw)
    merged = next(p.pid for p in after.passages if "did not dissolve" in p.block.text)
    successors = {r.pid: r.successor for r in after.retired}
    kept = {p.pid for p in after.passages}
    for pid in ("p4", "p5"):
        assert (pid in kept and pid == merged) or successors.get(pid) == merged


def test_moved_passage_keeps_its_id(base) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    lines = _text(inputs).split("\n")
    l8 = next(p for p in before.passages if p.pid == "p8").block.line
    l17 = next(p for p in before.passages if p.pid == "p17").block.line
    moved = lines[l8 - 1]
    lines[l8 - 1], lines[l17 - 1] = lines[l17 - 1], moved
    after, updated, changes, problems = anchored("\n".join(lines), _meta(inputs), raw)
    assert ids_by_text(after) == ids_by_text(before)


def test_a_word_changed_in_an_annotated_quote_is_caught(tmp_path: Path) -> None:
    from build_tools.editorial.edition import build_edition

    inputs = _inputs()
    files = dict(inputs.files)
    files[f"seeds/{SLUG}.txt"] = _text(inputs).replace("old corn exchange", "great corn exchange").encode("utf-8")
    edition, found = build_edition(Inputs(files))
    a002 = [d for d in found if d.code == "A002"]
    assert a002 and "old corn exchange" in a002[0].message
    p3 = next(p for p in edition.source(SLUG).passages if p.pid == "p3")  # type: ignore[union-attr]
    assert "great corn exchange" in p3.block.text  # same id, revised words: the note is refused, not moved


def test_new_edition_never_puts_different_words_behind_an_old_id(base) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    text = _text(inputs)
    for old, new in (
        ("Bread was dear, the mills ran short time", "Bread cost twice the old price and the mills worked three days a week"),
        ("It fixed the price of bread, ran the trams and issued passes to carters.", "It set prices and ran the city's transport."),
        ("The old council did not dissolve.", "The council stayed."),
        ("Some committees ran their mills for months.", "A few ran them for a season."),
    ):
        text = text.replace(old, new)
    after, updated, changes, problems = anchored(text, _meta(inputs), raw)
    old_texts = {p.pid: p.block.text for p in before.passages}
    for passage in after.passages:
        if passage.pid in old_texts:
            assert registry.similar(old_texts[passage.pid], passage.block.text) >= registry.SIMILARITY
    assert not [p for p in problems if p.code == "P002"]


def test_renumbered_notes_keep_their_ids_on_their_words(base) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    text = _text(inputs)
    # a new edition adds a note before note 1 and renumbers the rest
    for n in (4, 3, 2, 1):
        text = text.replace(f"[{n}]", f"[{n + 1}]").replace(f"\n{n}. ", f"\n{n + 1}. ")
    text = text.replace("The winter of 1905 was hard in Northgate.", "The winter of 1905 was hard in Northgate.[1]")
    text = text.replace("\n2. One delegate", "\n1. A note added in the new edition.\n2. One delegate")
    meta = _meta(inputs).replace('lines: "27-31"', 'lines: "27-32"')
    after, updated, changes, problems = anchored(text, meta, raw)
    by_words = {" ".join(n.lines): n.note_id for n in after.source.notes}
    for note in before.source.notes:
        assert by_words[" ".join(note.lines)] == note.note_id
    assert by_words["A note added in the new edition."] not in {n.note_id for n in before.source.notes}


def test_supplying_one_lost_word_never_moves_another_emendation() -> None:
    inputs = _inputs()
    text = _text(inputs, "fixture-encyclopedia")
    meta = _meta(inputs, "fixture-encyclopedia")
    three = text.replace("refused to meet its delegates.", "refused to  meet its  delegates.")
    first, reg1, _, _ = anchored(three, meta, inputs.files["anchors/fixture-encyclopedia.json"], "fixture-encyclopedia")
    gaps = {g.gid: g.offset for p in first.passages for g in p.block.gaps if p.pid == "p4"}
    assert sorted(gaps) == ["g1", "g2", "g3"]
    supplied = three.replace("The  council", "The old council")  # the first gap's word is supplied
    second, _, changes, _ = anchored(supplied, meta, registry.to_json(reg1).encode("utf-8"), "fixture-encyclopedia")
    block = next(p.block for p in second.passages if p.pid == "p4")
    assert [g.gid for g in block.gaps] == ["g2", "g3"]
    assert block.text[: block.gaps[0].offset].endswith("refused to ")
    assert "gap p4/g1 retired (the received text no longer has it here)" in changes


def _tampered(raw: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    data = json.loads(raw)
    change(data["log"])
    return json.dumps(data).encode("utf-8")


@pytest.mark.parametrize(
    "name, change",
    [
        ("swap two texts", lambda log: (log[0].update(text=log[1]["text"]), log[1].update(text="The winter of 1905 was hard in Northgate."))),
        ("edit a text", lambda log: log[2].update(text="Other words entirely, placed behind an old id.")),
        ("remove an entry", lambda log: log.pop(3)),
        ("add an id twice", lambda log: log.append({**log[0], "date": "2026-12-30"})),
    ],
)
def test_the_registry_checks_itself(base, name: str, change) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    source, _ = structure_source(SLUG, inputs.files[f"seeds/{SLUG}.txt"], inputs.files[f"seeds/{SLUG}.yml"])
    assert source is not None
    result, updated, changes, problems = anchor_source(source, _tampered(raw, change), SourcePins())
    assert result is None
    assert [p.code for p in problems] and {p.code for p in problems} == {"P007"}


def test_a_resealed_swap_is_caught_by_the_similarity_rule(base) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    log = json.loads(raw)["log"]
    log.append({"op": "revise", "id": "p1", "text": log[1]["text"], "date": "2026-12-30"})
    resealed = registry.chain(log)
    _state, problems = registry.replay(resealed)
    assert any("not a revision of the old one" in p for p in problems)


def test_a_restored_text_gets_its_old_id_back(base) -> None:  # type: ignore[no-untyped-def]
    inputs, before, raw = base
    lines = _text(inputs).split("\n")
    victim = next(p for p in before.passages if p.pid == "p7")
    lines[victim.block.line - 1] = ""
    gone, reg, _, _ = anchored("\n".join(lines), _meta(inputs), raw)
    assert "p7" in {r.pid for r in gone.retired}
    back, _, changes, _ = anchored(_text(inputs), _meta(inputs), registry.to_json(reg).encode("utf-8"))
    assert "p7" in {p.pid for p in back.passages}
    assert "p7 restored (the same words are back)" in changes
