"""All editorial annotations as a W3C Web Annotation collection (JSON-LD), so that other
annotation tools can read them: each with a TextQuoteSelector and the passage fragment."""

from __future__ import annotations

import json
from typing import Any

from ..editorial import markdown_subset
from ..editorial.annotations import Annotation
from ..sources.model import AnchoredSource

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _item(note: Annotation, anchored: AnchoredSource, site_url: str) -> dict[str, Any]:
    page = f"{site_url.rstrip('/')}/sources/{note.slug}/"
    passage = anchored.passage(note.pid)
    text = passage.block.text if passage else ""
    selectors: list[dict[str, Any]] = [
        {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3986", "value": f"{note.pid}-{note.gap}" if note.gap else note.pid}
    ]
    if not note.gap:
        selectors.append(
            {
                "type": "TextQuoteSelector",
                "exact": text[note.start : note.end],
                "prefix": text[max(0, note.start - 32) : note.start],
                "suffix": text[note.end : note.end + 32],
            }
        )
    else:
        selectors.append(
            {"type": "TextQuoteSelector", "exact": "", "prefix": text[max(0, note.start - 32) : note.start], "suffix": text[note.start : note.start + 32]}
        )
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "value": str(markdown_subset.render(note.body)), "format": "text/html", "language": "en", "purpose": "commenting"}
    ]
    if note.supply:
        body.append({"type": "TextualBody", "value": note.supply, "format": "text/plain", "purpose": "editing"})
    item: dict[str, Any] = {
        "id": f"{page}#ed-{note.aid}",
        "type": "Annotation",
        "motivation": "editing" if note.kind in ("emendation", "sic", "correction") else "commenting",
        "body": body,
        "target": {"source": page, "selector": selectors},
    }
    if note.credit:
        item["creator"] = {"type": "Person", "name": note.credit}
    return item


def items(notes: tuple[Annotation, ...], anchored: AnchoredSource, site_url: str) -> tuple[str, ...]:
    """The collection's items for one source's notes, each as one line of JSON."""
    return tuple(json.dumps(_item(note, anchored, site_url), ensure_ascii=False, sort_keys=True) for note in notes)


def assemble(lines: list[str], site_url: str) -> str:
    """The collection as JSON-LD text around its item lines (deterministic: the order given)."""
    data = {
        "@context": CONTEXT,
        "id": f"{site_url.rstrip('/')}/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "Dual Power Reader: editorial annotations",
        "total": len(lines),
        "first": {"type": "AnnotationPage", "items": []},
    }
    # One annotation per line: json's C encoder does not indent, and the pure-Python one that does
    # was a sixth of the generation stage.
    joined = ",\n".join(lines)
    outline = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return outline.replace('"items": []', f'"items": [\n{joined}\n  ]', 1) + "\n"
