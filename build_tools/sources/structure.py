"""Every source through its stages: raw text + metadata -> structured source -> anchored passages.

Each stage returns its result and its diagnostics; a stage runs on what the previous stages could
build, so one run reports as many independent problems as possible.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..diagnostics import Diagnostic, error
from ..inputs.files import Inputs
from ..inputs.text import decode
from ..inputs.yaml_positions import load_yaml
from . import anchors, patterns, registry, segment, source_meta
from .model import AnchoredSource, Source
from .pins import PINS, SourcePins, load_pins


@dataclass(frozen=True)
class SourcesStage:
    """The anchored sources, the registries their current texts need, and what changed."""

    anchored: tuple[AnchoredSource, ...]
    registries: dict[str, registry.Registry]
    changes: dict[str, tuple[str, ...]]


def refused_slugs(inputs: Inputs) -> frozenset[str]:
    """Sources with a raw text or metadata file that was found but refused (and reported)."""
    return frozenset(path[len("seeds/") :].rsplit(".", 1)[0] for path in inputs.refused if path.startswith("seeds/"))


def unpaired(inputs: Inputs) -> tuple[Diagnostic, ...]:
    """Raw texts without a metadata file and metadata files without a raw text (a file that was
    refused, too large for example, has its own message)."""
    refused = refused_slugs(inputs)
    texts = set(inputs.under("seeds", ".txt")) | refused
    metas = set(inputs.under("seeds", ".yml")) | refused
    found = [error(f"seeds/{slug}.yml", 1, 1, "M001", f"no raw text seeds/{slug}.txt beside this metadata file") for slug in sorted(set(metas) - set(texts))]
    found += [error(f"seeds/{slug}.txt", 1, 1, "M013", f"no metadata file seeds/{slug}.yml for this raw text") for slug in sorted(set(texts) - set(metas))]
    return tuple(found)


def paired_slugs(inputs: Inputs) -> list[str]:
    """Slugs that have both a raw text and a metadata file, sorted."""
    return sorted(set(inputs.under("seeds", ".txt")) & set(inputs.under("seeds", ".yml")))


@lru_cache(maxsize=256)  # the preview rebuilds on every change: an unchanged source is structured once
def structure_source(slug: str, text: bytes, meta: bytes) -> tuple[Source | None, tuple[Diagnostic, ...]]:
    """One source structured by the rules of its metadata file (a pure function of these bytes)."""
    meta_path, raw_path = f"seeds/{slug}.yml", f"seeds/{slug}.txt"
    raw, problems = decode(raw_path, text)
    if raw is None:
        return None, problems
    if not raw.strip():
        return None, (error(raw_path, 1, 1, "M014", "the raw text is empty"),)
    located, problems = load_yaml(meta_path, meta)
    if located is None:
        return None, problems
    try:
        spec, more = source_meta.parse_source_meta(located, slug, raw_path, segment.split_lines(raw))
        if spec is None:
            return None, (*problems, *more)
        source, even_more = segment.structure(spec, raw)
    except TimeoutError:
        return None, (error(meta_path, 1, 1, "M017", f"a pattern of this file takes more than {patterns.TIMEOUT:.0f} s on one line of the raw text"),)
    return source, (*problems, *more, *even_more)


def registry_json(reg: registry.Registry) -> str:
    """The canonical text of a registry file."""
    return registry.to_json(reg)


def anchor_source(
    source: Source, registry_raw: bytes | None, pins: SourcePins
) -> tuple[AnchoredSource | None, registry.Registry | None, tuple[str, ...], tuple[Diagnostic, ...]]:
    """Match one source against its committed registry (``anchors/<slug>.json``), which checks itself."""
    path = f"anchors/{source.slug}.json"
    committed, problems = registry.read(path, source.slug, registry_raw)
    if committed is None:
        return None, None, (), problems
    contradictions = registry.check(path, committed)
    if contradictions:
        return None, None, (), tuple(contradictions)
    result = anchors.assign(source, committed, pins, registry.today())
    found = list(result.problems)
    if (registry_raw or b"").decode("utf-8", "replace") != registry_json(result.registry):
        summary = "; ".join(result.changed[:5]) + (f" and {len(result.changed) - 5} more" if len(result.changed) > 5 else "")
        found.append(error(path, 1, 1, "P001", f"registry out of date ({summary or 'file missing or reformatted'}): run `make anchors` and commit anchors/"))
    return result.anchored, result.registry, result.changed, tuple(found)


def build_sources(inputs: Inputs) -> tuple[SourcesStage, list[Diagnostic]]:
    """Every source that has both a raw text and a metadata file, structured and anchored."""
    texts, metas = inputs.under("seeds", ".txt"), inputs.under("seeds", ".yml")
    slugs = paired_slugs(inputs)
    pinned, found = load_pins(inputs.files.get(PINS), set(slugs))
    found = [*unpaired(inputs), *found]
    anchored: list[AnchoredSource] = []
    registries: dict[str, registry.Registry] = {}
    changes: dict[str, tuple[str, ...]] = {}
    for slug in slugs:
        source, problems = structure_source(slug, texts[slug], metas[slug])
        found.extend(problems)
        if source is None or f"anchors/{slug}.json" in inputs.refused:
            continue  # a registry that was refused (too large, a link) cannot be read: reported already
        result, updated, changed, more = anchor_source(source, inputs.files.get(f"anchors/{slug}.json"), pinned.get(slug, SourcePins()))
        if any(p.severity == "error" for p in problems):
            # `make anchors` refuses a source with errors of its own: running it is not the fix yet
            more = tuple(d for d in more if d.code != "P001")
        found.extend(more)
        if result is None or updated is None:
            continue
        anchored.append(result)
        registries[slug] = updated
        changes[slug] = changed
    return SourcesStage(tuple(anchored), registries, changes), found
