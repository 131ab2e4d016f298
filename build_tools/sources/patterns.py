"""Contributor regular expressions (rules, debris, gaps, note markers), bounded in time.

A pattern written in a metadata file can backtrack catastrophically (``(a+)+$`` on a long line);
Python's ``re`` cannot be interrupted, so contributor patterns run on the ``regex`` module, whose
every call here gives up after ``TIMEOUT`` seconds with ``TimeoutError`` (reported as M017).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import regex

TIMEOUT = 1.0
error = regex.error


class Bounded:
    """A compiled contributor pattern whose every match gives up after ``TIMEOUT`` seconds."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled = regex.compile(pattern, flags=regex.VERSION0)
        self.groupindex: dict[str, int] = dict(self._compiled.groupindex)

    def fullmatch(self, text: str) -> Any:
        return self._compiled.fullmatch(text, timeout=TIMEOUT)

    def search(self, text: str) -> Any:
        return self._compiled.search(text, timeout=TIMEOUT)

    def finditer(self, text: str) -> Iterator[Any]:
        return iter(self._compiled.finditer(text, timeout=TIMEOUT))

    def subn(self, replacement: str | Callable[[Any], str], text: str) -> tuple[str, int]:
        result: tuple[str, int] = self._compiled.subn(replacement, text, timeout=TIMEOUT)
        return result


def compile(pattern: str) -> Bounded:
    """The bounded form of ``pattern``; raises ``patterns.error`` if it is not a valid expression."""
    return Bounded(pattern)
