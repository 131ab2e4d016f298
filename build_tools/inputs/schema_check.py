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
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

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


@cache
def _registry() -> Registry[Any]:
    """Every schema of ``schemas/`` under its ``$id``, so that one may refer to another."""
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def _validator(name: str) -> Any:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return _Validator(schema, registry=_registry(), format_checker=FORMATS)


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
