"""Bad book files beyond tests/store/test_bad_files.py: bytes, sizes, shapes, references, file types.

Each one: `acct-tui check` and opening the planner (`acct-tui --db PATH`, which exits before the UI
starts) exit 1 with a message naming the path and what is wrong, without a traceback and without
a raw control character; the file is left byte for byte, with its modification time.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from acct_tui.demo import write_demo_book
from acct_tui.store import layout
from acct_tui.store.lock import lock_path
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id
from tests.reliability.helpers import CONTROL, FileState, acct_tui, run_cli

OLD = 10**18  # an mtime no write of ours can give


def demo(path: Path) -> bytes:
    return write_demo_book(path, TODAY).read_bytes()


def edit_record(path: Path, table: str, template_id: int, change: Callable[[bytes], bytes]) -> bytes:
    """The demo book with one record's line changed as raw bytes (the file keeps the book's layout)."""
    data = demo(path)
    lines = data.split(b"\n")
    table_at = lines.index(b'"%s": {' % table.encode())
    prefix = b'"%d": ' % demo_id(table, template_id)
    at = next(i for i in range(table_at, len(lines)) if lines[i].startswith(prefix))
    lines[at] = change(lines[at])
    return b"\n".join(lines)


def with_record(path: Path, table: str, template_id: int, **fields: object) -> bytes:
    """The demo book with fields of one record replaced (through JSON, so the bytes stay valid)."""
    tables = layout.decode(demo(path))
    record_id = demo_id(table, template_id) if table != "settings" else template_id
    document = orjson.loads(tables[table][record_id])
    document.update(fields)
    tables[table][record_id] = orjson.dumps(document)
    return layout.encode(tables)


C1, CONTACT_1, ACTIVITY_1, TASK_1, EVENT_1 = (
    demo_id(table, 1) for table in ("clients", "contacts", "activities", "tasks", "events")
)

BAD: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "non-UTF-8 bytes inside a record": (
        lambda p: edit_record(p, "clients", 1, lambda line: line.replace(b'"name":"', b'"name":"\xff\xfe\xc0', 1)),
        f"clients record {C1}: not valid JSON at line …, column …: invalid unicode code point",
    ),
    "a raw NUL inside a record": (
        lambda p: edit_record(p, "clients", 1, lambda line: line.replace(b'"name":"', b'"name":"\x00', 1)),
        f"clients record {C1}: not valid JSON at line …, column …: control character",
    ),
    "an escape sequence in a name": (
        lambda p: with_record(p, "clients", 1, name="\x1b]0;owned\x07Acme"),
        f"clients record {C1}, field name: must be one line, without control characters (got '\\x1b]0;owned\\x07Acme')",
    ),
    "an escape sequence in a field name": (
        lambda p: with_record(p, "clients", 1, **{"\x1b[2J": 1}),
        f"clients record {C1}, field \\x1b[2J: is not a known field",
    ),
    "an escape sequence in a table name": (
        lambda p: demo(p).replace(b'"meta": {', b'"\\u001b]0;owned\\u0007": {},\n"meta": {', 1),
        "has tables an acct-tui book does not have: \\x1b]0;owned\\x07",
    ),
    "a lone surrogate escape": (
        lambda p: edit_record(p, "clients", 1, lambda line: line.replace(b'"name":"', b'"name":"\\ud800', 1)),
        f"clients record {C1}: not valid JSON at line …, column …: ",
    ),
    "deep nesting inside a record": (
        lambda p: edit_record(
            p, "clients", 1, lambda line: line.replace(b"{", b'{"x":' + b"[" * 20_000 + b"]" * 20_000 + b",", 1)
        ),
        f"clients record {C1}: not valid JSON at line …, column …: recursion limit exceeded",
    ),
    "deeply nested objects": (
        lambda p: b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        "nested too deeply",
    ),
    "duplicate ids in a hand-written layout": (
        lambda p: b'{"meta": {"1": {"schema_version": 1}},\n "clients": {"1": {"name": "A"}, "1": {"name": "B"}}}',
        "the key '1' appears twice",
    ),
    "duplicate keys in a record of a hand-written layout": (
        lambda p: b'{"meta": {"1": {"schema_version": 1}}, "clients": {"1": {"name": "A", "name": "B"}}}',
        "the key 'name' appears twice",
    ),
    "a record id of 0": (
        lambda p: demo(p).replace(b'\n"%d": {"name":"Saigon' % C1, b'\n"0": {"name":"Saigon', 1),
        "clients record 0: ids start at 1",
    ),
    "a record id beyond 2**53": (
        lambda p: demo(p).replace(b'\n"%d": {"name":"Saigon' % C1, b'\n"99999999999999999999": {"name":"Saigon', 1),
        "clients record 99999999999999999999, field id",
    ),
    "a contact of a missing client": (
        lambda p: with_record(p, "contacts", 1, client_id=999),
        f"contacts record {CONTACT_1}, field client_id: refers to client 999, which does not exist",
    ),
    "an activity of a missing task": (
        lambda p: with_record(p, "activities", 1, task_id=999),
        f"activities record {ACTIVITY_1}, field task_id: refers to task 999, which does not exist",
    ),
    "a task delegated to missing staff": (
        lambda p: with_record(p, "tasks", 1, assignee_id=999, follow_up="2026-12-01"),
        f"tasks record {TASK_1}, field assignee_id: refers to staff member 999, which does not exist",
    ),
    "an event of a missing client": (
        lambda p: with_record(p, "events", 1, client_id=999),
        f"events record {EVENT_1}, field client_id: refers to client 999, which does not exist",
    ),
    "infinity": (
        lambda p: edit_record(
            p, "clients", 1, lambda line: line.replace(b'"contract_value":', b'"contract_value":1e999,"x":', 1)
        ),
        f"clients record {C1}, field contract_value: must be a finite number",
    ),
    "settings that break the rules": (
        lambda p: with_record(p, "settings", 1, capacity={"hours_per_day": 99}),
        "settings.capacity.hours_per_day: must be at most 24",
    ),
    "50 MB of random bytes": (lambda p: os.urandom(50 * 2**20), "not a readable book"),
    "50 MB of one JSON string": (lambda p: b'"' + b"x" * (50 * 2**20) + b'"', "holds a JSON str, not a book's tables"),
}


def assert_refused(path: Path, expected: str, capsys: pytest.CaptureFixture[str] | None = None) -> None:
    """check and the planner exit 1 with `expected` (where "…" stands for a number) and the path, no
    traceback, no raw control character."""
    pattern = re.compile(r"\d+".join(map(re.escape, expected.split("…"))))
    for argv in (["check", "--db", str(path)], ["--db", str(path)]):
        code, out, err = run_cli(argv)
        assert code == 1, (argv, out, err)
        assert pattern.search(err), err[:2000]
        assert str(path) in err
        assert "Traceback" not in err
        assert not CONTROL.search(err.replace("\n", "")), err


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_book_is_refused_clearly_and_left_alone(case: str, tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    make, expected = BAD[case]
    content = make(path)
    for stray in tmp_path.iterdir():  # only the bad book in its folder
        if stray != path:
            stray.unlink()
    path.write_bytes(content)
    os.utime(path, ns=(OLD, OLD))
    assert_refused(path, expected)
    assert FileState.of(path) == FileState(content, OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.json"]


def test_a_record_that_is_not_json_is_named_at_its_line_and_column_in_the_file(tmp_path: Path) -> None:
    """A book mended by hand (after a merge, say): the message leads the editor to the very place."""
    path = tmp_path / "book.json"
    content = edit_record(path, "clients", 1, lambda line: line.replace(b'"name":"', b'"name":"x" "', 1))
    path.write_bytes(content)
    lines = content.split(b"\n")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith(b'"%d": ' % C1))
    # the parser stops at the quote that opens the second string: its column in the line, from 1
    column = lines[number - 1].index(b'"x" "') + len(b'"x" "')
    code, _, err = run_cli(["check", "--db", str(path)])
    assert code == 1
    expected = f"clients record {C1}: not valid JSON at line {number}, column {column}: expected `,` or `}}`"
    assert expected in err, err


def test_the_planner_refuses_a_bad_book_before_its_ui_starts(tmp_path: Path) -> None:
    """The real console script, without a terminal: it must exit 1 before Textual takes the screen."""
    path = tmp_path / "book.json"
    content = with_record(path, "contacts", 1, client_id=999)
    path.write_bytes(content)
    os.utime(path, ns=(OLD, OLD))
    result = acct_tui("--db", str(path))
    assert result.returncode == 1
    assert "refers to client 999, which does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert "\x1b[" not in result.stdout  # no screen was drawn
    assert FileState.of(path) == FileState(content, OLD)


def _huge(path: Path, *, broken: bool) -> bytes:
    """A valid 50 MB book: 2,500 clients with 20,000 characters of notes each (the most a note holds)."""
    tables = layout.decode(demo(path))
    notes = "n" * 20_000
    start = 1  # ids 1-2,500 are free: the demo's are hashes up to 2**53
    for n in range(2_500):
        tables["clients"][start + n] = orjson.dumps({"name": f"Huge {n}", "notes": notes})
    if broken:
        tables["clients"][start + 2_499] = orjson.dumps({"name": "Huge last", "notes": notes + "n"})
    return layout.encode(tables)


def test_a_valid_50_mb_book_opens_in_reasonable_time(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    content = _huge(path, broken=False)
    assert len(content) > 50 * 10**6
    path.write_bytes(content)
    os.utime(path, ns=(OLD, OLD))
    started = time.perf_counter()
    code, out, err = run_cli(["check", "--db", str(path)])
    took = time.perf_counter() - started
    assert code == 0, err
    assert "2512 clients" in out
    assert took < 10, f"check of a 50 MB book took {took:.1f} s"
    assert FileState.of(path) == FileState(content, OLD)


def test_a_50_mb_book_with_one_bad_record_at_the_end_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    content = _huge(path, broken=True)
    path.write_bytes(content)
    os.utime(path, ns=(OLD, OLD))
    code, _, err = run_cli(["check", "--db", str(path)])
    assert code == 1
    assert "clients record 2500, field notes: is too long (at most 20000 characters)" in err
    assert len(err) < 2000  # the value is shortened in the message
    assert FileState.of(path) == FileState(content, OLD)


# --- what the path names ----------------------------------------------------------------------


def test_a_symlink_to_elsewhere_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "real.json"
    target.parent.mkdir()
    content = demo(target)
    os.utime(target, ns=(OLD, OLD))
    link = tmp_path / "book.json"
    link.symlink_to(target)
    assert_refused(link, "is a symbolic link (to ")
    assert link.is_symlink()
    assert FileState.of(target) == FileState(content, OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.json", "elsewhere"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["real.json"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "book.json"
    folder.mkdir()
    (folder / "inside").write_text("keep")
    assert_refused(folder, "is not a regular file")
    assert [p.name for p in folder.iterdir()] == ["inside"]


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "book.json"
    os.mkfifo(fifo)
    started = time.perf_counter()
    assert_refused(fifo, "is not a regular file")
    assert time.perf_counter() - started < 5
    assert fifo.is_fifo()


# --- the lock file ----------------------------------------------------------------------------


def test_a_lock_file_that_is_a_symlink_is_never_written_through(tmp_path: Path) -> None:
    """Bug fixed: the lock was opened through a symbolic link and truncated, destroying its target."""
    book = tmp_path / "book.json"
    demo(book)
    precious = tmp_path / "precious.txt"
    precious.write_text("years of notes\n")
    lock_path(book).symlink_to(precious)
    code, _, err = run_cli(["import", "clients", str(_csv(tmp_path)), "--db", str(book)])
    assert code == 1
    assert "cannot create its lock file book.json.lock: it is a symbolic link" in err
    assert precious.read_text() == "years of notes\n"
    assert lock_path(book).is_symlink()
    # Reading does not need the lock.
    assert run_cli(["check", "--db", str(book)])[0] == 0


def test_a_lock_file_that_is_a_fifo_or_a_folder_is_reported(tmp_path: Path) -> None:
    """Bug fixed: a FIFO as the lock file gave a traceback (ftruncate: Invalid argument)."""
    book = tmp_path / "book.json"
    content = demo(book)
    os.mkfifo(lock_path(book))
    code, _, err = run_cli(["--db", str(book)])
    assert code == 1
    assert "its lock file book.json.lock is not a regular file" in err
    lock_path(book).unlink()
    lock_path(book).mkdir()
    code, _, err = run_cli(["--db", str(book)])
    assert code == 1
    assert "cannot create its lock file book.json.lock: Is a directory" in err
    assert book.read_bytes() == content


def _csv(folder: Path) -> Path:
    path = folder / "new.csv"
    path.write_text("name\nNew client\n")
    return path


def test_a_symlinked_backup_or_temp_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    """Backups and temporary files are written by replacing, so a planted symlink cannot redirect them."""
    book = tmp_path / "book.json"
    demo(book)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep\n")
    (tmp_path / "book.json.1.bak").symlink_to(precious)
    (tmp_path / ".book.json.planted.tmp").symlink_to(precious)
    with Repository.open(book, today=TODAY) as repo:
        repo.clients.add(repo.clients.all()[0].evolve(id=0, name="Saved once"))
    assert precious.read_text() == "keep\n"
    assert not (tmp_path / ".book.json.planted.tmp").exists()
    assert (tmp_path / "book.json.2.bak").is_symlink()  # the old backup 1, shifted as it was
    assert not (tmp_path / "book.json.1.bak").is_symlink()
