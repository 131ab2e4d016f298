"""Shared fixtures: the repository's real inputs, and a way to build inputs in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import generate
from build_tools.inputs import Inputs, read_docs, read_inputs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_inputs() -> Inputs:
    inputs, problems = read_inputs(ROOT)
    assert not problems
    return inputs


@pytest.fixture(scope="session")
def repo_model(repo_inputs: Inputs) -> generate.Model:
    model, found = generate.build_model(repo_inputs)
    assert not [d for d in found if d.severity == "error"], [d.format() for d in found]
    return model


@pytest.fixture(scope="session")
def repo_generated(repo_inputs: Inputs) -> generate.Generated:
    return generate.generate(repo_inputs, read_docs(ROOT), generate.Settings())


def with_files(base: Inputs, changes: dict[str, bytes | None]) -> Inputs:
    """A copy of ``base`` with files replaced, added, or (value None) removed."""
    files = dict(base.files)
    for path, data in changes.items():
        if data is None:
            files.pop(path, None)
        else:
            files[path] = data
    return Inputs(files)
