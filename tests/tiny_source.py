"""A tiny, self-contained source (with annotations, a glossary entry and a case) for error-code tests.

Every file is plain text here, so a test can change one line and compute the expected
``line:col`` of the diagnostic from the text it wrote.
"""

from __future__ import annotations

from build_tools import generate, pipeline
from build_tools.diagnostics import Diagnostic
from build_tools.inputs import Inputs

TXT = """Site navigation
The Tiny Title
Workers elected a council in the factory.
The council met daily while the government waited.
Power passed to the soviet of workers and soldiers.
"""

META = """slug: tiny
bibliography:
  title: Tiny
  publication: Test Press
  date: "2001"
  rights: public domain
  language: en
rules:
  - {line: 1, role: drop, expect: Site navigation}
  - {line: 2, role: title, expect: Tiny Title}
"""

ANNOTATIONS = """source: tiny
annotations:
  - id: council-context
    target:
      passage: p1
      exact: elected a council
    kind: context
    body: A *council* of workers.
    sources:
      - passage: tiny#p3
"""

GLOSSARY = """id: soviet
name: Soviet
type: concept
short: A council of workers' deputies.
article: The soviet was a council of deputies.
sources:
  - passage: tiny#p3
"""

CASE = """id: tiny-1917
name: Tiny case
group: historical
place: Nowhere
start: "1917-02"
end: "1917-10"
official_power:
  text: The government.
  evidence:
    - passage: tiny#p2
rival_power:
  text: The soviet.
  evidence:
    - passage: tiny#p3
base: workplace
outcome: rival-prevailed
outcome_text: The soviet won.
summary: A tiny case.
"""

BASE: dict[str, str] = {
    "seeds/tiny.txt": TXT,
    "seeds/tiny.yml": META,
    "annotations/tiny.yml": ANNOTATIONS,
    "glossary/soviet.yml": GLOSSARY,
    "cases/tiny-1917.yml": CASE,
}


def _registries(files: dict[str, bytes]) -> dict[str, bytes]:
    inputs = Inputs({k: v for k, v in files.items() if k.startswith("seeds/")})
    sources, _ = pipeline.load_sources(inputs)
    anchoring, _ = pipeline.anchor_sources(sources, inputs)
    return {f"anchors/{slug}.json": pipeline.registry_json(reg).encode("utf-8") for slug, reg in anchoring.registries.items()}


def tiny(changes: dict[str, str | bytes | None] | None = None) -> Inputs:
    """The tiny inputs with files replaced, added or (value None) removed.

    Anchor registries are derived from the (changed) texts unless a change names one, so a test
    sees only the problem it introduced.
    """
    files = {path: text.encode("utf-8") for path, text in BASE.items()}
    for path, data in (changes or {}).items():
        if data is None:
            files.pop(path, None)
        else:
            files[path] = data.encode("utf-8") if isinstance(data, str) else data
    derived = _registries(files)
    for path, data in derived.items():
        if path not in (changes or {}):
            files[path] = data
    return Inputs(files)


def diagnose(inputs: Inputs) -> list[Diagnostic]:
    """Every diagnostic (errors and warnings) the pure pipeline reports for ``inputs``."""
    _, found = generate.build_model(inputs)
    return sorted(set(found))
