"""Glossary pages: one per entry (article, sources, related entries and cases, concordance) and
an index grouped by type and from A to Z."""

from __future__ import annotations

from html import escape

from ..editorial import markdown_subset, refs
from ..editorial.concordance import Occurrence
from ..editorial.glossary import Entry
from .source_page import front_matter_value, heading_markdown

TYPE_LABELS = {
    "concept": "Concepts",
    "organisation": "Organisations",
    "person": "People",
    "event": "Events",
    "document": "Documents",
    "place": "Places",
    "periodical": "Periodicals",
}
SINGULAR = {
    "concept": "Concept",
    "organisation": "Organisation",
    "person": "Person",
    "event": "Event",
    "document": "Document",
    "place": "Place",
    "periodical": "Periodical",
}


def preview_html(entry: Entry) -> str:
    """The hover/focus preview of an entry: name, type, short definition."""
    return f"<p><strong>{escape(entry.name)}</strong> ({SINGULAR[entry.etype].lower()})</p><p>{markdown_subset.render_inline(entry.short)}</p>"


def _sentence_html(occ: Occurrence) -> str:
    a, b = occ.start - occ.sentence_start, occ.end - occ.sentence_start
    s = occ.sentence
    return f"{escape(s[:a])}<mark>{escape(s[a:b])}</mark>{escape(s[b:])}"


def concordance_html(occs: list[Occurrence], corpus: refs.Corpus, titles: dict[str, str], depth: int = 2) -> str:
    """Every occurrence, grouped by source, with the sentence in context and a permanent link."""
    if not occs:
        return "<p>No occurrences in the sources.</p>"
    by_source: dict[str, list[Occurrence]] = {}
    for occ in occs:
        by_source.setdefault(occ.slug, []).append(occ)
    parts = [f'<p class="dpr-conc-summary">{len(occs)} occurrence(s) in {len(by_source)} source(s).</p>']
    for slug in sorted(by_source, key=lambda s: (corpus.short_name(s).split()[-1], s)):
        items = by_source[slug]
        parts.append(f'<h3 class="dpr-conc-source">{escape(titles.get(slug, slug))} <span class="dpr-conc-who">({escape(corpus.short_name(slug))})</span></h3>')
        parts.append('<ul class="dpr-concordance">')
        seen: set[tuple[str, int]] = set()
        for occ in items:
            key = (occ.pid, occ.sentence_start)
            if key in seen:
                continue
            seen.add(key)
            href = refs.passage_href(slug, occ.pid, depth)
            parts.append(f'<li><a class="dpr-conc-pid" href="{href}">{occ.pid}</a> {_sentence_html(occ)}</li>')
        parts.append("</ul>")
    return "\n".join(parts)


def render_entry(
    entry: Entry,
    entries: dict[str, Entry],
    occs: list[Occurrence],
    corpus: refs.Corpus,
    titles: dict[str, str],
    cases: list[tuple[str, str]],
) -> str:
    """Markdown page for one entry; ``cases`` are (id, name) of cases related to it."""
    lines = [
        "---",
        f"title: {front_matter_value(entry.name)}",
        f"description: {front_matter_value(entry.short)}",
        "dpr_kind: glossary-entry",
        "---",
        "",
        f"# {heading_markdown(entry.name)}",
        "",
        f'<p class="dpr-gloss-type">{SINGULAR[entry.etype]}</p>',
        f'<p class="dpr-gloss-short" id="definition">{markdown_subset.render_inline(entry.short)}</p>',
        f'<div class="dpr-gloss-article">\n{markdown_subset.render(entry.article)}\n</div>',
        "",
        "## Sources {#sources}",
        "",
        '<ul class="dpr-refs">' + "".join(f"<li>{refs.render_ref(r, corpus)}</li>" for r in entry.sources) + "</ul>",
    ]
    if entry.aliases or entry.exact_aliases:
        forms = ", ".join(escape(a) for a in (*entry.aliases, *entry.exact_aliases))
        lines += ["", f'<p class="dpr-gloss-forms">Also linked from: {forms}.</p>']
    related = [entries[r] for r in entry.related if r in entries]
    if related:
        lines += ["", "## Related entries {#related}", ""]
        lines += [f"- [{heading_markdown(r.name)}]({r.eid}.md)" for r in related]
    if cases:
        lines += ["", "## Comparative cases {#cases}", ""]
        lines += [f"- [{heading_markdown(name)}](../cases/{cid}.md)" for cid, name in cases]
    # Left out of the search index: it repeats the sources' own words (a fifth of the index, which
    # every reader downloads), and a search should land on the passage itself.
    lines += ["", "## Concordance {#concordance data-search-exclude}", "", "Every passage of the sources where the term occurs, with a permanent link.", ""]
    lines.append(concordance_html(occs, corpus, titles))
    return "\n".join(lines) + "\n"


def render_index(entries: tuple[Entry, ...], counts: dict[str, int]) -> str:
    """The glossary index: by type, then A-Z."""
    lines = [
        "---",
        "title: Glossary",
        "description: The institutions, events, documents and people the sources argue about, with a concordance for each.",
        "dpr_kind: glossary-index",
        "---",
        "",
        "# Glossary",
        "",
        "Definitions of the institutions, events, documents and people the sources keep returning to. "
        "In the texts, the first mention of a term in each section links here; hover over it or move "
        "the keyboard focus to it for the short definition. Each entry lists every place the term "
        "occurs across the sources.",
        "",
        "## By type {#by-type}",
        "",
    ]
    for etype, label in TYPE_LABELS.items():
        members = sorted((e for e in entries if e.etype == etype), key=lambda e: e.name.lower())
        if not members:
            continue
        lines += [f"### {label} {{#type-{etype}}}", ""]
        lines += [f"- [{heading_markdown(e.name)}]({e.eid}.md) ({counts.get(e.eid, 0)})" for e in members]
        lines.append("")
    lines += ["## A to Z {#a-z}", ""]
    current = ""

    def letter_of(entry: Entry) -> str:
        first = entry.name[:1].upper()
        return first if first.isascii() and first.isalpha() else "#"

    for entry in sorted(entries, key=lambda e: (letter_of(e) == "#", e.name.lower())):
        initial = letter_of(entry)
        if initial != current:
            current = initial
            anchor = initial.lower() if initial != "#" else "other"
            lines += ["", f"### {heading_markdown(initial)} {{#letter-{anchor}}}", ""]
        lines.append(f"- [{heading_markdown(entry.name)}]({entry.eid}.md): {markdown_subset.render_inline(entry.short)}")
    return "\n".join(lines) + "\n"
