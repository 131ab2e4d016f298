"""Where readers find the files: each source page's "Download" line and the home page's, with the
true sizes; the Downloads page; the sitemap; and a built site whose links to them all resolve."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.editorial.edition import Edition
from build_tools.exports import bundle
from build_tools.inputs.files import Inputs, read_docs
from build_tools.render import downloads
from build_tools.render.urls import source_doc
from build_tools.settings import Settings
from build_tools.site import generate

from ..editions import build, make_root
from .conftest import SITE
from .support import ROOT


@pytest.fixture(scope="session")
def generated(fixture_edition: Edition, fixture_inputs: Inputs, exported: bundle.Exported) -> generate.Generated:
    return generate.generate(fixture_edition, fixture_inputs, read_docs(ROOT), Settings(site_url=SITE), frozenset(bundle.FORMATS), exported.typeset)


def _line(page: str) -> str:
    found = re.findall(r'<p class="dpr-downloads">.*?</p>', page)
    assert len(found) == 1, found
    return found[0]


def test_each_source_page_offers_every_file_with_its_size(fixture_edition: Edition, generated: generate.Generated) -> None:
    for anchored in fixture_edition.sources:
        slug = anchored.source.slug
        line = _line(generated.files[source_doc(slug)].decode("utf-8"))
        shown = re.findall(r'<a href="\.\./\.\./([^"]+)"[^>]*>([^<]+)</a> <span class="dpr-size">\(([^)]+)\)</span>', line)
        assert [label for _, label, _ in shown] == ["EPUB", "A4", "US Letter", "TEI", "BibTeX", "RIS"]
        assert re.sub(r"<[^>]+>", "", line).startswith("Download: EPUB (")
        for path, _label, size in shown:
            assert path.endswith((".epub", ".pdf", ".xml", ".bib", ".ris"))
            assert size == downloads.size_text(len(generated.files[path])), path


def test_the_home_page_offers_the_whole_edition(generated: generate.Generated) -> None:
    line = _line(generated.files["index.md"].decode("utf-8"))
    assert "Download the whole edition:" in line
    for kind in ("epub", "pdf-a4", "pdf-letter"):
        path = downloads.whole_path(kind)
        assert f'href="./{path}"' in line and downloads.size_text(len(generated.files[path])) in line


def test_the_downloads_page_lists_every_file_for_the_sitemap(generated: generate.Generated) -> None:
    page = generated.files[downloads.DOWNLOADS_DOC].decode("utf-8")
    listed = re.search(r"^dpr_downloads: (.+)$", page, re.M)
    assert listed is not None
    offered = {p for p in generated.files if p.startswith("downloads/") and not p.endswith(".md")}
    assert set(json.loads(listed.group(1))) == offered
    assert len(offered) == 2 * 6 + 3


def test_without_exports_the_pages_offer_only_the_citation_records(fixture_edition: Edition, fixture_inputs: Inputs) -> None:
    plain = generate.generate(fixture_edition, fixture_inputs, {}, Settings(site_url=SITE))
    pages = {p: d.decode("utf-8") for p, d in plain.files.items() if p.endswith(".md")}
    assert not any("dpr:downloads" in text for text in pages.values()), "every placeholder is filled in"
    line = _line(pages[source_doc(fixture_edition.sources[0].source.slug)])
    assert re.findall(r">([^<>]+)</a>", line) == ["BibTeX", "RIS"]
    assert not any(p.endswith((".epub", ".pdf", ".xml")) for p in plain.files)


def test_size_text() -> None:
    assert [downloads.size_text(n) for n in (0, 999, 1000, 312_345, 1_649_000)] == ["0 bytes", "999 bytes", "1 KB", "312 KB", "1.6 MB"]


@pytest.fixture(scope="session")
def built_site(export_dir: Path) -> Path:
    """The fixture edition built as ``make build`` builds the real one (its checks passed)."""
    root = make_root(export_dir / "site-edition")
    return build(root)


def test_the_built_site_serves_the_files_and_the_sitemap_lists_them(built_site: Path) -> None:
    sitemap = ET.parse(built_site / "sitemap.xml").getroot()
    locations = [loc.text or "" for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    files = [loc for loc in locations if loc.endswith((".epub", ".pdf", ".xml", ".bib", ".ris"))]
    assert len(files) == 15
    for loc in files:
        path = built_site / re.sub(r"\A[a-z]+://[^/]+/", "", loc)
        assert path.is_file() and path.stat().st_size > 0, loc
    page = (built_site / "sources" / "fixture-councils" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)" class="dpr-download"', page)
    assert len(hrefs) == 6
    for href in hrefs:
        assert (built_site / "sources" / "fixture-councils" / href).resolve().is_file(), href
