"""One sync of a book with git: commit, fetch, merge (through acct-tui's merge driver), push.

The book's folder is the repository. Its first sync runs `git init`, writes a `.gitignore` for
the book's backups, lock and temporary files and a `.gitattributes` that sends the book through
`acct-tui merge`, and configures that merge driver (this Python, `-m acct_tui merge %O %A %B`).
Only those three files are ever added: anything else in the folder is left alone.

Each sync commits the book with a message saying what changed, fetches the remote, merges it,
and pushes. History is never rewritten and nothing is ever force-pushed. A remote that cannot be
reached leaves a local commit and the promise to push next time (not an error); a refused push
or a merge that fails leaves the book as it was, with the reason.
"""

from __future__ import annotations

import itertools
import re
import shlex
import shutil
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acct_tui.domain.book import Book
from acct_tui.domain.changes import summary
from acct_tui.store.errors import BookError, BookLocked
from acct_tui.store.loading import load_bytes
from acct_tui.store.lock import BookLock, lock_path
from acct_tui.store.storage import TEMP_SUFFIX, BookStorage, make_folders, temp_prefix
from acct_tui.sync.git import Git, Result

BRANCH = "main"
REMOTE = "origin"
DRIVER = "acct-tui"
MAX_REASONS = 10
"""The merge driver's reasons a refused merge shows at most."""
MERGE_FILES = ".merge_file_*"
"""The temporary copies of the book git hands the merge driver (left behind when a sync is killed)."""
_MERGE_FILE = re.compile(r"(?:\S*/)?\.merge_file_\w+")


@dataclass(slots=True)
class Outcome:
    """What a sync did, for people; `ok` False is exit 1."""

    ok: bool = True
    lines: list[str] = field(default_factory=list)
    merge_notes: list[str] = field(default_factory=list)
    book_changed: bool = False
    """The merge (or the first copy from the remote) changed the book file."""

    def say(self, text: str) -> None:
        self.lines.append(text)

    def fail(self, text: str) -> Outcome:
        self.ok = False
        self.lines.append(text)
        return self


Progress = Callable[[str], None]


def sync(
    book: Path,
    remote: str | None = None,
    *,
    base_settings: dict[str, Any] | None = None,
    lock_held: bool = False,
    progress: Progress | None = None,
) -> Outcome:
    """Sync the book at `book` (see the module doc). Raises BookError for a book that is locked,
    missing without a remote, or not a valid book; returns the outcome of everything else."""
    book = book.expanduser().absolute()
    settings = dict(base_settings or {})
    tell = progress or (lambda _: None)
    lock = None
    if not lock_held:
        make_folders(book.parent)
        lock = BookLock(book)
        try:
            lock.acquire()
        except BookLocked as locked:
            raise BookLocked(
                book, f"{locked.message.split('.')[0]}: sync it from there (Sync, ctrl+y), or close it first"
            ) from None
    try:
        return _sync(book, remote, settings, tell)
    finally:
        if lock is not None:
            lock.release()


def _sync(book: Path, remote: str | None, settings: dict[str, Any], tell: Progress) -> Outcome:
    git = Git(book.parent)
    outcome = Outcome()
    if not book.exists():
        if remote is None and (book.parent / ".git").exists() and _has_remote(git):
            remote = _remote_url(git)  # the book moved aside in a folder synced before: bring it again
        if remote is None:
            raise BookError(book, "does not exist: give --remote URL to bring the book from its repository")
        return _bring(book, remote, git, settings, tell, outcome)
    _check_book(book, settings)
    foreign = _foreign_repository(book, git)
    if foreign:
        return outcome.fail(foreign)
    tell("preparing the repository")
    change = _prepare(book, git, remote)
    _recover(git, book)
    tell("committing")
    committed = _commit(book, git, settings)
    outcome.say(f"committed: {committed}" if committed else "nothing new to commit")
    if not _has_remote(git):
        outcome.say("no remote yet: give --remote URL to share the book")
        return outcome
    tell("fetching")
    fetched = git.run("fetch", "--prune", REMOTE, network=True)  # --prune: what the remote holds now, only
    if not fetched.ok:
        return _settle_remote(_unreachable(outcome, git, fetched, remote is not None), git, change)
    not_the_books = _not_the_books(book, git)
    if not_the_books:
        return _settle_remote(outcome.fail(not_the_books), git, change)
    remote_branch = f"{REMOTE}/{BRANCH}"
    if git.run("rev-parse", "--verify", "--quiet", f"refs/remotes/{remote_branch}").ok:
        _settle_remote(outcome, git, change)  # after this, a failure is the merge's or the push's
        change = None
        tell("merging")
        before = _head(git)
        merged = git.run("merge", "--no-edit", "--no-commit", remote_branch)
        notes = [line.removeprefix("merge: ") for line in merged.out.splitlines() if line.startswith("merge: ")]
        if not merged.ok:
            git.run("merge", "--abort")
            if "refusing to merge unrelated histories" in merged.err:
                outcome.fail(
                    f"{_remote_url(git)} holds a copy of the book with a history of its own (each copy was "
                    f"synced first on its own machine): to take that copy, move {book} aside, then "
                    f"acct-tui sync --db {book} brings it; your book is as it was"
                )
                return _settle_remote(outcome, git, change)
            first, *reasons = _driver_said(merged, book)
            outcome.fail(f"could not merge the other copy: {first}")
            outcome.lines += reasons
            what_to_do = ": fix what is named here (in the planner, or with acct-tui import), then sync again"
            outcome.say("your book is as it was" + (what_to_do if reasons else ""))
            return outcome
        if (book.parent / ".git" / "MERGE_HEAD").exists():
            message = "acct-tui sync: merged the book from " + _remote_url(git)
            if notes:
                message += "\n\n" + "\n".join(f"- {note}" for note in notes)
            git.ok("commit", "--quiet", "-m", message)
        if _head(git) != before:
            outcome.book_changed = True
            book.chmod(0o600)
            outcome.say("merged the changes from " + _remote_url(git))
        outcome.merge_notes = notes
    _settle_remote(outcome, git, change)
    there = git.run("rev-parse", "--verify", "--quiet", f"refs/remotes/{remote_branch}").out.strip()
    if there and there == _head(git):
        outcome.say(f"up to date with {_remote_url(git)}")
        return outcome
    tell("pushing")
    pushed = git.run("push", "--quiet", "--set-upstream", REMOTE, f"HEAD:refs/heads/{BRANCH}", network=True)
    if not pushed.ok:
        if pushed.offline:
            return _unreachable(outcome, git, pushed, remote is not None)
        return outcome.fail(
            f"the remote refused the push ({pushed.said}); your book and its commits are kept here: sync again later"
        )
    outcome.say(f"pushed to {_remote_url(git)}")
    return outcome


def _check_book(book: Path, settings: dict[str, Any]) -> None:
    """A book that does not load is never committed (nor merged): raises its BookError."""
    data = BookStorage(book, read_only=True).read_bytes()
    load_bytes(book, data or b"", settings)


def _foreign_repository(book: Path, git: Git) -> str:
    """Why the book's folder is not synced, if it is a git repository that holds other files
    (sync would push their whole history to the book's remote); "" when it may be."""
    if not (book.parent / ".git").exists() or git.run("config", f"merge.{DRIVER}.driver").out.strip():
        return ""  # no repository yet, or one sync made
    ours = {book.name, ".gitignore", ".gitattributes"}
    found = git.run("log", "--all", "--format=", "--name-only", "-z").out.replace("\n", "\0").split("\0")
    others = sorted({name for name in found if name} - ours)
    if not others:
        return ""
    shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
    return (
        f"{book.parent} is already a git repository of other files ({shown}): sync would push their history "
        f"to the book's remote. Keep the book in a folder of its own (move {book.name} there and sync it with "
        "--db); nothing was changed"
    )


@dataclass(frozen=True, slots=True)
class RemoteChange:
    """--remote named another remote than the repository's: `was` (None: it had none)."""

    now: str
    was: str | None


def _prepare(book: Path, git: Git, remote: str | None) -> RemoteChange | None:
    """The repository in the book's folder, made and set up for the book; the remote changed, if it was."""
    folder = book.parent
    if not (folder / ".git").exists():
        git.ok("init", "--quiet", "--initial-branch", BRANCH)
    ignore = folder / ".gitignore"
    wanted = [
        f"/{book.name}.*.bak",
        f"/{lock_path(book).name}",
        f"/{temp_prefix(book)}*{TEMP_SUFFIX}",
        f"/{MERGE_FILES}",
    ]
    present = ignore.read_text(encoding="utf-8").splitlines() if ignore.exists() else []
    missing = [line for line in wanted if line not in present]
    if missing:
        ignore.write_text("\n".join([*present, *missing]) + "\n", encoding="utf-8")
    attributes = folder / ".gitattributes"
    line = f"/{book.name} merge={DRIVER}"
    present = attributes.read_text(encoding="utf-8").splitlines() if attributes.exists() else []
    if line not in present:
        attributes.write_text("\n".join([*present, line]) + "\n", encoding="utf-8")
    git.ok("config", f"merge.{DRIVER}.name", "acct-tui's record-by-record merge of books")
    git.ok("config", f"merge.{DRIVER}.driver", f"{shlex.quote(sys.executable)} -m acct_tui merge %O %A %B")
    if not git.run("config", "user.email").out.strip():
        git.ok("config", "user.email", f"acct-tui@{socket.gethostname() or 'localhost'}")
    if not git.run("config", "user.name").out.strip():
        git.ok("config", "user.name", "acct-tui")
    if remote is None:
        return None
    if not _has_remote(git):
        git.ok("remote", "add", "--", REMOTE, remote)  # "--": a URL is never read as an option
        return RemoteChange(remote, None)
    if (was := _remote_url(git)) != remote:
        git.ok("remote", "set-url", "--", REMOTE, remote)
        return RemoteChange(remote, was)
    return None


def _settle_remote(outcome: Outcome, git: Git, change: RemoteChange | None) -> Outcome:
    """Keep a remote given with --remote once it is known to be the book's (or only unreachable,
    as an SSH server is while offline); put back the one before when it is not."""
    if change is None:
        return outcome
    if outcome.ok:
        if change.was is not None:
            outcome.say(f"the remote is now {change.now} (it was {change.was})")
    elif change.was is None:
        git.ok("remote", "remove", REMOTE)
        outcome.say(f"{change.now} was not kept as the remote")
    else:
        git.ok("remote", "set-url", "--", REMOTE, change.was)
        outcome.say(f"the remote is still {change.was}")
    return outcome


def _recover(git: Git, book: Path) -> None:
    """Carry on after a sync that was killed: we hold the book's lock, so no other sync runs."""
    dot_git = book.parent / ".git"
    for stale in ("index.lock", "HEAD.lock", f"refs/heads/{BRANCH}.lock"):
        (dot_git / stale).unlink(missing_ok=True)
    for copy in book.parent.glob(MERGE_FILES):  # git's copies for the merge driver (whole books)
        copy.unlink(missing_ok=True)
    if (dot_git / "MERGE_HEAD").exists():
        git.run("merge", "--abort")


def _commit(book: Path, git: Git, settings: dict[str, Any]) -> str:
    """Commit the book (and the repository's two files) if they changed; what was committed."""
    git.ok("add", "--", book.name, ".gitignore", ".gitattributes")
    if git.run("diff", "--cached", "--quiet").ok:
        return ""
    now = _book_at(git, book, f":{book.name}", settings) or Book()
    before = _book_at(git, book, f"HEAD:{book.name}", settings)
    what, names = summary(before or Book(), now)
    what = what or "the repository's settings"
    subject = f"acct-tui sync: {what}" if before else f"acct-tui sync: the book ({what})"
    git.ok("commit", "--quiet", "-m", "\n\n".join([subject, "\n".join(names)]) if names else subject)
    return what


def _book_at(git: Git, book: Path, spec: str, settings: dict[str, Any]) -> Book | None:
    """The book as git keeps it at `spec` (None if it has none, or none that loads)."""
    data = git.show(spec)
    if data is None:
        return None
    try:
        return load_bytes(book, data, settings).book
    except BookError:
        return None


def _head(git: Git) -> str:
    return git.run("rev-parse", "--verify", "--quiet", "HEAD").out.strip()


def _has_remote(git: Git) -> bool:
    return REMOTE in git.run("remote").out.split()


def _remote_url(git: Git) -> str:
    return git.run("remote", "get-url", REMOTE).out.strip() or REMOTE


def _driver_said(result: Result, book: Path) -> list[str]:
    """Why the merge failed: the merge driver's message and its reasons (indented), naming the
    book rather than git's temporary copy of it (`.merge_file_XXXXXX`); else what git said."""
    lines = (result.err + result.out).splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("acct-tui: ")), None)
    if start is None:
        return [result.said]
    said = [lines[start].removeprefix("acct-tui: ")]
    said += itertools.takewhile(lambda line: line.startswith("  "), lines[start + 1 : start + 1 + MAX_REASONS])
    return [_MERGE_FILE.sub(book.name, line) for line in said]


def _not_the_books(book: Path, git: Git) -> str:
    """Why the remote just fetched is not the book's repository ("" when it is, or is empty):
    it has branches but no main, or a main without the book."""
    branches = git.run("for-each-ref", "--format=%(refname:lstrip=3)", f"refs/remotes/{REMOTE}/").out.split()
    branches = [name for name in branches if name != "HEAD"]
    if not branches:
        return ""  # an empty repository: the first push fills it
    url = _remote_url(git)
    if BRANCH not in branches:
        return (
            f"{url} is another repository (branches {', '.join(branches[:5])}, no {BRANCH}): give the book's "
            "with --remote; nothing was pushed"
        )
    names = git.run("ls-tree", "--name-only", f"{REMOTE}/{BRANCH}").out.splitlines()
    if book.name not in names:
        return f"{url} has no {book.name}: it is another repository; give the book's with --remote; nothing was pushed"
    return ""


def _local_path(url: str, folder: Path) -> Path | None:
    """The folder of a remote on this machine (a path, as git reads it from the book's folder, or
    file://), None for a remote elsewhere."""
    if url.startswith("file://"):
        return Path(url.removeprefix("file://"))
    if "://" in url or (":" in url and "/" not in url.split(":", 1)[0]):
        return None  # https://, ssh://, or scp-like user@host:path
    return folder / Path(url).expanduser()


def _unreachable(outcome: Outcome, git: Git, result: Result, given: bool) -> Outcome:
    """A fetch or push that failed: offline (committed here, pushed next time), or an error.

    A remote on this machine is offline only while its folder is missing (a USB stick not plugged
    in) and it was not just given: a folder that is there but no repository is an error, and so is
    a repository server that answers that the path is none."""
    url = _remote_url(git)
    local = _local_path(url, git.folder)
    if local is not None and local.exists():
        return outcome.fail(
            f"{url} is not a git repository: give the book's with --remote (or make one there: git init --bare "
            f"{url}); your book is committed here"
        )
    if local is not None and given:
        return outcome.fail(
            f"{url} does not exist: give the book's repository with --remote (or make one: git init --bare {url}); "
            "your book is committed here"
        )
    if result.offline and (local is not None or "does not appear to be a git repository" not in result.err):
        outcome.say(f"could not reach {url} ({result.said}): committed here, will push next time")
        return outcome
    return outcome.fail(f"the remote {url} refused: {result.said}; your book is as it was")


def _bring_failed(book: Path, remote: str, git: Git) -> str:
    """Why the book cannot be brought from `remote` ("" when it can): fetched, it must hold it on main."""
    fetched = git.run("fetch", REMOTE, network=True)
    if not fetched.ok:
        return f"could not bring the book from {remote}: {fetched.said}"
    names = git.run("ls-tree", "--name-only", f"{REMOTE}/{BRANCH}").out.split()
    if not names:
        return f"{remote} has no {BRANCH} branch with a book in it"
    if book.name not in names:
        books = [n for n in names if n.endswith(".json")]
        return f"{remote} has no {book.name} (it has {', '.join(books) or 'no book'}): name it with --db"
    return ""


def _bring(book: Path, remote: str, git: Git, settings: dict[str, Any], tell: Progress, outcome: Outcome) -> Outcome:
    """A second machine: the book comes from the remote into its folder."""
    folder = book.parent
    make_folders(folder)
    foreign = _foreign_repository(book, git)
    if foreign:
        return outcome.fail(foreign)
    tell("fetching the book")
    made = not (folder / ".git").exists()
    if made:
        git.ok("init", "--quiet", "--initial-branch", BRANCH)
    git.ok("remote", "set-url" if _has_remote(git) else "add", "--", REMOTE, remote)
    failed = _bring_failed(book, remote, git)
    if failed:
        if made:  # the folder is left as it was: no repository of nothing
            shutil.rmtree(folder / ".git", ignore_errors=True)
        return outcome.fail(failed)
    git.ok("checkout", "--quiet", "-B", BRANCH, "--track", f"{REMOTE}/{BRANCH}")
    book.chmod(0o600)
    _check_book(book, settings)
    _prepare(book, git, remote)
    outcome.book_changed = True
    outcome.say(f"brought the book from {remote} to {book}")
    committed = _commit(book, git, settings)
    if committed:
        outcome.say(f"committed: {committed}")
    return outcome
