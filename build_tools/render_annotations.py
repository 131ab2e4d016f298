"""The editor's notes on a source page: marked words, lettered markers, emended gaps, endnotes.

Editor's notes are a separate series from the author's: lettered (a, b … z, aa …), styled and
labelled as the editor's, collected under "Editor's notes" at the end of the page.
"""

from __future__ import annotations

from html import escape

from . import inline, markdown_subset, refs
from .annotations import Annotation
from .model import AnchoredSource
from .render_source import PassageDecor

KIND_LABELS = {
    "context": "Context",
    "correction": "Correction",
    "discrepancy": "Discrepancy",
    "emendation": "Emendation",
    "sic": "Sic",
    "date": "Date",
    "term": "Term",
    "cross-reference": "Cross-reference",
}


def letter(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa ... (bijective base 26)."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(97 + rem) + out
    return out


def ordered(notes: tuple[Annotation, ...], anchored: AnchoredSource) -> list[tuple[str, Annotation]]:
    """Notes in reading order with their letters."""
    position = {p.pid: i for i, p in enumerate(anchored.passages)}
    ranked = sorted(notes, key=lambda n: (position.get(n.pid, 10**9), n.end, n.start, n.aid))
    return [(letter(i), n) for i, n in enumerate(ranked)]


def _marker(mark: str, note: Annotation) -> str:
    sic = '<span class="dpr-sic" aria-hidden="true">[sic]</span>' if note.kind == "sic" else ""
    return (
        f'{sic}<sup class="dpr-eref" id="edref-{note.aid}"><a href="#ed-{note.aid}" role="doc-noteref" '
        f'aria-label="Editor\'s note {mark}: {KIND_LABELS[note.kind].lower()}">{mark}</a></sup>'
    )


def _received(anchored: AnchoredSource, note: Annotation) -> str:
    passage = anchored.passage(note.pid)
    text = passage.block.text if passage else ""
    lo = text.rfind(" ", 0, max(0, note.start - 25))
    hi = text.find(" ", min(len(text), note.start + 25))
    return text[lo + 1 if lo >= 0 else 0 : hi if hi >= 0 else len(text)]


def decorations(notes: tuple[Annotation, ...], anchored: AnchoredSource) -> dict[str, PassageDecor]:
    """Spans, markers and gap replacements per passage id."""
    spans: dict[str, list[inline.Span]] = {}
    points: dict[str, list[inline.Point]] = {}
    gap_html: dict[str, dict[str, str]] = {}
    for mark, note in ordered(notes, anchored):
        if note.gap:
            received = escape(_received(anchored, note))
            if note.unrecoverable:
                html = f'<span class="dpr-gap dpr-unrecoverable" id="{note.pid}-{note.gap}" title="Unrecoverable gap. Received text: {received}">[…]</span>'
            else:
                html = (
                    f'<span class="dpr-supplied" id="{note.pid}-{note.gap}" title="Supplied by the editors. Received text: {received}">'
                    f'<span class="dpr-bracket">[</span>{escape(note.supply)}<span class="dpr-bracket">]</span></span>'
                )
            gap_html.setdefault(note.pid, {})[note.gap] = html + _marker(mark, note)
            continue
        kind = note.kind
        spans.setdefault(note.pid, []).append(inline.Span(note.start, note.end, f'<span class="dpr-annotated" data-kind="{kind}">', "</span>"))
        points.setdefault(note.pid, []).append(inline.Point(note.end, _marker(mark, note), rank=3))
    pids = set(spans) | set(points) | set(gap_html)
    return {pid: PassageDecor(tuple(spans.get(pid, ())), tuple(points.get(pid, ())), gap_html.get(pid, {})) for pid in sorted(pids)}


def endnotes(notes: tuple[Annotation, ...], anchored: AnchoredSource, corpus: refs.Corpus) -> str:
    """The "Editor's notes" section."""
    if not notes:
        return ""
    items = []
    for mark, note in ordered(notes, anchored):
        label = KIND_LABELS[note.kind]
        where = f'<a class="dpr-ednote-where" href="#{note.pid}">{note.pid}</a>'
        extra = ""
        if note.gap:
            received = escape(_received(anchored, note))
            extra = f'<p class="dpr-received">Received text: \u201c{received}\u201d</p>'
            if note.supply:
                extra += f'<p class="dpr-received">Supplied: [{escape(note.supply)}]</p>'
        if note.read:
            extra += f'<p class="dpr-received">Read: \u201c{escape(note.read)}\u201d</p>'
        credit = f' <span class="dpr-credit">— {escape(note.credit)}</span>' if note.credit else ""
        items.append(
            f'<li class="dpr-ednote" id="ed-{note.aid}" data-kind="{note.kind}">'
            f'<span class="dpr-ednote-label">{mark}</span> '
            f'<span class="dpr-ednote-kind">{label}</span> <span class="dpr-ednote-at">at {where}.</span>'
            f'<div class="dpr-ednote-body">{markdown_subset.render(note.body)}{extra}'
            f'<p class="dpr-ednote-sources">Sources: {refs.render_refs(note.sources, corpus)}{credit}</p></div>'
            f'<a class="dpr-backref" href="#edref-{note.aid}" role="doc-backlink" aria-label="Back to the text">↩</a></li>'
        )
    return (
        "## Editor’s notes {#editors-notes}\n\n"
        '<section class="dpr-editor-notes" aria-label="Editor\'s notes">\n'
        '<p class="dpr-ednotes-intro">Notes by the editors of this edition, lettered to keep them apart from the '
        "author’s numbered notes. Each names its kind and its sources.</p>\n"
        '<ol class="dpr-ednotes" role="list">\n' + "\n".join(items) + "\n</ol>\n</section>"
    )
