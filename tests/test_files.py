"""acct_tui.files: a write gives the file every byte of its pieces, in order, whatever the system
call takes at a time, and a disk that takes nothing is an error, not a loop."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from acct_tui import files

# Pieces as a save gives them: small headers between big tables, and empty ones.
PIECES = [b"{\n", b'"a": {\n', b"x" * 70_000, b"", b"\n},\n", b"y" * 5, b"", b"}\n"]


def written(path: Path, pieces: list[bytes]) -> bytes:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        files.write_all(fd, pieces)
    finally:
        os.close(fd)
    return path.read_bytes()


def test_every_piece_in_order(tmp_path: Path) -> None:
    assert written(tmp_path / "f", PIECES) == b"".join(PIECES)


def test_short_writes_go_on_where_they_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writev that takes 7 bytes at a time (a pipe, a signal, a nearly full disk) still writes all."""
    calls = []
    real = os.writev

    def seven_at_a_time(fd: int, views: Any) -> int:
        calls.append(len(views))
        head = b""
        for view in views:
            head += bytes(view[: 7 - len(head)])
            if len(head) == 7:
                break
        return real(fd, [head])

    monkeypatch.setattr(os, "writev", seven_at_a_time)
    assert written(tmp_path / "f", PIECES) == b"".join(PIECES)
    # 2 + 7 + 70,000 + 4 + 5 + 2 = 70,020 bytes, 7 a call: 10,003 calls (the last one 6)
    assert len(calls) == 10_003


def test_more_pieces_than_one_call_takes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "_most_pieces", lambda: 16)
    sizes = []
    real = os.writev

    def counted(fd: int, views: Any) -> int:
        sizes.append(len(views))
        return real(fd, views)

    monkeypatch.setattr(os, "writev", counted)
    pieces = [b"%d," % n for n in range(100)]
    assert written(tmp_path / "f", pieces) == b"".join(pieces)
    assert sizes == [16, 16, 16, 16, 16, 16, 4]  # 100 pieces, 16 a call


def test_one_call_for_a_whole_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reason for writev: one system call (one wait for the GIL) for all the pieces."""
    calls = []
    real = os.writev
    monkeypatch.setattr(os, "writev", lambda fd, views: calls.append(len(views)) or real(fd, views))
    files.atomic_write(tmp_path / "book.json", PIECES)
    assert (tmp_path / "book.json").read_bytes() == b"".join(PIECES)
    assert calls == [6]  # the 8 pieces less the 2 empty ones


def test_a_disk_that_takes_nothing_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "writev", lambda fd, views: 0)
    with pytest.raises(OSError) as raised:
        written(tmp_path / "f", PIECES)
    assert raised.value.errno == errno.EIO


def test_without_writev(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no writev: each piece is written until all of it is taken."""
    monkeypatch.delattr(os, "writev")
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data)[:1000]))
    assert written(tmp_path / "f", PIECES) == b"".join(PIECES)


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "book.json"
    target.write_bytes(b"old")

    def full(fd: int, views: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "writev", full)
    with pytest.raises(OSError):
        files.atomic_write(target, PIECES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.json"]
    assert target.read_bytes() == b"old"


def test_an_iterator_is_written_as_it_comes(tmp_path: Path) -> None:
    """A copy read a piece at a time (a backup of the book) is never held whole in memory."""
    target = tmp_path / "copy"
    seen = []

    def pieces() -> Any:
        for _ in range(3):
            seen.append(next(tmp_path.glob(".copy.*.tmp")).stat().st_size)  # what is written so far
            yield b"x" * 1000

    files.atomic_write(target, pieces())
    assert seen == [0, 1000, 2000]
    assert target.read_bytes() == b"x" * 3000
