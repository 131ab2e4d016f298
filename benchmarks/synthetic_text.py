"""The texts of the synthetic corpus (``benchmarks/synthetic.py``): glossary terms, raw source texts
with site chrome, headings, quotations, author's notes, scraper debris and lost words, and the
metadata file that declares every editorial decision about them.

Deterministic: source ``k`` is the same text whatever the size of the corpus.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_WORDS = (
    "the of and to in a that is was for on as with by it at from this which be are were not but or their "
    "they had have all its one an has more been also when who would there than other into only these such "
    "workers power state class council councils party government movement struggle strike strikes revolution "
    "revolutionary political economic social organisation organisations factory factories soldiers peasants "
    "delegates committee committees assembly assemblies city cities country army army's masses majority "
    "minority leaders leadership members meeting meetings demands demand control question questions form "
    "forms new old first second last great small whole every many most some few own same different "
    "national local central general popular democratic direct parallel existing official rival unstable "
    "crisis moment period weeks months years days history argument debate example model tradition theory "
    "practice experience events conditions situation position development support opposition pressure "
    "authority institutions bodies structures order regime system parliament elections vote votes press "
    "newspaper writers historians account accounts view views sense way ways point points matter case cases "
    "could should might must will can did does became become began remained seemed argued wrote called "
    "described showed proved refused accepted rejected demanded organised elected formed spread grew "
    "collapsed survived emerged challenged defended opposed supported replaced took gave made found saw "
    "between against during after before under over within without through across toward towards among "
    "however therefore indeed still already again always never often sometimes perhaps rather even "
    "both either neither each whether while because although though since until unless so then thus "
    "here where what how why what's nothing something everything nobody everyone people workplace "
    "workplaces districts neighbourhoods streets railways ports mines docks shipyards printers bakers"
)
COMMON = tuple(_WORDS.split())
ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr", "gr", "sk", "pl")
VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou", "ia")
CODAS = ("", "", "n", "r", "l", "s", "k", "m", "nd", "st")
GIVEN = ("Anna", "Boris", "Clara", "Dmitri", "Elena", "Feliks", "Greta", "Hugo", "Irina", "Jonas", "Katya", "Lev", "Marta", "Nikolai")
SHAPES = {
    "concept": ("{P} principle", "{P} doctrine", "{P} thesis"),
    "organisation": ("{P} Council", "{P} Committee", "{P} League", "{P} Assembly", "{P} Union", "{P} Federation"),
    "person": ("{G} {P}",),
    "event": ("{P} Rising", "{P} Strike", "{P} Congress", "{P} Days"),
    "document": ("{P} Theses", "{P} Declaration", "{P} Programme"),
    "place": ("{P}",),
    "periodical": ("{P} Gazette", "{P} Tribune"),
}
GAP_PATTERNS = ("(?<=\\w) (?P<gap>)(?=[,.;:])",)
DEBRIS = "<|separator|>"
NOTES_START = "(?P<label>\\d+)\\.\\s+(?P<text>.+)"
NOTES_MARKERS = " ?\\[(?P<label>\\d+)\\]"
#: one note per this many words at least: the editorial standard asks one per 500 a source, 250 the set
WORDS_PER_NOTE = 220


class _NoAliases(yaml.SafeDumper):
    """Never write YAML anchors or aliases (the loader refuses them); literal blocks for long text."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_NoAliases.add_representer(str, _str)


def dump(schema: str, data: dict[str, Any], depth: int = 1) -> str:
    """``data`` as a YAML file that names its schema (``depth`` folders below the root)."""
    up = "../" * depth
    head = f"# yaml-language-server: $schema={up}schemas/{schema}\n# Synthetic benchmark data (benchmarks/synthetic.py).\n"
    return head + yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=110)


@dataclass(frozen=True)
class Term:
    eid: str
    name: str
    etype: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    not_linked: tuple[str, ...] = ()


def pseudo_word(rng: random.Random, taken: set[str]) -> str:
    """A new pronounceable word, not an English one of ``COMMON`` and not in ``taken``."""
    common = set(COMMON)
    while True:
        word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(2, 3))) + rng.choice(CODAS)
        if len(word) >= 5 and word not in common and word not in taken:
            taken.add(word)
            return word


def make_terms(count: int, seed: int, taken: set[str]) -> tuple[list[Term], list[tuple[str, str]]]:
    """``count`` glossary terms and six case phrases, all distinct after folding."""
    rng = random.Random(f"terms-{seed}")
    acronyms: set[str] = set()
    terms = []
    types = list(SHAPES)
    for i in range(count):
        etype = types[i % len(types)]
        word = pseudo_word(rng, taken).capitalize()
        name = rng.choice(SHAPES[etype]).format(P=word, G=rng.choice(GIVEN))
        aliases: tuple[str, ...] = ()
        exact: tuple[str, ...] = ()
        if etype == "person":
            aliases = (word,)
        elif etype == "organisation":
            acronym = word[:2].upper() + name.split()[-1][0]
            if acronym not in acronyms:
                acronyms.add(acronym)
                exact = (acronym,)
        not_linked = (f"{name} building",) if i % 10 == 3 else ()
        terms.append(Term(re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"), name, etype, aliases, exact, not_linked))
    cases = []
    for year in (1871, 1905, 1919, 1936, 1974, 2003):
        word = pseudo_word(rng, taken).capitalize()
        cases.append((f"{word.lower()}-{year}", f"{word} rising of {year}"))
    return terms, cases


def _mention(rng: random.Random, term: Term) -> str:
    form = rng.choice([term.name, *term.aliases, *term.exact])
    if form == term.name and term.etype in ("organisation", "event") and rng.random() < 0.2 and not form.endswith("s"):
        form += "s"
    return form


def sentence(rng: random.Random, length: int, mentions: list[str]) -> str:
    """A sentence of ``length`` common words with the ``mentions`` put in, commas, quotes and dashes."""
    words = [rng.choice(COMMON) for _ in range(length)]
    for phrase in mentions:
        words.insert(rng.randrange(len(words) + 1), phrase)
    for i in range(2, len(words) - 2):
        if rng.random() < 0.07:
            words[i] += ","
    if rng.random() < 0.12:
        at = rng.randrange(1, max(2, len(words) - 3))
        words[at] = "‘" + words[at]
        words[at + 1] = words[at + 1].rstrip(",") + "’"
    if rng.random() < 0.06:
        words.insert(rng.randrange(1, len(words)), "–")
    text = " ".join(words).rstrip(",")
    return text[0].upper() + text[1:] + rng.choice("....?")


@dataclass
class Source:
    """A raw text being written line by line, with the rules that declare its lines' roles."""

    slug: str
    lines: list[str] = field(default_factory=list)
    rules: list[dict[str, Any]] = field(default_factory=list)
    gap_adds: list[dict[str, Any]] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    words: int = 0

    def add(self, text: str, role: str | None = None, **rule: Any) -> int:
        if self.lines:
            self.lines.append("")
        self.lines.append(text)
        number = len(self.lines)
        if role:
            expect = " ".join(text.split()[:3]).split("[")[0].strip()
            self.rules.append({"line": number, "role": role, **rule, "expect": expect})
        return number


def _lose_word(rng: random.Random, text: str) -> str:
    """The sentence with one word lost in scraping: a space is left before the next punctuation."""
    pieces, end = text[:-1].split(" "), text[-1]
    spots = [j for j in range(1, len(pieces)) if pieces[j].isalpha() and pieces[j - 1][-1:].isalnum()]
    if not spots:
        return text
    j = rng.choice(spots)
    if j == len(pieces) - 1:
        return " ".join(pieces[:j]) + " " + end
    return " ".join(pieces[:j]) + " , " + " ".join(pieces[j + 1 :]) + end


def _paragraph(rng: random.Random, words: int, terms: list[Term], turn: list[int], cases: list[tuple[str, str]], gaps: bool) -> str:
    sentences: list[str] = []
    total = 0
    while total < words:
        length = min(max(6, words - total), rng.randint(8, 28))
        mentions = []
        if not sentences:  # every paragraph names a term, the terms taking turns: each occurs somewhere
            mentions.append(_mention(rng, terms[turn[0] % len(terms)]))
            turn[0] += 1
        elif rng.random() < 0.3:
            mentions.append(_mention(rng, rng.choice(terms)))
        if rng.random() < 0.02:
            mentions.append(rng.choice(cases)[1])
        text = sentence(rng, length, mentions)
        if gaps and rng.random() < 0.18:
            text = _lose_word(rng, text)
        sentences.append(text)
        total += length + len(mentions)
    return " ".join(sentences)


def _body(rng: random.Random, src: Source, kind: str, n_passages: int, n_words: int, terms: list[Term], cases: list[tuple[str, str]], byline: str) -> None:
    turn = [int(src.slug.rsplit("-", 1)[1]) * 53]
    gaps = kind == "encyclopedia-entry"
    weights = [rng.lognormvariate(0, 0.45) for _ in range(n_passages)]
    scale = n_words / sum(weights)
    since_heading = 0
    in_list = 0
    for k, weight in enumerate(weights):
        if k and since_heading >= rng.randint(5, 12) and k < n_passages - 2:
            level = 3 if gaps and rng.random() < 0.5 else 2
            src.add(" ".join(w.capitalize() for w in rng.sample(COMMON[40:240], rng.randint(2, 5))), "heading", level=level)
            since_heading = 0
            continue
        since_heading += 1
        text = _paragraph(rng, max(8, int(weight * scale)), terms, turn, cases, gaps)
        if gaps and rng.random() < 0.04:
            text += " " + DEBRIS
        if k == n_passages - 1 and not gaps:
            src.add(f"{byline} writes on the history of councils. " + text[:200].rsplit(" ", 1)[0] + ".", "bio")
        elif in_list or (kind == "magazine-article" and rng.random() < 0.03):
            in_list = in_list - 1 if in_list else rng.randint(2, 5)
            src.add(text[: rng.randint(60, 240)].rsplit(" ", 1)[0] + ".", "list-item")
        elif rng.random() < 0.08:
            src.add("“" + text + "”", "blockquote")
        else:
            src.paragraphs.append(src.add(text))
        if k == 0:
            src.add("A delegates’ meeting in the city centre (Photo: archive)", "caption", reason="photo caption (the photo is not reproduced)")
    if gaps and src.paragraphs:
        if not any(DEBRIS in line for line in src.lines):
            src.lines[src.paragraphs[0] - 1] += " " + DEBRIS
        # one lost word the pattern cannot see: declared with `add`, as editors correct the detector
        line = rng.choice(src.paragraphs)
        src.lines[line - 1] += " It was led by and for the delegates themselves."
        src.gap_adds.append({"line": line, "after": "It was led by "})


def _author_notes(rng: random.Random, src: Source, kind: str, cited: list[str]) -> dict[str, Any] | None:
    if kind == "magazine-article":
        return None
    candidates = [n for n in src.paragraphs if DEBRIS not in src.lines[n - 1]]
    chosen = sorted(rng.sample(candidates, min(rng.randint(5, 40), len(candidates))))
    if kind == "journal-article":
        for label, line in enumerate(chosen, 1):
            text = src.lines[line - 1]
            cut = text.rfind(". ", 0, len(text) // 2 + 20)
            at = cut + 1 if cut > 0 else len(text) - 1
            src.lines[line - 1] = text[:at] + f" [{label}]" + text[at:]
    first = src.add("Notes" if kind == "journal-article" else "References", "notes-heading")
    for label in range(1, len(chosen) + 1):
        src.add(f"{label}. {rng.choice(cited)}, p. {rng.randint(3, 400)}.")
        if rng.random() < 0.2:
            src.lines.append("See also " + sentence(rng, 12, []))
    block: dict[str, Any] = {"lines": f"{first}-{len(src.lines)}", "start": NOTES_START}
    if kind == "journal-article":
        block["markers"] = NOTES_MARKERS
    else:
        block["markers"] = "none"
        block["markers_notice"] = "The inline citation markers were lost in the received text."
    return block


def make_source(index: int, seed: int, terms: list[Term], cases: list[tuple[str, str]], cited: list[str]) -> tuple[str, str, str]:
    """(slug, raw text, metadata YAML) of synthetic source ``index`` (1-based); ``cited`` are
    bibliography lines the author's notes may print."""
    rng = random.Random(f"source-{seed}-{index}")
    slug = f"synthetic-{index:04d}"
    kind = ("journal-article", "magazine-article", "encyclopedia-entry")[index % 3]
    n_passages = rng.randint(40, 130)
    n_words = rng.randint(max(2000, 25 * n_passages), min(11000, 150 * n_passages))
    src = Source(slug)
    title = " ".join(w.capitalize() for w in rng.sample(COMMON[60:200], 3)) + f" ({index})"
    given, family = rng.choice(["Ruth", "Tomas", "Aiko", "Samir", "Lena", "Pavel"]), rng.choice(["Adler", "Baptiste", "Costa", "Dunn", "Eriksen", "Fischer"])
    src.add("Skip to main content | Menu | Search", "drop", reason="site navigation")
    src.add(title, "title")
    src.add(f"By {given} {family}", "byline")
    src.add(sentence(rng, 24, []), "standfirst")
    if kind == "journal-article":
        src.add(f"From Synthetic Review, no. {index}, pp. 1–20.", "provenance", reason="journal line")
    _body(rng, src, kind, n_passages, n_words, terms, cases, f"{given} {family}")
    notes = _author_notes(rng, src, kind, cited)
    src.add("Share this article: Facebook | Twitter | Email", "drop", reason="sharing buttons")
    src.add("© Synthetic Review. All rights reserved.", "drop", reason="site footer")
    bibliography: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "authors": [{"family": family, "given": given}],
        "container": "Synthetic Encyclopedia" if kind == "encyclopedia-entry" else "Synthetic Review",
        "publisher": "Benchmark Press",
        "date": f"{1900 + index % 120}-{1 + index % 12:02d}",
        "url": f"https://example.org/synthetic/{slug}/",
        "rights": "Synthetic text generated for build benchmarks; no rights reserved.",
        "language": "en",
        "description": f"Synthetic source {index} for measuring the build at scale.",
    }
    if kind != "encyclopedia-entry":
        bibliography["issue"] = str(index)
    meta: dict[str, Any] = {"slug": slug, "bibliography": bibliography, "rules": src.rules}
    if kind == "encyclopedia-entry":
        meta["debris"] = [{"pattern": r"\s*<\|separator\|>", "reason": "scraper separator token"}]
    if notes:
        meta["notes"] = notes
    if kind == "encyclopedia-entry":
        meta["gaps"] = {
            "notice": "Words that were links in the original were lost in scraping; each loss is marked as a gap.",
            "patterns": list(GAP_PATTERNS),
            "add": src.gap_adds,
        }
    meta["anomalies"] = ["Synthetic text: the words are random, the structure is realistic."]
    return slug, "\n".join(src.lines) + "\n", dump("source.schema.json", meta)
