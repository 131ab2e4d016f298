"""Hostile issue text through the suggestion conversion: every payload of ``tests/hostile/`` and a
set of YAML injections ends either as a coded refusal that changes nothing, or as an entry that
reads back exactly as written, holds nothing but plain YAML, and validates and builds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools import cli
from build_tools.contrib import issue_form, suggestion
from build_tools.inputs.files import Inputs, read_inputs
from build_tools.inputs.text import first_forbidden
from build_tools.inputs.yaml_positions import load_yaml
from tests.editions import make_root

from .forms import GOOD, issue_body

HOSTILE = Path(__file__).resolve().parent.parent / "hostile"
PAYLOADS: list[dict[str, str]] = yaml.safe_load((HOSTILE / "payloads.yml").read_text(encoding="utf-8"))
NOTES = "annotations/fixture-councils.yml"

#: text that would become YAML structure if it were pasted into a file instead of emitted as data
INJECTIONS = [
    "key: value",
    "- item",
    "&anchor value",
    "*alias",
    "!!python/object/apply:os.system ['touch /tmp/dpr-pwned']",
    "!include /etc/passwd",
    "{a: 1}",
    "[1, 2]",
    "'single",
    '"double',
    "# not a comment",
    "| literal",
    "> folded",
    "---",
    "...",
    "? complex key",
    "<<: *base",
    "@at",
    "%TAG ! tag:evil.example,2000:",
    "null",
    "~",
    "true",
    "no",
    "0x1F",
    "1e3",
    "2017-10-25",
    "back\\slash \\n",
    "tab\tseparated",
    "ends with a colon:",
    "x #comment-like",
    "x\n  - id: injected\n    target: {passage: p1, exact: The winter}\n    kind: context\n    body: pwned\n    sources: [{passage: fixture-councils#p1}]",
    "line one\n---\nsource: fixture-encyclopedia\nannotations: []",
    "x\n...\n%YAML 1.1\n--- !!python/object:os.system",
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    return read_inputs(make_root(tmp_path_factory.mktemp("hostile") / "edition"))[0]


def plain_yaml(content: bytes) -> None:
    """The file holds only plain mappings, lists and scalars: no tag, anchor, alias or second document."""
    events = list(yaml.parse(content.decode("utf-8")))
    assert not any(isinstance(e, yaml.AliasEvent) for e in events)
    assert all(getattr(e, "anchor", None) is None for e in events)
    assert all(getattr(e, "tag", None) is None for e in events if isinstance(e, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)))
    assert sum(isinstance(e, yaml.DocumentStartEvent) for e in events) == 1
    assert all(not getattr(e, "explicit", False) for e in events if isinstance(e, yaml.DocumentStartEvent))
    located, problems = load_yaml(NOTES, content)
    assert located is not None and not problems


def accepted(inputs: Inputs, values: dict[str, str]) -> dict[str, Any]:
    """The entry the suggestion wrote; it must read back as exactly the values given."""
    proposal = suggestion.propose(inputs, issue_body({**GOOD, **values}))
    assert proposal.ok and proposal.content, [d.format() for d in proposal.diagnostics]
    plain_yaml(proposal.content)
    entry: dict[str, Any] = yaml.safe_load(proposal.content)["annotations"][-1]
    assert entry == proposal.entry
    old = yaml.safe_load(inputs.files[NOTES])["annotations"]
    assert yaml.safe_load(proposal.content)["annotations"][:-1] == old
    return entry


def refused(inputs: Inputs, values: dict[str, str]) -> set[str]:
    """The codes a refused suggestion reports (it writes nothing)."""
    proposal = suggestion.propose(inputs, issue_body({**GOOD, **values}))
    assert not proposal.ok and not proposal.content
    return {d.code for d in proposal.diagnostics}


def by_field(kind: str) -> list[dict[str, str]]:
    """The payloads that say what must become of them in this kind of field (``payloads.yml``)."""
    return [p for p in PAYLOADS if kind in p]


@pytest.mark.parametrize("payload", by_field("markdown"), ids=lambda p: p["name"])
def test_markdown_payloads_in_the_note(inputs: Inputs, payload: dict[str, str]) -> None:
    text, expect = payload["text"], payload["markdown"]
    if first_forbidden(text):
        assert expect == "Y005"
    if expect == "inert":
        assert accepted(inputs, {"body": text})["body"] == text.strip()
    else:
        assert refused(inputs, {"body": text}) == {expect}


@pytest.mark.parametrize("payload", by_field("plain"), ids=lambda p: p["name"])
def test_plain_payloads_in_one_line_fields(inputs: Inputs, payload: dict[str, str]) -> None:
    text, expect = payload["text"], payload["plain"]
    if expect != "inert":
        assert refused(inputs, {"credit": text}) == {expect}
        return
    if "\n" in text.strip():
        assert refused(inputs, {"credit": text}) == {"I002"}  # a one-line field
        return
    entry = accepted(inputs, {"credit": text, "read": text, "kind": "sic"})
    assert entry["credit"] == entry["read"] == text.strip()


@pytest.mark.parametrize("payload", by_field("url"), ids=lambda p: p["name"])
def test_url_payloads_as_a_locator(inputs: Inputs, payload: dict[str, str]) -> None:
    text, expect = payload["text"], payload["url"]
    values = {"at": f"url {text}"}
    if expect == "inert":
        assert accepted(inputs, values)["sources"][0]["at"] == {"url": text}
    else:
        assert refused(inputs, values) == {expect}


@pytest.mark.parametrize("payload", by_field("id"), ids=lambda p: p["name"])
def test_id_payloads_as_source_passage_and_work(inputs: Inputs, payload: dict[str, str]) -> None:
    text = payload["text"]
    assert refused(inputs, {"source": text}) == {"I002"}  # never a path: only a source of seeds/ names a file
    if payload["id"] == "inert":
        assert accepted(inputs, {"passage": text, "exact": "Bread was dear"})["target"]["passage"] == text
        assert refused(inputs, {"work": text}) == {"A013"}
    else:
        assert refused(inputs, {"passage": text}) == {"I002"}
        assert refused(inputs, {"work": text}) == {"I002"}


@pytest.mark.parametrize("text", INJECTIONS)
def test_yaml_injection_stays_text(inputs: Inputs, text: str) -> None:
    if "\n" not in text:
        entry = accepted(inputs, {"credit": text, "read": text, "kind": "sic"})
        assert entry["credit"] == entry["read"] == text.strip() and isinstance(entry["credit"], str)
    proposal = suggestion.propose(inputs, issue_body({**GOOD, "body": text}))
    if proposal.ok:
        plain_yaml(proposal.content)
        entries = yaml.safe_load(proposal.content)["annotations"]
        assert entries[-1]["body"] == text.strip() and not any(e["id"] == "injected" for e in entries)
    else:  # Markdown the notes do not allow (a heading, a rule, a block quote): refused as such
        assert {d.code for d in proposal.diagnostics} == {"A008"}


def test_huge_input_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path / "edition")
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"### Source\n\n" + b"x" * 5_000_000)
    assert cli.main(["--root", str(root), "suggestion", str(huge)]) == 1
    assert "is not a readable issue body" in capsys.readouterr().err
    long_note = issue_body({**GOOD, "body": "word " * 12_000})
    assert suggestion.propose(read_inputs(root)[0], long_note).diagnostics[0].code == "I002"
    long_quote = issue_body({**GOOD, "exact": "the " * 2_000})
    assert suggestion.propose(read_inputs(root)[0], long_quote).diagnostics[0].code == "I002"
    not_utf8 = tmp_path / "latin1.md"
    not_utf8.write_bytes(issue_body(GOOD).replace("A. Reader", "Andr\xe9").encode("latin-1"))
    assert cli.main(["--root", str(root), "suggestion", str(not_utf8)]) == 1
    assert "error Y004:" in capsys.readouterr().err


def test_the_reply_cannot_break_out_of_its_fence() -> None:
    fence_breaker = "````\n### Injected heading\n@everyone <img src=x onerror=alert(1)>\n````"
    proposal = suggestion.Proposal("", b"", {}, (issue_form.parse("### Source\n\n" + fence_breaker)[1] or [])[:1] or ())
    body = {**GOOD, "body": fence_breaker}
    reply = suggestion.comment(suggestion.propose(Inputs({}), issue_body(body)))
    for text in (reply, suggestion.comment(proposal)):
        fences = re.findall(r"^(`{3,})", text, re.M)
        assert len(fences) % 2 == 0
        opening = fences[0] if fences else ""
        inner = text.split(opening, 1)[1].rsplit(opening, 1)[0] if opening else ""
        assert not re.search(rf"^{opening}\s*$", inner, re.M)


def test_accepted_hostile_suggestions_validate_and_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Several accepted payloads written one after the other: `check` passes and the built site (which
    `build` checks for live markup and foreign resources) is published."""
    root = make_root(tmp_path / "edition")
    words = ["kept the town hall", "the police and the rates", "claimed every power", "did not dissolve"]
    chosen = ("unclosed-tag", "entity-encoded-tag", "attr-list-event-handler", "jinja-template")
    bodies = [p["text"] for p in PAYLOADS if p["name"] in chosen]
    for exact, body in zip(words, bodies, strict=True):
        path = tmp_path / f"issue-{len(exact)}.md"
        credit = "</title><script>alert(1)</script> {{ page.content }}"
        path.write_text(issue_body({**GOOD, "exact": exact, "body": body, "credit": credit}), encoding="utf-8")
        assert cli.main(["--root", str(root), "suggestion", str(path)]) == 0
    assert cli.main(["--root", str(root), "anchors"]) == 0
    capsys.readouterr()
    assert cli.main(["--root", str(root), "check"]) == 0, capsys.readouterr().err
    assert cli.main(["--root", str(root), "build", "--quiet", "--exports", "none"]) == 0, capsys.readouterr().err
    page = (root / "site" / "sources" / "fixture-councils" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;/title&gt;&lt;script&gt;" in page
