"""Golden files of generated pages of the fixture edition: each page equals its reviewed copy in
``tests/site/golden/`` (``sources/fixture-councils.md`` is ``sources.fixture-councils.md``).
``pytest --update-goldens`` rewrites the copies with today's pages; review the diff before
committing it. They pin the rendering, not the real edition's content (which changes daily)."""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = (
    "sources/fixture-councils.md",
    "sources/fixture-encyclopedia.md",
    "sources/index.md",
    "glossary/soviet.md",
    "glossary/index.md",
    "cases/northgate-1905.md",
    "cases/index.md",
    "works/index.md",
    "chronology/index.md",
)


def golden_path(page: str) -> Path:
    return GOLDEN / page.replace("/", ".")


def test_no_stray_golden_files() -> None:
    assert sorted(p.name for p in GOLDEN.glob("*.md")) == sorted(golden_path(p).name for p in PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_generated_page_equals_its_golden_copy(page: str, generated: dict[str, bytes], update_goldens: bool) -> None:
    actual = generated[page].decode("utf-8")
    golden = golden_path(page)
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"run pytest {Path(__file__).name} --update-goldens once and review {golden.name}"
    assert actual == golden.read_text(encoding="utf-8"), f"{page} differs from {golden.name}: review the change, then pytest --update-goldens"
