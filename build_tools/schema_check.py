"""Validate located YAML data against the JSON Schemas in ``schemas/``.

The same schema files power editors' validation and autocompletion (via the
``# yaml-language-server: $schema=`` line) and this check, so the format is defined once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .diagnostics import Diagnostic
from .yaml_positions import Located

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@cache
def _registry() -> Registry[Any]:
    """Every schema of ``schemas/`` under its ``$id``, so that one may refer to another."""
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=_registry())


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
    if kind == "pattern":
        pattern = str(err.validator_value)
        if "https?" in pattern:
            return "S009", f"{field}: {str(err.instance)[:80]!r} is not an http(s) URL", path
        if "[0-9]{4}" in pattern:
            return "S008", f"{field}: {str(err.instance)[:40]!r} is not YYYY, YYYY-MM or YYYY-MM-DD", path
        return "S005", f"{field}: {str(err.instance)[:60]!r} does not match {pattern}", path
    return "S003", f"{field}: {err.message[:160]}", path


_Check = Callable[[Any], bool]
_IGNORED = {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"}
_TYPES: dict[str, _Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


class _Unsupported(Exception):
    """The schema uses a keyword the fast check does not implement: use jsonschema alone."""


def _equal(value: Any, allowed: Any) -> bool:
    """JSON equality as jsonschema's ``enum`` has it (booleans are not numbers), for scalar ``allowed``."""
    if isinstance(value, list | dict):
        return False
    if isinstance(value, bool) or isinstance(allowed, bool):
        return isinstance(value, bool) and isinstance(allowed, bool) and value == allowed
    return bool(value == allowed) and isinstance(value, str) == isinstance(allowed, str)


def _compile(schema: Any, root: dict[str, Any], refs: dict[str, _Check]) -> _Check:
    """A yes/no test equivalent to ``schema`` for the keywords ``schemas/`` uses (raise otherwise)."""
    if isinstance(schema, bool):
        return lambda v: bool(schema)
    if not isinstance(schema, dict) or set(schema) & {"patternProperties", "unevaluatedProperties", "prefixItems"}:
        raise _Unsupported(str(schema)[:60])
    checks = [_keyword(key, value, schema, root, refs) for key, value in schema.items() if key not in _IGNORED]
    return lambda v: all(test(v) for test in checks)


def _keyword(key: str, value: Any, schema: dict[str, Any], root: dict[str, Any], refs: dict[str, _Check]) -> _Check:
    """The test for one keyword of a schema object (same meaning as in JSON Schema 2020-12)."""
    if key == "$ref":
        name = str(value).removeprefix("#/$defs/")
        if name == value or "/" in name or "~" in name or name not in root.get("$defs", {}):
            raise _Unsupported(str(value))
        if name not in refs:
            refs[name] = lambda v: True  # placeholder while compiling (recursive schemas)
            refs[name] = _compile(root["$defs"][name], root, refs)
        return lambda v: refs[name](v)
    if key == "type":
        tests = [_TYPES[t] for t in ([value] if isinstance(value, str) else value)]
        return lambda v: any(t(v) for t in tests)
    if key == "enum":
        if any(isinstance(e, list | dict) for e in value):
            raise _Unsupported("enum of structures")
        allowed = tuple(value)
        return lambda v: any(_equal(v, a) for a in allowed)
    if key == "pattern":
        regex = re.compile(value)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None
    if key == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= value
    if key == "minimum":
        return lambda v: not _TYPES["number"](v) or v >= value
    if key == "required":
        names = tuple(value)
        return lambda v: not isinstance(v, dict) or all(n in v for n in names)
    if key == "properties":
        subs = {name: _compile(sub, root, refs) for name, sub in value.items()}
        return lambda v: not isinstance(v, dict) or all(test(v[n]) for n, test in subs.items() if n in v)
    if key == "additionalProperties":
        known = frozenset(schema.get("properties", {}))
        extra = _compile(value, root, refs)
        return lambda v: not isinstance(v, dict) or all(extra(v[k]) for k in v if k not in known)
    if key == "items":
        item = _compile(value, root, refs)
        return lambda v: not isinstance(v, list) or all(item(x) for x in v)
    if key == "oneOf":
        options = [_compile(sub, root, refs) for sub in value]
        return lambda v: sum(1 for test in options if test(v)) == 1
    raise _Unsupported(key)


@cache
def _fast(name: str) -> _Check | None:
    """A compiled yes/no check of schema ``name`` (None if the schema needs full jsonschema)."""
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    try:
        return _compile(schema, schema, {})
    except (_Unsupported, KeyError, TypeError, re.error):
        return None


def check(located: Located, schema_name: str) -> tuple[Diagnostic, ...]:
    """All schema violations of ``located`` as diagnostics, in file order.

    Valid files (nearly all) pass a compiled check of the schema, many times faster than
    jsonschema; a file it rejects is validated again by jsonschema, which words the messages.
    """
    fast = _fast(schema_name)
    if fast is not None and fast(located.data):
        return ()
    found: list[Diagnostic] = []
    for err in _validator(schema_name).iter_errors(located.data):
        code, message, path = _describe(err)
        found.append(located.error(path, code, message))
    return tuple(sorted(set(found)))


def schema(name: str) -> dict[str, Any]:
    """The parsed schema file ``name`` (for docs and tests)."""
    return dict(_validator(name).schema)
