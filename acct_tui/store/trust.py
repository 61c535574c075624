"""Which book files need no validation: the bytes this acct-tui lately wrote, or read and found valid.

Opening a book validates every record with the domain's models and checks every reference
between records (`loading`). A book whose bytes are exactly the ones this acct-tui saved, or
read and found valid, holds no problem it did not hold then: it is read without the checks that
only a change of its bytes could make fail (the references between records and each record's id;
its records are built by the same models). So each save and each full validation notes the
SHA-256 of the book's bytes here, and an open whose bytes have a noted digest is trusted.

The digests are kept in the user cache folder (`trusted-books`, the newest `KEEP`), never in the
book itself: a digest inside the file would let any file claim to be valid (a teammate's book
from git, a file crafted to break the planner). Any other bytes (a book edited by hand, merged
by git, replaced by another program, a teammate's book) are validated in full, and then noted
if they are in the layout a save writes (`layout.read_lines`): so a trusted book is always in
that layout, and an open takes each table's records whole from it (`layout.table_regions`);
a valid book in another layout is validated at every open until the
planner saves it. An older copy this acct-tui once wrote or validated (a backup put back) is
trusted, since its bytes are the ones that were checked. `acct-tui check` always validates in
full. The list holds for one version of acct-tui and of pydantic-core (the rules may differ in
another: it validates everything again). A list that cannot be read or written only makes the
next open validate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from pydantic_core import __version__ as pydantic_core_version

from acct_tui import __version__
from acct_tui.config import user_folder
from acct_tui.files import atomic_write, make_folders
from acct_tui.store.migrations import SCHEMA_VERSION

KEEP = 64
"""Digests kept: a few books, each with its last saves (the rotated backups among them)."""
HEADER = (
    f"acct-tui trusted books in their saved layout {__version__} schema {SCHEMA_VERSION} "
    f"pydantic-core {pydantic_core_version}"
)
DIGEST_LENGTH = 64


def digest(data: bytes | Iterable[bytes]) -> str:
    """The SHA-256 of a book's bytes, whole or in the pieces a save writes (12 ms for the 20.8 MB
    of 1,000 clients)."""
    found = hashlib.sha256()
    for piece in (data,) if isinstance(data, bytes) else data:
        found.update(piece)
    return found.hexdigest()


def list_path() -> Path:
    return Path(user_folder("cache")) / "trusted-books"


def _noted() -> list[str]:
    try:
        lines = list_path().read_text("ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    if not lines or lines[0] != HEADER:
        return []
    return [line for line in lines[1:] if len(line) == DIGEST_LENGTH]


def is_trusted(found: str) -> bool:
    """Whether a book with the digest `found` was written or validated by this acct-tui lately."""
    return found in _noted()


def note(found: str) -> None:
    """Note that the bytes with the digest `found` are a valid book (after a save or a full validation)."""
    kept = [line for line in _noted() if line != found][-(KEEP - 1) :]
    path = list_path()
    try:
        make_folders(path.parent)
        atomic_write(path, "\n".join([HEADER, *kept, found, ""]).encode("ascii"), durable=False)
    except OSError:
        pass
