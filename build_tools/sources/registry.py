"""The registry of a source's permanent ids (``anchors/<slug>.json``): an append-only log.

Every change to an id is an entry of the log: ``add`` (a new passage, author's note or gap, with
its text or, for a gap, the words around it), ``revise`` (new wording of the same passage),
``retire`` (the id leaves the text, with the id readers are sent to and why), ``restore`` (the
same words came back) and ``order`` (the reading order, so that a removed passage can be sent to
what followed it). The current state is never stored: it is what replaying the log gives, so
nothing can disagree with the history.

Each entry carries a digest over itself and the entry before it, so an entry edited after it was
recorded, two texts swapped, a successor changed or an entry removed is found by ``check`` in any
clone, without git history. Ids are numbered in the order they were added, so a reused or
lowered id is found too.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import Any

from ..diagnostics import Diagnostic, error
from ..inputs.text import decode, forbidden_in
from .textnorm import squash

FORMAT = 2
SIMILARITY = 0.75  # a revision keeps its id only if it is at least this similar to the last wording
OPS = ("add", "revise", "retire", "restore", "order")
HOWS = ("removed", "moved", "split", "merged")
_ID = re.compile(r"\A(p[1-9][0-9]*|n[0-9a-z-]+|p[1-9][0-9]*/g[1-9][0-9]*|n[0-9a-z-]+/g[1-9][0-9]*)\Z")
_DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


@dataclass(frozen=True)
class Version:
    text: str
    date: str


@dataclass
class Record:
    """What the log says of one id (built by replaying it)."""

    rid: str
    kind: str
    versions: list[Version] = field(default_factory=list)
    label: str = ""  # an author's note: its printed label, as last recorded
    before: str = ""  # a gap: the words before it, as last recorded
    after: str = ""  # a gap: the words after it
    status: str = "active"
    successor: str = ""
    how: str = ""
    retired_on: str = ""

    @property
    def text(self) -> str:
        return self.versions[-1].text if self.versions else ""


@dataclass(frozen=True)
class Registry:
    """A source's log and the state it replays to."""

    source: str
    log: tuple[dict[str, Any], ...] = ()

    @cached_property
    def replayed(self) -> tuple[dict[str, Record], list[str]]:
        """The state and the contradictions of the log, worked out once (read them, never change them)."""
        return replay(self.log)

    def state(self) -> dict[str, Record]:
        return self.replayed[0]

    def order(self) -> list[str]:
        """The reading order of passages recorded by the last ``order`` entry."""
        for entry in reversed(self.log):
            if entry["op"] == "order":
                return list(entry["ids"])
        return []

    def next_number(self) -> int:
        """The number of the next passage id: one above every ``p`` id ever added."""
        numbers = [int(e["id"][1:]) for e in self.log if e["op"] == "add" and re.fullmatch(r"p[0-9]+", e["id"])]
        return max(numbers, default=0) + 1


def digest(previous: str, entry: dict[str, Any]) -> str:
    """The digest of ``entry`` chained to the digest of the entry before it."""
    body = {k: v for k, v in entry.items() if k != "digest"}
    data = previous + json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def chain(log: list[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """The log with every entry's digest computed (``anchors`` appends; nothing else writes)."""
    out, previous = [], ""
    for entry in log:
        sealed = {**{k: v for k, v in entry.items() if k != "digest"}, "digest": digest(previous, entry)}
        out.append(sealed)
        previous = sealed["digest"]
    return tuple(out)


def similar(a: str, b: str) -> float:
    """Similarity of two texts (difflib ratio on folded text, spaces collapsed)."""
    return SequenceMatcher(None, squash(a), squash(b), autojunk=False).ratio()


def replay(log: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> tuple[dict[str, Record], list[str]]:
    """The state the log replays to, and every way it contradicts itself (as sentences)."""
    state: dict[str, Record] = {}
    problems: list[str] = []
    previous, last_date, last_number = "", "", 0
    for n, entry in enumerate(log, 1):
        op, rid, date = entry.get("op"), str(entry.get("id", "")), str(entry.get("date", ""))
        if entry.get("digest") != digest(previous, entry):
            problems.append(f"entry {n} ({op} {rid}) was changed after it was recorded, or an entry before it was (digest)")
        previous = str(entry.get("digest", ""))
        if op not in OPS or not _DATE.match(date) or date < last_date:
            problems.append(f"entry {n}: {op!r} on {date!r} is not an operation of the log in date order")
            continue
        last_date = date
        record = state.get(rid)
        if op == "order":
            unknown = [i for i in entry.get("ids", []) if i not in state or state[i].status != "active"]
            if unknown:
                problems.append(f"entry {n}: the reading order names {', '.join(unknown[:3])}, which are not active")
            continue
        if op == "add":
            if record is not None:
                problems.append(f"entry {n}: {rid} is added again; an id is never reused")
                continue
            if re.fullmatch(r"p[0-9]+", rid):
                if int(rid[1:]) != last_number + 1:
                    problems.append(f"entry {n}: {rid} is out of sequence (the next passage id was p{last_number + 1})")
                last_number = max(last_number, int(rid[1:]))
            state[rid] = Record(
                rid,
                str(entry.get("kind", "")),
                [Version(str(entry.get("text", "")), date)],
                str(entry.get("label", "")),
                str(entry.get("before", "")),
                str(entry.get("after", "")),
            )
        elif record is None:
            problems.append(f"entry {n}: {op} of {rid}, which was never added")
        elif op == "revise":
            if record.status != "active":
                problems.append(f"entry {n}: {rid} is revised while retired")
            text = str(entry.get("text", record.text))
            if record.kind != "gap" and similar(record.text, text) < SIMILARITY:
                problems.append(
                    f"entry {n}: the new wording of {rid} is not a revision of the old one (similarity below {SIMILARITY}): a different text needs a new id"
                )
            record.versions.append(Version(text, date))
            record.label = str(entry.get("label", record.label))
            record.before, record.after = str(entry.get("before", record.before)), str(entry.get("after", record.after))
        elif op == "retire":
            if record.status != "active":
                problems.append(f"entry {n}: {rid} is retired twice")
            record.status, record.successor, record.how, record.retired_on = "retired", str(entry.get("successor", "")), str(entry.get("how", "")), date
            if record.how not in HOWS:
                problems.append(f"entry {n}: {rid} is retired as {record.how!r}, not one of {', '.join(HOWS)}")
        elif op == "restore":
            if record.status != "retired":
                problems.append(f"entry {n}: {rid} is restored but was not retired")
            record.status, record.successor, record.how, record.retired_on = "active", "", "", ""
    problems += _successor_problems(state)
    return state, problems


def _successor_problems(state: dict[str, Record]) -> list[str]:
    """Every retired id must lead, through its successors, to an active id of the same kind."""
    found: list[str] = []
    if not any(r.status == "active" and r.kind != "gap" for r in state.values()):
        return found  # a source with no passage left: there is nowhere to send anyone
    for rid, record in state.items():
        if record.status != "retired" or record.kind == "gap":
            continue
        seen, target = {rid}, record.successor
        while target in state and state[target].status == "retired" and target not in seen:
            seen.add(target)
            target = state[target].successor
        if target not in state or target in seen:
            found.append(f"retired {rid} leads to {record.successor or 'nothing'}, which does not lead to a passage in the text")
    return found


def empty(slug: str) -> Registry:
    return Registry(slug, ())


def to_json(registry: Registry) -> str:
    """The registry file: one log entry a line, so every change is one reviewable line."""
    head = {"source": registry.source, "format": FORMAT, "rule": "append-only log; see docs/about/anchors.md"}
    lines = [json.dumps(entry, ensure_ascii=False, sort_keys=False) for entry in registry.log]
    body = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return body + ',\n "log": [\n' + ",\n".join(lines) + ("\n" if lines else "") + " ]\n}\n"


@lru_cache(maxsize=256)  # the same bytes give the same registry, replayed once (the live preview)
def read(path: str, slug: str, raw: bytes | None) -> tuple[Registry | None, tuple[Diagnostic, ...]]:
    """The registry at ``path`` (empty if there is none yet), or None and why it cannot be read."""
    if raw is None:
        return empty(slug), ()
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, (error(path, 1, 1, "P004", f"registry cannot be read: {str(exc)[:160]}"),)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("source") != slug or not isinstance(data.get("log"), list):
        return None, (error(path, 1, 1, "P004", f"registry cannot be read: expected format {FORMAT} for source {slug!r} with a list 'log'"),)
    for n, entry in enumerate(data["log"], 1):
        if not isinstance(entry, dict) or (not _ID.match(str(entry.get("id", "order"))) and entry.get("op") != "order"):
            return None, (error(path, n + 5, 1, "P004", f"registry cannot be read: entry {n} is not an entry of the log"),)
        if any(not isinstance(v, str) for k, v in entry.items() if k != "ids") or not isinstance(entry.get("ids", []), list):
            return None, (error(path, n + 5, 1, "P004", f"registry cannot be read: entry {n} holds a value that is not text"),)
        bad = next((forbidden_in(v) for v in entry.values() if isinstance(v, str) and forbidden_in(v)), "")
        if bad:  # written as a JSON escape ("\u202e"): the text of the file itself was checked already
            return None, (error(path, n + 5, 1, "Y005", f"entry {n} holds the control or bidirectional-override character {bad}"),)
    return Registry(slug, tuple(data["log"])), ()


def check(path: str, registry: Registry) -> list[Diagnostic]:
    """The registry checks itself (P007): digests, order of ids, dates, operations, successors."""
    _state, problems = registry.replayed
    return [error(path, 1, 1, "P007", problem) for problem in problems[:20]]


def today() -> str:
    """The date ``anchors`` records (``DPR_TODAY`` fixes it for tests and reproducible runs)."""
    import os

    return os.environ.get("DPR_TODAY") or datetime.date.today().isoformat()
