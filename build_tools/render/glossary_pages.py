"""Glossary pages: one per entry (article, sources, related entries and cases, concordance) and
an index grouped by type and from A to Z."""

from __future__ import annotations

from markupsafe import Markup

from ..editorial import markdown_subset, refs
from ..editorial.concordance import Occurrence
from ..editorial.glossary import TYPES, Entry
from .html import h, join
from .page import block, front_matter, heading, page
from .refs_html import ref_list
from .urls import case_doc, glossary_doc, relative_url, source_doc

INDEX_DOC = "glossary/index.md"


def preview_html(entry: Entry) -> Markup:
    """The hover/focus preview of an entry: name, type, short definition."""
    return join(
        h("p", None, h("strong", None, entry.name), f" ({TYPES[entry.etype][0].lower()})"),
        h("p", None, markdown_subset.render_inline(entry.short)),
    )


def _sentence_html(occ: Occurrence) -> Markup:
    a, b = occ.start - occ.sentence_start, occ.end - occ.sentence_start
    s = occ.sentence
    return join(s[:a], h("mark", None, s[a:b]), s[b:])


def concordance_html(occs: list[Occurrence], corpus: refs.Corpus, titles: dict[str, str], from_doc: str) -> Markup:
    """Every occurrence, grouped by source, with the sentence in context and a permanent link."""
    if not occs:
        return h("p", None, "No occurrences in the sources.")
    by_source: dict[str, list[Occurrence]] = {}
    for occ in occs:
        by_source.setdefault(occ.slug, []).append(occ)
    parts = [h("p", {"class": "dpr-conc-summary"}, f"{len(occs)} occurrence(s) in {len(by_source)} source(s).")]
    for slug in sorted(by_source, key=lambda s: (corpus.short_name(s).split()[-1], s)):
        parts.append(h("h3", {"class": "dpr-conc-source"}, titles.get(slug, slug), " ", h("span", {"class": "dpr-conc-who"}, f"({corpus.short_name(slug)})")))
        seen: set[tuple[str, int]] = set()
        items = []
        for occ in by_source[slug]:
            if (occ.pid, occ.sentence_start) in seen:
                continue
            seen.add((occ.pid, occ.sentence_start))
            link = h("a", {"class": "dpr-conc-pid", "href": relative_url(from_doc, source_doc(slug), occ.pid)}, occ.pid)
            items.append(h("li", None, link, " ", _sentence_html(occ)))
        parts.append(h("ul", {"class": "dpr-concordance"}, items))
    return h("div", {"class": "dpr-concordance-all"}, Markup("\n").join(parts))


def _links(items: list[tuple[str, str]], from_doc: str) -> Markup:
    """A list of links: (page, label)."""
    return h("ul", None, [h("li", None, h("a", {"href": relative_url(from_doc, doc)}, label)) for doc, label in items])


def render_entry(
    entry: Entry,
    entries: dict[str, Entry],
    occs: list[Occurrence],
    corpus: refs.Corpus,
    titles: dict[str, str],
    cases: list[tuple[str, str]],
) -> str:
    """Markdown page for one entry; ``cases`` are (id, name) of cases related to it."""
    doc = glossary_doc(entry.eid)
    parts = [
        heading(1, entry.name),
        block(
            join(
                h("p", {"class": "dpr-gloss-type"}, TYPES[entry.etype][0]),
                "\n",
                h("p", {"class": "dpr-gloss-short", "id": "definition"}, markdown_subset.render_inline(entry.short)),
                "\n",
                h("div", {"class": "dpr-gloss-article"}, "\n", markdown_subset.render(entry.article), "\n"),
            )
        ),
        heading(2, "Sources", "sources"),
        block(ref_list(entry.sources, corpus, doc)),
    ]
    if entry.aliases or entry.exact_aliases:
        parts.append(block(h("p", {"class": "dpr-gloss-forms"}, "Also linked from: ", ", ".join((*entry.aliases, *entry.exact_aliases)), ".")))
    related = [entries[r] for r in entry.related if r in entries]
    if related:
        parts += [heading(2, "Related entries", "related"), block(_links([(glossary_doc(r.eid), r.name) for r in related], doc))]
    if cases:
        parts += [heading(2, "Comparative cases", "cases"), block(_links([(case_doc(cid), name) for cid, name in cases], doc))]
    parts += [
        heading(2, "Concordance", "concordance"),
        block(h("p", None, "Every passage of the sources where the term occurs, with a permanent link.")),
        block(concordance_html(occs, corpus, titles, doc)),
    ]
    return page(front_matter(entry.name, entry.short, "glossary-entry"), *parts)


def _letter_of(entry: Entry) -> str:
    first = entry.name[:1].upper()
    return first if first.isascii() and first.isalpha() else "#"


def render_index(entries: tuple[Entry, ...], counts: dict[str, int]) -> str:
    """The glossary index: by type, then A-Z."""
    parts = [
        heading(1, "Glossary"),
        block(
            h(
                "p",
                None,
                "Definitions of the institutions, events, documents and people the sources keep returning to. In the texts, the first mention of a "
                "term in each section links here; hover over it or move the keyboard focus to it for the short definition. Each entry lists every "
                "place the term occurs across the sources.",
            )
        ),
        heading(2, "By type", "by-type"),
    ]
    for etype, (_singular, plural) in TYPES.items():
        members = sorted((e for e in entries if e.etype == etype), key=lambda e: e.name.lower())
        if not members:
            continue
        parts.append(heading(3, plural, f"type-{etype}"))
        items = [h("li", None, h("a", {"href": relative_url(INDEX_DOC, glossary_doc(e.eid))}, e.name), f" ({counts.get(e.eid, 0)})") for e in members]
        parts.append(block(h("ul", None, items)))
    parts.append(heading(2, "A to Z", "a-z"))
    current, items = "", []
    for entry in sorted(entries, key=lambda e: (_letter_of(e) == "#", e.name.lower())):
        initial = _letter_of(entry)
        if initial != current:
            if items:
                parts.append(block(h("ul", None, items)))
            current, items = initial, []
            parts.append(heading(3, initial, f"letter-{initial.lower() if initial != '#' else 'other'}"))
        link = h("a", {"href": relative_url(INDEX_DOC, glossary_doc(entry.eid))}, entry.name)
        items.append(h("li", None, link, ": ", markdown_subset.render_inline(entry.short)))
    if items:
        parts.append(block(h("ul", None, items)))
    head = front_matter("Glossary", "The institutions, events, documents and people the sources argue about, with a concordance for each.", "glossary-index")
    return page(head, *parts)
