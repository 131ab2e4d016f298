"""Find quoted words in passage text, insensitive to typographic variants and runs of spaces
(the W3C TextQuoteSelector model: exact, with optional prefix and suffix to disambiguate)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..sources.textnorm import fold

#: the longest quotation a note may target (longer quotes are refused, A015: they are not quotes, and
#: comparing them costs time that grows with the square of their length)
MAX_QUOTE = 1000
#: how close words must be to be offered as "its closest words" (closer than a typo or two apart)
CLOSE = 0.85


@lru_cache(maxsize=4096)
def normalize(text: str) -> tuple[str, tuple[int, ...]]:
    """Folded text with whitespace runs collapsed, and each character's offset in ``text``."""
    folded = fold(text)
    if "  " not in folded:
        return folded, tuple(range(len(folded)))
    chars: list[str] = []
    offsets: list[int] = []
    for match in re.finditer(r" +|[^ ]+", folded):
        if match.group()[0] == " ":
            chars.append(" ")
            offsets.append(match.start())
        else:
            chars.append(match.group())
            offsets.extend(range(match.start(), match.end()))
    return "".join(chars), tuple(offsets)


@dataclass(frozen=True)
class QuoteMatch:
    start: int
    end: int


def find_all(text: str, exact: str, prefix: str = "", suffix: str = "") -> list[QuoteMatch]:
    """Every occurrence of ``exact`` in ``text`` consistent with ``prefix`` and ``suffix``."""
    norm, offsets = normalize(text)
    needle, _ = normalize(exact.strip())
    pre, _ = normalize(prefix)
    post, _ = normalize(suffix)
    if not needle:
        return []
    found = []
    start = norm.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = norm[:start]
        after = norm[end:]
        if (not pre or before.endswith(pre) or before.rstrip().endswith(pre.rstrip())) and (
            not post or after.startswith(post) or after.lstrip().startswith(post.lstrip())
        ):
            found.append(QuoteMatch(offsets[start], offsets[end - 1] + 1))
        start = norm.find(needle, start + 1)
    return found


def closest(texts: dict[str, str], exact: str) -> tuple[str, str, float] | None:
    """The passage id and words most like ``exact`` across ``texts`` (for 'did you mean').

    Bounded: quotes longer than ``MAX_QUOTE`` and texts over 20 times that are not compared.
    """
    needle, _ = normalize(exact.strip())
    if not needle or len(needle) > MAX_QUOTE:
        return None
    texts = {pid: text for pid, text in texts.items() if len(text) <= 20 * MAX_QUOTE}
    best: tuple[float, str, str] | None = None
    width = len(needle)
    for pid, text in texts.items():
        norm, offsets = normalize(text)
        matcher = SequenceMatcher(None, needle, norm, autojunk=False)
        anchor = matcher.find_longest_match(0, len(needle), 0, len(norm))
        if anchor.size == 0:
            continue
        lo = max(0, anchor.b - anchor.a - 3)
        for start in range(lo, min(len(norm), anchor.b - anchor.a + 4)):
            window = norm[start : start + width]
            score = SequenceMatcher(None, needle, window, autojunk=False).ratio()
            if window[:1] == " " or window[-1:] == " ":
                score -= 0.01  # prefer windows that start and end on words
            if best is None or score > best[0]:
                end = offsets[min(start + width, len(offsets)) - 1] + 1
                best = (score, pid, text[offsets[start] : end].strip())
    if best is None or best[0] < 0.5:
        return None
    return best[1], best[2], best[0]
