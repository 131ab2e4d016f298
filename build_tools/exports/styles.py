"""The stylesheets of the exports: the site's marks (the editor's blue, the gap's brown, the
accent's red, all AA contrast on white) for reading systems, and the page layout for print.

The EPUB's sets no font and no fixed size, so reading systems keep the reader's choices; print
names its faces by file (``pdf.FONTS``) and places notes at the foot of the page and passage
numbers in the margin.
"""

from __future__ import annotations

MARKS_CSS = """
.pnum { font-family: sans-serif; font-size: 0.7em; color: #5a5a5a; margin-right: 0.5em; font-variant-numeric: tabular-nums; }
.annotated { text-decoration: underline dotted #1d5c8c; text-decoration-thickness: 1px; text-underline-offset: 0.2em; }
.eref, .aref { font-size: 0.7em; line-height: 0; vertical-align: super; }
.eref a { color: #1d5c8c; font-style: italic; text-decoration: none; }
.aref a { text-decoration: none; }
.sic { font-size: 0.75em; font-style: italic; color: #1d5c8c; margin-left: 0.15em; }
.supplied { color: #1d5c8c; }
.supplied .bracket { font-weight: bold; }
.gap { color: #7a4b00; background: #f6eee0; padding: 0 0.15em; white-space: nowrap; }
a.gloss, a.caselink { color: inherit; text-decoration: underline; text-decoration-color: #a3231f; }
a.caselink { text-decoration-style: dashed; }
.ednotice { color: #1d5c8c; }
.edlabel { font-weight: bold; }
"""

EPUB_CSS = (
    """/* Dual Power Reader: the site's marks for reading systems. No fonts and no fixed sizes. */
body { margin: 0 0.5em; line-height: 1.45; }
h1, h2, h3 { line-height: 1.25; }
.standfirst { font-style: italic; }
.byline { font-variant: small-caps; }
.provenance { font-size: 0.85em; border-top: 1px solid #ccc; border-bottom: 1px solid #ccc; margin: 1em 0; padding: 0.4em 0; }
.provenance dt { font-weight: bold; }
.provenance dd { margin: 0 0 0.3em 1.2em; }
blockquote.quote { margin: 1em 1.5em; }
.bio-box { font-style: italic; border-top: 1px solid #ccc; margin-top: 1.5em; }
ol.list { list-style: none; }
.heading .pnum { font-weight: normal; }
.retired { display: none; }
aside.note, aside.ednote, p.note { font-size: 0.9em; margin: 0.6em 0; }
.note-label, .ednote-label { font-weight: bold; text-decoration: none; }
.ednote-label { color: #1d5c8c; font-style: italic; }
.ednote .kind { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.85em; color: #1d5c8c; }
.ednote p { margin: 0.25em 0; }
.received, .ednote-sources { font-size: 0.92em; color: #4a4a4a; }
.editor-notes { border-top: 1px solid #ccc; margin-top: 2em; }
.glossary-list dt { font-weight: bold; margin-top: 1em; }
.glossary-list dd { margin-left: 1.2em; }
.gtype, .case-meta, .occurs, .gsources, .evidence, .mentions { font-size: 0.9em; color: #4a4a4a; }
.cover { text-align: center; margin-top: 3em; }
.cover-title { font-size: 2em; }
.cover-subtitle { font-style: italic; }
.cover-rights, .cover-site { font-size: 0.85em; margin-top: 3em; }
.events, .works-list { padding-left: 1.5em; }
.work { margin-bottom: 0.5em; }
"""
    + MARKS_CSS
)


def _faces(fonts: tuple[tuple[str, str, str, str], ...]) -> str:
    return "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; src: url("file://{path}"); }}\n'
        for family, weight, style, path in fonts
    )


PRINT_LAYOUT = """
@page {
  margin: 24mm 26mm 24mm 32mm;
  @top-left { content: string(book); font: italic 8.5pt "DPR Serif", "DPR Fallback"; color: #555; }
  @top-right { content: string(chapter); font: italic 8.5pt "DPR Serif", "DPR Fallback"; color: #555; width: 60%; text-align: right; }
  @bottom-center { content: counter(page); font: 9pt "DPR Serif", "DPR Fallback"; }
  @footnote { border-top: 0.5pt solid #999; }
}
@page :first { @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }
@page :blank { @top-left { content: none; } @top-right { content: none; } }
html { font-family: "DPR Serif", "DPR Fallback", serif; font-size: 10.5pt; line-height: 1.42; hyphens: auto; }
body { margin: 0; string-set: book "Dual Power Reader"; }
a { color: inherit; text-decoration: none; }
h1, h2, h3 { line-height: 1.2; break-after: avoid; hyphens: manual; }
h1 { font-size: 18pt; margin: 0 0 6mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
section.source, section.glossary, section.cases, section.chronology, section.works, nav.contents { break-before: page; }
section.source { string-set: chapter attr(data-running); }
.chapter-title { string-set: chapter content(); }
.cover { text-align: center; padding-top: 55mm; }
.cover-title { font-size: 26pt; margin-bottom: 8mm; }
.cover-subtitle, .cover-author { font-size: 13pt; font-style: italic; }
.cover-editors { margin-top: 22mm; font-size: 12pt; }
.cover-date { font-size: 11pt; }
.cover-rights, .cover-site { font-size: 8.5pt; color: #444; margin: 30mm 10mm 0; }
.cover-site { margin-top: 3mm; }
.contents ol { list-style: none; padding: 0; }
.contents li { margin: 1.5mm 0; }
.contents a::after { content: leader(". ") target-counter(attr(href), page); }
.standfirst { font-style: italic; font-size: 11.5pt; }
.byline { font-variant: small-caps; letter-spacing: 0.03em; }
.provenance { font-family: "DPR Sans", "DPR Fallback"; font-size: 8pt; line-height: 1.35; color: #333; border-top: 0.5pt solid #999;
  border-bottom: 0.5pt solid #999; padding: 2mm 0; margin: 4mm 0 6mm; }
.provenance dl { display: grid; grid-template-columns: 22mm auto; margin: 0 0 2mm; }
.provenance dt { font-weight: bold; }
.provenance dd { margin: 0 0 0.8mm; }
.provenance p { margin: 1mm 0; }
.passage { position: relative; margin: 0 0 2.2mm; text-align: justify; orphans: 2; widows: 2; }
.pnum { position: absolute; left: -17mm; width: 12mm; text-align: right; font: 7pt "DPR Sans", "DPR Fallback"; color: #8a1d1a; margin: 0; top: 0.25em; }
h2.passage .pnum, h3.passage .pnum { top: 0.5em; font-weight: normal; }
blockquote.quote { margin: 3mm 8mm; font-size: 10pt; }
blockquote.quote .pnum { left: -25mm; }
ul.list, ol.list { margin: 2mm 0; padding-left: 8mm; }
ol.list { list-style: none; }
ul.list .pnum, ol.list .pnum { left: -25mm; }
.bio-box { font-style: italic; border-top: 0.5pt solid #999; margin-top: 6mm; padding-top: 2mm; }
.retired { display: none; }
/* footnote-policy: line: a line whose notes do not fit moves to the next page with them, so notes never drift
   pages away from their calls (a dense source drifted ten pages, into the glossary) and layout is faster */
.fn { float: footnote; footnote-policy: line; margin-top: 1.2mm; font-size: 8.3pt; line-height: 1.3; text-align: left; }
.fn { font-style: normal; font-weight: normal; }
.fn::footnote-call { content: attr(data-mark); vertical-align: super; font-size: 68%; line-height: 0; font-family: "DPR Sans", "DPR Fallback"; }
.fn::footnote-marker { content: attr(data-mark) " "; font-family: "DPR Sans", "DPR Fallback"; font-weight: bold; }
.fn-ed::footnote-call, .fn-ed::footnote-marker { color: #1d5c8c; font-style: italic; }
.fn p { margin: 0; }
.fn .ednote-head { display: inline; }
.fn .ednote-head + p { display: inline; }
.fn .ednote-head + p::before { content: " "; }
.fn-inner { display: block; margin-top: 0.6mm; }
.fn-inner-mark { color: #1d5c8c; font-style: italic; font-family: "DPR Sans", "DPR Fallback"; }
.fn-inner .ednote-head, .fn-inner .ednote-head + p { display: inline; }
.fn-inner .ednote-head + p::before { content: " "; }
.fn .kind { font-family: "DPR Sans", "DPR Fallback"; font-size: 7pt; text-transform: uppercase; letter-spacing: 0.05em; color: #1d5c8c; }
.received, .ednote-sources { color: #444; }
.uncalled { margin-top: 6mm; font-size: 9pt; }
.uncalled .note { margin: 1mm 0; }
.note-label { font-weight: bold; margin-right: 1mm; }
.glossary-list dt { font-weight: bold; margin-top: 3mm; break-after: avoid; }
.glossary-list dd { margin: 0 0 0 5mm; }
.glossary-list dd p { margin: 1mm 0; }
.gtype { font-weight: normal; font-style: italic; color: #444; }
.short { font-style: italic; }
.occurs, .gsources, .related, .evidence, .mentions, .case-meta, .intro { font-size: 9pt; color: #333; }
.events, .works-list { padding-left: 6mm; }
.event, .work { margin-bottom: 2mm; break-inside: avoid; }
.event p { margin: 0.5mm 0; }
.case { break-inside: auto; }
"""


def print_css(size: str, fonts: tuple[tuple[str, str, str, str], ...]) -> str:
    """The print stylesheet at one page size, with its faces named by file."""
    return _faces(fonts) + f"@page {{ size: {size}; }}\n" + MARKS_CSS + PRINT_LAYOUT
