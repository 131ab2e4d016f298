"""Fixtures of the exports' tests: every download file of the fixture edition, made once per run
(and written to a folder for the tools that read files), and the EPUB and TEI files of the real
edition for the content tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.editorial.edition import Edition
from build_tools.exports import bundle
from build_tools.exports.marks import Apparatus, apparatus

from .support import ROOT

SITE = "https://example.org/dpr/"


@pytest.fixture(scope="session")
def exported(fixture_edition: Edition) -> bundle.Exported:
    made = bundle.export(fixture_edition, SITE, frozenset(bundle.FORMATS), workers=2)
    assert not made.diagnostics, [d.format() for d in made.diagnostics]
    return made


@pytest.fixture(scope="session")
def apps(fixture_edition: Edition) -> dict[str, Apparatus]:
    return {a.source.slug: apparatus(fixture_edition, a) for a in fixture_edition.sources}


def write_all(files: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """The files below ``folder`` (emptied first); docs path -> file."""
    written = {}
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written[rel] = path
    return written


@pytest.fixture(scope="session")
def export_dir() -> Path:
    # DPR_TEST_EXPORTS names another folder, so that several runs at once do not share one
    folder = ROOT / "build" / os.environ.get("DPR_TEST_EXPORTS", "test-exports")
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="session")
def exported_files(exported: bundle.Exported, export_dir: Path) -> dict[str, Path]:
    return write_all(exported.files, export_dir / "fixture")


@pytest.fixture(scope="session")
def real_exported(real_edition: Edition) -> bundle.Exported:
    """The real edition's EPUB and TEI files (its PDFs are checked by the build and test_pdf)."""
    made = bundle.export(real_edition, SITE, frozenset({"epub", "tei"}))
    assert not made.diagnostics
    return made


@pytest.fixture(scope="session")
def real_files(real_exported: bundle.Exported, export_dir: Path) -> dict[str, Path]:
    return write_all(real_exported.files, export_dir / "real")
