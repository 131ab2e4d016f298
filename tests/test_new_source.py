"""A new source needs only its raw text and its metadata file: no code change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "new-source"
SLUG = "fixture-1905-strike-committee"


def copy_repo(target: Path) -> Path:
    for folder in ("seeds", "anchors", "annotations", "glossary", "cases", "docs"):
        shutil.copytree(ROOT / folder, target / folder)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


@pytest.fixture()
def repo_with_new_source(tmp_path: Path) -> Path:
    root = copy_repo(tmp_path / "repo")
    shutil.copy(FIXTURE / f"{SLUG}.txt", root / "seeds" / f"{SLUG}.txt")
    shutil.copy(FIXTURE / f"{SLUG}.yml", root / "seeds" / f"{SLUG}.yml")
    shutil.copy(FIXTURE / f"annotations-{SLUG}.yml", root / "annotations" / f"{SLUG}.yml")
    return root


def test_new_source_builds_after_anchors(repo_with_new_source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = repo_with_new_source
    # Before its ids are registered the build refuses, and says which command to run.
    assert cli.main(["--root", str(root), "build", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"anchors/{SLUG}.json" in err and "make anchors" in err
    assert not (root / "build").exists()
    # Register, then build.
    assert cli.main(["--root", str(root), "anchors"]) == 0
    assert (root / "anchors" / f"{SLUG}.json").exists()
    assert cli.main(["--root", str(root), "build", "--quiet"]) == 0
    page = (root / "build" / "docs" / "sources" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert "# The strike committee becomes a council" in page
    assert "Subscribe" not in page and "Share this article" not in page
    assert '<blockquote class="dpr-quote">' in page
    assert "## A new body appeared {#p2" in page
    assert 'href="#n1" role="doc-noteref"' in page and 'href="#r2" role="doc-backlink"' in page
    assert "[</span>December<span" in page
    index = (root / "build" / "docs" / "sources" / "index.md").read_text(encoding="utf-8")
    assert f"({SLUG}.md)" in index
    home = (root / "build" / "docs" / "index.md").read_text(encoding="utf-8")
    assert f"(sources/{SLUG}.md)" in home
