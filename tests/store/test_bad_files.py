"""Bad book files: a clear message naming what and where, exit 1, and the file left byte for byte."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from acct_tui.cli import main
from acct_tui.demo import write_demo_book
from acct_tui.store.errors import BookError
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id


def valid_book(path: Path) -> bytes:
    write_demo_book(path, TODAY)
    return path.read_bytes()


def truncated(path: Path) -> bytes:
    return valid_book(path)[:5000]


def invalid_record(path: Path) -> bytes:
    client_3 = b'\n"%d": {"name":"Mekong Logistics","tier":"key"' % demo_id("clients", 3)
    return valid_book(path).replace(client_3, client_3.replace(b'"key"', b'"gold"'))


def dangling(path: Path) -> bytes:
    task = b'"title":"Clarify every need with the COO","client_id":%d,"project_id":' % demo_id("clients", 1)
    return valid_book(path).replace(task + b"%d," % demo_id("projects", 1), task + b"999,", 1)


def newer_schema(path: Path) -> bytes:
    return valid_book(path).replace(b'"schema_version":3', b'"schema_version":99')


def duplicate_ids(path: Path) -> bytes:
    nordlicht = b'\n"%d": {"name":"Nordlicht' % demo_id("clients", 2)
    return valid_book(path).replace(nordlicht, b'\n"%d": {"name":"Nordlicht' % demo_id("clients", 1))


BAD_FILES: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "empty": (lambda p: b"", "the file is empty"),
    "truncated": (truncated, "not valid JSON"),
    "not json": (lambda p: b"hello, world\n", "not valid JSON"),
    "not utf-8": (lambda p: b'{"clients": {"1": {"name": "\xff\xfe"}}}', "not UTF-8"),
    "not a book": (lambda p: b'{"_default": {"1": {"a": 1}}}', "not an acct-tui book"),
    "a list": (lambda p: b"[]", "holds a JSON list"),
    "deeply nested": (lambda p: b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    "invalid record": (
        invalid_record,
        f"clients record {demo_id('clients', 3)}, field tier: must be one of: strategic, key or standard",
    ),
    "dangling reference": (
        dangling,
        f"tasks record {demo_id('tasks', 1)}, field project_id: refers to project 999, which does not exist",
    ),
    "newer schema": (newer_schema, "schema version 99"),
    "duplicate ids": (duplicate_ids, f"id {demo_id('clients', 1)} appears twice in table 'clients'"),
    "unknown table": (lambda p: b'{"meta": {"1": {"schema_version": 1}}, "secrets": {}}', "secrets"),
    "bad meta": (lambda p: b'{"meta": {"1": {"schema_version": "one"}}}', "not a version number"),
    "huge junk": (lambda p: b"x" * (50 * 2**20), "not valid JSON"),
    # Before: read as infinity, written back as null, so reported as "estimate_hours: is required".
    "a number too large": (
        lambda p: b'{"tasks": {"1": {"title": "T", "estimate_hours": 1e999}}}',
        "1e999 is not a finite number",
    ),
    "infinity": (
        lambda p: b'{"tasks": {"1": {"title": "T", "estimate_hours": -Infinity}}}',
        "-Infinity is not a finite",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_book_is_refused_with_a_message_and_never_changed(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "book.json"
    make, expected = BAD_FILES[case]
    content = make(path)
    path.write_bytes(content)
    os.utime(path, ns=(10**18, 10**18))
    with pytest.raises(BookError) as info:
        Repository.open(path)
    assert expected in info.value.text()
    assert str(path) in info.value.text()

    for argv in (["check", "--db", str(path)], ["--db", str(path)]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert expected in err
        assert "Traceback" not in err
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == 10**18
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.json"]


def test_an_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "book.json"
    content = valid_book(path)
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(BookError, match="cannot be read: Permission denied"):
        Repository.open(path, read_only=True)
    monkeypatch.undo()
    assert path.read_bytes() == content


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_a_read_only_folder_is_reported_for_real(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    content = valid_book(path)
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(BookError, match="cannot create its lock file"):
            Repository.open(path)
        with Repository.open(path, read_only=True) as repo:
            assert len(repo.clients) == 12
    finally:
        tmp_path.chmod(0o700)
    assert path.read_bytes() == content


def test_a_read_only_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "book.json"
    content = valid_book(path)
    real_open = os.open

    def read_only_fs(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_fs)
    with pytest.raises(BookError, match="cannot create its lock file book.json.lock: Read-only file system"):
        Repository.open(path)
    with Repository.open(path, read_only=True) as repo:
        assert len(repo.clients) == 12
    assert path.read_bytes() == content


def test_a_symlink_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "real.json"
    real.parent.mkdir()
    content = valid_book(real)
    link = tmp_path / "book.json"
    link.symlink_to(real)
    with pytest.raises(BookError, match="is a symbolic link"):
        Repository.open(link)
    assert link.is_symlink()
    assert real.read_bytes() == content


def test_a_folder_is_not_a_book(tmp_path: Path) -> None:
    with pytest.raises(BookError, match="is not a regular file"):
        Repository.open(tmp_path)
