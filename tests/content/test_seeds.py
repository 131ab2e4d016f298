"""The raw texts are byte-identical to what was received: each ``seeds/*.txt`` is one of the files
of ``../shared/seeds/`` (under another name), compared by sha256. So that this holds in any clone,
``seed_digests.txt`` records the digests: the seeds are checked against it always, and it is
checked against ``../shared/seeds/`` whenever that folder is there."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ..editions import ROOT

pytestmark = pytest.mark.content

DIGESTS = Path(__file__).resolve().parent / "seed_digests.txt"
SHARED = ROOT.parent / "shared" / "seeds"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded() -> dict[str, str]:
    """Path of each seed -> the digest of the text as received."""
    lines = [line.split() for line in DIGESTS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert all(len(parts) == 2 and len(parts[0]) == 64 for parts in lines), "each line: <sha256>  seeds/<slug>.txt"
    return {path: digest for digest, path in lines}


def test_every_seed_is_byte_identical_to_the_text_received() -> None:
    seeds = {f"seeds/{p.name}": sha256(p) for p in sorted((ROOT / "seeds").glob("*.txt"))}
    assert len(seeds) >= 5
    assert seeds == recorded(), "a raw text differs from the text received (or is not recorded in seed_digests.txt)"


def test_the_recorded_digests_are_those_of_the_shared_texts() -> None:
    if not SHARED.is_dir():
        # a clone without ../shared: the committed digests are the record (checked above)
        assert len(set(recorded().values())) == len(recorded())
        return
    shared = {sha256(p) for p in SHARED.iterdir() if p.is_file()}
    assert set(recorded().values()) == shared, "seed_digests.txt does not match ../shared/seeds/"
