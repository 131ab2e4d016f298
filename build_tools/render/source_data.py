"""What a source page declares about itself: its address, its YAML front matter (title,
description, citation meta tags) and the page data the reader's scripts read
(``<script type="application/json" id="dpr-page-data">``)."""

from __future__ import annotations

import json

from markupsafe import Markup

from ..sources.model import AnchoredSource
from . import citations, cite_formats
from .html import front_matter_value, h, join, json_for_script


def page_url(site_url: str, slug: str) -> str:
    return f"{site_url.rstrip('/')}/sources/{slug}/"


def page_data(anchored: AnchoredSource, site_url: str, edit_url: str = "") -> Markup:
    """The page data: slug, address, retired ids, citations, the notes file's edit address."""
    source = anchored.source
    bib = source.spec.bibliography
    data = {
        "slug": source.slug,
        # "Suggest a note" (docs/assets/study-suggest.js) opens this file in the repository's web editor
        "edit_notes": edit_url,
        "url": page_url(site_url, source.slug),
        "retired": {r.pid: {"successor": r.successor, "how": r.how} for r in anchored.retired},
        "cite": {
            # markup joined to markup: a str before Markup would be escaped (readers saw "<i>" as text)
            "chicago": str(join(citations.chicago(bib), " ", citations.edition_suffix_chicago())),
            "mla": str(join(citations.mla(bib), " ", citations.edition_suffix_mla())),
            "bibtex": cite_formats.bibtex(bib),
        },
    }
    return h("script", {"type": "application/json", "id": "dpr-page-data"}, json_for_script(data))


def front_matter(anchored: AnchoredSource, site_url: str) -> str:
    """The page's YAML front matter: title, description, kind and citation meta tags."""
    bib = anchored.source.spec.bibliography
    meta = cite_formats.meta_tags(bib, page_url(site_url, anchored.source.slug), anchored.source.spec.record.rights)
    lines = ["---", f"title: {front_matter_value(bib.title)}"]
    if anchored.source.spec.record.description:
        lines.append(f"description: {front_matter_value(anchored.source.spec.record.description)}")
    lines.append("dpr_kind: source")
    lines.append("dpr_meta:")
    for name, content in meta:
        lines.append(f"  - [{json.dumps(name)}, {json.dumps(content, ensure_ascii=False)}]")
    lines.append("---")
    return "\n".join(lines)
