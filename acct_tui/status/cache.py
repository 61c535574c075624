"""The status cache: the output of `acct-tui status` for a day, kept until a file it was computed from changes.

One file per book and output, `books/<id>/status.line` and `status.json` in the user cache
folder (`~/.cache/acct-tui` on Linux), holds that output for one request (the book's path, the day, the settings
file's path and any other files the command line names, the acct-tui version), and every file
they were computed from (the book, the settings file, later the calendars) as it was then: its
signature (device, inode, size, modification and change times in ns) and the SHA-256 of its
bytes. It is shown only if the request is the same and every file still has its signature; a
file whose signature changed but whose size did not is hashed, and the same bytes still count (a
`touch`, a copy back). A signature taken less than `RACY_NS` after the file last changed is not
trusted alone (a second change within the file system's timestamp step would not show in it):
the bytes are hashed, as git does for racily clean files. The entry carries its length and a
CRC-32, so a cut-short, corrupt or hand-edited file is never shown, nor one of another book or
another day: any doubt means the status is computed again, and written here again.

Trusting the signature instead of hashing the book on every status: the SHA-256 of a 20.8 MB
book (1,000 clients) takes 12 ms here (BLAKE2b 20 ms, SHA-1 11 ms, reading it 2 ms) and grows
with the book (38 ms at 3,000 clients, 62.8 MB), while a `stat` takes 3 µs at any size. With
Python's own 10 ms start, hashing would put a large book's status past three times taskwarrior's
`task next` (8-16 ms here). A file that changes changes its signature (an acct-tui save replaces
the file: a new inode, and a new ctime, which no tool can set back); the hash covers what the
signature cannot tell.

Only the standard library's cheapest modules are imported here (no argparse, pathlib, pydantic or
domain): a status answered from the cache runs in about 15 ms, of which Python's own start is 10.
"""

from __future__ import annotations

import os
import time
import zlib

from acct_tui import __version__
from acct_tui.config import settings_file, user_folder

TYPE_CHECKING = False
if TYPE_CHECKING:
    import mmap
    from collections.abc import Iterable, Mapping, Sequence

MAGIC = b"acct-tui status cache 1"
ABSENT = "absent"
"""The signature of a file that does not exist (a missing settings file is an input too)."""
RACY_NS = 2_000_000_000
"""A signature taken within 2 s of the file's last change is checked by its bytes (FAT's
timestamps step by 2 s; Linux file systems by a clock tick of 1-10 ms)."""
MAX_ENTRY_BYTES = 1 << 24
MAP_FROM_BYTES = 1 << 20
"""An entry this large is mapped into memory rather than read (`_read_entry`)."""
Output = bytes | memoryview
"""An output as printed: its bytes, or a view of them inside the entry they were read from."""


class InputFile:
    """A file an output was computed from, as it was read: its signature and the digest of its bytes."""

    __slots__ = ("digest", "path", "racy", "signature")

    def __init__(self, path: str, signature: str, digest: str, racy: bool) -> None:
        self.path = path
        self.signature = signature
        self.digest = digest
        self.racy = racy
        """The signature was taken too soon after the file changed to be trusted alone."""

    def __repr__(self) -> str:
        return f"InputFile({self.path!r}, {self.signature!r}, {self.digest[:12]!r}, racy={self.racy})"


class Request:
    """What a status asks for. `book` and the `named` files are made absolute."""

    __slots__ = ("book", "day", "named")

    def __init__(self, book: str, day: str, named: Sequence[str] = ()) -> None:
        self.book = os.path.abspath(book)
        self.day = day
        self.named = tuple(os.path.abspath(path) for path in named)

    def identity(self) -> bytes:
        # $TZ: the time zone calendars are read in (when the settings name none)
        fields = (__version__, self.book, self.day, settings_file(), os.environ.get("TZ", ""), *self.named)
        return "\0".join(fields).encode("utf-8", "surrogateescape")

    def file(self, variant: str) -> str:
        """Where this book's entry for the output `variant` lives (one file each: the line is read
        without the JSON, which at 1,000 clients is 5 MB)."""
        name = self.book.encode("utf-8", "surrogateescape")
        book_id = f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}"
        return os.path.join(user_folder("cache"), "books", book_id, f"status.{variant}")


# --- files as they are ---------------------------------------------------------------------


def signature_of(stat: os.stat_result) -> str:
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"


def signature(path: str) -> str:
    """`path`'s signature now, or ABSENT. Raises OSError if it cannot be looked at."""
    try:
        return signature_of(os.stat(path))
    except (FileNotFoundError, NotADirectoryError):
        return ABSENT


def _size(signature: str) -> str:
    return signature.split(":")[2]


def is_racy(stat: os.stat_result) -> bool:
    return time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) < RACY_NS


def digest_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def read_input(path: str, limit: int = -1) -> tuple[bytes | None, InputFile]:
    """The bytes of `path` (at most `limit`; None if there is no file) and the file as read. The
    signature is taken before the bytes are read, so a change while reading shows later as a
    changed signature. Raises OSError if the file cannot be read."""
    path = os.path.abspath(path)  # a later status may run in another folder
    try:
        handle = open(path, "rb")  # noqa: SIM115 (the signature is taken from the open handle)
    except FileNotFoundError:
        return None, InputFile(path, ABSENT, "", racy=False)
    with handle:
        stat = os.fstat(handle.fileno())
        data = handle.read(limit)
    return data, InputFile(path, signature_of(stat), digest_of(data), is_racy(stat))


def observe(path: str) -> InputFile | None:
    """`path` as it is now, or None if it changed while it was read (or cannot be read). Its
    bytes are hashed as they are read, never held whole (a 1,000-client book is 25 MB)."""
    import hashlib

    path = os.path.abspath(path)
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return InputFile(path, ABSENT, "", racy=False)
    except OSError:
        return None
    return observed(path, stat, digest)


def observed(path: str, stat: os.stat_result, digest: str) -> InputFile | None:
    """`path` as another reader read it: `stat` taken when it opened the file, `digest` the
    SHA-256 of the bytes it read (a status's book, hashed once). None if the path holds another
    file now, or one changed since that open (or it cannot be looked at)."""
    path = os.path.abspath(path)
    try:
        if signature(path) != signature_of(stat):
            return None
    except OSError:
        return None
    return InputFile(path, signature_of(stat), digest, is_racy(stat))


def observe_folder(path: str) -> InputFile | None:
    """The folder `path` as it is now (its signature: a file added or removed changes it), or None."""
    path = os.path.abspath(path)
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return InputFile(path, signature_of(stat), "", is_racy(stat))


def _unchanged(recorded: InputFile) -> InputFile | None:
    """The file as it is now if its content is what was recorded, else None."""
    now = signature(recorded.path)
    if now == recorded.signature and not recorded.racy:
        return recorded
    if ABSENT in (now, recorded.signature):
        return recorded if now == recorded.signature else None
    if not recorded.digest or _size(now) != _size(recorded.signature):
        return None  # a folder has no digest: only its signature tells
    found = observe(recorded.path)
    return found if found is not None and found.digest == recorded.digest else None


# --- entries -------------------------------------------------------------------------------


def _netstrings(items: Iterable[Output]) -> bytes:
    return b"".join(b"%d:%s" % (len(item), item) for item in items)


def _items(data: bytes | mmap.mmap, at: int) -> list[memoryview] | None:
    """The netstrings of `data` from `at` on, as views into it (the JSON, 13 MB at 3,000 clients,
    is not copied)."""
    view = memoryview(data)
    items: list[memoryview] = []
    while at < len(data):
        colon = data.find(b":", at, at + 20)
        if colon < 0 or not data[at:colon].isdigit():
            return None
        end = colon + 1 + int(data[at:colon])
        if end > len(data):
            return None
        items.append(view[colon + 1 : end])
        at = end
    return items


def encode(request: Request, inputs: Sequence[InputFile], outputs: Mapping[str, Output]) -> bytes:
    """The entry for `outputs` (each variant's bytes as printed)."""
    items: list[Output] = [request.identity(), b"%d" % len(inputs)]
    for found in inputs:
        path = found.path.encode("utf-8", "surrogateescape")
        items += [path, found.signature.encode(), found.digest.encode(), b"1" if found.racy else b"0"]
    for variant, printed in outputs.items():
        items += [variant.encode(), printed]
    body = _netstrings(items)
    return b"%s %08x %d\n%s" % (MAGIC, zlib.crc32(body), len(body), body)


class Entry:
    """A decoded, intact entry (its CRC and length checked), not yet compared with anything."""

    __slots__ = ("identity", "inputs", "outputs")

    def __init__(self, identity: bytes, inputs: list[InputFile], outputs: dict[str, Output]) -> None:
        self.identity = identity
        self.inputs = inputs
        self.outputs = outputs


def decode(data: bytes | mmap.mmap) -> Entry | None:
    """The entry in `data`, or None if it is not one intact entry of this format. Its outputs are
    views into `data`: the few ms of copying 13 MB twice are a third of a cached status's time."""
    cut = data.find(b"\n")
    if cut < 0:
        return None
    parts = data[:cut].split(b" ")
    if len(parts) != 6 or b" ".join(parts[:4]) != MAGIC:
        return None
    crc, length = parts[4], parts[5]
    body = memoryview(data)[cut + 1 :]
    if not length.isdigit() or int(length) != len(body) or crc != b"%08x" % zlib.crc32(body):
        return None
    items = _items(data, cut + 1)
    if items is None or len(items) < 2 or not items[1].tobytes().isdigit():
        return None
    count = int(items[1].tobytes())
    rest = items[2:]
    if len(rest) < 4 * count or (len(rest) - 4 * count) % 2:
        return None
    try:
        inputs = [
            InputFile(
                rest[i].tobytes().decode("utf-8", "surrogateescape"),
                rest[i + 1].tobytes().decode(),
                rest[i + 2].tobytes().decode(),
                rest[i + 3].tobytes() == b"1",
            )
            for i in range(0, 4 * count, 4)
        ]
        tail = rest[4 * count :]
        outputs: dict[str, Output] = {tail[i].tobytes().decode(): tail[i + 1] for i in range(0, len(tail), 2)}
    except UnicodeDecodeError:
        return None
    return Entry(items[0].tobytes(), inputs, outputs)


# --- reading and writing -------------------------------------------------------------------


def _read_entry(path: str) -> bytes | mmap.mmap | None:
    """The bytes of the entry at `path`; a large one (the JSON) mapped, not read: 13 MB at 3,000
    clients are 7 ms mapped and checked, 17 read and checked. An entry is only ever replaced
    (`atomic_write`), never rewritten in place, so a mapping holds while it is printed. Raises OSError."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if not 0 < size <= MAX_ENTRY_BYTES:
            return None
        if size < MAP_FROM_BYTES:
            return handle.read()
        import mmap

        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def lookup(request: Request, variant: str) -> Output | None:
    """The cached output `variant` ("line" or "json") for `request`, as the bytes a UTF-8 standard
    output is sent (`printed`), or None if there is none that holds now. Never raises for a cache
    it cannot read."""
    try:
        data = _read_entry(request.file(variant))
        entry = decode(data) if data is not None else None
        if entry is None or entry.identity != request.identity() or variant not in entry.outputs:
            return None
        fresh: list[InputFile] = []
        for recorded in entry.inputs:
            found = _unchanged(recorded)
            if found is None:
                return None
            fresh.append(found)
    except OSError:
        return None
    if any(a is not b and (a.signature != b.signature or not b.racy) for a, b in zip(entry.inputs, fresh, strict=True)):
        _write(request, fresh, {variant: entry.outputs[variant]})  # the same bytes, a new signature; or no longer racy
    return entry.outputs[variant]


def printed(text: str) -> bytes:
    """`text` as `print` sends it to a UTF-8 standard output (the CLI's, which escapes surrogates)."""
    return text.encode("utf-8", "surrogateescape")


def store(request: Request, inputs: Sequence[InputFile], outputs: Mapping[str, str]) -> bool:
    """Write an entry for each output variant, if every input still has the signature it was read
    with. A cache that cannot be written is no error (False): the next status computes again."""
    try:
        encoded = {variant: printed(text) for variant, text in outputs.items()}
    except UnicodeEncodeError:  # text that print could not send either
        return False
    return _write(request, inputs, encoded)


def _write(request: Request, inputs: Sequence[InputFile], outputs: Mapping[str, Output]) -> bool:
    from pathlib import Path

    from acct_tui.files import atomic_write, make_folders

    try:
        if any(signature(found.path) != found.signature for found in inputs):
            return False
        for variant, data in outputs.items():
            target = Path(request.file(variant))
            make_folders(target.parent)
            # Not fsync'ed: a cache lost in a crash costs one computed status, and one cut short
            # fails its length and CRC check (5 MB of JSON at 1,000 clients: 6 ms instead of 16, median).
            atomic_write(target, encode(request, inputs, {variant: data}), durable=False)
    except OSError:
        return False
    return True
