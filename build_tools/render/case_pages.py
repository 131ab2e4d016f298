"""Comparative cases: the comparison table (sortable and filterable where JavaScript runs, plain
without), the timeline with its text alternative, and one page per case."""

from __future__ import annotations

from markupsafe import Markup

from ..editorial import markdown_subset, refs
from ..editorial.cases import GROUPS, OUTCOMES, Case, Claim
from ..editorial.concordance import Occurrence, sentence_around
from ..editorial.dates import human
from ..editorial.glossary import Entry
from . import timeline
from .html import h, join
from .page import block, front_matter, heading, page
from .refs_html import ref_list
from .urls import case_doc, glossary_doc, relative_url, source_doc

INDEX_DOC = "cases/index.md"


def dates(case: Case) -> str:
    return f"{human(case.start)} – {human(case.end)}"


def _evidence(case: Case, corpus: refs.Corpus) -> Markup:
    """One disclosure per row: where each claim's evidence is, and the passages of the sources."""
    claims = [("official-power", "Official power"), ("rival-power", "Rival power and base"), ("outcome", "Outcome")]
    links = [h("li", None, h("a", {"href": relative_url(INDEX_DOC, case_doc(case.cid), anchor)}, label)) for anchor, label in claims]
    seen: list[tuple[str, str]] = []
    for ref in case.passage_refs():
        if (ref.slug, ref.pid) not in seen:
            seen.append((ref.slug, ref.pid))
    passages = [
        h("li", None, h("a", {"href": relative_url(INDEX_DOC, source_doc(slug), pid)}, f"{corpus.short_name(slug)}, passage {pid}")) for slug, pid in seen
    ]
    return h(
        "details",
        {"class": "dpr-evidence"},
        h("summary", None, "Evidence", h("span", {"class": "dpr-visually-hidden"}, f": {case.name}")),
        h("ul", {"class": "dpr-evidence-list"}, links, passages),
    )


#: the columns: (heading, sort type or None); cards label each cell with its heading
COLUMNS = (
    ("Case", "text"),
    ("When", "date"),
    ("Where", "text"),
    ("Official power", None),
    ("Rival power and its organs", None),
    ("Base", "text"),
    ("Outcome", "text"),
    ("Evidence", None),
)


def _row(c: Case, corpus: refs.Corpus) -> Markup:
    organs = join(h("br"), h("span", {"class": "dpr-organs"}, f"Organs: {'; '.join(c.rival.organs)}")) if c.rival.organs else None
    attrs = {"id": f"case-{c.cid}", "data-base": c.base, "data-outcome": c.outcome, "data-century": c.century, "data-group": c.group}
    labels = [name for name, _ in COLUMNS]
    return h(
        "tr",
        attrs,
        h("th", {"scope": "row", "data-value": c.name}, h("a", {"href": relative_url(INDEX_DOC, case_doc(c.cid))}, c.name)),
        h("td", {"data-value": c.start, "data-label": labels[1]}, dates(c)),
        h("td", {"data-value": c.place, "data-label": labels[2]}, c.place),
        h("td", {"data-label": labels[3]}, c.official.text),
        h("td", {"data-label": labels[4]}, c.rival.text, organs),
        h("td", {"data-value": c.base, "data-label": labels[5]}, c.base),
        h("td", {"data-value": c.outcome, "data-label": labels[6]}, OUTCOMES[c.outcome]),
        h("td", {"class": "dpr-evidence-cell"}, _evidence(c, corpus)),
    )


def _filters(cases: tuple[Case, ...]) -> Markup:
    """The filter and sort controls, drawn with the page (the script only wires them up), so that
    nothing moves when it runs; hidden where no script runs."""
    fields = (("base", "Social base"), ("outcome", "Outcome"), ("century", "Century"), ("group", "Group"))
    values = {
        "base": sorted({c.base for c in cases}),
        "outcome": sorted({c.outcome for c in cases}),
        "century": sorted({c.century for c in cases}),
        "group": sorted({c.group for c in cases}),
    }
    selects = [
        h(
            "label",
            None,
            label,
            h("select", {"name": key}, h("option", {"value": ""}, "All"), [h("option", {"value": v}, v.replace("-", " ")) for v in values[key]]),
        )
        for key, label in fields
    ]
    sorts = [h("option", {"value": ""}, "Table order")]
    for index, (name, kind) in enumerate(COLUMNS):
        if kind:
            sorts += [h("option", {"value": f"{index}:asc"}, f"{name}, ascending"), h("option", {"value": f"{index}:desc"}, f"{name}, descending")]
    selects.append(h("label", None, "Sort by", h("select", {"name": "sort"}, sorts)))
    return join(
        h("div", {"class": "dpr-filters", "role": "group", "aria-label": "Filter and sort the table"}, selects),
        h("p", {"class": "dpr-filter-status", "role": "status"}, f"{len(cases)} of {len(cases)} cases shown."),
    )


def table_html(cases: tuple[Case, ...], corpus: refs.Corpus) -> Markup:
    """The comparison table (cards on a phone) with its filter and sort controls."""
    head = h("thead", None, h("tr", None, [h("th", {"scope": "col", "data-sort": kind}, name) for name, kind in COLUMNS]))
    bodies = []
    for group, title in GROUPS.items():
        members = [c for c in cases if c.group == group]
        if not members:
            continue
        rows = [h("tr", {"class": "dpr-group-row"}, h("th", {"colspan": str(len(COLUMNS)), "scope": "rowgroup"}, title)), *(_row(c, corpus) for c in members)]
        bodies.append(h("tbody", {"data-group": group}, rows))
    caption = h("caption", None, "Dual-power episodes compared: one row per case; open “Evidence” for the passages and works behind each claim.")
    table = h("table", {"class": "dpr-cases", "id": "cases-table"}, caption, head, bodies)
    wrap = h("div", {"class": "dpr-table-wrap dpr-wide", "tabindex": "0", "role": "region", "aria-label": "Comparison table of the cases"}, table)
    return join(_filters(cases), wrap)


def timeline_text(cases: tuple[Case, ...]) -> Markup:
    """The timeline's text alternative: the same spans as a list."""
    items = [
        h(
            "li",
            None,
            h("a", {"href": relative_url(INDEX_DOC, case_doc(c.cid))}, c.name),
            f": {dates(c)}; {GROUPS[c.group].lower()}; {c.base} base; {OUTCOMES[c.outcome].lower()}.",
        )
        for c in cases
    ]
    return h("ol", {"class": "dpr-timeline-text", "id": "timeline-text"}, "\n", Markup("\n").join(items), "\n")


def render_index(cases: tuple[Case, ...], corpus: refs.Corpus) -> str:
    head = front_matter(
        "Comparative cases",
        "Dual-power episodes from Paris 1871 to Bolivia 2005, compared in one table and one timeline.",
        "cases-index",
        {"hide": ["navigation", "toc"]},
    )
    intro = (
        "The sources compare 1917 with many other episodes. The table sets them side by side: the official power, the rival power and its organs, "
        "where its strength came from, and how it ended. Every cell links to its evidence: passages of the sources, by permanent anchor, and "
        "published works. Three contemporary situations that the encyclopedia article files under dual power are grouped separately as "
        "contested extensions of the concept."
    )
    figure = h(
        "figure",
        {"class": "dpr-figure dpr-wide", "aria-labelledby": "timeline-caption"},
        timeline.render(cases),
        h("figcaption", {"id": "timeline-caption"}, "Each bar spans a case from its start to its end and leads to its page; the same spans are listed below."),
    )
    return page(
        head,
        heading(1, "Comparative cases"),
        block(h("p", None, intro)),
        heading(2, "Table", "table"),
        block(table_html(cases, corpus)),
        heading(2, "Timeline", "timeline"),
        block(figure),
        heading(3, "The timeline as a list", "timeline-list"),
        block(timeline_text(cases)),
    )


def _claim_block(anchor: str, title: str, claim: Claim, corpus: refs.Corpus, doc: str, extra: Markup | None = None) -> list[str]:
    organs = h("p", None, "Organs: " + "; ".join(claim.organs)) if claim.organs else None
    body = h(
        "div",
        {"class": "dpr-claim"},
        h("p", None, claim.text),
        organs,
        extra,
        h("p", {"class": "dpr-ev-title"}, "Evidence:"),
        ref_list(claim.evidence, corpus, doc),
    )
    return [heading(2, title, anchor), block(body)]


def _quotes_html(case: Case, corpus: refs.Corpus, occs: list[Occurrence], titles: dict[str, str]) -> Markup:
    doc = case_doc(case.cid)
    wanted: dict[tuple[str, str], str] = {}
    for ref in case.passage_refs():
        wanted.setdefault((ref.slug, ref.pid), ref.quote)
    for occ in occs:
        wanted.setdefault((occ.slug, occ.pid), occ.sentence)
    by_source: dict[str, list[tuple[str, str]]] = {}
    for (slug, pid), quote in wanted.items():
        by_source.setdefault(slug, []).append((pid, quote))
    parts = []
    for slug in sorted(by_source):
        parts.append(h("h3", {"class": "dpr-conc-source"}, titles.get(slug, slug), " ", h("span", {"class": "dpr-conc-who"}, f"({corpus.short_name(slug)})")))
        for pid, quote in sorted(by_source[slug], key=lambda t: int(t[0][1:]) if t[0][1:].isdigit() else 0):
            text = corpus.passage_text(slug, pid) or ""
            shown = text
            if quote and quote in text:
                index = text.index(quote)
                shown, _ = sentence_around(text, index, index + len(quote))
            if len(shown) > 700:
                shown = shown[:700].rsplit(" ", 1)[0] + " …"
            link = h("a", {"href": relative_url(doc, source_doc(slug), pid)}, f"{corpus.short_name(slug)}, passage {pid}")
            parts.append(h("blockquote", {"class": "dpr-case-quote"}, h("p", None, shown), h("p", {"class": "dpr-case-quote-src"}, "— ", link)))
    return h("div", {"class": "dpr-case-quotes"}, Markup("\n").join(parts))


def render_case(case: Case, corpus: refs.Corpus, glossary: dict[str, Entry], occs: list[Occurrence], titles: dict[str, str]) -> str:
    doc = case_doc(case.cid)
    calendar = h("p", {"class": "dpr-calendar"}, case.calendar_note) if case.calendar_note else None
    parts = [
        heading(1, case.name),
        block(join(h("p", {"class": "dpr-case-meta"}, f"{case.place} · {dates(case)} · {GROUPS[case.group]}"), calendar)),
        heading(2, "Summary", "summary"),
        block(h("div", {"class": "dpr-case-summary"}, markdown_subset.render(case.summary))),
    ]
    parts += _claim_block("official-power", "Official power", case.official, corpus, doc)
    parts += _claim_block("rival-power", "Rival power", case.rival, corpus, doc, h("p", None, "Social base: ", h("strong", None, case.base), "."))
    outcome = h(
        "div",
        {"class": "dpr-claim"},
        h("p", None, h("strong", None, f"{OUTCOMES[case.outcome]}."), " ", markdown_subset.render_inline(case.outcome_text)),
        h("p", {"class": "dpr-ev-title"}, "Evidence:"),
        ref_list(case.outcome_evidence, corpus, doc),
    )
    parts += [heading(2, "Outcome", "outcome"), block(outcome), heading(2, "What the sources say", "sources"), block(_quotes_html(case, corpus, occs, titles))]
    related = [glossary[g] for g in case.glossary if g in glossary]
    if related:
        items = [h("li", None, h("a", {"href": relative_url(doc, glossary_doc(e.eid))}, e.name)) for e in related]
        parts += [heading(2, "Related glossary entries", "glossary"), block(h("ul", None, items))]
    if case.further_reading:
        parts += [heading(2, "Further reading", "further-reading"), block(ref_list(case.further_reading, corpus, doc))]
    head = front_matter(case.name, f"{case.name}, {dates(case)}: official and rival power compared, with the sources.", "case")
    return page(head, *parts)
