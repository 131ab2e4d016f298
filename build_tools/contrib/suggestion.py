"""A "Suggest a note" issue -> one validated entry appended to ``annotations/<slug>.yml``.

The issue body is data: ``issue_form.parse`` splits it into field values, this module maps them
onto the annotation format (the same fields as an entry: target, kind, body, one citation), emits
the entry with the YAML library (so no value can become YAML structure), checks that the new file
reads back to exactly the old entries plus this one, and runs the project's validator
(``build_edition``) on the inputs with the new file. Only a candidate that adds no problem of its
own is returned; ``cli`` writes it through ``site.write``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from ..diagnostics import Diagnostic, error, errors_in
from ..editorial.annotations import KINDS
from ..editorial.edition import build_edition
from ..editorial.works import LOCATOR_KEYS
from ..inputs.files import SLUG, Inputs
from ..inputs.yaml_positions import load_yaml
from . import issue_form
from .issue_form import ISSUE, fenced

_ID = re.compile(r"\A[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
_PID = re.compile(r"\A[a-z][0-9a-z-]*\Z")
_PASSAGE_LINK = re.compile(r"(?:/sources/|^)([a-z][a-z0-9]*(?:-[a-z0-9]+)*)/?#([a-z][0-9a-z-]*)$")
_ALIASES = {"p": "page", "p.": "page", "pp": "page", "pp.": "page", "pages": "page", "vol": "volume", "vol.": "volume", "ch": "chapter", "ch.": "chapter"}
_LOCATOR_WORD = "|".join(sorted({*LOCATOR_KEYS, *(re.escape(a) for a in _ALIASES)}, key=len, reverse=True))
_LOCATOR_PART = re.compile(rf"\A({_LOCATOR_WORD})(?:\s*[:=]\s*|\s+)(.+)\Z", re.I | re.S)
_LOCATOR_SPLIT = re.compile(rf"\s*[,;\n]\s*(?=(?:{_LOCATOR_WORD})(?:\s|:|=))", re.I)


@dataclass(frozen=True)
class Proposal:
    """What a suggestion would change: the annotation file and its new bytes, the entry, the problems."""

    path: str
    content: bytes
    entry: dict[str, Any]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not errors_in(list(self.diagnostics))


def parse_locator(text: str) -> tuple[dict[str, str | int], str]:
    """``chapter 4, page 61–64`` or ``section: The mills`` -> a locator mapping; or a problem."""
    locator: dict[str, str | int] = {}
    for piece in _LOCATOR_SPLIT.split(text.strip()):
        match = _LOCATOR_PART.match(piece.strip())
        if match is None:
            return {}, f"{piece[:60]!r} is not 'chapter 3', 'page 45', 'section: Title', 'entry: 10 October 1917' or 'url https://…'"
        key = _ALIASES.get(match.group(1).lower(), match.group(1).lower())
        value = match.group(2).strip()
        if key in locator:
            return {}, f"'{key}' is given twice"
        locator[key] = int(value) if value.isdigit() and len(value) < 7 else value
    return locator, ""


def _passage_ref(text: str) -> str:
    """``slug#p12`` from ``slug#p12`` or a link to the passage on the site ("" if neither)."""
    match = _PASSAGE_LINK.search(text.strip())
    return f"{match.group(1)}#{match.group(2)}" if match else ""


def _line_of(body: str, key: str) -> int:
    label = issue_form.BY_KEY[key].label
    for i, line in enumerate(body.replace("\r\n", "\n").split("\n"), 1):
        if line.startswith("### ") and line[4:].strip() == label:
            return i
    return 1


def note_id(exact: str, taken: set[str]) -> str:
    """A readable id from the first words of the quote (ASCII), unique among ``taken``."""
    ascii_text = unicodedata.normalize("NFKD", exact).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)[:5]
    base = "-".join(words)[:40].strip("-") or "note"
    if not base[0].isalpha():
        base = f"note-{base}"
    candidate, n = base, 2
    while candidate in taken or not _ID.match(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def entry_from_values(values: dict[str, str], body: str, taken: set[str]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The annotation entry the form's values describe, or the problems with them."""
    found: list[Diagnostic] = []

    def bad(key: str, message: str) -> None:
        found.append(error(ISSUE, _line_of(body, key), 1, "I002", message))

    link = _passage_ref(values["passage"])
    pid = link.partition("#")[2] if link else values["passage"].strip().lstrip("#")
    if not _PID.match(pid):
        bad("passage", f"{values['passage'][:60]!r} is not a passage id such as p12 (shown beside the passage on its page)")
    kind = values["kind"].split()[0].strip().lower() if values["kind"].split() else ""
    if kind not in KINDS:
        bad("kind", f"{values['kind'][:40]!r} is not one of: {', '.join(KINDS)}")
    target: dict[str, Any] = {"passage": pid, "exact": values["exact"]}
    for key in ("prefix", "suffix"):
        if values.get(key):
            target[key] = values[key]
    entry: dict[str, Any] = {"id": note_id(values["exact"], taken), "target": target, "kind": kind}
    if values.get("read"):
        entry["read"] = values["read"]
    entry["body"] = values["body"]
    sources: list[dict[str, Any]] = []
    if values.get("work"):
        work: dict[str, Any] = {"work": values["work"].strip()}
        if not _ID.match(work["work"]):
            bad("work", f"{values['work'][:60]!r} is not a work key such as rabinowitch-1976 (see the Works cited page)")
        if values.get("at"):
            locator, problem = parse_locator(values["at"])
            if problem:
                bad("at", problem)
            work["at"] = locator
        sources.append(work)
    elif values.get("at"):
        bad("at", "'Where in the work' needs a 'Work cited'")
    if values.get("cited_passage"):
        ref = _passage_ref(values["cited_passage"])
        if not ref:
            bad("cited_passage", f"{values['cited_passage'][:60]!r} is not a passage such as callinicos-1977-soviet-power#p12")
        cited: dict[str, Any] = {"passage": ref}
        if values.get("quote"):
            cited["quote"] = values["quote"]
        sources.append(cited)
    elif values.get("quote"):
        bad("quote", "'Words quoted from the passage cited' needs a 'Passage cited'")
    if not sources:
        message = "the note cites nothing: give a 'Work cited' with 'Where in the work', or a 'Passage cited'"
        found.append(error(ISSUE, _line_of(body, "work"), 1, "I001", message))
    entry["sources"] = sources
    if values.get("credit"):
        entry["credit"] = values["credit"]
    return entry, found


class _Dumper(yaml.SafeDumper):
    """Safe dumping in the files' own style: list items indented under their key, text with line
    breaks as a literal block (which reads as written)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(str, _text)


def entry_yaml(entry: dict[str, Any]) -> str:
    """The entry as an item of the file's ``annotations:`` list (indented by two spaces)."""
    text = yaml.dump([entry], Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return "".join(f"  {line}" if line.strip() else line for line in text.splitlines(keepends=True))


def appended(existing: bytes | None, slug: str, entry: dict[str, Any]) -> bytes:
    """The annotation file with ``entry`` added at the end of its list (a new file if there is none)."""
    header = f"# yaml-language-server: $schema=../schemas/annotations.schema.json\nsource: {slug}\nannotations:\n"
    if existing is None or not existing.strip():
        return (header + entry_yaml(entry)).encode("utf-8")
    text = existing.decode("utf-8")
    located, _ = load_yaml("x.yml", existing)
    if located is not None and located.data.get("annotations") == []:
        # `annotations: []` cannot be extended in place: keep the file's comments, write the list anew
        kept = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
        return (kept + header.split("\n", 1)[1] + entry_yaml(entry)).encode("utf-8")
    return ((text if text.endswith("\n") else text + "\n") + entry_yaml(entry)).encode("utf-8")


def _reads_back(path: str, old: bytes | None, new: bytes, entry: dict[str, Any]) -> bool:
    """True if ``new`` holds exactly the old entries, in order, followed by ``entry``."""
    located, problems = load_yaml(path, new)
    if located is None or problems:
        return False
    before: list[Any] = []
    if old is not None and old.strip():
        old_located, _ = load_yaml(path, old)
        if old_located is None:
            return False
        before = list(old_located.data.get("annotations") or [])
    after = located.data.get("annotations")
    return isinstance(after, list) and after == [*before, entry]


def propose(inputs: Inputs, body: str) -> Proposal:
    """Everything the issue ``body`` would add, validated against the edition built from ``inputs``."""
    values, found = issue_form.parse(body)
    if found:
        return Proposal("", b"", {}, tuple(found))
    slug = values["source"].strip()
    if not SLUG.match(slug) or f"seeds/{slug}.yml" not in inputs.files:
        known = ", ".join(sorted(s for s in inputs.under("seeds", ".yml")))
        return Proposal("", b"", {}, (error(ISSUE, _line_of(body, "source"), 1, "I002", f"{slug[:60]!r} is not a source of the edition (sources: {known})"),))
    path = f"annotations/{slug}.yml"
    old = inputs.files.get(path)
    located, _ = load_yaml(path, old) if old is not None else (None, ())
    items = located.data.get("annotations") if located is not None else None
    taken = {str(item.get("id")) for item in items if isinstance(item, dict)} if isinstance(items, list) else set()
    entry, found = entry_from_values(values, body, taken)
    if found:
        return Proposal(path, b"", entry, tuple(found))
    content = appended(old, slug, entry)
    if not _reads_back(path, old, content, entry):
        message = f"{path} does not end with its 'annotations:' list, so the entry cannot be appended safely"
        return Proposal(path, b"", entry, (error(path, 1, 1, "I003", message),))
    _, before = build_edition(inputs)
    broken = [d for d in errors_in(before) if d.path == path and d.code != "A010"]  # unemended gaps leave the file readable
    if broken:
        message = f"{path} has {len(broken)} error(s) of its own (first: {broken[0].code} at line {broken[0].line})"
        return Proposal(path, b"", entry, (error(path, 1, 1, "I003", message),))
    _, after = build_edition(Inputs({**inputs.files, path: content}))
    problems = tuple(d for d in errors_in(after) if d.path == path)
    return Proposal(path, b"" if problems else content, entry, problems)


def comment(proposal: Proposal) -> str:
    """The Markdown the workflow posts on the issue: the entry, or the problems to fix (all fenced, so inert)."""
    if proposal.ok and proposal.content:
        return "\n".join(
            [
                f"This suggestion reads as a valid editor's note. It has been added to `{proposal.path}` as:",
                "",
                fenced(entry_yaml(proposal.entry).rstrip("\n"), "yaml"),
                "",
                "A pull request with it follows; the usual checks run on it, and a maintainer reviews the note.",
            ]
        )
    problems = "\n".join(d.format() for d in sorted(proposal.diagnostics))
    return "\n".join(
        [
            "This suggestion cannot be turned into a note yet. Please edit the issue (keep its headings) to fix:",
            "",
            fenced(problems),
            "",
            "A maintainer will then apply the label again.",
        ]
    )
