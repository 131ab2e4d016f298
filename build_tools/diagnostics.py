"""Diagnostics: one message per problem, in the form ``path:line:col: error CODE: message``.

Every pure step returns its result together with a tuple of diagnostics; only real bugs raise.
All codes are catalogued in ``CODES`` (and documented in docs/contributing/errors.md, which a test
keeps in step with this table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: code -> (short title, hint shown under every message with this code)
CODES: dict[str, tuple[str, str]] = {
    # YAML and schema (any data file)
    "Y001": ("file is not valid YAML", "Check indentation and quoting; strings containing ': ' need quotes."),
    "Y002": ("YAML feature not allowed", "Use plain mappings, lists and strings: no tags, anchors or aliases."),
    "Y003": ("file is not a mapping", "The top level of the file must be a mapping of keys to values."),
    "Y004": ("file not readable as UTF-8 text", "Save the file as UTF-8."),
    "Y005": ("control character not allowed", "Remove the character (often pasted with text): control and bidirectional-override characters are refused."),
    "Y006": ("byte-order mark", "Save the file as UTF-8 without a byte-order mark (BOM)."),
    "S001": ("required field missing", "Add the field; see the format documentation for an example."),
    "S002": ("unknown field", "Remove the field or fix its spelling; the format allows only documented keys."),
    "S003": ("wrong type", "Give the value in the documented type (text, number, list or mapping)."),
    "S004": ("value not allowed", "Use one of the documented values."),
    "S005": ("malformed id or value", "Ids use lowercase letters, digits and hyphens, starting with a letter; other values follow the documented form."),
    "S006": ("id does not match file name", "Rename the file or the id so they agree."),
    "S007": ("duplicate id", "Ids are permanent and unique; choose a new one."),
    "S008": ("bad date", "Write dates as YYYY, YYYY-MM or YYYY-MM-DD."),
    "S009": ("unsafe or malformed URL", "Only https:// (or http://) URLs are allowed."),
    "S010": ("symbolic link or path outside the repository", "Put the file itself in the folder; links are not followed."),
    "S011": ("file too large", "Inputs are small text files; split the file or check that it is the file you meant."),
    "S012": ("unexpected file type", "Each folder holds one kind of file (see the format documentation); move or rename the file."),
    "S013": ("reserved name", "The name `index` would replace a section's index page; choose another id."),
    "S014": (
        "hand-written page where a generated one goes",
        "Rename the file in docs/: generated pages own sources/, glossary/, cases/, works/, chronology/ and data/.",
    ),
    # source metadata (seeds/<slug>.yml)
    "M001": ("raw text missing", "Put the raw text beside the metadata file as seeds/<slug>.txt."),
    "M002": ("line range outside the file", "Line numbers count from 1 and must exist in the raw text."),
    "M003": ("rule matches no line", "Fix the rule's text or line number so it selects the intended line."),
    "M004": ("line claimed by two rules", "Each line may have one role; remove one of the rules."),
    "M005": ("expected text not on that line", "The `expect` guard failed: the line number is probably off."),
    "M006": ("marker style finds no markers", "Check the marker pattern against the text, or declare `markers: none`."),
    "M007": ("marker without a note", "Add the note, map the marker in `overrides`, or fix the pattern."),
    "M008": ("note without a marker", "Add an override or list the note in `unreferenced` with a notice."),
    "M009": ("repeated marker", "Resolve it in `overrides` with a notice that readers will see."),
    "M010": ("invalid regular expression", "Fix the pattern; it is a Python regular expression."),
    "M011": ("debris pattern matches nothing", "Remove the rule or fix its pattern."),
    "M012": ("gap rule matches nothing", "Remove the rule or fix its text."),
    "M015": (
        "the raw text has moved",
        "Lines were inserted or removed in the raw text: shift the line numbers of the rules that follow, or select lines with `match:`.",
    ),
    "M016": (
        "not checked: its source has errors",
        "Fix the errors of the source's raw text and metadata (reported first); then the notes that cite it are checked.",
    ),
    "M017": ("pattern too slow", "A regular expression backtracks without end on the text: make it simpler (avoid nested repeats such as (a+)+)."),
    "M013": ("metadata file missing", "Add seeds/<slug>.yml beside the raw text (see docs/contributing/source-format.md)."),
    "M014": ("empty text", "The raw text holds no words; check that the right file was saved."),
    # anchors
    "P001": ("anchor registry out of date", "Run `make anchors` (python -m build_tools anchors) and commit anchors/."),
    "P002": ("ambiguous passage match", 'Pin the right id in anchors/pins.yml by the words the passage starts with: `- {id: pN, text: "..."}` under `pins:`.'),
    "P003": (
        "registered anchor does not resolve",
        "An id once published must resolve on its page: run `make anchors` (which records retirements) and rebuild.",
    ),
    "P004": ("anchor registry damaged", "The registry is append-only: restore it from git history."),
    "P005": ("bad pin or decision", "A pin names an active id (or `new`) and the words its passage starts with; a decision names an id that is being retired."),
    "P009": ("new address not yet recorded", "Run `make anchors` and commit anchors/site.json (on main, the publish workflow does it when it publishes)."),
    "P006": ("bad redirect", "Redirects map /old/page/ to /new/page/ inside the site, without loops."),
    "P007": ("registry contradicts itself", "The registry is an append-only log: restore anchors/<slug>.json from git history and run `make anchors` again."),
    "P008": ("retired passage needs a decision", "Check where its words went; record the decision under `retire:` in anchors/pins.yml."),
    # the built site
    "V001": ("resource from another host", "Serve every font, script, style and image from the site itself."),
    "V002": ("broken internal link", "Fix the link or the page it points to."),
    "V003": ("live markup in page content", "Contributor text must render as inert text; check the sanitizer."),
    "V004": ("no built site", "Run `make build` first."),
    "V005": ("site engine failed", "Read MkDocs' message above; it usually names the page and the problem."),
    # the exports (EPUB, PDF, TEI)
    "X001": (
        "font for the print edition missing",
        "Run `make system-deps` (it installs fonts-sil-charis and fonts-noto-core), or build without PDFs: `python -m build_tools build --exports epub,tei`.",
    ),
    # annotations
    "A001": ("unknown passage", "Use a passage id shown in the margin of the source page."),
    "A002": ("quoted words not found", "Copy the words exactly from the passage."),
    "A003": ("quoted words ambiguous", "Add `prefix` or `suffix` so the words occur once in the passage."),
    "A004": ("unknown gap", "Use a gap id listed by `python -m build_tools passages <slug>`."),
    "A005": ("emendation needs supply or unrecoverable", "Give `supply: words` or `unrecoverable: true`, not both."),
    "A006": ("note cites no source", "Add at least one item under `sources`."),
    "A007": ("bad citation", "A work needs author, title and year; a passage needs slug#id of a real passage."),
    "A008": ("Markdown outside the allowed subset", "Use paragraphs, emphasis, strong, https links and lists only."),
    "A009": ("annotation file for unknown source", "Name the file after a source slug in seeds/."),
    "A010": ("gap without emendation", "Every gap needs an emendation note: `supply:` or `unrecoverable: true`."),
    "A011": ("overlapping annotations", "Two notes mark overlapping words; narrow one of them."),
    "A012": ("gap annotated twice", "Keep one emendation per gap."),
    "A015": ("quotation too long", "Quote a few words that identify the place (at most 1,000 characters); the note covers the rest."),
    "A013": ("unknown work", "Cite a work by its key in reference/works.yml; add the work there first if it is new."),
    "A014": ("citation without a locator", "Say where in the work: `at: {chapter: 3}`, `at: {page: 45}`, `at: {section: ...}` or the `url` of the part cited."),
    "H001": ("unknown chronology event", "Use the id of an event in reference/chronology.yml, as in {date:october-insurrection}."),
    "H002": (
        "date disagrees with the chronology",
        "Give the event's date with {date:EVENT-ID}; put a date a source gives in quotation marks and name the source.",
    ),
    "H003": (
        "Old and New Style dates do not agree",
        "In 1900-1918 the New Style date is 13 days after the Old Style date; Russia changed on 14 February 1918 (NS).",
    ),
    "W001": ("weak source", "Cite the original publication or a scholarly work, not a blog, tag page, mirror or machine-written page."),
    # glossary and cases
    "G001": ("unknown related entry", "Use the id of an existing glossary entry."),
    "G002": ("alias claimed by two entries", "Each phrase may link to one entry; remove it from one of them."),
    "G003": ("entry matches nothing in the sources", "Check the aliases against the texts."),
    "G004": ("definition too long", "Keep `short` to one or two sentences (at most 320 characters)."),
    "C001": ("case cites no passage of the sources", "Add an evidence item `passage: slug#pN`."),
    "C002": ("end before start", "Check the dates."),
    "C003": ("unknown glossary entry", "Use the id of an existing glossary entry."),
    # the editorial standard (what `make test` holds the content to; `check` reports it)
    "R001": ("too few editor's notes in a source", "Each source needs at least one editor's note per 500 words: add notes in annotations/<slug>.yml."),
    "R002": ("too few editor's notes in the set", "The set needs at least one editor's note per 250 words overall: add notes to any source."),
    # the "Suggest a note" issue form (python -m build_tools suggestion)
    "I001": ("suggestion form incomplete", "Fill in every required field of the \u201cSuggest a note\u201d form (edit the issue), then apply the label again."),
    "I002": (
        "suggestion form value not usable",
        "Give the value in the form the field's description shows: a source slug, a passage id such as p12, a locator such as `chapter 3, page 45`.",
    ),
    "I003": (
        "annotation file cannot take the suggestion",
        "Fix the annotation file first (it must be valid and end with its `annotations:` list), or add the entry by hand.",
    ),
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in one place of one input file."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """Render as ``path:line:col: error CODE: message`` plus an indented hint line."""
        hint = CODES.get(self.code, ("", ""))[1]
        text = f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code}: {self.message}"
        return f"{text}\n    hint: {hint}" if hint else text


def error(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    """Shorthand for an error diagnostic; unknown codes are a programming error."""
    if code not in CODES:
        raise KeyError(f"undocumented diagnostic code {code}")
    return Diagnostic(path, line, col, code, message)


def warning(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    """Shorthand for a warning: printed, but nothing is refused."""
    if code not in CODES:
        raise KeyError(f"undocumented diagnostic code {code}")
    return Diagnostic(path, line, col, code, message, "warning")


def first_causes(diagnostic: Diagnostic) -> tuple[int, Diagnostic]:
    """Sort key that puts the raw texts and their metadata first: everything else depends on them."""
    return (0 if diagnostic.path.startswith("seeds/") else 1, diagnostic)


def errors_in(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of severity error, de-duplicated, causes (the sources) first."""
    return sorted({d for d in diagnostics if d.severity == "error"}, key=first_causes)
