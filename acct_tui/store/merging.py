"""Merging book files: three copies read like any book, merged in the domain, written atomically.

`merge_files` is what `acct-tui merge BASE OURS THEIRS` (and so git's merge driver) runs. Each
file is read and validated as a book (a broken one is refused, naming it); the merged book is
encoded with the lines of the copies where a record is unchanged, and written with a temporary
file and a rename: a merge that fails or is refused leaves the output as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from acct_tui.domain.book import Book
from acct_tui.domain.merge import Merged, MergeRefused, Version, merge
from acct_tui.domain.records import TABLES
from acct_tui.domain.settings import Settings
from acct_tui.store import layout
from acct_tui.store.errors import BookInvalid, BookUnavailable
from acct_tui.store.loading import Loaded, load_bytes
from acct_tui.store.lock import unless_in_use
from acct_tui.store.migrations import SCHEMA_VERSION
from acct_tui.store.saving import file_tables, record_line
from acct_tui.store.storage import BookStorage, atomic_write, describe_os_error


@dataclass(frozen=True, slots=True)
class Copy:
    """One copy of a book read from a file (or an empty one, for a merge base git has none of)."""

    version: Version
    meta: dict[str, Any]
    lines: layout.Lines
    loaded: Loaded | None = None


def settings_changed(meta: Mapping[str, Any]) -> datetime | None:
    text = meta.get("settings_changed")
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def copy_of(loaded: Loaded) -> Copy:
    version = Version(loaded.book, loaded.overrides, settings_changed(loaded.meta))
    return Copy(version, dict(loaded.meta), loaded.lines, loaded)


def read_copy(
    path: Path, base_settings: dict[str, Any], *, may_be_empty: bool = False, like: Copy | None = None
) -> Copy:
    """The book in `path`; with `may_be_empty`, an empty file is an empty book (git's BASE of a
    file added on both sides). Records whose line is the same as in `like` (a copy already read)
    are not validated again."""
    data = BookStorage(path, read_only=True).read_bytes()
    if data is None:
        raise BookUnavailable(path, "does not exist")
    if may_be_empty and not data.strip():
        empty = Book(settings=Settings.layered(base_settings))
        return Copy(Version(empty), {}, {name: {} for name in TABLES})
    return copy_of(load_bytes(path, data, base_settings, like=like.loaded if like else None))


def merged_meta(ours: Mapping[str, Any], theirs: Mapping[str, Any], merged: Merged) -> dict[str, Any]:
    """The meta of the merged book: ours, the earlier creation date, the settings' last change."""
    meta = {**theirs, **ours, "schema_version": SCHEMA_VERSION}
    created = sorted(str(m["created_on"]) for m in (ours, theirs) if m.get("created_on"))
    if created:
        meta["created_on"] = created[0]
    if merged.settings_changed is not None:
        meta["settings_changed"] = merged.settings_changed.isoformat().replace("+00:00", "Z")
    return meta


def merged_lines(merged: Book, copies: tuple[Copy, ...]) -> layout.Lines:
    """Each table's lines of `merged`, in id order: a record taken unchanged from a copy keeps its
    line as it was read (no dump), any other is dumped."""
    tables: layout.Lines = {}
    for name in TABLES:
        table: dict[int, bytes] = {}
        for record_id in sorted(merged.table(name)):
            record = merged.table(name)[record_id]
            line = next(
                (c.lines[name][record_id] for c in copies if c.version.book.table(name).get(record_id) is record), None
            )
            table[record_id] = line if line is not None else record_line(record)
        tables[name] = table
    return tables


def check_same_book(path: Path, ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> None:
    mine, other = ours.get("book_id"), theirs.get("book_id")
    if mine and other and mine != other:
        raise BookInvalid(
            path,
            f"is another book (book_id {other}, not {mine}): books are merged only with copies of themselves; "
            "nothing was changed",
        )


def merge_copies(ours: Copy, theirs: Copy, base: Copy, *, today: date, base_settings: dict[str, Any]) -> Merged:
    """The domain's merge of three copies. Raises MergeRefused."""
    return merge(
        base.version,
        ours.version,
        theirs.version,
        today=today,
        settings_of=lambda overrides: Settings.layered(base_settings, overrides),
    )


def merge_files(
    base: Path, ours: Path, theirs: Path, out: Path, *, today: date, base_settings: dict[str, Any]
) -> Merged:
    """Merge the three files into `out` (atomically). Raises BookError, naming the file at fault;
    a refused merge raises BookInvalid naming `ours`, and `out` is untouched."""
    ours_copy = read_copy(ours, base_settings)
    base_copy = read_copy(base, base_settings, may_be_empty=True, like=ours_copy)
    theirs_copy = read_copy(theirs, base_settings, like=ours_copy)
    check_same_book(theirs, ours_copy.meta, theirs_copy.meta)
    try:
        merged = merge_copies(ours_copy, theirs_copy, base_copy, today=today, base_settings=base_settings)
    except MergeRefused as refused:
        raise BookInvalid(
            ours, "cannot be merged with the other copy into a valid book; nothing was changed", refused.problems
        ) from None
    meta = merged_meta(ours_copy.meta, theirs_copy.meta, merged)
    lines = merged_lines(merged.book, (ours_copy, theirs_copy, base_copy))
    try:
        with unless_in_use(out):
            atomic_write(out, layout.encode_lines(file_tables(lines, meta, merged.overrides)))
    except OSError as err:
        raise BookUnavailable(out, f"could not be written: {describe_os_error(err)}; it is unchanged") from None
    return merged
