"""Property tests of the located YAML loader: round trips, positions, and no exception on any input."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.diagnostics import CODES
from build_tools.inputs.yaml_positions import load_yaml


class _NoAliasDumper(yaml.SafeDumper):
    """Dump repeated objects in full: the loader refuses anchors and aliases by design."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# Keys whose dumped form contains the key verbatim (no escapes, no doubled quotes).
KEY_ALPHABET = st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F) | st.sampled_from(list(" -_.:#&*!%@,[]{}<>=?|"))
keys = st.text(KEY_ALPHABET, min_size=1, max_size=30).filter(lambda k: k == k.strip())
# Values: any printable text (the dumper quotes and escapes what it must).
values = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), max_size=40)
documents = st.dictionaries(
    keys,
    st.recursive(
        values,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
        max_leaves=25,
    ),
    max_size=6,
)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, width=10**9, sort_keys=False)


def _walk(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_walk(value, (*path, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(_walk(value, (*path, i)))
    return found


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_round_trip(data: dict[str, Any]) -> None:
    located, found = load_yaml("x.yml", dump(data).encode("utf-8"))
    assert found == ()
    assert located is not None
    assert located.data == data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_every_key_position_points_at_the_key(data: dict[str, Any]) -> None:
    text = dump(data)
    located, _ = load_yaml("x.yml", text.encode("utf-8"))
    assert located is not None
    lines = text.split("\n")
    for path in _walk(data):
        assert path == () or path in located.positions, path
        if not path:
            continue
        line, col = located.positions[path]
        assert 1 <= line <= len(lines) and col >= 1
        if isinstance(path[-1], str):
            key = path[-1]
            here = lines[line - 1][col - 1 :]
            assert key in lines[line - 1], (path, lines[line - 1])
            assert here.startswith((key, f"'{key}", f'"{key}')), (path, here)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(raw: bytes) -> None:
    located, found = load_yaml("x.yml", raw)
    assert (located is None) == bool(found)
    assert all(d.code in CODES and d.line >= 1 and d.col >= 1 for d in found)


TOKENS = [*"[]{}:-?&*!|>'\"#%@`,<=~ \n\tab1", "!!python/object:os.system ", "&a ", "*a", "<<: ", "---\n", "\u2028", "\x85", "key: ", "\n  - "]
YAMLISH = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_random_yaml_like_text_never_raises(text: str) -> None:
    located, found = load_yaml("x.yml", text.encode("utf-8"))
    assert (located is None) == bool(found)
    assert all(d.code in CODES and d.severity == "error" for d in found)
    if located is not None:
        assert isinstance(located.data, dict)
