"""The compact head of a source page: the key to the marks, the reader's choice of layers, and
the provenance folded to one line that opens.

The key shows one sample of each kind of mark as the text sets it, so that nothing on the page
needs explaining elsewhere. The layer choice is three radio buttons; the stylesheet shows or hides
the apparatus by the layer that the reading script sets on the page (and remembers). Readers see no
contributor's file paths: those are on the contributing pages the "contribute" link leads to.
"""

from __future__ import annotations

from markupsafe import Markup

from ..sources.model import AnchoredSource
from . import citations
from .html import h, join

#: the reading layers: (value, label); the script defaults to "notes"
LAYERS = (("text", "Text"), ("notes", "Text and notes"), ("full", "Full apparatus"))


def _sample(css: str, glyph: str | Markup) -> Markup:
    return h("span", {"class": f"dpr-key-sample {css}"}, glyph)


def key_html(has_author_notes: bool, has_editor_notes: bool) -> Markup:
    """One line: a sample of each kind of mark and what it means."""
    items: list[Markup] = []
    if has_editor_notes:
        items.append(join(_sample("dpr-key-eref", "†1"), " editor’s note"))
    if has_author_notes:
        items.append(join(_sample("dpr-key-aref", "1"), " author’s note"))
    items.append(join(_sample("dpr-key-supplied", "[word]"), " supplied"))
    items.append(join(_sample("dpr-key-gap", "[…]"), " lost"))
    items.append(join(_sample("dpr-key-sic", "[sic]"), " as printed"))
    items.append(join(_sample("dpr-key-gloss", "term"), " glossary"))
    return h(
        "p",
        {"class": "dpr-key"},
        h("span", {"class": "dpr-key-title"}, "Key:"),
        " ",
        [join(h("span", {"class": "dpr-key-item"}, item), " " if i < len(items) - 1 else None) for i, item in enumerate(items)],
    )


def layers_html() -> Markup:
    """The reader's choice of what the text shows (the script remembers it; without it: everything)."""
    options = [
        h(
            "label",
            {"class": "dpr-layer"},
            h("input", {"type": "radio", "name": "dpr-layer", "value": value, "checked": value == "notes" or None}),
            " ",
            label,
        )
        for value, label in LAYERS
    ]
    return h("fieldset", {"class": "dpr-layers"}, h("legend", None, "Show"), options)


def _summary(anchored: AnchoredSource) -> str:
    bib = anchored.source.spec.bibliography
    parts = [", ".join(a.display for a in bib.authors)] if bib.authors else []
    parts.append(bib.container)
    if bib.issue:
        parts.append(f"no. {bib.issue}")
    when = citations.chicago_date(bib.date)
    if when:
        parts.append(when)
    return ", ".join(p for p in parts if p)


def provenance_html(anchored: AnchoredSource, about_url: str, contribute_url: str, printed_html: dict[str, Markup] | None = None) -> Markup:
    """The provenance as one line that opens: publication, copy used, rights, editorial method."""
    source = anchored.source
    bib = source.spec.bibliography
    rows: list[Markup] = []
    if bib.authors:
        rows.append(join(h("dt", None, "Author"), h("dd", None, ", ".join(a.display for a in bib.authors))))
    published: list[Markup | str] = [h("cite", None, bib.container)]
    for label, value in (("", bib.series), ("no. ", bib.issue), ("", citations.chicago_date(bib.date)), ("pp. ", bib.pages)):
        if value:
            published.append(label + value)
    rows.append(join(h("dt", None, "Published"), h("dd", None, [join(", " if i else "", p) for i, p in enumerate(published)])))
    if bib.url:
        rows.append(join(h("dt", None, "Original"), h("dd", None, h("a", {"href": bib.url, "rel": "noopener", "class": "dpr-url"}, bib.url))))
    record = source.spec.record
    for label, value in (("Date", record.date_note), ("Copy used", record.url_note), ("Title", record.title_supplied)):
        if value:
            rows.append(join(h("dt", None, label), h("dd", None, value)))
    printed = [p for p in anchored.passages if p.block.kind == "provenance"]
    if printed:  # the publisher's own lines: passages with permanent ids like any other (lead, issue 18)
        lines = [
            join(h("br") if i else "", h("span", {"class": "dpr-passage dpr-provenance-line", "id": p.pid}, (printed_html or {}).get(p.pid, p.block.text)))
            for i, p in enumerate(printed)
        ]
        rows.append(join(h("dt", None, "As printed"), h("dd", None, lines)))
    rows.append(join(h("dt", None, "Rights"), h("dd", None, record.rights)))
    reasons = sorted({reason for _, reason in source.removed})
    removed = f"{len(source.removed)} line(s) of site material ({'; '.join(reasons)})" if source.removed else "nothing"
    debris = f", and {source.debris_removed} fragment(s) of scraper residue" if source.debris_removed else ""
    method = h(
        "p",
        {"class": "dpr-method"},
        f"The text is given as received, without silent changes. Removed from the received text: {removed}{debris}. "
        "Every editorial intervention is marked: the editor’s notes by †1, †2 …, [sic] where the text is printed so, supplied "
        "words in [square brackets], lost words as […]; the author’s own notes keep their printed numbers.",
    )
    anomalies = [h("li", None, a) for a in source.spec.anomalies]
    anomalies_html = (
        join(h("p", {"class": "dpr-anomalies-title"}, "Known problems of the received text:"), h("ul", {"class": "dpr-anomalies"}, anomalies))
        if anomalies
        else None
    )
    gap_notice = h("p", None, source.spec.gaps.notice) if source.spec.gaps.notice else None
    links = h(
        "p",
        {"class": "dpr-provenance-links"},
        h("a", {"href": about_url}, "How this edition is made"),
        " · ",
        h("a", {"href": contribute_url, "rel": "noopener" if contribute_url.startswith("http") else None}, "Contribute a note on this text"),
    )
    return h(
        "details",
        {"class": "dpr-provenance"},
        h("summary", None, h("span", {"class": "dpr-provenance-label"}, "About this text:"), " ", _summary(anchored)),
        "\n",
        h("dl", {"class": "dpr-provenance-list"}, rows),
        "\n",
        method,
        gap_notice,
        anomalies_html,
        "\n",
        links,
        "\n",
    )


def head_html(anchored: AnchoredSource, has_editor_notes: bool, about_url: str, contribute_url: str, printed_html: dict[str, Markup] | None = None) -> Markup:
    """The page head under the title: key and layers on one bar, then the folded provenance."""
    # data-dpr-margin: the page sets its editor's notes in the margin; near the top of the page, so
    # that the stylesheet knows it before the first paint (the notes' own section comes last)
    bar = h(
        "div",
        {"class": "dpr-reading-bar", "data-dpr-margin": "" if has_editor_notes else None},
        key_html(bool(anchored.source.notes), has_editor_notes),
        layers_html(),
    )
    return join(bar, "\n\n", provenance_html(anchored, about_url, contribute_url, printed_html))
