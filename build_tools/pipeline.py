"""The pure pipeline: input bytes -> structured, anchored model, with every diagnostic.

Each stage returns its result and its diagnostics; a stage runs on what the previous stages could
build, so one run reports as many independent problems as possible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import anchors, segment, source_meta
from .diagnostics import Diagnostic, error
from .inputs import Inputs
from .model import AnchoredSource, Source
from .yaml_positions import load_yaml


@dataclass(frozen=True)
class Anchoring:
    sources: tuple[AnchoredSource, ...]
    registries: dict[str, anchors.Registry]
    changes: dict[str, tuple[str, ...]]


def load_sources(inputs: Inputs) -> tuple[tuple[Source, ...], tuple[Diagnostic, ...]]:
    """Every source that has both a raw text and a metadata file, structured by its rules."""
    texts = inputs.under("seeds", ".txt")
    metas = inputs.under("seeds", ".yml")
    found: list[Diagnostic] = []
    sources: list[Source] = []
    for slug in sorted(set(metas) - set(texts)):
        found.append(error(f"seeds/{slug}.yml", 1, 1, "M001", f"no raw text seeds/{slug}.txt beside this metadata file"))
    for slug in sorted(set(texts) - set(metas)):
        found.append(error(f"seeds/{slug}.txt", 1, 1, "M001", f"no metadata file seeds/{slug}.yml for this raw text"))
    for slug in sorted(set(texts) & set(metas)):
        meta_path, raw_path = f"seeds/{slug}.yml", f"seeds/{slug}.txt"
        try:
            raw = texts[slug].decode("utf-8")
        except UnicodeDecodeError as exc:
            found.append(error(raw_path, 1, 1, "Y004", f"byte {exc.start} is not UTF-8"))
            continue
        located, problems = load_yaml(meta_path, metas[slug])
        found.extend(problems)
        if located is None:
            continue
        spec, problems = source_meta.parse_source_meta(located, slug, raw_path, segment.split_lines(raw))
        found.extend(problems)
        if spec is None:
            continue
        source, problems = segment.structure(spec, raw)
        found.extend(problems)
        sources.append(source)
    return tuple(sources), tuple(found)


def _pins(inputs: Inputs) -> tuple[dict[str, dict[int, str]], list[Diagnostic]]:
    raw = inputs.files.get("anchors/pins.yml")
    if raw is None:
        return {}, []
    located, problems = load_yaml("anchors/pins.yml", raw)
    if located is None:
        return {}, list(problems)
    pins: dict[str, dict[int, str]] = {}
    found: list[Diagnostic] = []
    for slug, items in located.data.items():
        if not isinstance(items, dict):
            found.append(located.error((slug,), "S003", "pins map raw line numbers to ids"))
            continue
        pins[slug] = {int(line): str(pid) for line, pid in items.items()}
    return pins, found


def anchor_sources(sources: tuple[Source, ...], inputs: Inputs) -> tuple[Anchoring, tuple[Diagnostic, ...]]:
    """Match every source against its committed registry (``anchors/<slug>.json``)."""
    found: list[Diagnostic] = []
    pins, problems = _pins(inputs)
    found.extend(problems)
    anchored: list[AnchoredSource] = []
    registries: dict[str, anchors.Registry] = {}
    changes: dict[str, tuple[str, ...]] = {}
    for source in sources:
        path = f"anchors/{source.slug}.json"
        raw = inputs.files.get(path)
        registry = anchors.empty_registry(source.slug)
        if raw is not None:
            try:
                registry = anchors.registry_from_json(json.loads(raw.decode("utf-8")))
            except (ValueError, UnicodeDecodeError) as exc:
                found.append(error(path, 1, 1, "P004", f"registry cannot be read: {exc}"))
                continue
        result = anchors.assign(source, registry, pins.get(source.slug))
        for line, pids in result.ambiguous:
            found.append(error(source.spec.raw_path, line, 1, "P002", f"passage matches {', '.join(pids)} equally well; pin it in anchors/pins.yml"))
        anchored.append(result.anchored)
        registries[source.slug] = result.registry
        changes[source.slug] = result.changed
    return Anchoring(tuple(anchored), registries, changes), tuple(found)


def registry_problems(anchoring: Anchoring, inputs: Inputs) -> tuple[Diagnostic, ...]:
    """Report registries that differ from what the current texts need (the build never writes them)."""
    found = []
    for slug, registry in anchoring.registries.items():
        path = f"anchors/{slug}.json"
        wanted = registry_json(registry)
        if inputs.files.get(path, b"").decode("utf-8", "replace") != wanted:
            summary = "; ".join(anchoring.changes.get(slug, ())[:5]) or "registry file missing or reformatted"
            found.append(error(path, 1, 1, "P001", f"registry out of date ({summary}): run `make anchors` and commit anchors/"))
    return tuple(found)


def registry_json(registry: anchors.Registry) -> str:
    """The canonical text of a registry file (sorted keys, two-space indent, final newline)."""
    return json.dumps(registry.as_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
