"""Ace by DAISY (the EPUB accessibility checker, axe-core inside, run with Debian's Chromium) on
every EPUB: no violation of any impact, accessibility metadata complete. Marked ``browser``: it
drives Chromium, as the browser suite does."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from build_tools.exports import bundle
from build_tools.exports.epub import zip_epub
from build_tools.render.downloads import whole_path

from .support import Epub, ace, ace_violations

pytestmark = pytest.mark.browser


def _reports(epubs: list[Path], out: Path) -> dict[str, dict[str, object]]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda p: ace(p, out / p.stem), epubs))
    return {p.name: r for p, r in zip(epubs, reports, strict=True)}


def _check(reports: dict[str, dict[str, object]]) -> None:
    problems = {name: ace_violations(r) for name, r in reports.items() if ace_violations(r) or r["status"] != 0}
    assert problems == {}
    for name, report in reports.items():
        metadata = report["a11y-metadata"]
        assert isinstance(metadata, dict) and metadata["empty"] == [], name
        assert {
            "schema:accessMode",
            "schema:accessibilityFeature",
            "schema:accessibilityHazard",
            "schema:accessibilitySummary",
            "schema:accessModeSufficient",
        } <= set(metadata["present"]), name


def test_ace_finds_no_violation_in_any_epub(exported_files: dict[str, Path], export_dir: Path) -> None:
    epubs = [path for rel, path in sorted(exported_files.items()) if rel.endswith(".epub")]
    _check(_reports(epubs, export_dir / "ace-fixture"))


def test_ace_reports_missing_accessibility_metadata(exported: bundle.Exported, export_dir: Path) -> None:
    epub = Epub.read(exported.files[whole_path("epub")])
    raw = dict(epub.raw)
    raw["OEBPS/package.opf"] = raw["OEBPS/package.opf"].replace(b'<meta property="schema:accessMode">textual</meta>', b"")
    broken = export_dir / "no-access-mode.epub"
    broken.write_bytes(zip_epub([(n, d) for n, d in raw.items() if n != "mimetype"], "2020-01-01"))
    report = ace(broken, export_dir / "ace-broken")
    assert report["status"] == 2 and any("serious" in v for v in ace_violations(report))


@pytest.mark.content
def test_ace_finds_no_violation_in_the_real_epubs(real_files: dict[str, Path], export_dir: Path) -> None:
    epubs = [path for rel, path in sorted(real_files.items()) if rel.endswith(".epub")]
    _check(_reports(epubs, export_dir / "ace-real"))
