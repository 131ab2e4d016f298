"""Validate located YAML data against the JSON Schemas in ``schemas/``.

The same schema files power editors' validation and autocompletion (the
``# yaml-language-server: $schema=`` line) and this check, so each format is defined once.
Two things are stricter here than a plain JSON Schema validator in Python: a ``pattern`` must match
the whole string (Python's ``$`` also matches before a final newline, ECMA-262's does not), and a
value of format ``partial-date`` (YYYY, YYYY-MM or YYYY-MM-DD) must name a day that exists.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from ..diagnostics import Diagnostic
from .yaml_positions import Located

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
FORMATS = FormatChecker()


def real_date(value: object) -> bool:
    """True for a string YYYY, YYYY-MM or YYYY-MM-DD that names a real date (others: not checked)."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
        return True  # the pattern reports the shape
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


FORMATS.checks("partial-date")(real_date)


def _whole_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if isinstance(instance, str) and re.fullmatch(pattern, instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _whole_pattern})


def _inline(node: Any, document: str, documents: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every ``$ref`` replaced by what it refers to (the schemas are not recursive).

    A reference costs a look-up each time a value is checked: inlined once, the same schema checks
    the whole edition in a third of the time. Keywords beside a ``$ref`` are kept with ``allOf``.
    """
    if isinstance(node, list):
        return [_inline(item, document, documents, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target, _, pointer = str(node["$ref"]).partition("#")
        target = target or document
        key = f"{target}#{pointer}"
        if key in seen:
            raise ValueError(f"recursive schema reference {key}")
        resolved: Any = documents[target]
        for part in [p for p in pointer.split("/") if p]:
            resolved = resolved[part]
        inlined = _inline(resolved, target, documents, (*seen, key))
        rest = {k: _inline(v, document, documents, seen) for k, v in node.items() if k != "$ref"}
        return _merge(inlined, rest)
    return {k: v if k in ("enum", "const", "examples", "default") else _inline(v, document, documents, seen) for k, v in node.items() if k != "$defs"}


_ANNOTATIONS = ("title", "description", "default", "examples", "$comment")


def _merge(referred: Any, beside: dict[str, Any]) -> Any:
    """A referred schema and the keywords written beside its ``$ref``, as one schema.

    ``properties`` and ``required`` are united, so ``unevaluatedProperties`` sees every property
    as evaluated even when one of them is invalid (inside an ``allOf`` it would not); anything else
    that both give falls back to ``allOf``.
    """
    if not beside:
        return referred
    if not isinstance(referred, dict):
        return {"allOf": [referred], **beside}
    merged = dict(referred)
    for key, value in beside.items():
        if key == "properties" and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        elif key == "required" and isinstance(merged.get(key), list):
            merged[key] = list(dict.fromkeys([*merged[key], *value]))
        elif key not in merged or merged[key] == value or key in _ANNOTATIONS:
            merged[key] = value
        else:
            return {"allOf": [referred], **beside}
    return merged


@cache
def _validator(name: str) -> Any:
    documents = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMA_DIR.glob("*.schema.json")}
    schema = documents[name]
    Draft202012Validator.check_schema(schema)
    return _Validator(_inline(schema, name, documents), format_checker=FORMATS)


def _describe(err: ValidationError) -> tuple[str, str, tuple[str | int, ...]]:
    if err.validator in ("oneOf", "anyOf") and err.context:
        # A citation is one of several shapes: explain the problem of the shape that fits best
        # (fewest errors), e.g. a bad URL in a work, not "not valid under any of the given schemas".
        branches: dict[object, list[ValidationError]] = {}
        for sub in err.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        return _describe(min(branches.values(), key=len)[0])
    path = tuple(err.absolute_path)
    field = ".".join(str(p) for p in path) or "top level"
    kind = err.validator
    if kind == "required":
        missing = str(err.message).split("'")[1] if "'" in err.message else err.message
        return "S001", f"{field}: required field '{missing}' is missing", path
    if kind == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        return "S002", f"{field}: unknown field '{', '.join(extra)}'", (*path, extra[0]) if extra else path
    if kind == "type":
        return "S003", f"{field}: expected {err.validator_value}, got {type(err.instance).__name__}", path
    if kind in ("enum", "const"):
        allowed = ", ".join(str(v) for v in err.validator_value)
        return "S004", f"{field}: {err.instance!r} is not one of: {allowed}", path
    if kind == "format":
        return "S008", f"{field}: {str(err.instance)[:40]!r} is not a real date", path
    if kind in ("minLength", "minItems", "minProperties"):
        least = int(err.validator_value)
        if kind == "minLength" and least > 1:
            return "S003", f"{field}: {len(err.instance)} character(s); at least {least} are needed", path
        return "S003", f"{field}: must not be empty", path
    if kind == "pattern":
        pattern = str(err.validator_value)
        if "https?" in pattern:
            return "S009", f"{field}: {str(err.instance)[:80]!r} is not an http(s) URL", path
        if "[0-9]{4}" in pattern:
            return "S008", f"{field}: {str(err.instance)[:40]!r} is not YYYY, YYYY-MM or YYYY-MM-DD", path
        return "S005", f"{field}: {str(err.instance)[:60]!r} does not have the required form ({pattern})", path
    return "S003", f"{field}: {err.message[:160]}", path


_CHECKED: dict[tuple[int, str], tuple[Located, tuple[Diagnostic, ...]]] = {}


def check(located: Located, schema_name: str) -> tuple[Diagnostic, ...]:
    """All schema violations of ``located`` as diagnostics, in file order.

    Remembered for the same loaded file (``load_yaml`` gives the same object for the same bytes),
    so the live preview checks only the files that changed; the entry holds the file, so its id
    cannot be reused while it is remembered.
    """
    key = (id(located), schema_name)
    known = _CHECKED.get(key)
    if known is not None and known[0] is located:
        return known[1]
    if len(_CHECKED) > 8192:
        _CHECKED.clear()
    _CHECKED[key] = (located, _check(located, schema_name))
    return _CHECKED[key][1]


def _check(located: Located, schema_name: str) -> tuple[Diagnostic, ...]:
    found: list[Diagnostic] = []
    for err in _validator(schema_name).iter_errors(located.data):
        code, message, path = _describe(err)
        found.append(located.error(path, code, message))
    return tuple(sorted(set(found)))


def schema(name: str) -> dict[str, Any]:
    """The parsed schema file ``name``, as written (for docs and tests)."""
    data: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return data
