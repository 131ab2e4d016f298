"""The model: small frozen dataclasses that every stage passes along.

Nothing here reads or writes files. Offsets are in characters of a block's clean ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .bibliography import Work


@dataclass(frozen=True)
class Record:
    """How the edition received a source: its rights and what the editors say about the copy."""

    rights: str
    description: str = ""
    title_supplied: str = ""
    date_note: str = ""
    url_note: str = ""


@dataclass(frozen=True)
class LineRule:
    """One declared editorial decision about lines of the raw text."""

    role: str
    first: int
    last: int
    level: int = 2
    ordered: bool = False
    reason: str = ""


@dataclass(frozen=True)
class NoteOverride:
    occurrence: int
    note: str
    notice: str
    expect: str = ""
    at: tuple[int, int] = (1, 1)  # line and column of the override in the metadata file


@dataclass(frozen=True)
class NoteSpec:
    first: int
    last: int
    start: str
    markers: str | None
    markers_notice: str = ""
    label_transform: str = "identity"
    label_offset: int = 0
    overrides: tuple[NoteOverride, ...] = ()
    unreferenced: tuple[tuple[str, str], ...] = ()
    notices: tuple[str, ...] = ()
    markers_at: tuple[int, int] = (1, 1)  # line and column of `markers` in the metadata file


@dataclass(frozen=True)
class GapRef:
    line: int
    after: str
    reason: str = ""


@dataclass(frozen=True)
class GapSpec:
    patterns: tuple[str, ...] = ()
    add: tuple[GapRef, ...] = ()
    ignore: tuple[GapRef, ...] = ()
    notice: str = ""


@dataclass(frozen=True)
class SourceSpec:
    """Everything declared about one source: bibliography and editorial decisions."""

    slug: str
    meta_path: str
    raw_path: str
    bibliography: Work
    record: Record
    rules: tuple[LineRule, ...]
    debris: tuple[tuple[str, str], ...] = ()
    notes: NoteSpec | None = None
    gaps: GapSpec = GapSpec()
    anomalies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Marker:
    """An author's note marker, removed from the text and remembered at ``offset``."""

    offset: int
    printed: str
    note: str  # the label of the note it points to, as resolved by the declared rules
    ref_id: str
    notice: str = ""
    target: str = ""  # the permanent id of that note (set when the source is anchored)
    column: int = 0  # 1-based column of the marker as printed on its line (for messages)


@dataclass(frozen=True)
class Gap:
    """A place where the received text lost words (gap ids restart in each block)."""

    offset: int
    gid: str


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of the reading text, in reading order."""

    kind: str
    text: str
    line: int
    level: int = 0
    ordered: bool = False
    markers: tuple[Marker, ...] = ()
    gaps: tuple[Gap, ...] = ()
    number: str = ""  # the printed number of an ordered list's item (taken out of ``text``)


@dataclass(frozen=True)
class AuthorNote:
    """One of the source's own notes, with the ids of the markers that point to it."""

    label: str
    note_id: str
    lines: tuple[str, ...]
    line: int
    group: str
    refs: tuple[str, ...] = ()
    notice: str = ""


@dataclass(frozen=True)
class Source:
    """A source as structured by its declared rules: the input of anchoring and rendering."""

    spec: SourceSpec
    title_line: str
    blocks: tuple[Block, ...]
    notes: tuple[AuthorNote, ...] = ()
    removed: tuple[tuple[int, str], ...] = ()
    debris_removed: int = 0

    @property
    def slug(self) -> str:
        return self.spec.slug

    def lines_of(self, kind: str) -> tuple[str, ...]:
        """The texts of the blocks of one kind (``standfirst``, ``byline``, ``provenance`` ...)."""
        return tuple(b.text for b in self.blocks if b.kind == kind)

    @property
    def standfirst(self) -> tuple[str, ...]:
        return self.lines_of("standfirst")

    @property
    def byline(self) -> tuple[str, ...]:
        return self.lines_of("byline")

    @property
    def provenance(self) -> tuple[str, ...]:
        return self.lines_of("provenance")


@dataclass(frozen=True)
class Passage:
    """A block with its permanent id."""

    pid: str
    block: Block


@dataclass(frozen=True)
class Retired:
    """A retired id, where links to it now land and why: ``removed`` (readers go to what followed
    it), ``moved`` (its words are now in the successor), ``split`` or ``merged``."""

    pid: str
    successor: str
    how: str
    date: str = ""
    text: str = ""


@dataclass(frozen=True)
class AnchoredSource:
    source: Source
    passages: tuple[Passage, ...]
    retired: tuple[Retired, ...] = field(default_factory=tuple)
    #: earlier wordings of passages that have been revised: id -> ((text, date), ...), oldest first
    versions: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def passage(self, pid: str) -> Passage | None:
        """The passage or author's note with id ``pid`` (a note as a passage of kind ``note``)."""
        for p in self.passages:
            if p.pid == pid:
                return p
        for note in self.source.notes:
            if note.note_id == pid:
                return Passage(pid, Block(kind="note", text=" ".join(note.lines), line=note.line))
        return None
