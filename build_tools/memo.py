"""The memo: results of the generation stages, by a key made of everything they depend on.

Generation is a pure function of its input bytes, so the result of each unit of work (one
source structured and anchored, one annotation file validated, one page rendered, ...) is fully
determined by the bytes it reads, the results of the units it uses and the code that computes
it. Each unit's key is a SHA-256 digest of exactly those (the code as a fingerprint of
``build_tools``, the schemas and the library versions), so a key can only meet a value computed
from the same inputs: a rebuild reuses what did not change and recomputes what did, with the same
output byte for byte as a build from nothing (``tests/test_memo.py`` holds it to that).

The stored form is untrusted until proven otherwise: anybody can put files under ``build/``
(a pull request may even commit them), and unpickling runs code. Every stored entry therefore
carries an HMAC-SHA256 made with a secret kept outside the checkout (``secret_path``); an entry
whose tag does not verify is ignored, never unpickled. This module is pure: ``inputs`` reads the
store, ``build`` writes it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")

FORMAT = b"dpr-memo-1\n"
TAG_BYTES = 32
#: libraries whose behaviour is part of the output (a new version may render differently)
LIBRARIES = ("markdown", "nh3", "pyyaml", "pyahocorasick", "jsonschema")


def digest(*parts: str | bytes) -> str:
    """A digest of ``parts``; each is length-prefixed, so no two different lists share a key."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


def code_fingerprint(files: Iterable[tuple[str, bytes]]) -> str:
    """The fingerprint of the code that computes every value: its files, libraries and Python."""
    parts: list[str | bytes] = [FORMAT, sys.version]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    for name, data in sorted(files):
        parts += [name, data]
    return digest(*parts)


def tag(secret: bytes, name: str, payload: bytes) -> bytes:
    """The HMAC of one stored entry: binds its payload to its key and to this machine's secret."""
    return hmac.new(secret, name.encode("ascii") + b"\0" + payload, hashlib.sha256).digest()


def seal(secret: bytes, name: str, value: object) -> bytes:
    """The stored form of one entry: format line, HMAC tag, pickled value."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return FORMAT + tag(secret, name, payload) + payload


def unseal(secret: bytes, name: str, stored: bytes) -> bytes | None:
    """The pickled payload of a stored entry whose tag verifies; None for anything else."""
    if not stored.startswith(FORMAT) or len(stored) < len(FORMAT) + TAG_BYTES:
        return None
    found = stored[len(FORMAT) : len(FORMAT) + TAG_BYTES]
    payload = stored[len(FORMAT) + TAG_BYTES :]
    return payload if hmac.compare_digest(found, tag(secret, name, payload)) else None


@dataclass
class Memo:
    """Stage results by key: those read from the store, and those computed in this run.

    ``stored`` holds verified payloads (unpickled only when asked for); ``live`` the values in
    use. Values are treated as immutable: callers copy before they change anything.
    """

    salt: str = ""  # the code fingerprint, part of every key
    stored: dict[str, bytes] = field(default_factory=dict)
    live: dict[str, object] = field(default_factory=dict)
    made: set[str] = field(default_factory=set)  # computed in this run
    unsaved: set[str] = field(default_factory=set)  # computed since the store was last written
    used: set[str] = field(default_factory=set)
    hits: int = 0

    def key(self, *parts: str | bytes) -> str:
        """The key of a unit whose result depends on exactly ``parts`` (and on the code)."""
        return digest(self.salt, *parts)

    def get(self, name: str, compute: Callable[[], T]) -> T:
        """The value for key ``name``: remembered, stored, or computed now."""
        self.used.add(name)
        if name in self.live:
            self.hits += 1
            return cast(T, self.live[name])
        payload = self.stored.get(name)
        if payload is not None:
            try:
                value = cast(T, pickle.loads(payload))
            except Exception:  # a stored value from an incompatible object layout: recompute
                pass
            else:
                self.hits += 1
                self.live[name] = value
                return value
        value = compute()
        self.made.add(name)
        self.unsaved.add(name)
        self.live[name] = value
        return value

    def start_run(self) -> None:
        """Begin a new generation with the same memo (the preview does this on every change)."""
        self.made, self.used, self.hits = set(), set(), 0

    def end_run(self) -> None:
        """Forget what the last run did not use, so memory follows the edition, not its history."""
        for name in [n for n in self.live if n not in self.used]:
            del self.live[name]
        for name in [n for n in self.stored if n not in self.used]:
            del self.stored[name]
        self.unsaved &= self.used

    def summary(self) -> str:
        """``N reused, M computed``: what a rebuild owed to the memo."""
        return f"{self.hits} reused, {len(self.made)} computed"


def secret_path() -> Path:
    """Where this machine's memo secret lives: outside every checkout, so no commit can forge it."""
    explicit = os.environ.get("DPR_MEMO_SECRET")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dual-power-reader" / "memo.secret"
