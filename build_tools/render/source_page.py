"""A source as a Markdown page: provenance header, the text with passage numbers, the author's
notes (linked both ways) and, when present, the editor's notes. Everything the source says is
escaped (``render.html``); structure is HTML blocks, headings are Markdown so the table of
contents sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..sources.model import AnchoredSource, AuthorNote, Passage
from . import downloads, inline, source_data, source_head
from .html import attribute, h, heading_text, join, literal


@dataclass(frozen=True)
class PassageDecor:
    spans: tuple[inline.Span, ...] = ()
    points: tuple[inline.Point, ...] = ()
    gap_html: dict[str, Markup] = field(default_factory=dict)


@dataclass(frozen=True)
class SourcePageExtras:
    """What later stages (annotations, glossary, cases) add to a source page."""

    decor: dict[str, PassageDecor] = field(default_factory=dict)
    editor_notes_html: Markup = field(default_factory=Markup)
    templates: tuple[Markup, ...] = ()
    edit_url: str = ""
    annotation_count: int = 0


def _gap_html(pid: str, gid: str) -> Markup:
    return h(
        "span",
        {
            "data-insert": "",
            "class": "dpr-gap",
            "id": f"{pid}-{gid}",
            "role": "mark",
            "aria-label": "gap: words lost in the received text",
            "title": "Words lost in the received text",
        },
        "[…]",
    )


def _marker_html(marker_index: int, passage: Passage) -> Markup:
    marker = passage.block.markers[marker_index]
    note_id = marker.target or "n" + marker.note.lower().replace("*", "-star")
    # the accessible name starts with what is shown ("ii", not "note 153": label-content-name-mismatch)
    name = f"{marker.printed} author's note" + (f" {marker.note}" if marker.note != marker.printed else "")
    link = h("a", {"href": f"#{note_id}", "role": "doc-noteref", "aria-label": name, "data-note": note_id}, marker.printed)
    return h("sup", {"data-insert": "", "class": "dpr-aref", "id": marker.ref_id, "data-notice": marker.notice or None}, link)


def passage_inner(passage: Passage, decor: PassageDecor) -> Markup:
    """The inline markup of one passage: text, markers, gaps and decorations."""
    block = passage.block
    points = list(decor.points)
    for i, marker in enumerate(block.markers):
        points.append(inline.Point(marker.offset, _marker_html(i, passage), rank=5))
    for gap in block.gaps:
        html = decor.gap_html.get(gap.gid) or _gap_html(passage.pid, gap.gid)
        follows = block.text[gap.offset : gap.offset + 1]
        if follows[:1].isalnum():
            html = join(html, " ")
        points.append(inline.Point(gap.offset, html, rank=1))
    return inline.render(block.text, list(decor.spans), points)


def _pnum(pid: str) -> Markup:
    return h("a", {"data-insert": "", "class": "dpr-pnum", "href": f"#{pid}", "data-pid": pid, "aria-label": f"Passage {pid}: link and citation"})


def _retired_markers(pids: list[str]) -> Markup:
    """Empty elements with the retired ids that land here, so their links work without script."""
    return join(h("span", {"data-insert": "", "class": "dpr-retired", "id": pid, "aria-hidden": "true"}) for pid in pids)


def _heading(passage: Passage, decor: PassageDecor, landing: list[str]) -> str:
    block = passage.block
    level = "#" * max(2, block.level)
    decorated = bool(decor.spans or decor.points or block.gaps) and not re.search(r"[{}]", block.text)
    shown = str(passage_inner(passage, decor)) if decorated else heading_text(block.text)
    # the table of contents shows the plain words of a decorated heading (a brace would end the attributes)
    label = f' data-toc-label="{attribute(block.text)}"' if decorated else ""
    line = f"{level} {shown} {{#{passage.pid} .dpr-passage{label}}}"
    return line + ("\n\n" + str(_retired_markers(landing)) if landing else "")


def _paragraph(passage: Passage, decor: PassageDecor, landing: list[str]) -> Markup:
    css = {
        "paragraph": "dpr-passage",
        "blockquote": "dpr-passage",
        "list-item": "dpr-passage",
        "bio": "dpr-passage dpr-bio",
        "introduction": "dpr-passage dpr-intro",
    }[passage.block.kind]
    # the retired ids' markers go inside the paragraph: a line that opens with them (inline elements)
    # is not an HTML block to Markdown, which then read the passage's text as Markdown (issue 19)
    return h("p", {"class": css, "id": passage.pid}, _retired_markers(landing), _pnum(passage.pid), passage_inner(passage, decor))


HEAD_KINDS = ("standfirst", "byline", "provenance")  # rendered in the page head, not in the text


def _head_passage(passage: Passage, decor: PassageDecor, kind: str, landing: list[str]) -> Markup:
    return h("p", {"class": f"dpr-passage dpr-{kind}", "id": passage.pid}, _retired_markers(landing), _pnum(passage.pid), passage_inner(passage, decor))


def _group(passages: tuple[Passage, ...]) -> list[tuple[str, list[Passage]]]:
    groups: list[tuple[str, list[Passage]]] = []
    for passage in passages:
        kind = passage.block.kind
        if kind in HEAD_KINDS:
            continue
        if groups and groups[-1][0] == kind and kind in ("blockquote", "list-item", "bio", "introduction"):
            groups[-1][1].append(passage)
        else:
            groups.append((kind, [passage]))
    return groups


def _landing(anchored: AnchoredSource) -> dict[str, list[str]]:
    """Retired ids, grouped by the passage they now land on (the no-JavaScript fallback)."""
    landing: dict[str, list[str]] = {}
    for retired in anchored.retired:
        landing.setdefault(retired.successor, []).append(retired.pid)
    return landing


def _text_html(anchored: AnchoredSource, extras: SourcePageExtras) -> str:
    landing = _landing(anchored)
    out: list[str] = []
    for kind, members in _group(anchored.passages):
        decor = [extras.decor.get(p.pid, PassageDecor()) for p in members]
        pairs = list(zip(members, decor, strict=True))
        if kind == "heading":
            out.append(_heading(members[0], decor[0], landing.get(members[0].pid, [])))
        elif kind == "list-item":
            items = [
                h(
                    "li",
                    {"class": "dpr-passage", "id": p.pid, "value": p.block.number or None},
                    _retired_markers(landing.get(p.pid, [])),
                    _pnum(p.pid),
                    passage_inner(p, d),
                )
                for p, d in pairs
            ]
            tag = "ol" if members[0].block.ordered else "ul"
            out.append(str(h(tag, {"class": "dpr-list"}, "\n", join_lines(items), "\n")))
        else:
            inner = join_lines(_paragraph(p, d, landing.get(p.pid, [])) for p, d in pairs)
            if kind == "blockquote":
                out.append(str(h("blockquote", {"class": "dpr-quote"}, "\n", inner, "\n")))
            elif kind == "bio":
                out.append(str(h("section", {"class": "dpr-bio-box", "aria-label": "About the author (as printed)"}, "\n", inner, "\n")))
            elif kind == "introduction":  # the reproducing site's own words, kept and citable, not the author's
                label = h("p", {"class": "dpr-intro-label"}, "Introduction by the publisher of this copy (not the author’s text)")
                out.append(
                    str(h("section", {"class": "dpr-intro-box", "aria-label": "Introduction by the publisher of this copy"}, "\n", label, "\n", inner, "\n"))
                )
            else:
                out.append(str(inner))
    return "\n\n".join(out)


def join_lines(items: object) -> Markup:
    """Markup items one per line."""
    return Markup("\n".join(str(i) for i in items))  # type: ignore[attr-defined]


def _note_body(note: AuthorNote, decor: PassageDecor) -> Markup:
    """A note's lines (line breaks as received), with any editorial decorations.

    The note's text for matching is its lines joined by spaces; each joining space is rendered as a
    line break again.
    """
    chars = list(" ".join(note.lines))
    offset = 0
    for line in note.lines[:-1]:
        offset += len(line)
        chars[offset] = "\n"
        offset += 1
    html = inline.render("".join(chars), list(decor.spans), list(decor.points))
    return Markup(str(html).replace("\n", str(h("br"))))


def _editor_notice(text: str, tag: str = "span") -> Markup:
    return h(tag, {"class": "dpr-ednotice"}, h("span", {"class": "dpr-edlabel"}, "Editor:"), " ", text)


def _notes_html(anchored: AnchoredSource, extras: SourcePageExtras) -> str:
    source = anchored.source
    if not source.notes:
        return ""
    spec = source.spec.notes
    landing = _landing(anchored)
    parts = ['<section class="dpr-author-notes" aria-label="The author\'s notes">']
    notices = list(spec.notices) if spec else []
    if spec and spec.markers_notice:
        notices.append(spec.markers_notice)
    parts += [str(_editor_notice(notice, "p")) for notice in notices]
    group = None
    for note in source.notes:
        if note.group != group:
            if group is not None:
                parts.append("</ol>")
            group = note.group
            anchor = re.sub(r"[^a-z0-9]+", "-", note.group.lower()).strip("-") or "notes"
            parts.append(str(h("h2", {"class": "dpr-notes-heading", "id": f"notes-{anchor}"}, note.group or "Notes")))
            parts.append('<ol class="dpr-notes" role="list">')
        back = literal(" ").join(
            h("a", {"class": "dpr-backref", "href": f"#{ref}", "role": "doc-backlink", "aria-label": f"Back to the text ({i})"}, "↩")
            for i, ref in enumerate(note.refs, 1)
        )
        notices_here = [note.notice] if note.notice else []
        notices_here += [m.notice for p in anchored.passages for m in p.block.markers if m.note == note.label and m.notice]
        label = h("span", {"class": "dpr-note-label"}, f"{note.label}.")
        body = _note_body(note, extras.decor.get(note.note_id, PassageDecor()))
        item = h(
            "li",
            {"class": "dpr-note", "id": note.note_id},
            _retired_markers(landing.get(note.note_id, [])),
            _pnum(note.note_id),
            label,
            " ",
            body,
            [join(" ", _editor_notice(n)) for n in notices_here],
            " ",
            back,
        )
        parts.append(str(item))
    parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def render_source_page(anchored: AnchoredSource, extras: SourcePageExtras, site_url: str) -> str:
    """The complete Markdown page for one source."""
    source = anchored.source
    title = source.title_line or f"[{source.spec.bibliography.title}]"
    parts = [source_data.front_matter(anchored, site_url), "", f"# {heading_text(title)} {{#title}}", ""]
    # the standfirst and byline are the publisher's text: passages with ids and numbers (lead, issue 18)
    for kind in ("standfirst", "byline"):
        members = [p for p in anchored.passages if p.block.kind == kind]
        if members:
            parts.append(str(join_lines(_head_passage(p, extras.decor.get(p.pid, PassageDecor()), kind, _landing(anchored).get(p.pid, [])) for p in members)))
    contribute = extras.edit_url or "../../contributing/"
    # the printed provenance lines carry their decorations (an editor's note may be on one)
    landing = _landing(anchored)
    printed = {
        p.pid: join(_retired_markers(landing.get(p.pid, [])), passage_inner(p, extras.decor.get(p.pid, PassageDecor())))
        for p in anchored.passages
        if p.block.kind == "provenance"
    }
    parts.append(str(source_head.head_html(anchored, bool(extras.editor_notes_html), "../../about/", contribute, printed)))
    # "Download: EPUB · PDF · TEI · BibTeX · RIS" (eng-exports): site.generate fills in this placeholder with the files' sizes
    parts.append(str(downloads.placeholder(source.slug)))
    parts.append(_text_html(anchored, extras))
    notes = _notes_html(anchored, extras)
    if notes:
        parts.append(notes)
    if extras.editor_notes_html or extras.templates:
        parts.append(str(extras.editor_notes_html) + "\n\n" + "\n".join(str(t) for t in extras.templates))
    parts.append(str(source_data.page_data(anchored, site_url, extras.edit_url)))
    return "\n\n".join(parts) + "\n"
