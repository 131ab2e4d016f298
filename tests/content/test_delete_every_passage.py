"""Deleting any one passage of any source of the real edition redirects to the right place
(0 wrong redirects), and no other id changes (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.inputs.files import read_inputs

from ..anchor_deletions import delete_each

ROOT = Path(__file__).resolve().parents[2]
SLUGS = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


@pytest.mark.content
@pytest.mark.parametrize("slug", SLUGS)
def test_every_deletion_redirects_honestly(slug: str) -> None:
    inputs, _ = read_inputs(ROOT)
    outcomes, skipped = delete_each(inputs, slug)
    wrong = [o for o in outcomes if not o.honest]
    assert not wrong, wrong
    assert all(o.others_kept for o in outcomes)
