"""Comparative cases: the comparison table (sortable and filterable where JavaScript runs, plain
without), the timeline with its text alternative, and one page per case."""

from __future__ import annotations

from html import escape

from ..editorial import markdown_subset, refs
from ..editorial.cases import OUTCOMES, Case, Claim
from ..editorial.concordance import Occurrence, sentence_around
from ..editorial.glossary import Entry
from . import citations, timeline_svg
from .source_page import front_matter_value, heading_markdown

GROUP_TITLES = {"historical": "Historical episodes", "contested": "Contested extensions of the concept"}


def human_date(date: str) -> str:
    """``1871-03-18`` -> ``18 March 1871``; shorter dates as far as they go."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {citations.MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{citations.MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def dates(case: Case) -> str:
    return f"{human_date(case.start)} – {human_date(case.end)}"


def _evidence_link(case: Case, anchor: str, label: str) -> str:
    return f' <a class="dpr-ev" href="{case.cid}/#{anchor}" aria-label="Evidence for {escape(label)}: {escape(case.name)}">evidence</a>'


def _sources_cell(case: Case, corpus: refs.Corpus) -> str:
    seen: list[tuple[str, str]] = []
    for ref in case.passage_refs():
        if (ref.slug, ref.pid) not in seen:
            seen.append((ref.slug, ref.pid))
    links = [f'<a href="../sources/{slug}/#{pid}">{escape(corpus.short_name(slug))}, passage {pid}</a>' for slug, pid in seen]
    return "; ".join(links)


def table_html(cases: tuple[Case, ...], corpus: refs.Corpus) -> str:
    """The comparison table; filter controls are added by the page script."""
    head = (
        "<thead><tr>"
        '<th scope="col" data-sort="text">Case</th><th scope="col" data-sort="date">When</th><th scope="col" data-sort="text">Where</th>'
        '<th scope="col">Official power</th><th scope="col">Rival power and its organs</th>'
        '<th scope="col" data-sort="text">Base</th><th scope="col" data-sort="text">Outcome</th><th scope="col">In the sources</th>'
        "</tr></thead>"
    )
    bodies = []
    for group, title in GROUP_TITLES.items():
        members = [c for c in cases if c.group == group]
        if not members:
            continue
        rows = [f'<tr class="dpr-group-row"><th colspan="8" scope="rowgroup">{escape(title)}</th></tr>']
        for c in members:
            organs = f'<br><span class="dpr-organs">Organs: {escape("; ".join(c.rival.organs))}</span>' if c.rival.organs else ""
            rows.append(
                f'<tr id="case-{c.cid}" data-base="{c.base}" data-outcome="{c.outcome}" data-century="{c.century}" data-group="{c.group}">'
                f'<th scope="row" data-value="{escape(c.name)}"><a href="{c.cid}/">{escape(c.name)}</a></th>'
                f'<td data-value="{c.start}">{escape(dates(c))}</td>'
                f'<td data-value="{escape(c.place)}">{escape(c.place)}</td>'
                f"<td>{escape(c.official.text)}{_evidence_link(c, 'official-power', 'official power')}</td>"
                f"<td>{escape(c.rival.text)}{organs}{_evidence_link(c, 'rival-power', 'rival power')}</td>"
                f'<td data-value="{c.base}">{c.base}{_evidence_link(c, "rival-power", "base")}</td>'
                f'<td data-value="{c.outcome}">{OUTCOMES[c.outcome]}{_evidence_link(c, "outcome", "outcome")}</td>'
                f"<td>{_sources_cell(c, corpus)}</td></tr>"
            )
        bodies.append(f'<tbody data-group="{group}">' + "".join(rows) + "</tbody>")
    return (
        '<div class="dpr-table-wrap dpr-wide" tabindex="0" role="region" aria-label="Comparison table (scrolls sideways on small screens)">'
        '<table class="dpr-cases" id="cases-table">'
        "<caption>Dual-power episodes compared: one row per case; follow “evidence” to the passages and works behind each cell.</caption>"
        + head
        + "".join(bodies)
        + "</table></div>"
    )


def timeline_text(cases: tuple[Case, ...]) -> str:
    """The timeline's text alternative: the same spans as a list."""
    parts = ['<ol class="dpr-timeline-text" id="timeline-text">']
    for c in cases:
        parts.append(
            f'<li><a href="{c.cid}/">{escape(c.name)}</a>: {escape(dates(c))}; {escape(GROUP_TITLES[c.group].lower())}; '
            f"{c.base} base; {escape(OUTCOMES[c.outcome].lower())}.</li>"
        )
    parts.append("</ol>")
    return "\n".join(parts)


def render_index(cases: tuple[Case, ...], corpus: refs.Corpus) -> str:
    lines = [
        "---",
        "title: Comparative cases",
        "description: Dual-power episodes from Paris 1871 to Bolivia 2005, compared in one table and one timeline.",
        "dpr_kind: cases-index",
        "hide:",
        "  - navigation",
        "  - toc",
        "---",
        "",
        "# Comparative cases",
        "",
        "The sources compare 1917 with many other episodes. The table sets them side by side: the official "
        "power, the rival power and its organs, where its strength came from, and how it ended. Every cell "
        "links to its evidence: passages of the sources, by permanent anchor, and published works. Three "
        "contemporary situations that the encyclopedia article files under dual power are grouped "
        "separately as contested extensions of the concept.",
        "",
        "## Table {#table}",
        "",
        table_html(cases, corpus),
        "",
        "## Timeline {#timeline}",
        "",
        '<figure class="dpr-figure dpr-wide">'
        '<div class="dpr-timeline-wrap" tabindex="0" role="region" aria-label="Timeline (scrolls sideways on small screens)">'
        + timeline_svg.render(cases)
        + "</div><figcaption>Each bar spans a case from its start to its end; the same spans are listed below.</figcaption></figure>",
        "",
        "### The timeline as a list {#timeline-list}",
        "",
        timeline_text(cases),
    ]
    return "\n".join(lines) + "\n"


def _claim_block(anchor: str, title: str, claim: Claim, corpus: refs.Corpus, extra: str = "") -> list[str]:
    organs = "<p>Organs: " + escape("; ".join(claim.organs)) + "</p>" if claim.organs else ""
    evidence = '<ul class="dpr-refs">' + "".join(f"<li>{refs.render_ref(r, corpus)}</li>" for r in claim.evidence) + "</ul>"
    return [
        f"## {title} {{#{anchor}}}",
        "",
        f'<div class="dpr-claim"><p>{escape(claim.text)}</p>{organs}{extra}<p class="dpr-ev-title">Evidence:</p>{evidence}</div>',
        "",
    ]


def _quotes_html(case: Case, corpus: refs.Corpus, occs: list[Occurrence], titles: dict[str, str]) -> str:
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
        parts.append(f'<h3 class="dpr-conc-source">{escape(titles.get(slug, slug))} <span class="dpr-conc-who">({escape(corpus.short_name(slug))})</span></h3>')
        for pid, quote in sorted(by_source[slug], key=lambda t: int(t[0][1:]) if t[0][1:].isdigit() else 0):
            text = corpus.passage_text(slug, pid) or ""
            shown = text
            if quote and quote in text:
                index = text.index(quote)
                shown, _ = sentence_around(text, index, index + len(quote))
            if len(shown) > 700:
                shown = shown[:700].rsplit(" ", 1)[0] + " …"
            parts.append(
                f'<blockquote class="dpr-case-quote"><p>{escape(shown)}</p>'
                f'<p class="dpr-case-quote-src">— <a href="../../sources/{slug}/#{pid}">{escape(corpus.short_name(slug))}, passage {pid}</a></p></blockquote>'
            )
    return "\n".join(parts)


def render_case(case: Case, corpus: refs.Corpus, glossary: dict[str, Entry], occs: list[Occurrence], titles: dict[str, str]) -> str:
    calendar = f'<p class="dpr-calendar">{escape(case.calendar_note)}</p>' if case.calendar_note else ""
    lines = [
        "---",
        f"title: {front_matter_value(case.name)}",
        f"description: {front_matter_value(f'{case.name}, {dates(case)}: official and rival power compared, with the sources.')}",
        "dpr_kind: case",
        "---",
        "",
        f"# {heading_markdown(case.name)}",
        "",
        f'<p class="dpr-case-meta">{escape(case.place)} · {escape(dates(case))} · {escape(GROUP_TITLES[case.group])}</p>{calendar}',
        "",
        "## Summary {#summary}",
        "",
        f'<div class="dpr-case-summary">{markdown_subset.render(case.summary)}</div>',
        "",
    ]
    lines += _claim_block("official-power", "Official power", case.official, corpus)
    lines += _claim_block("rival-power", "Rival power", case.rival, corpus, f"<p>Social base: <strong>{case.base}</strong>.</p>")
    outcome = Claim(markdown_subset.render_inline(case.outcome_text), case.outcome_evidence)
    lines += [
        "## Outcome {#outcome}",
        "",
        f'<div class="dpr-claim"><p><strong>{OUTCOMES[case.outcome]}.</strong> {outcome.text}</p>'
        '<p class="dpr-ev-title">Evidence:</p><ul class="dpr-refs">'
        + "".join(f"<li>{refs.render_ref(r, corpus)}</li>" for r in case.outcome_evidence)
        + "</ul></div>",
        "",
        "## What the sources say {#sources}",
        "",
        _quotes_html(case, corpus, occs, titles),
        "",
    ]
    related = [glossary[g] for g in case.glossary if g in glossary]
    if related:
        lines += ["## Related glossary entries {#glossary}", ""]
        lines += [f"- [{heading_markdown(e.name)}](../glossary/{e.eid}.md)" for e in related]
        lines.append("")
    if case.further_reading:
        lines += ["## Further reading {#further-reading}", ""]
        lines.append('<ul class="dpr-refs">' + "".join(f"<li>{refs.render_ref(r, corpus)}</li>" for r in case.further_reading) + "</ul>")
    return "\n".join(lines) + "\n"
