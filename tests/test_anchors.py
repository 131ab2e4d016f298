"""Permanent anchors: against copies of a real seed, apply each kind of change and rebuild; every
registered id must still resolve, to the right passage, and ambiguity must be reported."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools import anchors, generate, pipeline
from build_tools.inputs import Inputs
from build_tools.textnorm import squash

from .conftest import with_files

ROOT = Path(__file__).resolve().parent.parent
SLUG = "callinicos-2007-dual-power-in-our-hands"
RAW = f"seeds/{SLUG}.txt"


def edit_lines(inputs: Inputs, change: Callable[[list[str]], None]) -> Inputs:
    """A copy of the inputs with the seed's lines changed in place (line count kept, so the
    metadata's line rules still apply; the committed seed itself is never edited)."""
    lines = inputs.files[RAW].decode("utf-8").split("\n")
    count = len(lines)
    change(lines)
    assert len(lines) == count
    return with_files(inputs, {RAW: "\n".join(lines).encode("utf-8")})


def anchor(inputs: Inputs) -> tuple[anchors.Assignment, anchors.Registry]:
    sources, problems = pipeline.load_sources(inputs)
    assert not problems, [p.format() for p in problems]
    source = next(s for s in sources if s.slug == SLUG)
    registry = anchors.registry_from_json(json.loads(inputs.files[f"anchors/{SLUG}.json"]))
    return anchors.assign(source, registry), registry


def rendered_ids(inputs: Inputs, assignment: anchors.Assignment) -> set[str]:
    """Ids present on the rebuilt page, with the updated registry in place."""
    updated = with_files(inputs, {f"anchors/{SLUG}.json": pipeline.registry_json(assignment.registry).encode("utf-8")})
    page = generate.generate(updated, {}, generate.Settings()).files[f"sources/{SLUG}.md"].decode("utf-8")
    return set(re.findall(r'id="([^"]+)"', page)) | set(re.findall(r"\{#([a-z0-9-]+) ", page))


def check_every_registered_id_resolves(inputs: Inputs, assignment: anchors.Assignment, registry: anchors.Registry) -> None:
    present = rendered_ids(inputs, assignment)
    live = {p.pid: p for p in assignment.anchored.passages}
    retired = {r.pid: r for r in assignment.anchored.retired}
    for entry in registry.entries:
        assert entry.pid in present, f"{entry.pid} no longer resolves"
        if entry.kind == "note":
            continue
        if entry.pid in live:  # kept: same or edited text, never a different passage
            ratio = anchors._ratio(squash(entry.text), squash(live[entry.pid].block.text)) if entry.text != live[entry.pid].block.text else 1
            assert ratio >= anchors.SIMILARITY, f"{entry.pid} moved to a different passage"
        else:
            assert entry.pid in retired and retired[entry.pid].successor in live
    new_numbers = [int(p.pid[1:]) for p in assignment.anchored.passages if p.pid not in {e.pid for e in registry.entries}]
    assert all(n >= registry.next_number for n in new_numbers), "an id was reused"


def test_unchanged_text_changes_nothing(repo_inputs: Inputs) -> None:
    assignment, _registry = anchor(repo_inputs)
    assert assignment.changed == ()
    assert pipeline.registry_json(assignment.registry) == repo_inputs.files[f"anchors/{SLUG}.json"].decode("utf-8")


def test_typo_fix_keeps_the_id(repo_inputs: Inputs) -> None:
    inputs = edit_lines(repo_inputs, lambda lines: lines.__setitem__(10, lines[10].replace("distinctive", "distinctve")))
    assignment, registry = anchor(inputs)
    assert assignment.changed == ("p1 edited",)
    assert assignment.anchored.passages[0].pid == "p1"
    check_every_registered_id_resolves(inputs, assignment, registry)


def test_insertion_at_the_top_gets_a_new_id(repo_inputs: Inputs) -> None:
    inputs = edit_lines(repo_inputs, lambda lines: lines.__setitem__(9, "A paragraph inserted before all the others."))
    assignment, registry = anchor(inputs)
    first = assignment.anchored.passages[0]
    assert first.block.text.startswith("A paragraph inserted") and first.pid == f"p{registry.next_number}"
    assert [p.pid for p in assignment.anchored.passages[1:4]] == ["p1", "p2", "p3"]
    check_every_registered_id_resolves(inputs, assignment, registry)


def test_deletion_retires_the_id_to_the_next_passage(repo_inputs: Inputs) -> None:
    inputs = edit_lines(repo_inputs, lambda lines: lines.__setitem__(12, ""))
    assignment, registry = anchor(inputs)
    retired = {r.pid: r for r in assignment.anchored.retired}
    assert retired["p2"].successor == "p3" and retired["p2"].reason == "removed"
    check_every_registered_id_resolves(inputs, assignment, registry)


def test_split_retires_the_id_to_the_part_holding_most_of_its_text(repo_inputs: Inputs) -> None:
    def split(lines: list[str]) -> None:
        text = lines[10]  # p1, two sentences of about equal length: neither half keeps the id
        cuts = [m.end() for m in re.finditer(r"\. ", text)]
        cut = min(cuts, key=lambda c: abs(c - len(text) / 2))
        lines[10], lines[11] = text[: cut - 1], text[cut:]

    inputs = edit_lines(repo_inputs, split)
    assignment, registry = anchor(inputs)
    retired = {r.pid: r for r in assignment.anchored.retired}
    assert retired["p1"].reason == "split"
    successor = next(p for p in assignment.anchored.passages if p.pid == retired["p1"].successor)
    assert successor.block.text in repo_inputs.files[RAW].decode("utf-8")
    check_every_registered_id_resolves(inputs, assignment, registry)


def test_merge_retires_both_ids_to_the_merged_passage(repo_inputs: Inputs) -> None:
    def merge(lines: list[str]) -> None:
        lines[22] = lines[22] + " " + lines[24]  # p7 and p8, of similar length
        lines[24] = ""

    inputs = edit_lines(repo_inputs, merge)
    assignment, registry = anchor(inputs)
    retired = {r.pid: r for r in assignment.anchored.retired}
    assert set(retired) == {"p7", "p8"}
    assert retired["p7"].successor == retired["p8"].successor
    check_every_registered_id_resolves(inputs, assignment, registry)


def test_ambiguous_match_is_an_error_not_a_guess(repo_inputs: Inputs) -> None:
    def duplicate(lines: list[str]) -> None:
        lines[10] = lines[10].replace("distinctive", "distinct")
        lines[9] = lines[10].replace("great", "greatest")  # a near-copy of p1 before it

    inputs = edit_lines(repo_inputs, duplicate)
    sources, _ = pipeline.load_sources(inputs)
    _, problems = pipeline.anchor_sources(sources, inputs)
    assert [p.code for p in problems] == ["P002", "P002"]  # both near-copies are reported
    assert {p.line for p in problems} == {10, 11} and all(p.path == RAW for p in problems)
    assert "p1" in problems[0].message and "pins.yml" in problems[0].message
    # a person resolves it by pinning the line to an id
    pinned = with_files(inputs, {"anchors/pins.yml": f"{SLUG}:\n  11: p1\n".encode()})
    sources, _ = pipeline.load_sources(pinned)
    anchoring, problems = pipeline.anchor_sources(sources, pinned)
    assert not problems
    ours = next(a for a in anchoring.sources if a.source.slug == SLUG)
    assert next(p for p in ours.passages if p.pid == "p1").block.line == 11


def test_the_build_names_the_command_when_the_registry_is_out_of_date(repo_inputs: Inputs) -> None:
    inputs = edit_lines(repo_inputs, lambda lines: lines.__setitem__(9, "A new paragraph."))
    _, problems = generate.build_model(inputs)
    p001 = [p for p in problems if p.code == "P001"]
    assert p001 and "make anchors" in p001[0].message


def test_retired_ids_land_on_their_successor_without_javascript(repo_inputs: Inputs) -> None:
    inputs = edit_lines(repo_inputs, lambda lines: lines.__setitem__(12, ""))
    assignment, _ = anchor(inputs)
    updated = with_files(inputs, {f"anchors/{SLUG}.json": pipeline.registry_json(assignment.registry).encode("utf-8")})
    page = generate.generate(updated, {}, generate.Settings()).files[f"sources/{SLUG}.md"].decode("utf-8")
    assert '<span class="dpr-retired" id="p2" aria-hidden="true"></span><p class="dpr-passage" id="p3">' in page
    assert '"retired": {"p2": {"reason": "removed", "successor": "p3"}}' in page


def test_registries_never_lost_an_id_in_git_history() -> None:
    """Append-only: every id in any committed version of a registry is in the current one."""
    log = subprocess.run(["git", "log", "--format=%H", "--", "anchors/"], cwd=ROOT, capture_output=True, text=True, check=True)
    current = {p.stem: {e["id"] for e in json.loads(p.read_text())["passages"]} for p in (ROOT / "anchors").glob("*.json") if p.stem != "site"}
    current_site = set(json.loads((ROOT / "anchors" / "site.json").read_text())["addresses"])
    commits = log.stdout.split()
    assert commits, "the registries must be committed"
    for commit in commits:
        listing = subprocess.run(["git", "ls-tree", "--name-only", commit, "anchors/"], cwd=ROOT, capture_output=True, text=True, check=True)
        for name in listing.stdout.split():
            if not name.endswith(".json"):
                continue
            old = json.loads(subprocess.run(["git", "show", f"{commit}:{name}"], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
            stem = Path(name).stem
            if stem == "site":
                assert set(old["addresses"]) <= current_site, f"{commit[:8]}: addresses removed from site.json"
            else:
                assert {e["id"] for e in old["passages"]} <= current.get(stem, set()), f"{commit[:8]}: ids removed from {name}"


@pytest.mark.parametrize("path", sorted(p.name for p in (ROOT / "anchors").glob("*.json")))
def test_registry_files_are_canonical(path: str) -> None:
    data = json.loads((ROOT / "anchors" / path).read_text(encoding="utf-8"))
    assert "rule" in data
