"""Whole builds of the fixture edition, as ``make build`` makes them (generation, MkDocs
``--strict``, the site checks, publication to ``site/``): every registered id and address
resolves, the markup convention holds in the built HTML, every page carries the
Content-Security-Policy, two builds are byte-identical, and a failing check publishes nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from build_tools.editorial.edition import Edition
from build_tools.inputs.files import read_inputs

from ..editions import build, make_root, run

CSP = ("script-src 'self'", "base-uri 'self'", "object-src 'none'", "default-src 'self'")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def test_every_registered_id_and_address_resolves(site: Path, built_root: Path) -> None:
    inputs, _ = read_inputs(built_root)
    for slug in ("fixture-councils", "fixture-encyclopedia"):
        page = soup(site / "sources" / slug / "index.html")
        log = json.loads(inputs.files[f"anchors/{slug}.json"])["log"]
        registered = {e["id"] for e in log if e.get("op") == "add" and e.get("kind") != "gap"}
        assert registered and all(page.find(id=pid) is not None for pid in registered), slug
    addresses = json.loads(inputs.files["anchors/site.json"])["addresses"]
    for address in addresses:
        path, _, fragment = address.partition("#")
        built = site / path.strip("/") / "index.html"
        assert built.is_file(), address
        assert not fragment or soup(built).find(id=fragment) is not None, address


def _own_text(element: Tag) -> str:
    """The passage's text as the reader's scripts recover it: everything but the inserted marks."""
    copy = BeautifulSoup(str(element), "html.parser")
    for inserted in copy.select("[data-insert], .headerlink"):
        inserted.decompose()
    return copy.get_text()


def test_a_passage_is_its_own_text_once_the_inserted_marks_are_taken_out(site: Path, fixture_edition: Edition) -> None:
    for anchored in fixture_edition.sources:
        page = soup(site / "sources" / anchored.source.slug / "index.html")
        for passage in anchored.passages:
            element = page.find(id=passage.pid)
            assert isinstance(element, Tag), passage.pid
            assert _own_text(element).strip() == passage.block.text, passage.pid


def test_every_page_carries_the_content_security_policy(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = soup(path)
        if html.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect stub
        policy = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert isinstance(policy, Tag), path
        assert all(rule in str(policy["content"]) for rule in CSP), path
        for script in html.find_all("script"):
            assert script.get("src") or script.get("type") == "application/json", f"{path}: inline script"
            assert not str(script.get("src", "")).startswith(("http:", "https:", "//")), path


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = build(make_root(tmp_path / "again"))
    first, second = digests(site), digests(again)
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_a_failing_site_check_publishes_nothing(tmp_path: Path) -> None:
    root = make_root(tmp_path / "edition")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the last good site\n", encoding="utf-8")
    (root / "docs" / "about" / "bad.md").write_text('# Bad\n\n<p onclick="steal()">A hand-written page with an event handler.</p>\n', encoding="utf-8")
    done = run(root, "build", "--quiet", "--exports", "none")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "site/about/bad/index.html:1:1: error V003: live markup in the page: <p onclick=…>" in done.stderr
    assert "site/ was not replaced" in done.stderr
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "the last good site\n"
    assert not (root / "build" / "site-candidate").exists()


@pytest.mark.parametrize("command", [("check",), ("build", "--exports", "none"), ("anchors",)], ids=["check", "build", "anchors"])
def test_an_input_error_writes_nothing(tmp_path: Path, command: tuple[str, ...]) -> None:
    root = make_root(tmp_path / "edition")
    meta = root / "seeds" / "fixture-councils.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("expect: The Committee", "expect: The Council"), encoding="utf-8")
    before = digests(root)
    done = run(root, *command)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "seeds/fixture-councils.yml" in done.stderr and " error M005: " in done.stderr
    assert digests(root) == before


#: the editorial furniture of a source page: what the edition adds, not the received text
FURNITURE = (
    "dpr-ednotes",
    "dpr-editor-notes",
    "dpr-templates",
    "dpr-reading-bar",
    "dpr-downloads",
    "dpr-anomalies",
    "dpr-provenance-links",
    "dpr-method",
    "dpr-anomalies-title",
    "dpr-notes-heading",
    "dpr-ednotes-intro",
)


def test_every_block_of_received_text_on_a_source_page_has_a_permanent_id(site: Path) -> None:
    """Every paragraph, heading and list item of the received text that a reader sees (standfirst,
    byline and the printed provenance included) carries an id a citation can point to."""
    provenance_lines = 0
    for slug in ("fixture-councils", "fixture-encyclopedia"):
        article = soup(site / "sources" / slug / "index.html").find("article")
        assert isinstance(article, Tag)
        title = article.find("h1")
        blocks = [el for el in article.find_all(["p", "li", "h2", "h3", "h4", "h5", "h6"]) if el is not title and el.get_text(strip=True)]
        received = [el for el in blocks if not any(set(a.get("class") or []) & set(FURNITURE) for a in [el, *el.parents])]
        assert len(received) > 10, slug
        lines = article.select(".dpr-provenance-line")
        assert all(line.get("id") for line in lines), slug
        provenance_lines += len(lines)
        missing = [el.get_text(" ", strip=True)[:60] for el in received if not el.get("id") and not el.find(class_="dpr-provenance-line")]
        assert missing == [], (slug, missing)
    assert provenance_lines, "the fixture prints a provenance line with the text"
