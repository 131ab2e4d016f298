"""Deleting any one passage of a fixture source sends its readers to what now stands where it
stood (or, for words that demonstrably moved, to where they are); no other id changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.inputs.files import read_inputs

from ..anchor_deletions import delete_each

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "edition"


@pytest.mark.parametrize("slug", ["fixture-councils", "fixture-encyclopedia"])
def test_every_deletion_redirects_honestly(slug: str) -> None:
    inputs, _ = read_inputs(FIXTURE)
    outcomes, skipped = delete_each(inputs, slug)
    assert outcomes and skipped < len(outcomes)
    wrong = [o for o in outcomes if not o.honest]
    assert not wrong, wrong
    assert all(o.others_kept for o in outcomes)
