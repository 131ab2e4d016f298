"""The edition as data for the reader's tools in the browser (my notes, reading packs, suggest a
note, search): one JSON file per source with its passages, retired ids and editor's notes, and one
each for the glossary and the cases. Plain data: the scripts that read it insert text with
``textContent`` and note bodies only as the sanitized markup made here.
"""

from __future__ import annotations

import json
from typing import Any

from ..editorial import markdown_subset
from ..editorial.edition import Edition
from ..sources.model import AnchoredSource
from . import notes as notes_render
from .urls import case_doc, glossary_doc, page_path, source_doc

DATA_DIR = "data"


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def source_data(edition: Edition, anchored: AnchoredSource) -> dict[str, Any]:
    """One source: its passages (and the author's notes) in reading order, retired ids, editor's notes."""
    source = anchored.source
    passages = [{"id": p.pid, "kind": p.block.kind, "text": p.block.text} for p in anchored.passages]
    passages += [{"id": n.note_id, "kind": "note", "text": " ".join(n.lines)} for n in source.notes]
    notes = []
    for mark, note in notes_render.ordered(edition.notes.get(source.slug, ()), anchored):
        notes.append(
            {
                "id": f"ed-{note.aid}",
                "mark": mark,
                "passage": note.pid,
                "kind": note.kind,
                "exact": note.exact,
                "prefix": note.prefix,
                "suffix": note.suffix,
                "gap": note.gap,
                "supply": note.supply,
                "html": str(markdown_subset.render(note.body)),
            }
        )
    return {
        "slug": source.slug,
        "title": source.spec.bibliography.title,
        "url": page_path(source_doc(source.slug)),
        "passages": passages,
        "retired": {r.pid: {"successor": r.successor, "how": r.how, "date": r.date, "text": r.text} for r in anchored.retired},
        "versions": {pid: [{"text": text, "date": date} for text, date in versions] for pid, versions in sorted(anchored.versions.items())},
        "notes": notes,
    }


def data_files(edition: Edition) -> dict[str, str]:
    """``data/<slug>.json`` for each source, ``data/glossary.json``, ``data/cases.json`` and ``data/index.json``."""
    files = {f"{DATA_DIR}/{a.source.slug}.json": _dump(source_data(edition, a)) for a in edition.sources}
    glossary = [{"id": e.eid, "name": e.name, "url": page_path(glossary_doc(e.eid)), "text": e.short} for e in edition.entries]
    cases = [{"id": c.cid, "name": c.name, "url": page_path(case_doc(c.cid)), "text": c.summary} for c in edition.cases]
    files[f"{DATA_DIR}/glossary.json"] = _dump(glossary)
    files[f"{DATA_DIR}/cases.json"] = _dump(cases)
    index = [{"slug": a.source.slug, "title": a.source.spec.bibliography.title, "url": page_path(source_doc(a.source.slug))} for a in edition.sources]
    files[f"{DATA_DIR}/index.json"] = _dump(index)
    return files
