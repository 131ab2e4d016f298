"""Fixtures of the site tests: the fixture edition's generated files (in memory) and its built
site (on disk, built once per session into a temporary folder, as ``make build`` builds it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.editorial.edition import Edition
from build_tools.inputs.files import Inputs, read_docs
from build_tools.settings import Settings
from build_tools.site import generate

from ..editions import ROOT, build, make_root


@pytest.fixture(scope="session")
def generated(fixture_edition: Edition, fixture_inputs: Inputs) -> dict[str, bytes]:
    """Every file of the fixture edition's ``build/docs``, with this checkout's hand-written docs."""
    result = generate.generate(fixture_edition, fixture_inputs, read_docs(ROOT), Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"], [d.format() for d in result.diagnostics]
    return result.files


@pytest.fixture(scope="session")
def page(generated: dict[str, bytes]):  # type: ignore[no-untyped-def]
    """A generated page's text by its docs path."""

    def text(path: str) -> str:
        return generated[path].decode("utf-8")

    return text


@pytest.fixture(scope="session")
def built_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_root(tmp_path_factory.mktemp("built") / "edition")
    build(root)
    return root


@pytest.fixture(scope="session")
def site(built_root: Path) -> Path:
    return built_root / "site"
