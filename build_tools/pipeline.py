"""The pure pipeline: input bytes -> structured, anchored model, with every diagnostic.

Each stage returns its result and its diagnostics; a stage runs on what the previous stages could
build, so one run reports as many independent problems as possible. Each source goes through
its stages on its own (``source_unit``), so a rebuild can reuse the sources that did not change.
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


@dataclass(frozen=True)
class SourceUnit:
    """One source through every stage: structured, anchored, its registry checked."""

    anchored: AnchoredSource | None
    registry: anchors.Registry | None
    changed: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


def unpaired(inputs: Inputs) -> tuple[Diagnostic, ...]:
    """Raw texts without a metadata file and metadata files without a raw text."""
    texts = inputs.under("seeds", ".txt")
    metas = inputs.under("seeds", ".yml")
    found = [error(f"seeds/{slug}.yml", 1, 1, "M001", f"no raw text seeds/{slug}.txt beside this metadata file") for slug in sorted(set(metas) - set(texts))]
    found += [error(f"seeds/{slug}.txt", 1, 1, "M001", f"no metadata file seeds/{slug}.yml for this raw text") for slug in sorted(set(texts) - set(metas))]
    return tuple(found)


def paired_slugs(inputs: Inputs) -> list[str]:
    """Slugs that have both a raw text and a metadata file, sorted."""
    return sorted(set(inputs.under("seeds", ".txt")) & set(inputs.under("seeds", ".yml")))


def structure_source(slug: str, text: bytes, meta: bytes) -> tuple[Source | None, tuple[Diagnostic, ...]]:
    """One source structured by the rules of its metadata file."""
    meta_path, raw_path = f"seeds/{slug}.yml", f"seeds/{slug}.txt"
    try:
        raw = text.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, (error(raw_path, 1, 1, "Y004", f"byte {exc.start} is not UTF-8"),)
    located, problems = load_yaml(meta_path, meta)
    if located is None:
        return None, problems
    spec, more = source_meta.parse_source_meta(located, slug, raw_path, segment.split_lines(raw))
    if spec is None:
        return None, (*problems, *more)
    source, even_more = segment.structure(spec, raw)
    return source, (*problems, *more, *even_more)


def load_sources(inputs: Inputs) -> tuple[tuple[Source, ...], tuple[Diagnostic, ...]]:
    """Every source that has both a raw text and a metadata file, structured by its rules."""
    texts, metas = inputs.under("seeds", ".txt"), inputs.under("seeds", ".yml")
    found = list(unpaired(inputs))
    sources: list[Source] = []
    for slug in paired_slugs(inputs):
        source, problems = structure_source(slug, texts[slug], metas[slug])
        found.extend(problems)
        if source is not None:
            sources.append(source)
    return tuple(sources), tuple(found)


def pins(inputs: Inputs) -> tuple[dict[str, dict[int, str]], tuple[Diagnostic, ...]]:
    """Raw line numbers pinned to passage ids (``anchors/pins.yml``), by source."""
    raw = inputs.files.get("anchors/pins.yml")
    if raw is None:
        return {}, ()
    located, problems = load_yaml("anchors/pins.yml", raw)
    if located is None:
        return {}, problems
    pinned: dict[str, dict[int, str]] = {}
    found: list[Diagnostic] = []
    for slug, items in located.data.items():
        if not isinstance(items, dict):
            found.append(located.error((slug,), "S003", "pins map raw line numbers to ids"))
            continue
        pinned[slug] = {int(line): str(pid) for line, pid in items.items()}
    return pinned, tuple(found)


def anchor_source(
    source: Source, registry_raw: bytes | None, pinned: dict[int, str] | None
) -> tuple[tuple[AnchoredSource, anchors.Registry, tuple[str, ...]] | None, tuple[Diagnostic, ...]]:
    """Match one source against its committed registry (``anchors/<slug>.json``)."""
    path = f"anchors/{source.slug}.json"
    registry = anchors.empty_registry(source.slug)
    if registry_raw is not None:
        try:
            registry = anchors.registry_from_json(json.loads(registry_raw.decode("utf-8")))
        except (ValueError, UnicodeDecodeError) as exc:
            return None, (error(path, 1, 1, "P004", f"registry cannot be read: {exc}"),)
    result = anchors.assign(source, registry, pinned)
    found = tuple(
        error(source.spec.raw_path, line, 1, "P002", f"passage matches {', '.join(pids)} equally well; pin it in anchors/pins.yml")
        for line, pids in result.ambiguous
    )
    return (result.anchored, result.registry, result.changed), found


def anchor_sources(sources: tuple[Source, ...], inputs: Inputs) -> tuple[Anchoring, tuple[Diagnostic, ...]]:
    """Match every source against its committed registry (``anchors/<slug>.json``)."""
    pinned, problems = pins(inputs)
    found = list(problems)
    anchored: list[AnchoredSource] = []
    registries: dict[str, anchors.Registry] = {}
    changes: dict[str, tuple[str, ...]] = {}
    for source in sources:
        result, more = anchor_source(source, inputs.files.get(f"anchors/{source.slug}.json"), pinned.get(source.slug))
        found.extend(more)
        if result is None:
            continue
        anchored.append(result[0])
        registries[source.slug] = result[1]
        changes[source.slug] = result[2]
    return Anchoring(tuple(anchored), registries, changes), tuple(found)


def registry_problem(slug: str, registry: anchors.Registry, changed: tuple[str, ...], registry_raw: bytes | None) -> tuple[Diagnostic, ...]:
    """P001 when a source's registry differs from what its current text needs."""
    if (registry_raw or b"").decode("utf-8", "replace") == registry_json(registry):
        return ()
    summary = "; ".join(changed[:5]) or "registry file missing or reformatted"
    return (error(f"anchors/{slug}.json", 1, 1, "P001", f"registry out of date ({summary}): run `make anchors` and commit anchors/"),)


def registry_problems(anchoring: Anchoring, inputs: Inputs) -> tuple[Diagnostic, ...]:
    """Report registries that differ from what the current texts need (the build never writes them)."""
    found: list[Diagnostic] = []
    for slug, registry in anchoring.registries.items():
        found.extend(registry_problem(slug, registry, anchoring.changes.get(slug, ()), inputs.files.get(f"anchors/{slug}.json")))
    return tuple(found)


def source_unit(slug: str, text: bytes, meta: bytes, registry_raw: bytes | None, pinned: dict[int, str] | None) -> SourceUnit:
    """One source through every per-source stage; a pure function of exactly these arguments."""
    source, found = structure_source(slug, text, meta)
    if source is None:
        return SourceUnit(None, None, (), found)
    result, more = anchor_source(source, registry_raw, pinned)
    if result is None:
        return SourceUnit(None, None, (), (*found, *more))
    anchored, registry, changed = result
    return SourceUnit(anchored, registry, changed, (*found, *more, *registry_problem(slug, registry, changed, registry_raw)))


def registry_json(registry: anchors.Registry) -> str:
    """The canonical text of a registry file (sorted keys, two-space indent, final newline)."""
    return json.dumps(registry.as_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
