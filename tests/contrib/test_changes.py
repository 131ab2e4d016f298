"""The job summary of a pull request: what one state of the edition adds, changes or removes
against another, with links into the built site; from two input sets and from two git trees."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.contrib import changes
from build_tools.editorial.edition import build_edition
from build_tools.inputs.files import read_inputs
from tests.editions import make_root

NEW_NOTE = """
  - id: town-hall-context
    target: {passage: p4, exact: "kept the town hall"}
    kind: context
    body: The town hall stood opposite the corn exchange.
    sources:
      - work: sample-1970
        at: {chapter: 3}
"""
NEW_WORK = """id: later-study-1999
kind: journal-article
authors:
  - {family: Later, given: C.}
title: "Councils [again](javascript:alert(1)) and *again*"
container: Journal of Invented History
volume: "4"
pages: "1–20"
date: "1999"
"""


def edit(root: Path, remove_case: bool = True) -> Path:
    """A pull request's worth of changes to a copy of the fixture edition."""
    notes = root / "annotations" / "fixture-councils.yml"
    text = notes.read_text(encoding="utf-8").replace("this note shows a *context* note.", "this note shows a context note.")
    notes.write_text(text.rstrip("\n") + "\n" + NEW_NOTE, encoding="utf-8")
    soviet = root / "glossary" / "soviet.yml"
    soviet.write_text(soviet.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # only its file changes
    (root / "reference" / "works" / "later-study-1999.yml").write_text(NEW_WORK, encoding="utf-8")
    if remove_case:  # a published page removed keeps a redirect
        (root / "cases" / "southport-1926.yml").unlink()
        (root / "anchors" / "redirects.yml").write_text("/cases/southport-1926/: /cases/northgate-1905/\n", encoding="utf-8")
    return root


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    base = make_root(tmp_path / "base")
    head = edit(make_root(tmp_path / "head"))
    return base, head


def found(base: Path, head: Path) -> list[changes.Change]:
    base_inputs, head_inputs = read_inputs(base)[0], read_inputs(head)[0]
    return changes.changes(build_edition(base_inputs)[0], base_inputs, build_edition(head_inputs)[0], head_inputs)


def test_each_kind_of_change_is_found(pair: tuple[Path, Path]) -> None:
    listed = {(c.section, c.action, c.doc, c.anchor) for c in found(*pair)}
    assert listed == {
        ("Editor's notes", "added", "sources/fixture-councils.md", "ed-town-hall-context"),
        ("Editor's notes", "changed", "sources/fixture-councils.md", "ed-winter-context"),
        ("Glossary entries", "changed", "glossary/soviet.md", ""),
        ("Works cited", "added", "works/index.md", "work-later-study-1999"),
        ("Cases", "removed", "cases/southport-1926.md", ""),
    }


def test_nothing_changed_says_so(tmp_path: Path) -> None:
    root = make_root(tmp_path / "same")
    assert found(root, root) == []
    assert "No editor's notes, glossary entries, cases, works" in changes.summary([], "http://127.0.0.1:8000/")


def test_the_summary_links_into_the_built_site_and_escapes_text(pair: tuple[Path, Path]) -> None:
    text = changes.summary(found(*pair), "http://127.0.0.1:8000/", "https://owner.github.io/repo/", "https://github.com/o/r/actions/runs/1/artifacts/2")
    assert "### Editor's notes (1 added, 1 changed)" in text
    assert "[preview](http://127.0.0.1:8000/sources/fixture-councils/#ed-town-hall-context)" in text
    assert "[published site, once merged](https://owner.github.io/repo/sources/fixture-councils/#ed-town-hall-context)" in text
    assert "[preview](http://127.0.0.1:8000/works/#work-later-study-1999)" in text
    assert "- **removed** Southport" in text and "cases/southport-1926/" not in text
    assert "[`site`](https://github.com/o/r/actions/runs/1/artifacts/2)" in text
    # a work's title is contributor text: its Markdown is escaped, so no link or emphasis forms
    assert "Councils \\[again\\]\\(javascript\\:alert\\(1\\)\\) and \\*again\\*" in text
    assert "](javascript" not in text


def test_every_link_resolves_in_the_built_site(tmp_path: Path) -> None:
    base, head = make_root(tmp_path / "base"), edit(make_root(tmp_path / "head"), remove_case=False)
    assert cli.main(["--root", str(head), "anchors"]) == 0
    assert cli.main(["--root", str(head), "build", "--quiet", "--exports", "none"]) == 0
    for change in found(base, head):
        if change.action == "removed":
            continue
        page = head / "site" / changes.site_link("", change).split("#")[0].lstrip("/") / "index.html"
        html = page.read_text(encoding="utf-8")
        assert not change.anchor or f'id="{change.anchor}"' in html, change


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_summary_from_two_git_trees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As CI makes it: the base commit checked out with ``git worktree add``, the head as the checkout."""
    repo = make_root(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base")
    base_sha = git(repo, "rev-parse", "HEAD")
    edit(repo)
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-am", "head")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "new files")
    base = tmp_path / "base"
    git(repo, "worktree", "add", "-q", "--detach", str(base), base_sha)
    assert cli.main(["--root", str(repo), "changes", "--base", str(base), "--site-url", "http://127.0.0.1:8000/"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## What this pull request changes")
    assert "- **added** town-hall-context \\(context\\) on fixture-councils p4\\: “kept the town hall”: [preview](" in out
    assert "### Works cited (1 added)" in out and "### Cases (1 removed)" in out
