"""The hostile edition: the fixture edition plus, for every payload of ``tests/hostile/payloads.yml``
that the validator accepts, a source whose every contributor-controlled field holds it.

Source ``hostile-N`` (for payload N) has the payload in its metadata (title, authors, container,
issue, description, date_note, url_note, rights, title_supplied, anomalies, notices, a rule's
reason), in every line of its raw text (title, byline, standfirst, provenance, paragraphs, heading,
block quotation, list item, bio, the author's note), in its registry (an earlier wording of a
passage and a retired passage, sealed with valid digests) and its pins; an annotation file (body,
read, supply, credit, the quoted words, a locator); a glossary entry (name, alias, short, article)
that the payload in the text links to, so its preview is rendered; a case (name, place, claims,
organs, summary, outcome, calendar note) linked from the text by its link phrase, so its preview is
rendered too; a work (title and fields, a URL when the payload is one) and a chronology event
(title, note, phrase). Markdown fields hold the payload only where it is accepted as Markdown.

One build holds every payload in every field (``make``); ``placed`` says which payload went where.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools import cli
from build_tools.sources import registry
from build_tools.sources.textnorm import squash

from .editions import make_root

HOSTILE = Path(__file__).resolve().parent / "hostile"
PAYLOADS: list[dict[str, str]] = yaml.safe_load((HOSTILE / "payloads.yml").read_text(encoding="utf-8"))
PAD = "the city's soviet met, and every soviet delegate spoke of the case of {slug} in a sentence long enough that a few more words leave it itself."


@dataclass(frozen=True)
class Placed:
    """Where payload ``name`` went: its source ``slug``, and the one-line form ``line`` of it that
    the raw text holds (line breaks become spaces)."""

    name: str
    slug: str
    text: str
    line: str
    markdown: bool  # the payload is in the Markdown fields too
    url: bool  # ... and in the URL fields


def accepted() -> list[dict[str, str]]:
    """The payloads the validator accepts as plain text: those that reach the built site."""
    return [p for p in PAYLOADS if p["plain"] == "inert"]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # write repeated values out in full: the loader refuses aliases


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def _files(n: int, payload: dict[str, str], alias: bool) -> tuple[Placed, dict[str, str]]:
    slug = f"hostile-{n}"
    text = payload["text"]
    line = " ".join(text.split())
    md = text if payload["markdown"] == "inert" else f"A safe note for payload {n}."
    md = md if len(md) >= 10 else f"{md} (payload {n})"  # a definition has at least 10 characters
    url = payload.get("url") == "inert"
    meta = {
        "slug": slug,
        "bibliography": {
            "title": text,
            "authors": [{"family": text, "given": text}, {"name": text}],
            "container": text,
            "publisher": text,
            "issue": text,
            "series": text,
            "date": "2001",
            "rights": text,
            "language": "en",
            "kind": "magazine-article",
            "description": text,
            "date_note": text,
            "url_note": text,
            "title_supplied": text,
            **({"url": text} if url else {}),
        },
        "rules": [
            {"line": 1, "role": "drop", "reason": text},
            {"line": 2, "role": "title"},
            {"line": 3, "role": "byline"},
            {"line": 4, "role": "standfirst"},
            {"line": 5, "role": "provenance"},
            {"line": 7, "role": "heading"},
            {"line": 8, "role": "blockquote"},
            {"line": 10, "role": "list-item", "ordered": True},
            {"line": 11, "role": "bio"},
            {"line": 12, "role": "notes-heading"},
        ],
        "notes": {"lines": "12-13", "start": r"(?P<label>\d+)\.\s+(?P<text>.+)", "markers": "⁽(?P<label>\\d+)⁾", "markers_notice": text, "notices": [text]},
        "gaps": {"add": [{"line": 9, "after": "lost here "}], "notice": text},
        "anomalies": [text],
    }
    raw = "\n".join(
        [
            "Site navigation | Subscribe",
            line,
            line,
            line,
            line,
            f"{line} — {PAD.format(slug=slug)}⁽1⁾",
            line,
            line,
            f"{line}, and words lost here  in the copy.",
            f"1. {line}",
            line,
            "Notes",
            f"1. {line}",
            "",
        ]
    )
    annotations = {
        "source": slug,
        "annotations": [
            {
                "id": "p1" if payload["name"] == "id-passage-lookalike" else f"note-{n}",
                "target": {"passage": "p4", "exact": line},
                "kind": "sic",
                "read": text,
                "credit": text,
                "body": md,
                "sources": [{"work": slug, "at": {"section": text, **({"url": text} if url else {})}}, {"passage": f"{slug}#p4", "quote": line}],
            },
            {
                "id": f"gap-{n}",
                "target": {"passage": "p7", "gap": "g1"},
                "kind": "emendation",
                "supply": text,
                "body": md,
                "sources": [{"passage": f"{slug}#p7"}],
            },
        ],
    }
    entry = {
        "id": slug,
        "name": f"{text} {n}",
        "type": "concept",
        **({"aliases": [line]} if alias else {}),
        "short": md if len(md) < 300 else "A short definition.",
        "article": md,
        "sources": [{"passage": f"{slug}#p4"}],
        "related": ["soviet"],
    }
    claim = {"text": text, "evidence": [{"passage": f"{slug}#p4", "quote": line}]}
    case = {
        "id": slug,
        "name": text,
        "group": "historical",
        "place": text,
        "start": "2001",
        "end": "2002",
        "calendar_note": text,
        "official_power": claim,
        "rival_power": {**claim, "organs": [text]},
        "base": "workplace",
        "outcome": "suppressed",
        "outcome_text": md,
        "summary": md,
        "link_phrases": [f"case of {slug}"],
        "glossary": [slug],
    }
    work = {
        "id": slug,
        "kind": "book",
        "authors": [{"family": text, "given": text}],
        "title": text,
        "publisher": text,
        "place": text,
        "date": "2001",
        "edition": text,
        "note": text,
        **({"url": text} if url else {}),
    }
    event = {
        "id": slug,
        "title": text,
        "ns": "2001-05-01",
        "place": text,
        "phrases": [text],
        "note": text,
        "evidence": [{"work": slug, "at": {"page": text}}],
        "mentions": [{"passage": f"{slug}#p4", "quote": line}],
    }
    files = {
        f"seeds/{slug}.txt": raw,
        f"seeds/{slug}.yml": _dump(meta),
        f"annotations/{slug}.yml": _dump(annotations),
        f"glossary/{slug}.yml": _dump(entry),
        f"cases/{slug}.yml": _dump(case),
        f"reference/works/{slug}.yml": _dump(work),
        f"reference/chronology/{slug}.yml": _dump(event),
    }
    return Placed(payload["name"], slug, text, line, payload["markdown"] == "inert", url), files


def _seal_extras(root: Path, item: Placed) -> None:
    """An earlier wording of p4 and a retired passage holding the payload, with valid digests."""
    path = root / "anchors" / f"{item.slug}.json"
    log = list(json.loads(path.read_text(encoding="utf-8"))["log"])
    current = next(e["text"] for e in log if e.get("id") == "p4" and e["op"] == "add")
    date = log[-1]["date"]
    number = max(int(e["id"][1:]) for e in log if e["op"] == "add" and str(e["id"]).startswith("p") and str(e["id"])[1:].isdigit()) + 1
    log += [
        {"op": "revise", "id": "p4", "kind": "paragraph", "text": f"{current} {item.line}", "date": date},
        {"op": "revise", "id": "p4", "kind": "paragraph", "text": current, "date": date},
        {"op": "add", "id": f"p{number}", "kind": "paragraph", "text": f"{item.line} (a passage since removed)", "date": date},
        {"op": "retire", "id": f"p{number}", "successor": "p4", "how": "removed", "date": date},
    ]
    path.write_text(registry.to_json(registry.Registry(item.slug, registry.chain(log))), encoding="utf-8")


def make(target: Path) -> tuple[Path, list[Placed]]:
    """The hostile edition at ``target``, its registries recorded; the payloads and where they are."""
    root = make_root(target)
    payloads = accepted()
    seen: dict[str, int] = {}
    for payload in payloads:
        key = squash(" ".join(payload["text"].split()))
        seen[key] = seen.get(key, 0) + 1
    placed = []
    for n, payload in enumerate(payloads, 1):
        item, files = _files(n, payload, alias=seen[squash(" ".join(payload["text"].split()))] == 1)
        for rel, text in files.items():
            (root / rel).write_text(text, encoding="utf-8")
        placed.append(item)
    assert cli.main(["--root", str(root), "anchors"]) == 0
    pins: dict[str, Any] = {}
    for item in placed:
        _seal_extras(root, item)
        pins[item.slug] = {"pins": [{"id": "p4", "text": f"{item.line} — the city's"}]}
    (root / "anchors" / "pins.yml").write_text(_dump(pins), encoding="utf-8")
    return root, placed
