"""`acct-tui status` answered from the status cache, and never from a cache that no longer holds.

Each test runs the real command line. "From the cache" is shown by making the computing path
fail: if the status still prints, the cache answered it.
"""

from __future__ import annotations

import argparse
import mmap
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from acct_tui.cli import build_parser, cached_status, main, status_command
from acct_tui.cli.common import calendar_paths
from acct_tui.config import config_path
from acct_tui.domain.records import Task
from acct_tui.domain.workload import assess
from acct_tui.settings import load as load_settings
from acct_tui.status import cache, output
from acct_tui.store.repository import Repository
from tests.cli.test_status import DEMO_LINE
from tests.conftest import TODAY
from tests.ui.conftest import running

DAY = TODAY.isoformat()


def status(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> str:
    assert main(["--today", DAY, "status", "--db", str(path), *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def _fail(args: argparse.Namespace) -> int:
    raise AssertionError("the status was computed, not read from the cache")


@pytest.fixture
def computing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a status the cache cannot answer fails the test (the parser is built anew
    by each `main`, with the handler it finds then)."""
    monkeypatch.setattr(status_command, "run_status", _fail)


FIRST = "Check dashboard data quality"
"""The first task of the demo book's plan on TODAY (tests/cli/test_status.py's DEMO_LINE)."""


def first_task(repo: Repository) -> Task:
    return next(t for t in repo.book.tasks.values() if t.title == FIRST)


def entry_file(path: Path, variant: str = "line") -> Path:
    return Path(cache.Request(str(path), DAY).file(variant))


def test_a_second_status_is_read_from_the_cache(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert status(capsys, demo_path) == DEMO_LINE + "\n"
    assert entry_file(demo_path).stat().st_mode & 0o777 == 0o600
    assert entry_file(demo_path).parent.stat().st_mode & 0o777 == 0o700
    json_text = status(capsys, demo_path, "--json")
    assert json_text.encode() in entry_file(demo_path, "json").read_bytes()
    assert b'"date":' not in entry_file(demo_path, "line").read_bytes()  # the line is read without the JSON
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(status_command, "run_status", _fail)
        assert status(capsys, demo_path) == DEMO_LINE + "\n"
        assert status(capsys, demo_path, "--json") == json_text


def test_a_computed_status_makes_and_keeps_only_the_output_asked_for(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The line is computed without the ways out of the promises at risk (the JSON's), and is the same."""
    with Repository.open(demo_path, read_only=True) as repo:
        full = output.outputs(repo.book, assess(repo.book, TODAY))
    assert "2 don't fit | 5 at risk" in full["line"]  # the demo has both, each with its ways out in the JSON
    assert status(capsys, demo_path) == full["line"]
    assert entry_file(demo_path, "line").exists()
    assert not entry_file(demo_path, "json").exists()
    assert status(capsys, demo_path, "--json") == full["json"]
    assert entry_file(demo_path, "json").exists()


def test_the_cache_is_read_without_argparse_pydantic_textual_or_the_domain(demo_path: Path) -> None:
    argv = ["--today", DAY, "--db", str(demo_path), "status", "--json"]
    assert main(argv) == 0  # writes the cache (XDG_CACHE_HOME is this test's)
    code = (
        "import sys; from acct_tui.cli import main; code = main(sys.argv[1:]); "
        "print('\\n'.join(sys.modules), file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0
    assert done.stdout.startswith('{"date":"2026-11-27"')
    loaded = set(done.stderr.split())
    assert "acct_tui.status.cache" in loaded
    for heavy in ("argparse", "pathlib", "pydantic", "textual", "orjson", "tinydb", "platformdirs", "acct_tui.domain"):
        assert heavy not in loaded, heavy


def test_a_computed_status_without_calendars_does_not_import_the_calendar_reader(demo_path: Path) -> None:
    argv = ["--today", DAY, "--db", str(demo_path), "status"]
    code = "import sys; from acct_tui.cli import main; main(sys.argv[1:]); print('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=dict(os.environ))
    loaded = set(done.stdout.split())
    assert "acct_tui.calendar.found" in loaded  # the empty read: no calendar files
    assert "acct_tui.calendar.reader" not in loaded
    assert "acct_tui.calendar.events" not in loaded


def test_an_edit_to_the_book_is_seen(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert status(capsys, demo_path) == DEMO_LINE + "\n"
    with Repository.open(demo_path, today=TODAY) as repo:
        repo.tasks.update(first_task(repo).evolve(title=f"{FIRST}, again"))
    assert f"next: {FIRST}, again |" in status(capsys, demo_path)


def test_a_save_while_status_reads_the_book_is_not_cached_as_the_old_book(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status hashes the bytes it read once: a save landing just after that read makes the
    printed status one of the old book, never a cache entry for the new one."""
    monkeypatch.setattr(cache, "RACY_NS", 0)  # signatures trusted at once: only the signature check guards
    read_book = Repository.read_book

    def then_saved(path: str, **kwargs: object) -> object:
        read = read_book(path, **kwargs)  # type: ignore[arg-type]
        with Repository.open(path, today=TODAY) as repo:  # the planner saves meanwhile
            repo.tasks.update(first_task(repo).evolve(title=f"{FIRST}, saved"))
        return read

    with monkeypatch.context() as patch:
        patch.setattr(Repository, "read_book", then_saved)
        assert status(capsys, demo_path) == DEMO_LINE + "\n"  # what was read
    assert not entry_file(demo_path).exists()
    assert f"next: {FIRST}, saved |" in status(capsys, demo_path)


def test_the_same_size_with_the_old_modification_time_is_seen(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the book was written just now: trust its signature anyway
    status(capsys, demo_path)
    before = demo_path.stat()
    data = demo_path.read_bytes()
    edited = data.replace(FIRST.encode(), FIRST.upper().encode())
    assert len(edited) == len(data) and edited != data
    with demo_path.open("r+b") as handle:  # in place: the same inode and size
        handle.write(edited)
    os.utime(demo_path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    assert f"next: {FIRST.upper()} |" in status(capsys, demo_path)


def test_a_touched_book_with_the_same_bytes_is_still_answered(
    demo_path: Path, capsys: pytest.CaptureFixture[str], computing_fails: None
) -> None:
    request = cache.Request(str(demo_path), DAY)
    found = cache.observe(str(demo_path))
    settings = load_settings().as_read
    assert found is not None and settings is not None
    assert cache.store(request, [found, settings], {"line": "cached\n"})
    copy = demo_path.with_name("copy.json")
    shutil.copyfile(demo_path, copy)
    copy.replace(demo_path)  # another inode, the same bytes
    assert status(capsys, demo_path) == "cached\n"
    entry = cache.decode(entry_file(demo_path).read_bytes())
    assert entry is not None
    assert entry.inputs[0].signature == cache.signature(str(demo_path))  # kept under the new signature


def test_another_day_is_computed(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status(capsys, demo_path)
    saturday = TODAY + timedelta(days=1)
    with Repository.open(demo_path, read_only=True) as repo:
        expected = output.outputs(repo.book, assess(repo.book, saturday))["line"]
    assert expected.startswith("today 0.0/0.0 h")  # no working hours on a Saturday
    assert main(["status", "--db", str(demo_path), "--today", saturday.isoformat()]) == 0
    assert capsys.readouterr().out == expected


def test_a_change_to_the_settings_file_is_seen(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status(capsys, demo_path)
    config_path().parent.mkdir(parents=True)
    config_path().write_text("[capacity]\nhours_per_day = 6.0\n")
    assert status(capsys, demo_path).startswith("today 6.1/6.0 h")  # the settings file's 6 hours a day
    config_path().unlink()
    assert status(capsys, demo_path) == DEMO_LINE + "\n"


def test_another_settings_folder_is_seen(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status(capsys, demo_path)  # no settings file
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other-config"))
    config_path().parent.mkdir(parents=True)
    config_path().write_text("[capacity]\nhours_per_day = 6.0\n")
    assert status(capsys, demo_path).startswith("today 6.1/6.0 h")  # the settings file's 6 hours a day


def test_a_signature_taken_just_after_a_change_is_checked_by_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(b"one")
    found = cache.observe(str(path))
    assert found is not None and found.racy  # written within RACY_NS
    wrong = cache.InputFile(found.path, found.signature, cache.digest_of(b"two"), racy=True)
    assert cache._unchanged(wrong) is None  # the signature alone is not trusted: the bytes differ
    trusted = cache.InputFile(found.path, found.signature, cache.digest_of(b"two"), racy=False)
    assert cache._unchanged(trusted) is trusted
    assert cache._unchanged(found) is not None


def test_another_version_of_acct_tui_computes_again(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    request = cache.Request(str(demo_path), DAY)
    status(capsys, demo_path)
    assert cache.lookup(request, "line") == (DEMO_LINE + "\n").encode()
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.lookup(request, "line") is None


def test_a_missing_book_is_an_error_even_with_a_cache(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status(capsys, demo_path)
    demo_path.unlink()
    assert main(["--today", DAY, "status", "--db", str(demo_path)]) == 1
    assert capsys.readouterr().err == f"acct-tui: {demo_path}: does not exist\n"


def test_an_empty_db_is_refused_even_when_the_default_book_is_cached(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--db ""` (a script's unset variable) is a usage error, not the default book's status."""
    monkeypatch.setenv("ACCT_TUI_DB", str(demo_path))
    assert main(["--today", DAY, "status"]) == 0
    capsys.readouterr()
    for empty in (["--db", ""], ["--db="]):
        assert main(["--today", DAY, "status", *empty]) == 2
        assert "argument --db: is empty" in capsys.readouterr().err


def _poisoned(demo_path: Path, capsys: pytest.CaptureFixture[str], poison: str) -> bytes:
    """Write the cache, then change its file as `poison` says; the entry's bytes before."""
    status(capsys, demo_path)
    target = entry_file(demo_path)
    data = target.read_bytes()
    if poison == "truncated":
        target.write_bytes(data[: len(data) // 2])
    elif poison == "corrupt":
        target.write_bytes(os.urandom(len(data)))
    elif poison == "empty":
        target.write_bytes(b"")
    elif poison == "tampered":  # the numbers changed, the checksum not
        target.write_bytes(data.replace(b"stress 36", b"stress 12"))
    elif poison == "foreign":  # another book's entry, put where this one's goes
        other = demo_path.with_name("other.json")
        shutil.copyfile(demo_path, other)
        with Repository.open(other, today=TODAY) as repo:
            repo.tasks.update(first_task(repo).evolve(title="Another book"))
        status(capsys, other)
        shutil.copyfile(entry_file(other), target)
    return data


@pytest.mark.parametrize("poison", ["truncated", "corrupt", "empty", "tampered", "foreign"])
@pytest.mark.parametrize("mapped", [False, True], ids=["read", "mapped"])
def test_a_bad_cache_is_never_shown(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, poison: str, mapped: bool
) -> None:
    if mapped:
        monkeypatch.setattr(cache, "MAP_FROM_BYTES", 1)  # every entry mapped, as a large JSON's is
    good = _poisoned(demo_path, capsys, poison)
    assert status(capsys, demo_path) == DEMO_LINE + "\n"
    assert entry_file(demo_path).read_bytes().split(b"\n", 1)[1] == good.split(b"\n", 1)[1]  # and written again


def test_a_large_entry_is_mapped_and_printed_whole(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    json_text = status(capsys, demo_path, "--json")  # computed, and cached
    monkeypatch.setattr(cache, "MAP_FROM_BYTES", 1)
    assert isinstance(cache._read_entry(str(entry_file(demo_path, "json"))), mmap.mmap)
    monkeypatch.setattr(status_command, "run_status", _fail)
    assert status(capsys, demo_path, "--json") == json_text


def test_an_unwritable_cache_folder_is_no_error(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert status(capsys, demo_path) == DEMO_LINE + "\n"
    assert status(capsys, demo_path) == DEMO_LINE + "\n"


def test_the_planner_writes_the_status_after_a_save(
    demo_path: Path, capsys: pytest.CaptureFixture[str], computing_fails: None
) -> None:
    settings = load_settings().as_read
    assert settings is not None
    with Repository.open(demo_path, today=TODAY, autosave=False) as repo:
        repo.tasks.update(first_task(repo).evolve(title="Saved by the planner"))
        revision = repo.revision
        repo.save()
        book = repo.book.snapshot()
        assessment = assess(book, TODAY)
        assert output.record_after_save(repo, revision, book, TODAY, assessment, settings)
    assert "next: Saved by the planner |" in status(capsys, demo_path)
    assert status(capsys, demo_path, "--json") == output.outputs(book, assessment)["json"]


async def test_an_edit_in_the_planner_is_answered_from_the_cache(
    demo_path: Path, capsys: pytest.CaptureFixture[str], computing_fails: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(demo_path, settings_file=config_path()) as ui:
        await ui.press("3")
        task = ui.today.current_task
        assert task is not None and task.title == FIRST
        await ui.press("x")  # done: the plan's next task is another one
        await ui.settle()  # saved, recomputed, and the status written
        entry = cache.decode(entry_file(demo_path).read_bytes())
        assert entry is not None and entry.inputs[0].racy  # written just after the save
        monkeypatch.setattr(cache, "RACY_NS", 0)  # the racy window has passed: the planner looks it up
        ui.app.confirm_status()
        await ui.app.workers.wait_for_complete()
        entry = cache.decode(entry_file(demo_path).read_bytes())
        assert entry is not None and not any(found.racy for found in entry.inputs)  # the next needs no hash
    # (Asked once the planner has closed, which leaves the file as it was: Textual holds stdout.)
    line, json_text = status(capsys, demo_path), status(capsys, demo_path, "--json")
    with Repository.open(demo_path, read_only=True) as repo:
        assert repo.book.tasks[task.id].status == "done"
        expected = output.outputs(repo.book, assess(repo.book, TODAY))  # computed from the file
    assert line == expected["line"] != DEMO_LINE + "\n"
    assert f"next: {FIRST}" not in line
    assert json_text == expected["json"]


def test_the_planner_writes_nothing_for_a_book_changed_since(demo_path: Path) -> None:
    settings = load_settings().as_read
    assert settings is not None
    with Repository.open(demo_path, today=TODAY, autosave=False) as repo:
        book = repo.book.snapshot()
        assessment = assess(book, TODAY)
        saved = repo.saved_revision
        repo.tasks.update(first_task(repo).evolve(title="Not saved yet"))
        assert not output.record_after_save(repo, repo.revision, book, TODAY, assessment, settings)  # unsaved
        assert not output.record_after_save(repo, saved, book, TODAY, assessment, settings)  # changed since
        repo.save()
        demo_path.write_bytes(demo_path.read_bytes())  # another program rewrote it
        assert not output.record_after_save(repo, repo.revision, book, TODAY, assessment, settings)
    assert not entry_file(demo_path).exists()


# --- the command line the cache answers -------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["status", "--json"],
        ["status", "--json", "--json"],
        ["--db", "a.json", "status"],
        ["--db=a.json", "status", "--json"],
        ["status", "--db", "b.json", "--today", "2026-11-27"],
        ["--db", "a.json", "--today", "2026-01-02", "status", "--db", "b.json", "--today=2026-11-27"],
        ["status", "--db=-odd.json"],
        ["--today", "2026-11-27", "status", "--json", "--db", "~/book.json"],
        ["--calendar", "a.ics", "status"],
        ["--calendar", "a.ics", "status", "--calendar", "b.ics", "--calendar=c.ics"],
        ["status", "--calendar", "a.ics", "--calendar", "a.ics"],
    ],
)
def test_the_fast_reader_reads_as_argparse_does(argv: list[str]) -> None:
    options = cached_status.read_command_line(argv)
    assert options is not None
    args = build_parser().parse_args(argv)
    assert args.command == "status"
    assert (options.get("--db", [None])[-1], "--json" in options) == (args.db, args.json)
    assert options.get("--calendar", []) == calendar_paths(args)
    if "--today" in options:
        assert options["--today"][-1] == args.today.isoformat()


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check"],
        ["status", "--help"],
        ["status", "-h"],
        ["--help", "status"],
        ["status", "--js"],  # argparse takes abbreviations: it answers those
        ["status", "--json=yes"],
        ["status", "--db"],
        ["status", "--db", "--json"],
        ["status", "--db", "-"],
        ["status", "extra"],
        ["status", "status"],
        ["--db", "status"],
        ["--read-only", "status"],
        ["--demo", "status"],
        ["--json", "status"],
        ["status", "--", "--json"],
    ],
)
def test_the_fast_reader_leaves_everything_else_to_argparse(argv: list[str]) -> None:
    assert cached_status.read_command_line(argv) is None


@pytest.mark.parametrize("day", ["tomorrow", "2026-13-01", "1899-12-31", "3000-01-01", "20261127", " 2026-11-27"])
def test_a_date_the_fast_reader_cannot_take_as_it_is_goes_to_argparse(
    day: str, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status(capsys, demo_path)
    assert cached_status.read_command_line(["status", "--today", day]) == {"--today": [day]}
    assert cached_status.answer(["status", "--db", str(demo_path), "--today", day]) is None


def test_a_book_named_relative_to_the_folder_is_recorded_by_its_full_path(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(demo_path.parent)
    status(capsys, Path(demo_path.name))
    entry = cache.decode(entry_file(demo_path).read_bytes())
    assert entry is not None
    assert entry.inputs[0].path == str(demo_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    shutil.copyfile(demo_path, elsewhere / demo_path.name)  # the same name here: another file
    monkeypatch.setattr(status_command, "run_status", _fail)
    assert status(capsys, demo_path) == DEMO_LINE + "\n"  # the entry still holds for the book it names


def test_the_calendars_named_are_part_of_the_request(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    argv = ["status", "--db", str(demo_path), "--today", DAY, "--calendar", "a.ics", "--calendar=b.ics"]
    assert cached_status.read_command_line(argv) == {
        "--db": [str(demo_path)],
        "--today": [DAY],
        "--calendar": ["a.ics", "b.ics"],
    }
    monkeypatch.chdir(tmp_path)
    found = cache.observe(str(demo_path))
    assert found is not None
    named = cache.Request(str(demo_path), DAY, ["a.ics", "b.ics"])
    assert named.named == (str(tmp_path / "a.ics"), str(tmp_path / "b.ics"))
    assert cache.store(named, [found], {"line": "with two calendars\n"})
    assert cached_status.answer(argv) == 0
    assert capsys.readouterr().out == "with two calendars\n"
    assert cached_status.answer(argv[:-1]) is None  # one calendar: another request
    assert cached_status.answer(argv[:5]) is None  # none


EMPTY_CALENDAR = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nEND:VCALENDAR\n"


def test_a_calendar_is_an_input_of_the_cached_status(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from acct_tui.demo import write_demo_calendar

    calendar = write_demo_calendar(tmp_path / "cal.ics", TODAY)
    without = status(capsys, demo_path, "--json")
    with_meetings = status(capsys, demo_path, "--json", "--calendar", str(calendar))
    assert with_meetings != without  # Monday's meetings
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(status_command, "run_status", _fail)
        assert status(capsys, demo_path, "--json", "--calendar", str(calendar)) == with_meetings  # from the cache
    calendar.write_text(EMPTY_CALENDAR)  # no meetings now
    assert status(capsys, demo_path, "--json", "--calendar", str(calendar)) == without


def test_a_file_added_to_a_calendar_folder_is_seen(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from acct_tui.demo import write_demo_calendar

    folder = tmp_path / "calendars"
    (folder / "work").mkdir(parents=True)
    (folder / "empty.ics").write_text(EMPTY_CALENDAR)
    without = status(capsys, demo_path, "--json", "--calendar", str(folder))
    write_demo_calendar(folder / "work" / "meetings.ics", TODAY)  # in a folder under the one named
    with_meetings = status(capsys, demo_path, "--json", "--calendar", str(folder))
    assert with_meetings != without
    assert with_meetings == status(capsys, demo_path, "--json", "--calendar", str(folder / "work" / "meetings.ics"))


def test_a_status_with_a_calendar_problem_is_not_kept(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:not a date\nEND:VEVENT\nEND:VCALENDAR\n")
    for _ in range(2):  # the second time too, the problem is told
        assert main(["status", "--db", str(demo_path), "--today", DAY, "--calendar", str(broken)]) == 0
        assert str(broken) in capsys.readouterr().err
    assert not entry_file(demo_path).exists()
