"""A new source needs only its raw text and its metadata file (and, for its notes, an annotation
file): no code changes. ``tests/fixtures/new-source`` holds a third source for the fixture
edition; the build refuses it until ``make anchors`` has recorded its ids, then publishes it."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from ..editions import make_root, run

NEW = Path(__file__).resolve().parents[1] / "fixtures" / "new-source"
SLUG = "fixture-1905-strike-committee"


def test_a_new_source_builds_after_anchors(tmp_path: Path) -> None:
    root = make_root(tmp_path / "edition")
    shutil.copy(NEW / f"{SLUG}.txt", root / "seeds" / f"{SLUG}.txt")
    shutil.copy(NEW / f"{SLUG}.yml", root / "seeds" / f"{SLUG}.yml")
    shutil.copy(NEW / f"annotations-{SLUG}.yml", root / "annotations" / f"{SLUG}.yml")
    # before its ids are recorded, the build refuses and says which command to run
    refused = run(root, "build", "--quiet", "--exports", "none")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"anchors/{SLUG}.json:1:1: error P001: " in refused.stderr and "make anchors" in refused.stderr
    assert not (root / "site").exists()
    recorded = run(root, "anchors")
    assert recorded.returncode == 0, recorded.stderr
    assert (root / "anchors" / f"{SLUG}.json").is_file()
    built = run(root, "build", "--quiet", "--exports", "none")
    assert built.returncode == 0, built.stdout + built.stderr
    page = BeautifulSoup((root / "site" / "sources" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = page.get_text()
    assert page.find("h1").get_text().startswith("The strike committee becomes a council")  # type: ignore[union-attr]
    assert "Subscribe" not in text and "Share this article" not in text
    assert page.select_one("blockquote.dpr-quote #p6") is not None
    heading = page.find(id="p4")
    assert heading is not None and heading.name == "h2" and heading.get_text().startswith("A new body appeared")
    assert page.select_one('a[href="#n1"][role="doc-noteref"]') is not None and page.select_one('a[href="#r2"][role="doc-backlink"]') is not None
    supplied = page.find(id="p7-g1")
    assert supplied is not None and supplied.get_text() == "[December]"
    assert page.find(id="ed-printers") is not None and page.find(id="p1") is not None  # the standfirst is a passage too
    listing = (root / "site" / "sources" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SLUG}/"' in listing
    assert f'href="sources/{SLUG}/"' in (root / "site" / "index.html").read_text(encoding="utf-8")
