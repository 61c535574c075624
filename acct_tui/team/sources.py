"""Where the team's books come from: files, folders of books, and git remotes (cloned read-only).

A teammate's book is untrusted input. Each is read on its own: a file too large, not a book, of a
newer schema or broken gives a `Refused` naming that book, and the others are read all the same.
Names and reasons are kept as given (a file name may hold control characters): whoever shows them
writes them safely (JSON escapes them, a terminal or the screen gets `printable` text, no markup).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from acct_tui.domain.wording import MB, megabytes
from acct_tui.store.errors import BookError
from acct_tui.store.loading import load_bytes
from acct_tui.sync.book_sync import BRANCH
from acct_tui.sync.git import Git, GitMissing
from acct_tui.team.figures import Person, person

MAX_TEAM_BOOK_BYTES = 256 * MB
"""A teammate's book larger than this (256 MB; 1,000 clients are about 20 MB) is not read."""
MAX_PROBLEMS = 3
"""The problems of an invalid book its refusal names."""


@dataclass(frozen=True, slots=True)
class Source:
    """One book of the team: its file, and the repository it came from (if any)."""

    name: str
    """The person: from a file or repository name."""
    path: Path
    remote: str | None = None
    """The git remote it was cloned from (its approvals are pushed there)."""

    @property
    def origin(self) -> str:
        """Where the book is, for people: its remote, else its file (a clone's path is temporary)."""
        return self.remote or str(self.path)


@dataclass(frozen=True, slots=True)
class Refused:
    source: str
    """The book's file or remote, as given or found."""
    reason: str


@dataclass(frozen=True, slots=True)
class Read:
    source: Source
    person: Person


def is_remote(text: str) -> bool:
    return "://" in text or text.endswith(".git") or (":" in text and "@" in text.split(":", 1)[0])


def gather(given: list[str], workdir: Path) -> tuple[list[Source], list[Refused]]:
    """The books named on the command line: files, every book in a folder, git remotes (cloned into `workdir`)."""
    sources: list[Source] = []
    refused: list[Refused] = []
    for text in given:
        local = Path(text).expanduser()
        if (is_remote(text) and not local.exists()) or _bare_repository(local):
            found, problem = _clone(text, workdir)
            if problem:
                refused.append(Refused(text, problem))
            sources += found
            continue
        path = Path(text).expanduser()
        if path.is_dir():
            books = sorted(_books_in(path))
            if not books:
                refused.append(Refused(text, "has no book (no .json file)"))
            sources += [Source(_name(book, path), book) for book in books]
        elif path.exists():
            sources.append(Source(_name(path, path.parent), path))
        else:
            refused.append(Refused(text, "does not exist"))
    return sources, refused


def _bare_repository(path: Path) -> bool:
    """A bare git repository (on a USB stick or a NAS): cloned like any remote."""
    return path.is_dir() and (path / "HEAD").is_file() and (path / "objects").is_dir()


def _books_in(folder: Path) -> Iterator[Path]:
    for entry in folder.iterdir():
        if entry.suffix == ".json" and entry.is_file() and not entry.name.startswith("."):
            yield entry


def _name(book: Path, folder: Path) -> str:
    """A book named book.json is its folder's person: name it by the folder."""
    return folder.name if book.name == "book.json" else book.stem


def _clone(remote: str, workdir: Path) -> tuple[list[Source], str]:
    try:
        git = Git(workdir)
    except GitMissing as missing:
        return [], f"could not be cloned: {missing}"
    # The branch sync pushes (a bare repository's HEAD may name another), else the remote's default.
    for branch in (["--branch", BRANCH], []):
        target = Path(tempfile.mkdtemp(prefix="book-", dir=workdir))
        done = git.run("clone", "--quiet", "--depth", "1", *branch, remote, str(target), network=True)
        if done.ok:
            break
    if not done.ok:
        return [], f"could not be cloned: {done.said}"
    name = remote.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git") or remote
    books = sorted(_books_in(target))
    if not books:
        return [], "has no book (no .json file)"
    return [Source(name if len(books) == 1 else f"{name}/{book.stem}", book, remote) for book in books], ""


def read(source: Source, today: date, base_settings: dict[str, Any]) -> Read | Refused:
    """The roll-up's figures of one book, or why it was not read."""
    try:
        size = source.path.stat().st_size
        if size > MAX_TEAM_BOOK_BYTES:
            return Refused(source.origin, f"is {megabytes(size)}, too large to be one person's book")
        data = source.path.read_bytes()
    except OSError as err:
        return Refused(source.origin, f"cannot be read: {err.strerror or err}")
    try:
        loaded = load_bytes(source.path, data, base_settings)
    except BookError as err:
        return Refused(source.origin, _why(err))
    try:
        return Read(source, person(loaded.book, source.name, source.origin, today))
    except Exception as err:  # a teammate's book must never stop the roll-up of the others
        return Refused(source.origin, f"could not be summed up: {err}")


def _why(err: BookError) -> str:
    """Why a book was refused, on one line: the message and its first MAX_PROBLEMS problems."""
    message = err.message.removesuffix("; nothing was changed")  # the roll-up changes nothing anyway
    if not err.details:
        return message
    more = len(err.details) - MAX_PROBLEMS
    return f"{message}: {'; '.join(err.details[:MAX_PROBLEMS])}" + (f"; and {more} more" if more > 0 else "")
