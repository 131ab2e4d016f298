"""Validate located YAML data against the JSON Schemas in ``schemas/``.

The same schema files power editors' validation and autocompletion (via the
``# yaml-language-server: $schema=`` line) and this check, so the format is defined once.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .diagnostics import Diagnostic
from .yaml_positions import Located

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


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
        return "S002", f"{field}: unknown field '{', '.join(extra)}'", path + (extra[0],) if extra else path
    if kind == "type":
        return "S003", f"{field}: expected {err.validator_value}, got {type(err.instance).__name__}", path
    if kind in ("enum", "const"):
        allowed = ", ".join(str(v) for v in err.validator_value)
        return "S004", f"{field}: {err.instance!r} is not one of: {allowed}", path
    if kind == "pattern":
        pattern = str(err.validator_value)
        if "https?" in pattern:
            return "S009", f"{field}: {str(err.instance)[:80]!r} is not an http(s) URL", path
        if "[0-9]{4}" in pattern:
            return "S008", f"{field}: {str(err.instance)[:40]!r} is not YYYY, YYYY-MM or YYYY-MM-DD", path
        return "S005", f"{field}: {str(err.instance)[:60]!r} does not match {pattern}", path
    return "S003", f"{field}: {err.message[:160]}", path


def check(located: Located, schema_name: str) -> tuple[Diagnostic, ...]:
    """All schema violations of ``located`` as diagnostics, in file order."""
    found: list[Diagnostic] = []
    for err in _validator(schema_name).iter_errors(located.data):
        code, message, path = _describe(err)
        found.append(located.error(path, code, message))
    return tuple(sorted(set(found)))


def schema(name: str) -> dict[str, Any]:
    """The parsed schema file ``name`` (for docs and tests)."""
    return dict(_validator(name).schema)
