"""Shared fixtures: the fixture edition and the real edition (inputs and model), and the
``--update-goldens`` option that rewrites golden files instead of comparing with them.

Layout of the suite: ``tests/unit/`` (pure functions, no site build), ``tests/site/`` (whole builds
of the fixture edition), ``tests/content/`` (today's content of the real edition, marked
``content``), ``tests/browser/`` (Chromium, marked ``browser``).
"""

from __future__ import annotations

import os

import pytest

from build_tools.diagnostics import Diagnostic
from build_tools.editorial.edition import Edition, build_edition
from build_tools.inputs.files import Inputs, read_inputs

from .editions import FIXTURE, ROOT

# Anchoring records the date of every change; a fixed one keeps the tests' registries reproducible.
os.environ.setdefault("DPR_TODAY", "2026-12-31")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False, help="rewrite golden files and YAML cases with today's output")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def fixture_inputs() -> Inputs:
    inputs, problems = read_inputs(FIXTURE)
    assert not problems, [p.format() for p in problems]
    return inputs


@pytest.fixture(scope="session")
def fixture_edition(fixture_inputs: Inputs) -> Edition:
    edition, found = build_edition(fixture_inputs)
    assert not [d for d in found if d.severity == "error"], [d.format() for d in found]
    return edition


@pytest.fixture(scope="session")
def real_inputs() -> Inputs:
    inputs, problems = read_inputs(ROOT)
    assert not problems, [p.format() for p in problems]
    return inputs


@pytest.fixture(scope="session")
def real_build(real_inputs: Inputs) -> tuple[Edition, list[Diagnostic]]:
    """The real edition and every diagnostic (content tests decide which of them matter)."""
    return build_edition(real_inputs)


@pytest.fixture(scope="session")
def real_edition(real_build: tuple[Edition, list[Diagnostic]]) -> Edition:
    return real_build[0]
