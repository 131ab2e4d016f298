"""Hostile inputs (``tests/hostile/``) through the validator: each payload, in each kind of field,
ends as exactly the outcome ``payloads.yml`` gives (an error code, or accepted), never as an
exception; Markdown that is accepted renders as sanitized markup only; the escaping layer escapes
every payload; hostile YAML files are refused in every kind of data file; references cannot leave
their folders; redirects cannot hold a payload; links and odd file names are never read.
``tests/site/test_hostile_site.py`` builds the site with every accepted payload."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools.diagnostics import CODES, Diagnostic
from build_tools.editorial import markdown_subset
from build_tools.editorial.edition import build_edition
from build_tools.inputs.files import Inputs, read_inputs
from build_tools.render import html
from build_tools.site import addresses

from ..editions import FIXTURE, with_files
from ..hostile_edition import HOSTILE, PAYLOADS

pytestmark = pytest.mark.filterwarnings("ignore::bs4.MarkupResemblesLocatorWarning")

#: what each file in hostile/yaml/ must be refused with
YAML_FILES = {
    "python-object-apply.yml": "Y002",
    "python-name.yml": "Y002",
    "python-object-new.yml": "Y002",
    "billion-laughs.yml": "Y002",
    "merge-key-alias.yml": "Y002",
    "merge-key-inline.yml": "Y002",
    "set-tag.yml": "Y002",
    "binary-tag.yml": "Y002",
    "local-tag-include.yml": "Y002",
    "omap-tag.yml": "Y002",
    "two-documents.yml": "Y001",
    "complex-key.yml": "Y002",
    "top-level-list.yml": "Y003",
    "top-level-string.yml": "Y003",
    "duplicate-key.yml": "S007",
    "bad-indentation.yml": "Y001",
    "latin1-bytes.yml": "Y004",
    "utf16-bom.yml": "Y004",
    "utf8-bom.yml": "Y006",
    "nul-byte.yml": "Y005",
    "control-character.yml": "Y005",
    "escaped-bidi-override.yml": "Y005",
    "escaped-next-line-key.yml": "Y005",
}
TARGETS = [
    "annotations/fixture-councils.yml",
    "glossary/soviet.yml",
    "seeds/fixture-councils.yml",
    "anchors/pins.yml",
]  # every data file is read by the same loader: one of each kind of reader is enough
OUTCOMES = {"inert", *CODES}


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


@pytest.fixture(scope="module")
def base() -> Inputs:
    inputs, problems = read_inputs(FIXTURE)
    assert not problems
    return inputs


def _load(inputs: Inputs, rel: str) -> Any:
    return yaml.safe_load(inputs.files[rel])


def variant(inputs: Inputs, kind: str, text: str) -> tuple[Inputs, set[str]]:
    """The fixture edition with ``text`` in several fields of one kind; the files changed."""
    notes = _load(inputs, "annotations/fixture-councils.yml")
    note: dict[str, Any] = {"id": "hostile-note", "target": {"passage": "p4", "exact": "town hall"}, "kind": "correction", "body": "A safe body."}
    note["sources"] = [{"passage": "fixture-councils#p4"}]
    entry, case = _load(inputs, "glossary/soviet.yml"), _load(inputs, "cases/northgate-1905.yml")
    meta, work = _load(inputs, "seeds/fixture-councils.yml"), _load(inputs, "reference/works/sample-1970.yml")
    if kind == "markdown":
        note["body"] = text
        padded = text if len(text) >= 10 else f"{text} (padded)"  # a definition has at least 10 characters
        entry.update(article=padded, short=padded)
        case.update(summary=text, outcome_text=text)
        changed = {"annotations/fixture-councils.yml": notes, "glossary/soviet.yml": entry, "cases/northgate-1905.yml": case}
    elif kind == "plain":
        note.update(read=text, credit=text)
        case.update(place=text, calendar_note=text)
        case["official_power"] = {**case["official_power"], "text": text}
        meta["bibliography"] = {**meta["bibliography"], "description": text, "container": text}
        work.update(title=text, publisher=text)
        changed = {
            "annotations/fixture-councils.yml": notes,
            "cases/northgate-1905.yml": case,
            "seeds/fixture-councils.yml": meta,
            "reference/works/sample-1970.yml": work,
        }
    elif kind == "url":
        note["sources"] = [{"work": "sample-1970", "at": {"url": text}}]
        work["url"] = text
        changed = {"annotations/fixture-councils.yml": notes, "reference/works/sample-1970.yml": work}
    else:  # an id (references to ids are tested by test_references_cannot_leave_their_folders)
        note["id"] = text
        changed = {"annotations/fixture-councils.yml": notes}
    notes["annotations"].append(note)
    return with_files(inputs, {rel: _dump(data) for rel, data in changed.items()}), set(changed)


def errors(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.severity == "error"]


def test_the_corpus_is_large_and_every_outcome_is_known() -> None:
    assert len(PAYLOADS) >= 90 and len({p["name"] for p in PAYLOADS}) == len(PAYLOADS)
    for payload in PAYLOADS:
        assert {payload["markdown"], payload["plain"], payload.get("url", "inert"), payload.get("id", "inert")} <= OUTCOMES, payload["name"]
    assert sorted(p.name for p in (HOSTILE / "yaml").iterdir()) == sorted(YAML_FILES)


CASES = [(p, kind) for p in PAYLOADS for kind in ("markdown", "plain", "url", "id") if kind in p]


@pytest.mark.parametrize(("payload", "kind"), CASES, ids=[f"{p['name']}-{k}" for p, k in CASES])
def test_each_payload_has_its_outcome_in_each_kind_of_field(base: Inputs, payload: dict[str, str], kind: str) -> None:
    inputs, changed = variant(base, kind, payload["text"])
    _, found = build_edition(inputs)  # never raises
    refused = errors(found)
    expected = payload[kind]
    if expected == "inert":
        assert refused == [], [d.format() for d in refused]
        return
    assert {d.code for d in refused} == {expected}, [d.format() for d in refused]
    assert {d.path for d in refused} <= changed and (kind != "plain" or expected != "Y005" or {d.path for d in refused} == changed)
    for diagnostic in refused:
        assert re.match(rf"^[a-z0-9/._-]+:\d+:\d+: error {expected}: .+\n    hint: .+$", diagnostic.format()), diagnostic.format()


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p["name"] for p in PAYLOADS])
def test_accepted_markdown_renders_sanitized_and_plain_text_is_escaped(payload: dict[str, str]) -> None:
    text = payload["text"]
    for rendered in (markdown_subset.render(text), markdown_subset.render_inline(text)):
        for tag in BeautifulSoup(str(rendered), "html.parser").find_all(True):
            assert tag.name in markdown_subset.ALLOWED_TAGS and set(tag.attrs) <= {"href", "title", "rel"}, rendered
            href = re.sub(r"[\t\n\r]", "", str(tag.get("href", "")).lstrip("".join(chr(c) for c in range(0x21))))
            assert not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", href) or re.match(r"https?:", href, re.I), rendered
    assert "<" not in html.join(text) and "<" not in str(html.h("p", {"title": text}, text))[3:-4].split(">", 1)[1]
    assert "<" not in html.heading_text(text) and "{" not in html.heading_text(text).replace("\\{", "")


@pytest.mark.parametrize("name", sorted(YAML_FILES))
def test_a_hostile_yaml_file_is_refused_in_every_kind_of_data_file(base: Inputs, name: str) -> None:
    raw = (HOSTILE / "yaml" / name).read_bytes()
    for target in TARGETS:
        _, found = build_edition(with_files(base, {target: raw}))
        mine = [d for d in errors(found) if d.path == target]
        assert [d.code for d in mine] == [YAML_FILES[name]], (target, [d.format() for d in found])
    assert not Path("pwned").exists()


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("annotations/fixture-councils.yml", "passage: p1,", "passage: '../../etc/passwd',"),
        ("annotations/fixture-councils.yml", "passage: fixture-councils#p2\n", "passage: '../../etc/passwd#p1'\n"),
        ("annotations/fixture-councils.yml", "passage: fixture-councils#p20\n", "passage: '/etc/passwd#p1'\n"),
        ("glossary/soviet.yml", "related: [factory-committee, dual-power]", "related: [factory-committee, '../lenin']"),
        ("cases/northgate-1905.yml", "glossary: [soviet, dual-power]", "glossary: [soviet, /etc/passwd]"),
        ("seeds/fixture-councils.yml", "slug: fixture-councils", "slug: ../../etc"),
    ],
)
def test_references_cannot_leave_their_folders(base: Inputs, path: str, old: str, new: str) -> None:
    text = base.files[path].decode("utf-8")
    assert old in text
    _, found = build_edition(with_files(base, {path: text.replace(old, new, 1)}))
    assert [d.code for d in errors(found) if d.path == path] == ["S005"], [d.format() for d in found]


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p["name"] for p in PAYLOADS])
def test_a_redirect_cannot_hold_a_payload(base: Inputs, payload: dict[str, str]) -> None:
    for redirects in ({"/glossary/old/": payload["text"]}, {payload["text"]: "/glossary/soviet/"}):
        found_redirects, found = addresses.load_redirects(with_files(base, {"anchors/redirects.yml": _dump(redirects)}))
        assert found_redirects == {} and {d.code for d in found} in ({"P006"}, {"Y005"}, {"Y001"}), [d.format() for d in found]
        assert addresses.redirect_pages(found_redirects) == {}


def _tree(root: Path, inputs: Inputs) -> None:
    for rel, data in inputs.files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_links_out_of_the_repository_are_never_followed(tmp_path: Path, base: Inputs) -> None:
    root = tmp_path / "repo"
    _tree(root, base)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text("source: fixture-councils\nannotations: []\n", encoding="utf-8")
    (root / "annotations" / "fixture-councils.yml").unlink()
    (root / "annotations" / "fixture-councils.yml").symlink_to(outside / "secret.yml")
    (root / "glossary" / "passwd.yml").symlink_to("/etc/passwd")
    (root / "cases" / "inside.yml").symlink_to(root / "cases" / "southport-1926.yml")
    (root / "reference" / "works").rename(tmp_path / "works")
    (root / "reference" / "works").symlink_to(tmp_path / "works", target_is_directory=True)
    inputs, found = read_inputs(root)
    assert sorted((d.path, d.code) for d in found) == [
        ("annotations/fixture-councils.yml", "S010"),
        ("cases/inside.yml", "S010"),
        ("glossary/passwd.yml", "S010"),
        ("reference/works", "S010"),
    ]
    assert "annotations/fixture-councils.yml" not in inputs.files and "glossary/passwd.yml" not in inputs.files
    assert not any(p.startswith("reference/works/") for p in inputs.files), "a linked folder is not read"


def test_odd_file_names_are_reported_and_not_read(tmp_path: Path, base: Inputs) -> None:
    root = tmp_path / "repo"
    _tree(root, base)
    entry = base.files["glossary/soviet.yml"]
    for name in ("UPPER.yml", "a b.yml", "-dash.yml", "ünï.yml", "index.yml"):
        (root / "glossary" / name).write_bytes(entry)
    (root / "glossary" / "x.yml.txt").write_bytes(entry)
    for hidden in (".hidden.yml", "backup.yml~"):
        (root / "glossary" / hidden).write_text("not read", encoding="utf-8")
    inputs, found = read_inputs(root)
    assert sorted((d.path, d.code) for d in found) == sorted(
        [(f"glossary/{n}", "S005") for n in ("UPPER.yml", "a b.yml", "-dash.yml", "ünï.yml")] + [("glossary/index.yml", "S013"), ("glossary/x.yml.txt", "S012")]
    )
    assert sorted(p for p in inputs.files if p.startswith("glossary/")) == sorted(p for p in base.files if p.startswith("glossary/"))
