"""The chronology (``reference/chronology/<id>.yml``, one event a file): one answer for each date.

Editorial text gives an event's date with ``{date:EVENT-ID}``, which renders the chronology's date
("25 September (8 October) 1917"), instead of restating it. The build checks the rest: a sentence
of editorial text that names an event (its ``phrases``) and gives a date outside quotation marks
must give the chronology's date, Old Style or New Style. A date a source gives is reported in
quotation marks ("Alexander gives “23 September”") or recorded as a ``mention`` with ``gives``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..inputs import schema_check
from ..inputs.schema_check import real_date
from ..inputs.yaml_positions import Located, Path, load_yaml
from . import markdown_subset, quotes, refs
from .dates import MONTHS, human

CHRONOLOGY = "reference/chronology"
#: Russia kept the Julian calendar until 31 January 1918 (Old Style); 1 February OS became 14 February NS.
GREGORIAN_IN_RUSSIA = datetime.date(1918, 2, 14)
SHORTCODE = re.compile(r"\{date:([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}")
_DATE = re.compile(r"\b(\d{1,2})(?:\s*[–-]\s*\d{1,2})?\s+(" + "|".join(MONTHS) + r")\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


@dataclass(frozen=True)
class Mention:
    slug: str
    pid: str
    quote: str
    gives: str


@dataclass(frozen=True)
class Event:
    eid: str
    title: str
    ns: str
    place: str
    evidence: tuple[refs.Ref, ...]
    os: str = ""
    phrases: tuple[str, ...] = ()
    note: str = ""
    mentions: tuple[Mention, ...] = ()

    def day_months(self) -> set[tuple[int, int]]:
        """(day, month) of the Old and New Style dates."""
        out = set()
        for date in (self.os, self.ns):
            parts = [int(p) for p in date.split("-")] if date else []
            if len(parts) == 3:
                out.add((parts[2], parts[1]))
        return out


def both_styles(event: Event) -> str:
    """The event's date as the edition prints it: Old Style with New Style in brackets."""
    if not event.os:
        return human(event.ns)
    old, new = event.os.split("-"), event.ns.split("-")
    if len(old) < 3 or len(new) < 3:
        return f"{human(event.os)} ({human(event.ns)} NS)"
    if old[0] == new[0]:
        return f"{int(old[2])} {MONTHS[int(old[1]) - 1]} ({int(new[2])} {MONTHS[int(new[1]) - 1]}) {old[0]}"
    return f"{human(event.os)} ({human(event.ns)})"


def expand(text: str, events: dict[str, Event]) -> tuple[str, tuple[str, ...], list[str]]:
    """``text`` with every ``{date:ID}`` replaced by the chronology's date; the ids used; problems."""
    used: list[str] = []
    problems: list[str] = []

    def replace(match: re.Match[str]) -> str:
        eid = match.group(1)
        event = events.get(eid)
        if event is None:
            problems.append(f"no event {eid!r} in {CHRONOLOGY}")
            return match.group(0)
        used.append(eid)
        return both_styles(event)

    return SHORTCODE.sub(replace, text), tuple(dict.fromkeys(used)), problems


def disagreements(text: str, events: dict[str, Event]) -> list[str]:
    """Sentences that name an event and give a date in its month that is not the chronology's.

    ``text`` is editorial text before ``{date:ID}`` is filled in: dates from the chronology are not
    checked again, nor dates in quotation marks (what a source says). A sentence may name several
    events; a date passes if it is the date of any of them.
    """
    found: list[str] = []
    for sentence in _SENTENCE.split(SHORTCODE.sub(" ", text)):
        bare = _QUOTED.sub(" ", sentence)
        dates = {(int(m.group(1)), MONTHS.index(m.group(2)) + 1) for m in _DATE.finditer(bare)}
        if not dates:
            continue
        lowered = bare.lower()
        named = [e for e in events.values() if e.phrases and any(p.lower() in lowered for p in e.phrases)]
        allowed = {d for e in named for d in e.day_months()}
        for event in named:
            months = {m for _, m in event.day_months()}
            wrong = sorted(d for d in dates if d not in allowed and d[1] in months)
            if wrong:
                given = ", ".join(f"{d} {MONTHS[m - 1]}" for d, m in wrong)
                found.append(
                    f"gives {given} for “{event.title}”; the chronology has {both_styles(event)}: write {{date:{event.eid}}}, or quote the source that says so"
                )
    return found


def load_chronology(files: dict[str, bytes], corpus: refs.Corpus) -> tuple[dict[str, Event], list[Diagnostic]]:
    """Every event of ``reference/chronology/<id>.yml`` by id, validated (real dates, 13 days apart)."""
    events: dict[str, Event] = {}
    found: list[Diagnostic] = []
    for stem, raw in sorted(files.items()):
        event = _event(f"{CHRONOLOGY}/{stem}.yml", stem, raw, corpus, found)
        if event is not None:
            events[event.eid] = event
    return events, found


def _event(path: str, stem: str, raw: bytes, corpus: refs.Corpus, found: list[Diagnostic]) -> Event | None:
    located, problems = load_yaml(path, raw)
    if located is None:
        found.extend(problems)
        return None
    schema_problems = schema_check.check(located, "event.schema.json")
    if schema_problems:
        found.extend(schema_problems)
        return None
    item = located.data
    if item["id"] != stem:
        found.append(located.error(("id",), "S006", f"id {item['id']!r} differs from the file name {stem!r}"))
        return None
    bad = [f for f in ("os", "ns") if f in item and not real_date(item[f])]
    for field in bad:
        found.append(located.error((field,), "S008", f"{item[field]!r} is not a real date"))
    if not bad and "os" in item and len(item["os"]) == 10 and len(item["ns"]) == 10:
        old, new = datetime.date.fromisoformat(item["os"]), datetime.date.fromisoformat(item["ns"])
        if (new - old).days != 13 or new >= GREGORIAN_IN_RUSSIA:
            found.append(located.error(("ns",), "H003", f"Old Style {item['os']} and New Style {item['ns']} are not 13 days apart before 14 February 1918"))
    evidence, more = refs.parse_refs(located, ("evidence",), item["evidence"], corpus)
    found.extend(more)
    if not item["evidence"]:
        found.append(located.error(("evidence",), "A006", "the event cites no evidence"))
    mentions = []
    for j, mention in enumerate(item.get("mentions", [])):
        slug, _, pid = mention["passage"].partition("#")
        if corpus.skip(slug):
            continue
        text = corpus.passage_text(slug, pid)
        if text is None:
            found.append(located.error(("mentions", j, "passage"), "A007", f"no passage {mention['passage']!r}"))
            continue
        if mention.get("quote") and not quotes.find_all(text, mention["quote"]):
            found.append(located.error(("mentions", j, "quote"), "A002", f"quote {mention['quote'][:60]!r} is not in {mention['passage']}"))
            continue
        if mention.get("gives") and not real_date(mention["gives"]):
            found.append(located.error(("mentions", j, "gives"), "S008", f"{mention['gives']!r} is not a real date"))
            continue
        mentions.append(Mention(slug, pid, mention.get("quote", ""), mention.get("gives", "")))
    return Event(
        eid=item["id"],
        title=item["title"],
        ns=item["ns"],
        os=item.get("os", ""),
        place=item["place"],
        evidence=evidence,
        phrases=tuple(item.get("phrases", [])),
        note=item.get("note", ""),
        mentions=tuple(mentions),
    )


def editorial_text(located: Located, path: Path, text: str, corpus: refs.Corpus, found: list[Diagnostic]) -> tuple[str, tuple[str, ...]]:
    """Editorial Markdown with chronology dates filled in (``{date:ID}``), and the event ids used.

    Reports unknown event ids and sentences that give an event another date than the chronology's.
    """
    expanded, used, problems = expand(text, corpus.events)
    for problem in problems:
        found.append(located.error(path, "H001", problem))
    for slug, pid in markdown_subset.passage_links(text):
        if not corpus.skip(slug) and corpus.passage_text(slug, pid) is None:
            found.append(located.error(path, "A007", f"the link to passage:{slug}#{pid} leads to no passage of the edition"))
    for problem in disagreements(text, corpus.events):
        found.append(located.error(path, "H002", problem))
    return expanded, used
