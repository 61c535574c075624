"""Search across the whole book: every record by the words typed, ranked, with the text that matched.

`SearchIndex.build(book)` indexes the words of every record once per book generation (rebuild it
after a change, off the UI thread: about a second at 1,000 clients, 100,000 records); then
`index.find(text)` answers a keystroke in milliseconds.
Pure: no Textual, no I/O, no clock.

What is searched, by kind (`KINDS`, in the order hits are listed): clients (name, industry, tags,
notes), contacts (name, role, e-mail, phone, mobile, notes), projects (title, notes, lost reason),
tasks (title, notes), activities (summary), events (title, location, notes), competitors (name,
note), staff (name, role, e-mail). A record's client, and a task's project, are its context.

Matching: text is cut into words at every character that is not a letter or a digit, and case,
accents and compatibility forms are ignored ("zoe" finds "Zoë", "strasse" finds "Straße"). Each
word typed must start a word of the record, as you type it: "ren" finds "renewal" (not
"current"), "anna@ac" finds "anna@acme.example", "555 01" finds "+49 170 555 0101", and a phone
number's digits alone start a word too ("49170" finds it). A record matches when every word typed
is in it or in its context, and at least one in the record itself: "acme renewal" finds Acme's
tasks about a renewal, while "acme" alone finds Acme and what mentions Acme, not every record of Acme.

Ranking, best first: (0) the name is what was typed; (1) the name starts with it; (2) every word
is in the name; (3) every word is in the record's own text; (4) some only in its context. Equal
ranks keep the kind's order: newest first for activities, by name for the others.
"""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from acct_tui.domain.book import Book
from acct_tui.domain.records import Activity, Client, Competitor, Contact, Event, Project, Record, StaffMember, Task

KINDS = ("clients", "contacts", "projects", "tasks", "activities", "events", "competitors", "staff")
"""The tables searched, in the order their hits are listed."""
EXCERPT_CHARS = 80
_WORD = re.compile(r"[^\W_]+")
_NOT_DIGITS = re.compile(r"\D+")
_PHONE_FIELDS = frozenset({"phone", "mobile"})
_LAST = "\U0010ffff"
_CACHED_PREFIXES = 16
"""Word starts whose records each postings keeps (the words typed before the one being typed):
a short prefix's set can hold most of a 1,000-client book's activities, 2-4 MB."""


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining marks (accents) that NFKD splits off Latin, Greek, Cyrillic and Vietnamese letters."""


def fold(text: str) -> str:
    """`text` for comparing: case, accents and compatibility forms removed ("Zoë Straße" -> "zoe strasse")."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


_ASCII_GAPS = str.maketrans({chr(code): " " for code in range(128) if not chr(code).isalnum()})


def words_of(text: str) -> list[str]:
    """The folded words of `text`, in order: "Zoë's e-mail" -> ["zoe", "s", "e", "mail"]."""
    if text.isascii():  # most text: four times quicker than the pattern
        return text.lower().translate(_ASCII_GAPS).split()
    return _WORD.findall(fold(text))


@dataclass(frozen=True, slots=True)
class Hit:
    """One record found: what it is, where the words matched, and the text around the match."""

    table: str
    """The record's table (also its kind: one of `KINDS`)."""
    record_id: int
    client_id: int | None
    """The record's client (the client itself for a client), to open it in place."""
    title: str
    """The record's name as written (an activity's first line)."""
    field: str
    """The field the excerpt is from ("name", "email", "notes", ...)."""
    excerpt: str
    """The field's text around the first match, on one line, shortened with "…"."""
    marks: tuple[tuple[int, int], ...]
    """(start, end) of each word typed in `excerpt`, for highlighting."""
    rank: int
    """0 (the name is what was typed) to 4 (matched partly in its context): lower is better."""


@dataclass(frozen=True, slots=True)
class Found:
    """The hits of one search: the best `per_kind` of each kind, and how many matched in all."""

    query: str
    hits: tuple[Hit, ...]
    """Best first within each kind, the kinds in `KINDS` order."""
    counts: dict[str, int] = field(default_factory=dict)
    """Kind -> how many records matched (hits holds at most `per_kind` of them)."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def of(self, kind: str) -> tuple[Hit, ...]:
        return tuple(hit for hit in self.hits if hit.table == kind)


_Fields = Callable[[Record], Sequence[tuple[str, str]]]


def _client_fields(r: Record) -> Sequence[tuple[str, str]]:
    assert isinstance(r, Client)
    return (("name", r.name), ("industry", r.industry), ("tags", ", ".join(r.tags)), ("notes", r.notes))


def _contact_fields(r: Record) -> Sequence[tuple[str, str]]:
    assert isinstance(r, Contact)
    return (
        ("name", r.name),
        ("role", r.role),
        ("email", r.email),
        ("phone", r.phone),
        ("mobile", r.mobile),
        ("notes", r.notes),
    )


def _project_fields(r: Record) -> Sequence[tuple[str, str]]:
    assert isinstance(r, Project)
    return (("title", r.title), ("notes", r.notes), ("lost_reason", r.lost_reason))


def _task_fields(r: Record) -> Sequence[tuple[str, str]]:
    assert isinstance(r, Task)
    return (("title", r.title), ("notes", r.notes))


def _activity_fields(r: Record) -> Sequence[tuple[str, str]]:
    assert isinstance(r, Activity)
    return (("summary", r.summary),)


def _event_fields(r: Record) -> Sequence[tuple[str, str]]:
    assert isinstance(r, Event)
    return (("title", r.title), ("location", r.location), ("notes", r.notes))


def _competitor_fields(r: Record) -> Sequence[tuple[str, str]]:
    assert isinstance(r, Competitor)
    return (("name", r.name), ("note", r.note))


def _staff_fields(r: Record) -> Sequence[tuple[str, str]]:
    assert isinstance(r, StaffMember)
    return (("name", r.name), ("role", r.role), ("email", r.email))


FIELDS: dict[str, _Fields] = {
    "clients": _client_fields,
    "contacts": _contact_fields,
    "projects": _project_fields,
    "tasks": _task_fields,
    "activities": _activity_fields,
    "events": _event_fields,
    "competitors": _competitor_fields,
    "staff": _staff_fields,
}
"""Each kind's searchable fields, (name, text), the record's name first."""


def _words(kind: str, record: Record) -> tuple[list[str], set[str]]:
    """A record's name's words, and all its words (a phone number's digits alone as one more)."""
    parts = FIELDS[kind](record)
    display = record.display
    title = words_of(display)
    texts = [text for _, text in parts if text]
    own = set(title if texts == [display] else words_of("\n".join(texts)))
    own.update(_NOT_DIGITS.sub("", text) for name, text in parts if name in _PHONE_FIELDS and text)
    own.discard("")
    return title, own


class _Postings:
    """Word -> the indices of the records that have it, with the words sorted for prefix look-ups."""

    def __init__(self, postings: dict[str, array[int]]) -> None:
        self.postings = postings
        self.words = sorted(postings)
        self._cache: dict[str, frozenset[int]] = {}

    def starting(self, prefix: str) -> frozenset[int]:
        """The records with a word that starts with `prefix`."""
        found = self._cache.get(prefix)
        if found is None:
            low = bisect.bisect_left(self.words, prefix)
            high = bisect.bisect_left(self.words, prefix + _LAST, low)
            found = frozenset().union(*(self.postings[word] for word in self.words[low:high]))
            if len(self._cache) >= _CACHED_PREFIXES:
                self._cache.clear()
            self._cache[prefix] = found
        return found


def _indices() -> array[int]:
    return array("I")


class _Table:
    """One kind's records in the order ties are listed, with their words indexed.

    Lean: a 1,000-client book has 100,000 records, so each keeps only its name's words joined by
    spaces; the postings share one string per distinct word."""

    def __init__(self, kind: str, records: list[Record], context: list[frozenset[str]]) -> None:
        self.kind = kind
        self.records = records
        self.titles: list[str] = []
        # Indices as arrays of 4-byte numbers: a list would hold an 8-byte pointer to each (and an
        # index over 256 is an int object of its own): 17 MB for the index of 1,000 clients, not 29.
        titles: defaultdict[str, array[int]] = defaultdict(_indices)
        own: defaultdict[str, array[int]] = defaultdict(_indices)
        around: defaultdict[str, array[int]] = defaultdict(_indices)
        for index, (record, words) in enumerate(zip(records, context, strict=True)):
            title, mine = _words(kind, record)
            self.titles.append(" ".join(title))
            for word in dict.fromkeys(title):
                titles[word].append(index)
            for word in mine:
                own[word].append(index)
            for word in words:
                around[word].append(index)
        self.title_words = _Postings(titles)
        self.own = _Postings(own)
        self.context = _Postings(around)
        self.by_title = array("I", sorted(range(len(records)), key=self.titles.__getitem__))
        """Indices in the order of their names: the names that start with a phrase are one slice of it."""
        self.sorted_titles = [self.titles[index] for index in self.by_title]

    def starting_with(self, phrase: str) -> Sequence[int]:
        """The indices of the records whose name starts with `phrase` (words joined by spaces)."""
        low = bisect.bisect_left(self.sorted_titles, phrase)
        high = bisect.bisect_left(self.sorted_titles, phrase + _LAST, low)
        return self.by_title[low:high]


def _order(kind: str, records: Iterable[Record]) -> list[Record]:
    """The order ties are listed in: newest first for activities, else by name."""
    if kind == "activities":
        return sorted(records, key=lambda r: (r.when, r.id) if isinstance(r, Activity) else r.id, reverse=True)
    return sorted(records, key=lambda r: (fold(r.display), r.id))


class SearchIndex:
    """The words of a book's records, indexed once; `find` answers each keystroke from it."""

    def __init__(self, tables: dict[str, _Table]) -> None:
        self._tables = tables

    @classmethod
    def build(cls, book: Book) -> SearchIndex:
        """Index every searchable record of `book` (a `book.snapshot()`, to build it in a thread)."""
        client_words = {cid: frozenset(words_of(client.name)) for cid, client in book.clients.items()}
        project_words = {pid: frozenset(words_of(project.title)) for pid, project in book.projects.items()}
        none: frozenset[str] = frozenset()
        tables: dict[str, _Table] = {}
        for kind in KINDS:
            records = _order(kind, book.table(kind).values())
            context: list[frozenset[str]] = []
            for record in records:
                words = none if isinstance(record, Client) else client_words.get(getattr(record, "client_id", 0), none)
                if isinstance(record, Task) and record.project_id is not None:
                    words = words | project_words.get(record.project_id, none)
                context.append(words)
            tables[kind] = _Table(kind, records, context)
        return cls(tables)

    def find(self, text: str, per_kind: int = 10) -> Found:
        """The records matching every word of `text`, at most `per_kind` of each kind, best first."""
        words = tuple(dict.fromkeys(words_of(text)))
        if not words:
            return Found(text, ())
        hits: list[Hit] = []
        counts: dict[str, int] = {}
        for kind in KINDS:
            table = self._tables[kind]
            ranked, count = _ranked(table, words, per_kind)
            if count:
                counts[kind] = count
                hits += [_hit(table, index, words, rank) for rank, index in ranked]
        return Found(text, tuple(hits), counts)


def _ranked(table: _Table, words: tuple[str, ...], count: int) -> tuple[list[tuple[int, int]], int]:
    """The `count` best (rank, index) of the records of `table` matching `words`, and how many match."""
    own = [table.own.starting(word) for word in words]
    in_own = frozenset.intersection(*own)
    if len(words) == 1:
        matching = in_own
    else:
        anywhere = [mine | table.context.starting(word) for mine, word in zip(own, words, strict=True)]
        matching = frozenset.intersection(*anywhere) & frozenset.union(*own)
    if not matching:
        return [], 0
    phrase = " ".join(words)
    starts = table.starting_with(phrase)
    exact = [index for index in starts if table.titles[index] == phrase]
    in_title = frozenset.intersection(*(table.title_words.starting(word) for word in words))
    tiers: list[tuple[int, Iterable[int]]] = [
        (0, exact),
        (1, starts),
        (2, in_title),
        (3, in_own),
        (4, matching),
    ]
    best: list[tuple[int, int]] = []
    taken: set[int] = set()
    for rank, members in tiers:
        need = count - len(best)
        if need <= 0:
            break
        fresh = (index for index in members if index not in taken)
        for index in heapq.nsmallest(need, fresh):
            best.append((rank, index))
            taken.add(index)
    return best, len(matching)


def _hit(table: _Table, index: int, words: tuple[str, ...], rank: int) -> Hit:
    record = table.records[index]
    parts = [(name, text) for name, text in FIELDS[table.kind](record) if text]
    name, excerpt, marks = _excerpt(parts, words)
    client_id = record.id if isinstance(record, Client) else getattr(record, "client_id", None)
    return Hit(table.kind, record.id, client_id, record.display, name, excerpt, marks, rank)


def _word_starts(folded: str, word: str) -> int:
    """Where `word` starts a word of the folded text `folded` (-1: nowhere)."""
    at = folded.find(word)
    while at > 0 and folded[at - 1].isalnum():
        at = folded.find(word, at + 1)
    return at


def _excerpt(parts: Sequence[tuple[str, str]], words: tuple[str, ...]) -> tuple[str, str, tuple[tuple[int, int], ...]]:
    """The first field that holds a word typed (the name when none does: a match in the context),
    its text around the first match on one line, and where each word is in it."""
    name, text = parts[0]
    for field_name, field_text in parts:
        folded = fold(field_text)
        if any(_word_starts(folded, word) >= 0 for word in words):
            name, text = field_name, field_text
            break
        digits = _NOT_DIGITS.sub("", field_text) if field_name in _PHONE_FIELDS else ""
        if digits and any(digits.startswith(word) for word in words):
            return field_name, field_text, ()
    line = " ".join(text.split())
    folded, origin = _folded_with_origin(line)
    spans = []
    for word in words:
        at = _word_starts(folded, word)
        if at >= 0:
            spans.append((origin[at], origin[at + len(word) - 1] + 1))
    first = min((start for start, _ in spans), default=0)
    begin = 0
    if first > EXCERPT_CHARS // 3:
        begin = first - EXCERPT_CHARS // 3
        space = line.find(" ", begin, first)
        begin = space + 1 if space >= 0 else begin
    end = min(len(line), begin + EXCERPT_CHARS)
    prefix = "…" if begin else ""
    excerpt = prefix + line[begin:end] + ("…" if end < len(line) else "")
    shift = len(prefix) - begin
    marks = tuple(sorted((start + shift, min(stop, end) + shift) for start, stop in spans if begin <= start < end))
    return name, excerpt, marks


def _folded_with_origin(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each of its characters the index of the character it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    folded: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        piece = fold(char)
        folded.append(piece)
        origin += [position] * len(piece)
    return "".join(folded), origin
