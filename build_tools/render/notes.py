"""The editor's notes on a source page: marked words, markers, emended gaps, endnotes.

Editor's notes are a separate series from the author's: a dagger and a number (†1, †2 …), which
never spell a word and cannot be mistaken for the author's numerals or roman numerals, styled and
labelled as the editor's. On screen the reader's script sets them in the margin beside the passage
(or opens them in place on a phone); the endnote list under "Editor's notes" stays as their index.
"""

from __future__ import annotations

from markupsafe import Markup

from ..editorial import markdown_subset, refs
from ..editorial.annotations import KINDS, Annotation
from ..sources.model import AnchoredSource
from . import inline
from .html import h, join
from .refs_html import render_refs
from .source_page import PassageDecor
from .urls import source_doc

KIND_LABELS = dict(KINDS)


#: the sign that opens every editor's marker: no source of the edition uses it for its own notes
SIGN = "\u2020"


def mark_label(index: int) -> str:
    """0 -> †1, 1 -> †2 ...: the visible label of the editor's note at ``index`` in reading order."""
    return f"{SIGN}{index + 1}"


def ordered(notes: tuple[Annotation, ...], anchored: AnchoredSource) -> list[tuple[str, Annotation]]:
    """Notes in reading order with their labels (†1, †2 …)."""
    position = {p.pid: i for i, p in enumerate(anchored.passages)}
    ranked = sorted(notes, key=lambda n: (position.get(n.pid, 10**9), n.end, n.start, n.aid))
    return [(mark_label(i), n) for i, n in enumerate(ranked)]


def _marker(mark: str, note: Annotation) -> Markup:
    sic = h("span", {"data-insert": "", "class": "dpr-sic", "aria-hidden": "true"}, "[sic]") if note.kind == "sic" else None
    # the accessible name starts with what is shown (axe: label-content-name-mismatch)
    link = h(
        "a",
        {
            "href": f"#ed-{note.aid}",
            "role": "doc-noteref",
            "aria-label": f"{mark} editor's note: {KIND_LABELS[note.kind].lower()}",
            "data-note": f"ed-{note.aid}",
        },
        mark,
    )
    return join(sic, h("sup", {"data-insert": "", "class": "dpr-eref", "id": f"edref-{note.aid}", "data-kind": note.kind}, link))


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
    gap_html: dict[str, dict[str, Markup]] = {}
    for mark, note in ordered(notes, anchored):
        if note.gap:
            received = _received(anchored, note)
            if note.unrecoverable:
                html = h(
                    "span",
                    {
                        "data-insert": "",
                        "class": "dpr-gap dpr-unrecoverable",
                        "id": f"{note.pid}-{note.gap}",
                        "title": f"Unrecoverable gap. Received text: {received}",
                    },
                    "[…]",
                )
            else:
                html = h(
                    "span",
                    {
                        "data-insert": "",
                        "class": "dpr-supplied",
                        "id": f"{note.pid}-{note.gap}",
                        "title": f"Supplied by the editors. Received text: {received}",
                    },
                    h("span", {"class": "dpr-bracket"}, "["),
                    note.supply,
                    h("span", {"class": "dpr-bracket"}, "]"),
                )
            gap_html.setdefault(note.pid, {})[note.gap] = join(html, _marker(mark, note))
            continue
        open_tag = Markup(str(h("span", {"class": "dpr-annotated", "data-kind": note.kind, "data-note": f"ed-{note.aid}"})).removesuffix("</span>"))
        spans.setdefault(note.pid, []).append(inline.Span(note.start, note.end, open_tag, Markup("</span>")))
        points.setdefault(note.pid, []).append(inline.Point(note.end, _marker(mark, note), rank=3))
    pids = set(spans) | set(points) | set(gap_html)
    return {pid: PassageDecor(tuple(spans.get(pid, ())), tuple(points.get(pid, ())), gap_html.get(pid, {})) for pid in sorted(pids)}


def _extra(anchored: AnchoredSource, note: Annotation) -> list[Markup]:
    extra = []
    if note.gap:
        extra.append(h("p", {"class": "dpr-received"}, f"Received text: \u201c{_received(anchored, note)}\u201d"))
        if note.supply:
            extra.append(h("p", {"class": "dpr-received"}, f"Supplied: [{note.supply}]"))
    if note.read:
        extra.append(h("p", {"class": "dpr-received"}, f"Read: \u201c{note.read}\u201d"))
    return extra


def endnotes(notes: tuple[Annotation, ...], anchored: AnchoredSource, corpus: refs.Corpus) -> Markup:
    """The "Editor's notes" section (a Markdown heading, then HTML)."""
    if not notes:
        return Markup("")
    items = []
    for mark, note in ordered(notes, anchored):
        credit = join(" ", h("span", {"class": "dpr-credit"}, f"— {note.credit}")) if note.credit else None
        body = h(
            "div",
            {"class": "dpr-ednote-body"},
            markdown_subset.render(note.body),
            _extra(anchored, note),
            h("p", {"class": "dpr-ednote-sources"}, "Sources: ", render_refs(note.sources, corpus, source_doc(anchored.source.slug)), credit),
            h("p", {"class": "dpr-ednote-checked"}, "Checked against: ", render_refs(note.checked, corpus, source_doc(anchored.source.slug)))
            if note.checked
            else None,
        )
        items.append(
            h(
                "li",
                {"class": "dpr-ednote", "id": f"ed-{note.aid}", "data-kind": note.kind},
                h("span", {"class": "dpr-ednote-label"}, mark),
                " ",
                h("span", {"class": "dpr-ednote-kind"}, KIND_LABELS[note.kind]),
                " ",
                h("span", {"class": "dpr-ednote-at"}, "at ", h("a", {"class": "dpr-ednote-where", "href": f"#{note.pid}"}, note.pid), "."),
                body,
                h("a", {"class": "dpr-backref", "href": f"#edref-{note.aid}", "role": "doc-backlink", "aria-label": "Back to the text"}, "↩"),
            )
        )
    section = h(
        "section",
        {"class": "dpr-editor-notes", "aria-label": "Editor's notes"},
        "\n",
        h(
            "p",
            {"class": "dpr-ednotes-intro"},
            "Notes by the editors of this edition, marked †1, †2 … to keep them apart from the author’s own notes. "
            "On screen each also stands in the margin beside its passage, or opens in place when its marker is tapped. Each names its kind and its sources.",
        ),
        "\n",
        h("ol", {"class": "dpr-ednotes", "role": "list"}, "\n", Markup("\n".join(str(i) for i in items)), "\n"),
        "\n",
    )
    return Markup("## Editor’s notes {#editors-notes}\n\n") + section
