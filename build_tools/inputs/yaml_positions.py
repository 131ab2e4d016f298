"""Safe YAML loading that remembers where every value came from.

Contributor files are untrusted. We compose the YAML node graph with PyYAML's SafeLoader, refuse
tags, anchors and aliases (no object construction, no alias bombs), and build plain Python data
(dict, list, str, int, float, bool, None) together with a map from each value's key path to its
1-based line and column, so that every diagnostic can point at the exact place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from ..diagnostics import Diagnostic, error
from .text import decode, forbidden_in

MAX_BYTES = 1_000_000
Path = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": bool,
    "tag:yaml.org,2002:null": None,
    "tag:yaml.org,2002:timestamp": str,  # keep dates as written: "1977-11" stays text
}


@dataclass(frozen=True)
class Located:
    """Plain data loaded from one file, with positions of every key path."""

    path: str
    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, key_path: Path) -> tuple[int, int]:
        """Line and column of the value at ``key_path`` (or its nearest ancestor)."""
        probe = key_path
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def error(self, key_path: Path, code: str, message: str) -> Diagnostic:
        """An error diagnostic located at ``key_path`` in this file."""
        line, col = self.where(key_path)
        return error(self.path, line, col, code, message)


class _Refused(Exception):
    def __init__(self, line: int, col: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message = line, col, code, message


def _checked(node: yaml.ScalarNode) -> str:
    """The text of a scalar, refused if an escape (``"\\0"``, ``"\\u202e"``) wrote a character that
    ``inputs.text`` refuses when it is typed."""
    value = str(node.value)
    bad = forbidden_in(value)
    if bad:
        message = f"control or bidirectional-override character {bad} is not allowed (written as an escape)"
        raise _Refused(node.start_mark.line + 1, node.start_mark.column + 1, "Y005", message)
    return value


def _scalar(node: yaml.ScalarNode, loader: yaml.SafeLoader) -> Any:
    tag = node.tag
    if tag not in _PLAIN_TAGS:
        raise _Refused(node.start_mark.line + 1, node.start_mark.column + 1, "Y002", f"tag {tag!r} is not allowed")
    if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
        return _checked(node)
    return loader.construct_object(node, deep=True)


def _convert(node: yaml.Node, loader: yaml.SafeLoader, path: Path, positions: dict[Path, tuple[int, int]], seen: set[int] | None = None) -> Any:
    seen = set() if seen is None else seen
    if not isinstance(node, yaml.ScalarNode):
        # An alias makes the composer return the same node object twice: refuse it (no alias bombs).
        if id(node) in seen:
            raise _Refused(node.start_mark.line + 1, node.start_mark.column + 1, "Y002", "anchors and aliases (&name, *name) are not allowed")
        seen.add(id(node))
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, loader)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _Refused(node.start_mark.line + 1, node.start_mark.column + 1, "Y002", f"tag {node.tag!r} is not allowed")
        return [_convert(child, loader, (*path, i), positions, seen) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _Refused(node.start_mark.line + 1, node.start_mark.column + 1, "Y002", f"tag {node.tag!r} is not allowed")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(line, col, "Y002", "only plain text keys are allowed (no merge keys)")
            key = _checked(key_node)
            if key in result:
                raise _Refused(line, col, "S007", f"key {key!r} appears twice in the same mapping")
            result[key] = _convert(value_node, loader, (*path, key), positions, seen)
            positions[(*path, key)] = (line, col)  # errors point at the key that holds the value
        return result
    raise _Refused(1, 1, "Y002", "unsupported YAML node")  # pragma: no cover


def _mark(mark: object) -> tuple[int, int]:
    """1-based line and column of a PyYAML mark (1:1 when the parser gave none)."""
    line, column = getattr(mark, "line", 0), getattr(mark, "column", 0)
    return int(line) + 1, int(column) + 1


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same results, faster
MAX_DEPTH = 100


def _scan(text: str) -> None:
    """Refuse anchors, aliases and nesting deeper than ``MAX_DEPTH`` before anything is composed.

    libyaml's composer recurses in C without a limit (a few hundred kilobytes of ``[[[[`` crash the
    process) and expands aliases (a billion laughs); the event stream does neither.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(*_mark(event.start_mark), "Y002", "anchors and aliases (&name, *name) are not allowed")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(*_mark(event.start_mark), "Y001", f"data nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


@lru_cache(maxsize=4096)  # the preview reads every file on each change: unchanged bytes load once
def load_yaml(path: str, raw: bytes) -> tuple[Located | None, tuple[Diagnostic, ...]]:
    """Parse ``raw`` (the bytes of the file at ``path``) into located plain data.

    Returns ``(None, diagnostics)`` when the file cannot be read as safe YAML. The result is shared
    between calls with the same bytes: callers never change it.
    """
    if len(raw) > MAX_BYTES:
        return None, (error(path, 1, 1, "S011", f"file has {len(raw)} bytes; the limit for a data file is {MAX_BYTES}"),)
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    try:
        _scan(text)
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            positions: dict[Path, tuple[int, int]] = {}
            data = {} if node is None else _convert(node, loader, (), positions)
        finally:
            loader.dispose()
    except _Refused as refused:
        return None, (error(path, refused.line, refused.col, refused.code, refused.message),)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, (error(path, line, col, "Y001", str(exc.problem or exc).strip()),)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return None, (error(path, 1, 1, "Y001", str(exc).splitlines()[0] if str(exc) else "unreadable YAML"),)
    if not isinstance(data, dict):
        return None, (error(path, 1, 1, "Y003", f"top level is a {type(data).__name__}, not a mapping"),)
    return Located(path, data, positions), ()
