"""A source as a Markdown page: provenance header, the text with passage numbers, the author's
notes (linked both ways) and, when present, the editor's notes. Everything the source says is
escaped; structure is raw HTML blocks, headings are Markdown so the table of contents sees them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape

from . import citations, inline
from .model import AnchoredSource, AuthorNote, Block, Passage

_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


@dataclass(frozen=True)
class PassageDecor:
    spans: tuple[inline.Span, ...] = ()
    points: tuple[inline.Point, ...] = ()
    gap_html: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourcePageExtras:
    """What later stages (annotations, glossary, cases) add to a source page."""

    decor: dict[str, PassageDecor] = field(default_factory=dict)
    editor_notes_html: str = ""
    edit_url: str = ""
    annotation_count: int = 0


def heading_markdown(text: str) -> str:
    """Heading text safe for a Markdown heading: Markdown punctuation escaped, HTML escaped."""
    return _MD_ESCAPE.sub(r"\\\1", escape(text, quote=False))


def front_matter_value(text: str) -> str:
    """A title or description for the front matter, HTML-escaped: the theme's templates insert
    ``page.title`` and ``page.meta.description`` without escaping (into <title> and a content="" attribute)."""
    return json.dumps(escape(text, quote=False).replace('"', "&quot;"), ensure_ascii=False)


def page_url(site_url: str, slug: str) -> str:
    return f"{site_url.rstrip('/')}/sources/{slug}/"


def _gap_html(pid: str, gid: str) -> str:
    return (
        f'<span class="dpr-gap" id="{pid}-{gid}" role="mark" aria-label="gap: words lost in the received text" '
        f'title="Words lost in the received text">[…]</span>'
    )


def _marker_html(passage: Passage, marker_index: int) -> str:
    marker = passage.block.markers[marker_index]
    note_id = "n" + marker.note.lower().replace("*", "-star")
    notice = f' data-notice="{escape(marker.notice)}"' if marker.notice else ""
    return (
        f'<sup class="dpr-aref" id="{marker.ref_id}"{notice}><a href="#{note_id}" role="doc-noteref" '
        f'aria-label="Author\'s note {escape(marker.note)}">{escape(marker.printed)}</a></sup>'
    )


def passage_inner(passage: Passage, decor: PassageDecor) -> str:
    """The inline HTML of one passage: text, markers, gaps and decorations."""
    block = passage.block
    points = list(decor.points)
    for i, marker in enumerate(block.markers):
        points.append(inline.Point(marker.offset, _marker_html(passage, i), rank=5))
    for gap in block.gaps:
        html = decor.gap_html.get(gap.gid) or _gap_html(passage.pid, gap.gid)
        follows = block.text[gap.offset : gap.offset + 1]
        if follows[:1].isalnum():
            html += " "
        points.append(inline.Point(gap.offset, html, rank=1))
    return inline.render(block.text, list(decor.spans), points)


def _pnum(pid: str) -> str:
    return f'<a class="dpr-pnum" href="#{pid}" data-pid="{pid}" aria-label="Passage {pid}: link and citation"></a>'


def _passage_html(passage: Passage, decor: PassageDecor) -> str:
    block = passage.block
    body = passage_inner(passage, decor)
    if block.kind == "heading":
        level = "#" * max(2, block.level)
        plain = heading_markdown(block.text) if not decor.spans and not decor.points and not block.gaps else body
        label = escape(block.text).replace('"', "&quot;")
        return f'{level} {plain} {{#{passage.pid} .dpr-passage data-toc-label="{label}"}}'

    css = {"paragraph": "", "blockquote": "", "list-item": "", "bio": " dpr-bio"}[block.kind]
    return f'<p class="dpr-passage{css}" id="{passage.pid}">{_pnum(passage.pid)}{body}</p>'


def _group(passages: tuple[Passage, ...]) -> list[tuple[str, list[Passage]]]:
    groups: list[tuple[str, list[Passage]]] = []
    for passage in passages:
        kind = passage.block.kind
        if groups and groups[-1][0] == kind and kind in ("blockquote", "list-item", "bio"):
            groups[-1][1].append(passage)
        else:
            groups.append((kind, [passage]))
    return groups


def _text_html(anchored: AnchoredSource, extras: SourcePageExtras) -> str:
    out = []
    for kind, members in _group(anchored.passages):
        decor = [extras.decor.get(p.pid, PassageDecor()) for p in members]
        if kind == "blockquote":
            inner = "\n".join(_passage_html(p, d) for p, d in zip(members, decor, strict=False))
            out.append(f'<blockquote class="dpr-quote">\n{inner}\n</blockquote>')
        elif kind == "list-item":
            tag = "ol" if members[0].block.ordered else "ul"
            items = "\n".join(f'<li class="dpr-passage" id="{p.pid}">{_pnum(p.pid)}{passage_inner(p, d)}</li>' for p, d in zip(members, decor, strict=False))
            out.append(f'<{tag} class="dpr-list">\n{items}\n</{tag}>')
        elif kind == "bio":
            inner = "\n".join(_passage_html(p, d) for p, d in zip(members, decor, strict=False))
            out.append(f'<section class="dpr-bio-box" aria-label="About the author (as printed)">\n{inner}\n</section>')
        else:
            out.append(_passage_html(members[0], decor[0]))
    return "\n\n".join(out)


def _note_body(note: AuthorNote, decor: PassageDecor) -> str:
    """A note's lines as HTML (line breaks as received), with any editorial decorations.

    The note's text for matching is its lines joined by spaces; each joining space is rendered
    as a line break again.
    """
    chars = list(" ".join(note.lines))
    offset = 0
    for line in note.lines[:-1]:
        offset += len(line)
        chars[offset] = "\n"
        offset += 1
    html = inline.render("".join(chars), list(decor.spans), list(decor.points))
    return html.replace("\n", "<br>")


def _notes_html(anchored: AnchoredSource, extras: SourcePageExtras) -> str:
    source = anchored.source
    if not source.notes:
        return ""
    spec = source.spec.notes
    parts = ['<section class="dpr-author-notes" aria-label="The author\'s notes">']
    notices = list(spec.notices) if spec else []
    if spec and spec.markers_notice:
        notices.append(spec.markers_notice)
    for notice in notices:
        parts.append(f'<p class="dpr-ednotice"><span class="dpr-edlabel">Editor:</span> {escape(notice)}</p>')
    group = None
    for note in source.notes:
        if note.group != group:
            if group is not None:
                parts.append("</ol>")
            group = note.group
            title = escape(note.group or "Notes")
            parts.append(f'<h2 class="dpr-notes-heading" id="notes-{re.sub(r"[^a-z0-9]+", "-", note.group.lower()).strip("-") or "notes"}">{title}</h2>')
            parts.append('<ol class="dpr-notes" role="list">')
        back = " ".join(
            f'<a class="dpr-backref" href="#{ref}" role="doc-backlink" aria-label="Back to the text ({i})">↩</a>' for i, ref in enumerate(note.refs, 1)
        )
        body = _note_body(note, extras.decor.get(note.note_id, PassageDecor()))
        notice = f' <span class="dpr-ednotice"><span class="dpr-edlabel">Editor:</span> {escape(note.notice)}</span>' if note.notice else ""
        markers = [m for p in anchored.passages for m in p.block.markers if m.note == note.label and m.notice]
        for marker in markers:
            notice += f' <span class="dpr-ednotice"><span class="dpr-edlabel">Editor:</span> {escape(marker.notice)}</span>'
        label = f'<span class="dpr-note-label">{escape(note.label)}.</span>'
        parts.append(f'<li class="dpr-note" id="{note.note_id}">{_pnum(note.note_id)}{label} {body}{notice} {back}</li>')
    parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def _provenance_html(anchored: AnchoredSource, extras: SourcePageExtras, about_url: str) -> str:
    source = anchored.source
    bib = source.spec.bibliography
    rows = []
    if bib.authors:
        rows.append(("Author", ", ".join(a.display for a in bib.authors)))
    published = [f"<cite>{escape(bib.publication)}</cite>"]
    for label, value in (("", bib.series), ("no. ", bib.issue), ("", citations.chicago_date(bib.date)), ("pp. ", bib.pages)):
        if value:
            published.append(escape(label + value))
    rows_html = [f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in rows]
    rows_html.append(f"<dt>Published</dt><dd>{', '.join(published)}</dd>")
    if bib.url:
        rows_html.append(f'<dt>Original</dt><dd><a href="{escape(bib.url)}" rel="noopener">{escape(bib.url)}</a></dd>')
    more = []
    if bib.date_note:
        more.append(f"<dt>Date</dt><dd>{escape(bib.date_note)}</dd>")
    if bib.url_note:
        more.append(f"<dt>Copy used</dt><dd>{escape(bib.url_note)}</dd>")
    if bib.title_supplied:
        more.append(f"<dt>Title</dt><dd>{escape(bib.title_supplied)}</dd>")
    if source.provenance:
        printed = "<br>".join(escape(line) for line in source.provenance)
        more.append(f"<dt>As printed</dt><dd>{printed}</dd>")
    more.append(f"<dt>Rights</dt><dd>{escape(bib.rights)}</dd>")
    reasons = sorted({reason for _, reason in source.removed})
    removed = f"{len(source.removed)} line(s) of site material ({'; '.join(reasons)})" if source.removed else "nothing"
    debris = f", and {source.debris_removed} fragment(s) of scraper residue" if source.debris_removed else ""
    method = (
        f"<p>Removed from the received text: {escape(removed)}{escape(debris)}. Editorial interventions are marked: "
        "[sic] and corrections in the editor’s notes (lettered a, b, c …), supplied words in [square brackets], "
        "lost words as […]; the author’s own notes keep their printed numbers.</p>"
    )
    anomalies = "".join(f"<li>{escape(a)}</li>" for a in source.spec.anomalies)
    anomalies_html = f'<p class="dpr-anomalies-title">Known problems of the received text:</p><ul class="dpr-anomalies">{anomalies}</ul>' if anomalies else ""
    gap_notice = f"<p>{escape(source.spec.gaps.notice)}</p>" if source.spec.gaps.notice else ""
    notes_file = f"annotations/{source.slug}.yml"
    links = [f'<a href="{about_url}">How this edition is made</a>']
    if extras.edit_url:
        links.append(f'<a href="{escape(extras.edit_url)}" rel="noopener">Edit the notes on this source</a> (<code>{notes_file}</code>)')
    else:
        links.append(f'The notes on this source are in <code>{notes_file}</code>: <a href="{about_url}../contributing/">contribute</a>')
    return (
        '<aside class="dpr-provenance" aria-label="About this text">\n'
        f'<dl class="dpr-provenance-list">{"".join(rows_html)}</dl>\n'
        '<p class="dpr-asreceived">The text is given as received, without silent changes; every editorial '
        "intervention is marked.</p>\n"
        '<details class="dpr-provenance-more"><summary>Provenance, rights and editorial method</summary>\n'
        f'<dl class="dpr-provenance-list">{"".join(more)}</dl>\n{method}{gap_notice}{anomalies_html}</details>\n'
        f'<p class="dpr-provenance-links">{" · ".join(links)}</p>\n</aside>'
    )


def _page_data(anchored: AnchoredSource, site_url: str) -> str:
    source = anchored.source
    bib = source.spec.bibliography
    data = {
        "slug": source.slug,
        "url": page_url(site_url, source.slug),
        "retired": {r.pid: {"successor": r.successor, "reason": r.reason} for r in anchored.retired},
        "cite": {
            "chicago": citations.chicago(bib) + " " + citations.edition_suffix_chicago(),
            "mla": citations.mla(bib) + " " + citations.edition_suffix_mla(),
            "bibtex": citations.bibtex(source.slug, bib),
        },
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/json" id="dpr-page-data">{text}</script>'


def _retired_anchors(anchored: AnchoredSource) -> dict[str, list[str]]:
    """Retired ids, grouped by the passage they now land on (no-JavaScript fallback)."""
    landing: dict[str, list[str]] = {}
    for retired in anchored.retired:
        landing.setdefault(retired.successor, []).append(retired.pid)
    return landing


def _with_retired(html: str, anchored: AnchoredSource) -> str:
    for successor, pids in _retired_anchors(anchored).items():
        spans = "".join(f'<span class="dpr-retired" id="{pid}" aria-hidden="true"></span>' for pid in pids)
        for marker in (
            f'<p class="dpr-passage" id="{successor}">',
            f'<p class="dpr-passage dpr-bio" id="{successor}">',
            f'<li class="dpr-passage" id="{successor}">',
            f'<li class="dpr-note" id="{successor}">',
        ):
            if marker in html:
                html = html.replace(marker, spans + marker if marker.startswith("<p") else marker + spans, 1)
                break
        else:
            found = re.search(rf"\{{#{successor} \.dpr-passage[^}}]*\}}", html)
            if found:
                html = html[: found.end()] + "\n\n" + spans + html[found.end() :]
    return html


def front_matter(anchored: AnchoredSource, site_url: str) -> str:
    bib = anchored.source.spec.bibliography
    meta = citations.meta_tags(bib, page_url(site_url, anchored.source.slug))
    lines = ["---", f"title: {front_matter_value(bib.title)}"]
    if bib.description:
        lines.append(f"description: {front_matter_value(bib.description)}")
    lines.append("dpr_kind: source")
    lines.append("dpr_meta:")
    for name, content in meta:
        lines.append(f"  - [{json.dumps(name)}, {json.dumps(content, ensure_ascii=False)}]")
    lines.append("---")
    return "\n".join(lines)


def render_source_page(anchored: AnchoredSource, extras: SourcePageExtras, site_url: str) -> str:
    """The complete Markdown page for one source."""
    source = anchored.source
    title = source.title_line or f"[{source.spec.bibliography.title}]"
    parts = [front_matter(anchored, site_url), "", f"# {heading_markdown(title)} {{#title}}", ""]
    if source.standfirst:
        parts.append("\n".join(f'<p class="dpr-standfirst">{escape(s, quote=False)}</p>' for s in source.standfirst))
    if source.byline:
        parts.append("\n".join(f'<p class="dpr-byline">{escape(b, quote=False)}</p>' for b in source.byline))
    parts.append(_provenance_html(anchored, extras, "../../about/"))
    parts.append('<div class="dpr-text" markdown="0">')
    parts.append("</div>")
    body = _with_retired(_text_html(anchored, extras), anchored)
    parts[-2:] = [body]
    notes = _notes_html(anchored, extras)
    if notes:
        parts.append(_with_retired(notes, anchored))
    if extras.editor_notes_html:
        parts.append(extras.editor_notes_html)
    parts.append(_page_data(anchored, site_url))
    return "\n\n".join(parts) + "\n"


def block_plain(block: Block) -> str:
    return block.text
