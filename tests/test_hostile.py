"""Hostile inputs (``tests/hostile/``): each ends as a diagnostic or as inert text, never as a crash
or live markup. The last test builds a real site with every payload that passes validation and
checks every built page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from build_tools import cli, generate, markdown_subset, verify
from build_tools.diagnostics import CODES, Diagnostic
from build_tools.inputs import Inputs, read_inputs, read_site
from build_tools.yaml_positions import MAX_BYTES, load_yaml

from .tiny_source import ANNOTATIONS, CASE, GLOSSARY, tiny

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"
PAYLOADS: list[dict[str, str]] = yaml.safe_load((HOSTILE / "payloads.yml").read_text(encoding="utf-8"))
INERT = [p for p in PAYLOADS if p["expect"] == "inert"]
PWNED = Path("/tmp/dpr-pwned")

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
    "nul-byte.yml": "Y001",
    "control-character.yml": "Y001",
}

# Tags and attributes contributor Markdown may produce (markdown_subset's allowlist).
CONTENT_TAGS = markdown_subset.ALLOWED_TAGS
CONTENT_ATTRIBUTES = {"href", "title", "rel"}
# Where contributor Markdown lands on the built pages.
CONTENT_SELECTORS = (".dpr-ednote-body", ".dpr-gloss-article", ".dpr-case-summary")
DANGEROUS_TAGS = ("iframe", "object", "embed", "form", "base", "style", "frame", "frameset", "applet", "input", "button", "textarea")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "ping")
OUR_SCRIPTS = re.compile(
    r"^(\.\./|/)*(assets/(javascripts/bundle\.[0-9a-f]+\.min\.js|dpr\.js|cases\.js|sw-register\.js"
    r"|javascripts/workers/search\.[0-9a-f]+\.min\.js)|search/main\.js)$"
)
# Ids that payloads try to create: on a source page the passage ids exist once, on other pages never.
INJECTED_IDS = {"p1", "p2", "p3"}
INJECTED_NAMES = {"dpr-page-data", "getElementById", "q"}


def payload_id(payload: dict[str, str]) -> str:
    return payload["name"]


def errors(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[Diagnostic]:
    """Errors other than the unregistered-address notice (the tiny inputs have no site registry)."""
    return [d for d in diagnostics if d.severity == "error" and not (d.code == "P001" and d.path == "anchors/site.json")]


def browser_scheme(url: str) -> str:
    """The scheme a browser would see: C0 controls and spaces trimmed, tabs and newlines removed."""
    cleaned = re.sub(
        r"[\t\n\r]", "", url.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    )
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else ""


def _annotation_item(payload: dict[str, str]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "hostile-note",
        "target": {"passage": "p1", "exact": "elected a council"},
        "kind": "correction",
        "body": "A safe body.",
        "sources": [{"passage": "tiny#p3"}],
    }
    field, text = payload["field"], payload["text"]
    if field == "markdown":
        item["body"] = text
    elif field == "plain":
        item["read"] = text
        item["credit"] = text
    elif field == "url":
        item["sources"] = [{"author": "A. Writer", "title": "A Book", "year": 2000, "url": text}]
    else:
        item["id"] = text
    return item


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def variants(payload: dict[str, str]) -> dict[str, Inputs]:
    """The tiny inputs with the payload in each field of its kind."""
    field, text = payload["field"], payload["text"]
    annotations = yaml.safe_load(ANNOTATIONS)
    annotations["annotations"].append(_annotation_item(payload))
    found = {"annotation": tiny({"annotations/tiny.yml": _dump(annotations)})}
    glossary = yaml.safe_load(GLOSSARY)
    case = yaml.safe_load(CASE)
    if field == "markdown":
        found["glossary article"] = tiny({"glossary/soviet.yml": _dump({**glossary, "article": text})})
        found["case summary"] = tiny({"cases/tiny-1917.yml": _dump({**case, "summary": text, "outcome_text": text})})
    elif field == "plain":
        found["glossary name"] = tiny({"glossary/soviet.yml": _dump({**glossary, "name": text, "aliases": ["soviet"]})})
        case = {**case, "name": text, "place": text, "official_power": {**case["official_power"], "text": text, "organs": [text]}}
        found["case name"] = tiny({"cases/tiny-1917.yml": _dump(case)})
    elif field == "url":
        work = {"author": "A. Writer", "title": "A Book", "year": 2000, "url": text}
        found["glossary source"] = tiny({"glossary/soviet.yml": _dump({**glossary, "sources": [*glossary["sources"], work]})})
    return found


def assert_inert_fragment(html: str) -> None:
    """Sanitized contributor HTML: allowlisted tags and attributes, safe link schemes only."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in CONTENT_TAGS, html
        assert set(tag.attrs) <= CONTENT_ATTRIBUTES, html
        if tag.get("href"):
            assert browser_scheme(str(tag["href"])) in ("", "http", "https"), html


def test_corpus_is_large_and_varied() -> None:
    assert len(PAYLOADS) + len(YAML_FILES) >= 30
    assert len({p["name"] for p in PAYLOADS}) == len(PAYLOADS)
    assert {p["expect"] for p in PAYLOADS} <= {"inert", *CODES}
    assert sorted(path.name for path in (HOSTILE / "yaml").iterdir()) == sorted(YAML_FILES)


@pytest.mark.parametrize("payload", PAYLOADS, ids=payload_id)
def test_payload_is_refused_or_inert(payload: dict[str, str]) -> None:
    for where, inputs in variants(payload).items():
        result = generate.generate(inputs, {}, generate.Settings())  # never raises
        found = errors(result.diagnostics)
        if payload["expect"] == "inert":
            assert found == [], (where, [d.format() for d in found])
        else:
            assert {d.code for d in found} == {payload["expect"]}, (where, [d.format() for d in found])
            for diagnostic in found:
                assert re.match(r"^[a-z0-9/._-]+\.yml:\d+:\d+: error [A-Z]\d{3}: .+\n    hint: .+$", diagnostic.format()), diagnostic.format()
    if payload["field"] == "markdown":
        assert_inert_fragment(markdown_subset.render(payload["text"]))


@pytest.mark.parametrize("name", sorted(YAML_FILES))
@pytest.mark.parametrize("target", ["annotations/tiny.yml", "glossary/soviet.yml", "cases/tiny-1917.yml", "seeds/tiny.yml", "anchors/pins.yml"])
def test_hostile_yaml_file_is_refused(name: str, target: str) -> None:
    raw = (HOSTILE / "yaml" / name).read_bytes()
    _, found = generate.build_model(tiny({target: raw}))
    mine = [d for d in found if d.path == target]
    assert mine and {d.code for d in mine} == {YAML_FILES[name]}, [d.format() for d in found]
    assert not PWNED.exists()


def _refused_with(raw: bytes, code: str) -> Diagnostic:
    located, found = load_yaml("glossary/soviet.yml", raw)
    assert located is None and [d.code for d in found] == [code], found
    return found[0]


def test_file_over_one_megabyte_is_refused() -> None:
    d = _refused_with(GLOSSARY.encode() + b"article: " + b"x" * MAX_BYTES + b"\n", "Y001")
    assert "larger than" in d.message


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,
        "a: " + "{a: " * 60_000 + "}" * 60_000,
        "- " * 200_000 + "x",
        "? " * 200_000 + "x",
        "a:\n" + "".join(" " * i + "k:\n" for i in range(1, 1200)),
        "a: " + "!!seq [" * 50_000 + "]" * 50_000,
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences", "complex-keys", "indentation", "tagged"],
)
def test_deep_nesting_is_refused_without_crashing(text: str) -> None:
    # libyaml's composer recursed without limit: this used to kill the process (segmentation fault).
    assert len(text.encode()) < MAX_BYTES
    d = _refused_with(text.encode(), "Y001")
    assert "nested more than" in d.message


def test_alias_bomb_of_mappings_is_refused_fast() -> None:
    lines = ["a0: &a0 {x: 1}"] + [f"a{i}: &a{i} {{{', '.join(f'k{j}: *a{i - 1}' for j in range(9))}}}" for i in range(1, 12)]
    d = _refused_with("\n".join(lines).encode(), "Y002")
    assert (d.line, d.col) == (1, 5)


@pytest.mark.parametrize(
    ("field", "value", "path", "code"),
    [
        ("annotation passage", "../../etc/passwd", "annotations/tiny.yml", "S005"),
        ("annotation citation", "../../etc/passwd#p1", "annotations/tiny.yml", "S005"),
        ("annotation citation", "/etc/passwd#p1", "annotations/tiny.yml", "S005"),
        ("glossary related", "../lenin", "glossary/soviet.yml", "S005"),
        ("case glossary", "/etc/passwd", "cases/tiny-1917.yml", "S005"),
        ("source slug", "../../etc", "seeds/tiny.yml", "S005"),
    ],
)
def test_path_traversal_in_references_is_refused(field: str, value: str, path: str, code: str) -> None:
    text = {
        "annotation passage": ANNOTATIONS.replace("passage: p1", f"passage: {value!r}"),
        "annotation citation": ANNOTATIONS.replace("passage: tiny#p3", f"passage: {value!r}"),
        "glossary related": GLOSSARY + f"related: [{value!r}]\n",
        "case glossary": CASE + f"glossary: [{value!r}]\n",
        "source slug": yaml.safe_dump({**yaml.safe_load(tiny().files["seeds/tiny.yml"]), "slug": value}),
    }[field]
    _, found = generate.build_model(tiny({path: text}))
    mine = [d for d in found if d.path == path]
    assert [d.code for d in mine] == [code], [d.format() for d in found]


def test_redirects_outside_the_site_are_refused() -> None:
    redirects = "/a/: ../../etc/passwd\n/b/: /../x/\n../c: /d/\n/e/: /f/\n"
    result = generate.generate(tiny({"anchors/redirects.yml": redirects}), {}, generate.Settings())
    refused = [d for d in result.diagnostics if d.code == "S010"]
    assert [(d.line, d.col) for d in refused] == [(1, 1), (2, 1), (3, 1)]
    assert "e/index.html" in result.files
    assert not any(".." in path or path.startswith("/") for path in result.files)


def test_hand_written_page_cannot_replace_a_generated_one() -> None:
    result = generate.generate(tiny(), {"glossary/soviet.md": b"<script>alert(1)</script>"}, generate.Settings())
    assert [d.code for d in result.diagnostics if d.path == "docs/glossary/soviet.md"] == ["S010"]
    assert b"<script>" not in result.files["glossary/soviet.md"]


def _tiny_tree(root: Path) -> None:
    for path, data in tiny().files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)


def test_symlinks_out_of_the_repository_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _tiny_tree(root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text("source: tiny\nannotations: []\n", encoding="utf-8")
    (root / "annotations" / "tiny.yml").unlink()
    (root / "annotations" / "tiny.yml").symlink_to(outside / "secret.yml")
    (root / "glossary" / "passwd.yml").symlink_to("/etc/passwd")
    (root / "cases" / "inside.yml").symlink_to(root / "cases" / "tiny-1917.yml")
    shutil.rmtree(root / "anchors")
    (root / "anchors").symlink_to(outside, target_is_directory=True)
    inputs, found = read_inputs(root)
    assert sorted((d.path, d.code) for d in found) == [
        ("anchors/secret.yml", "S010"),
        ("annotations/tiny.yml", "S010"),
        ("cases/inside.yml", "S010"),
        ("glossary/passwd.yml", "S010"),
    ]
    assert not any(path.startswith("anchors/") for path in inputs.files)
    assert "annotations/tiny.yml" not in inputs.files and "glossary/passwd.yml" not in inputs.files


def test_odd_file_names_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _tiny_tree(root)
    for name in ("UPPER.yml", "a b.yml", "x.yml.txt", "-dash.yml", "ünï.yml"):
        (root / "glossary" / name).write_text(GLOSSARY, encoding="utf-8")
    for hidden in (".hidden.yml", "..yml"):
        (root / "glossary" / hidden).write_text("not read", encoding="utf-8")
    (root / "glossary" / "backup.yml~").write_text("not read", encoding="utf-8")
    inputs, found = read_inputs(root)
    assert sorted(d.path for d in found) == sorted(f"glossary/{n}" for n in ("UPPER.yml", "a b.yml", "x.yml.txt", "-dash.yml", "ünï.yml"))
    assert {d.code for d in found} == {"S005"}
    assert sorted(p for p in inputs.files if p.startswith("glossary/")) == ["glossary/soviet.yml"]


# --- a real site, built with every payload that passes validation ----------------------------------


def _unannotated_passage(root: Path) -> tuple[str, str, str]:
    """A source, a passage with no editor's note, and its whole text (unique in the passage)."""
    inputs, _ = read_inputs(root)
    model, _ = generate.build_model(inputs)
    for anchored in model.anchoring.sources:
        noted = {n.pid for n in model.notes.get(anchored.source.slug, ())}
        for passage in anchored.passages:
            if passage.pid not in noted and passage.block.kind == "paragraph" and not passage.block.gaps and len(passage.block.text) > 40:
                return anchored.source.slug, passage.pid, passage.block.text
    raise AssertionError("no passage without notes")


def _add_payloads(root: Path) -> dict[str, list[str]]:
    """Every payload that passes validation, in every field it can go into; returns the pages made."""
    slug, pid, text = _unannotated_passage(root)
    path = root / "annotations" / f"{slug}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    example_case = yaml.safe_load((root / "cases" / "paris-1871.yml").read_text(encoding="utf-8"))
    example_case.pop("link_phrases", None)
    pages: dict[str, list[str]] = {"glossary": [], "cases": []}
    for n, payload in enumerate(INERT, 1):
        item = _annotation_item(payload)
        item["target"] = {"passage": pid, "exact": text}
        item["sources"] = [{"passage": f"{slug}#{pid}"}] if payload["field"] != "url" else item["sources"]
        if payload["field"] != "id":
            item["id"] = f"hostile-{n}"
        data["annotations"].append(item)
        field, value = payload["field"], payload["text"]
        if field in ("markdown", "plain"):
            entry = {
                "id": f"hostile-{n}",
                "name": value if field == "plain" else f"Hostile entry {n}",
                "type": "concept",
                "short": "An entry made of a hostile payload.",
                "article": value if field == "markdown" else "A plain article.",
                "sources": [{"passage": f"{slug}#{pid}"}],
            }
            (root / "glossary" / f"hostile-{n}.yml").write_text(_dump(entry), encoding="utf-8")
            pages["glossary"].append(f"hostile-{n}")
            case = {**example_case, "id": f"hostile-{n}"}
            if field == "markdown":
                case.update(summary=value, outcome_text=value)
            else:
                case.update(name=value, place=value)
                case["official_power"] = {**case["official_power"], "text": value, "organs": [value]}
            (root / "cases" / f"hostile-{n}.yml").write_text(_dump(case), encoding="utf-8")
            pages["cases"].append(f"hostile-{n}")
    path.write_text(_dump(data), encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    root = tmp_path_factory.mktemp("hostile") / "repo"
    for folder in ("seeds", "annotations", "glossary", "cases", "anchors", "docs", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    pages = _add_payloads(root)
    assert cli.main(["--root", str(root), "anchors"]) == 0
    assert cli.main(["--root", str(root), "build", "--quiet"]) == 0
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([str(mkdocs), "build", "--quiet"], cwd=root, capture_output=True, text=True, timeout=600, check=False, env=env)
    assert done.returncode == 0, done.stderr[-4000:]
    return root, pages


def _live_problems(rel: str, soup: BeautifulSoup) -> list[str]:
    problems: list[str] = []
    article = soup.find("article")
    for script in soup.find_all("script"):
        src = script.get("src")
        inside = article is not None and article in script.parents
        if src:
            if not OUR_SCRIPTS.match(str(src)):
                problems.append(f"script from {src}")
        elif script.get("type") != "application/json":
            if inside:
                problems.append("inline script in the content")
            if re.search(r"alert|evil|pwned|msgbox", script.get_text()):
                problems.append(f"inline script with a payload: {script.get_text()[:60]!r}")
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            if attr.lower().startswith("on"):
                problems.append(f"<{tag.name} {attr}>")
            if attr.lower() in URL_ATTRIBUTES and browser_scheme(str(value)) in ("javascript", "data", "vbscript"):
                problems.append(f"<{tag.name} {attr}={str(value)[:40]!r}>")
    for name in ("base", "frame", "frameset", "applet"):
        if soup.find(name):
            problems.append(f"<{name}>")
    for meta in soup.find_all("meta"):
        if str(meta.get("http-equiv", "")).lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")
    if article is not None:
        for name in (*DANGEROUS_TAGS, "meta", "link", "svg", "math", "noscript", "template"):
            for tag in article.find_all(name):
                if name == "template" and str(tag.get("id", "")).startswith("pv-"):
                    continue  # our link previews
                if name == "svg" and tag.find_parent(class_="dpr-timeline-wrap") is not None:
                    continue  # our timeline
                problems.append(f"<{name}> in the content")
        for tag in article.find_all(True):
            if tag.get("name") in INJECTED_NAMES:
                problems.append(f"<{tag.name} name={tag['name']}>")
    for selector in CONTENT_SELECTORS:
        for box in soup.select(selector):
            for tag in box.find_all(True):
                if tag.get("class") and set(tag["class"]) & {"dpr-received", "dpr-ednote-sources", "dpr-credit"}:
                    continue
                if tag.find_parent(class_=["dpr-received", "dpr-ednote-sources"]) is not None:
                    continue
                if tag.name not in CONTENT_TAGS or not set(tag.attrs) <= CONTENT_ATTRIBUTES:
                    problems.append(f"contributor markup <{tag.name} {sorted(tag.attrs)}> in {selector}")
    ids = Counter(str(tag["id"]) for tag in soup.find_all(id=True))
    problems.extend(f"id {i!r} appears {n} times" for i, n in ids.items() if n > 1)
    if not rel.startswith("sources/"):
        problems.extend(f"injected id {i!r}" for i in INJECTED_IDS & set(ids))
    return problems


def test_site_built_with_hostile_payloads_has_no_live_markup(hostile_site: tuple[Path, dict[str, list[str]]]) -> None:
    root, pages = hostile_site
    site = root / "site"
    built = sorted(site.rglob("*.html"))
    assert len(built) > 50
    found: dict[str, list[str]] = {}
    for path in built:
        rel = path.relative_to(site).as_posix()
        problems = _live_problems(rel, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        if problems:
            found[rel] = problems
    assert found == {}, "\n".join(f"{rel}: {problem}" for rel, problems in found.items() for problem in problems)
    # The payloads really are on the pages, as text.
    for kind, ids in pages.items():
        for ident in ids:
            assert (site / kind / ident / "index.html").is_file()
    shown = [p for p in built if "alert(1)" in BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").get_text()]
    assert len(shown) >= len(pages["glossary"])


def test_project_site_check_agrees(hostile_site: tuple[Path, dict[str, list[str]]]) -> None:
    """The project's own site check (verify-site) finds no live markup and no foreign resource.

    It does report the payloads' inert relative links (``java script:…``) as broken (V002).
    """
    root, _ = hostile_site
    html, static = read_site(root)
    pages = {path: verify.parse_page(path, text) for path, text in html.items()}
    found = verify.check_site(pages, {}, [], static)
    assert [d.format() for d in found if d.code != "V002"] == []
    assert all("script:alert(1)" in d.message or "#letter-" in d.message for d in found), [d.format() for d in found]


def _content(soup: BeautifulSoup) -> Tag:
    article = soup.find("article")
    assert isinstance(article, Tag)
    return article


def test_passage_ids_are_not_clobbered(hostile_site: tuple[Path, dict[str, list[str]]]) -> None:
    root, _ = hostile_site
    for path in sorted((root / "site" / "sources").glob("*/index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for pid in INJECTED_IDS:
            tags = _content(soup).find_all(id=pid)
            assert len(tags) == 1 and "dpr-passage" in tags[0].get("class", []), (path, pid, tags)
