"""Random command lines: every one exits 0, 1 or 2 with words, never a traceback, never a hang.

Hypothesis builds argv from the real grammar (commands, options, values) mixed with hostile
values: missing and odd paths, folders, file names with escape sequences or bytes that are not
UTF-8 (as a shell passes them: surrogate escapes), dates at the ends of the calendar, numbers out
of range, markup. `main()` runs in this process, with stdout strict UTF-8 as in a UTF-8 locale;
the planner itself is replaced by a stub (it would take the terminal). A few run as real
subprocesses too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from acct_tui.cli import tui_command
from acct_tui.demo import write_demo_book
from tests.conftest import TODAY
from tests.reliability.helpers import HOSTILE, acct_tui, env_without_user_folders, run_cli

DATES = [
    "2026-11-27", "today", "+3d", "-2w", "fri", "1.12.2026", "9999-12-31", "0001-01-01", "9999-12-25",
    "0001-01-03", "2026-02-30", "2026-W48", "+9999w", "-9999w", "", " ", "yesterday", "now", "31.12.9999",
]  # fmt: skip
WEEKS = ["2026-W48", "2026w48", "9999-W52", "0001-W01", "2026-W53", "2020-W53", "2026-W00", "W48", "", "2026-W5"]
NUMBERS = ["0", "1", "2", "-1", "100001", "1e3", "abc", "", "99999999999999999999999", "٣", "0x10"]


@pytest.fixture
def world(tmp_path: Path) -> dict[str, str]:
    """Paths a command line may name: a book, a CSV file, a folder, missing and odd files."""
    book = write_demo_book(tmp_path / "book.json", TODAY)
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    csv_ok = tmp_path / "clients.csv"
    csv_ok.write_text("name,tier\nFuzz Client,key\n")
    csv_bad = tmp_path / "bad.csv"
    csv_bad.write_text("name,tier,renewal\nX,gold,31.02.2026\n")
    export = tmp_path / "export.json"
    export.write_bytes(book.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    odd = os.fsdecode(bytes(tmp_path / "odd") + b"-\xff\x1b[31m-[b]x[/b].json")
    return {
        "book": str(book),
        "empty": str(empty),
        "missing": str(tmp_path / "missing" / "book.json"),
        "new": str(tmp_path / "new.json"),
        "folder": str(tmp_path),
        "csv": str(csv_ok),
        "bad csv": str(csv_bad),
        "export": str(export),
        "out file": str(out / "x.md"),
        "out zip": str(out / "x.zip"),
        "out folder": str(out / "csv"),
        "odd": odd,
        "empty string": "",
        "dev null": "/dev/null",
    }


def argv_strategy(world: dict[str, str]) -> st.SearchStrategy[list[str]]:
    paths = st.sampled_from(sorted(world.values()))
    junk = st.one_of(
        st.sampled_from([h for h in HOSTILE if "\x00" not in h and len(h) < 1000]),
        st.text(st.characters(exclude_characters="\x00"), max_size=12),
        st.sampled_from(["-", "--", "-o", "--db", "--format", "--help", "-h", "--version", "--json", "--force"]),
    )
    dates = st.sampled_from(DATES)
    commands = st.sampled_from(
        ["check", "generate", "import", "export", "report", "config", "status", "", "frobnicate", "help"]
    )

    @st.composite
    def argv(draw: Any) -> list[str]:
        args: list[str] = []
        for option in draw(st.lists(st.sampled_from(["--db", "--read-only", "--demo", "--today"]), max_size=3)):
            args.append(option)
            if option == "--db":
                args.append(draw(paths))
            elif option == "--today":
                args.append(draw(dates))
        command = draw(commands)
        if command:
            args.append(command)
        if command == "generate":
            args += ["--clients", draw(st.sampled_from(["0", "1", "2", "-3", "100001", "x", ""]))]
            if draw(st.booleans()):
                args += ["--seed", draw(st.sampled_from(NUMBERS))]
            args += ["-o", draw(st.sampled_from([world["new"], world["book"], world["folder"], world["odd"]]))]
        elif command == "import":
            args += [draw(st.sampled_from(["clients", "contacts", "projects", "tasks", "activities", "book", "x"]))]
            args += [draw(st.sampled_from([world["csv"], world["bad csv"], world["export"], world["missing"], ""]))]
        elif command == "export":
            args += ["--format", draw(st.sampled_from(["json", "csv", "md", "ics", "pdf"]))]
            if draw(st.booleans()):
                args += ["-o", draw(st.sampled_from([world["out file"], world["out zip"], world["out folder"]]))]
        elif command == "report":
            if draw(st.booleans()):
                args += ["--week", draw(st.sampled_from(WEEKS))]
        elif command == "status" and draw(st.booleans()):
            args += ["--today", draw(dates)]
        for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
            position = draw(st.integers(0, len(args)))
            args.insert(position, draw(st.one_of(junk, paths, dates)))
        if "--db" not in args and draw(st.booleans()):
            args += ["--db", draw(paths)]
        return args

    return argv()


@pytest.fixture
def no_planner(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The planner replaced by a stub: the command line's part (opening the book) still runs."""
    opened: list[Any] = []

    def stub(repo: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(repo.path)
        return 0

    monkeypatch.setattr(tui_command, "_run_app", stub)
    return opened


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_command_lines_never_crash(data: st.DataObject, world: dict[str, str], no_planner: list[Any]) -> None:
    argv = data.draw(argv_strategy(world), label="argv")
    code, _, err = run_cli(argv)
    event(f"exit {code}")
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err
    if code == 1:
        assert err.startswith("acct-tui: "), err
    if code == 2 and "--help" not in argv and "-h" not in argv:
        assert "error" in err or "acct-tui" in err, err


ODD_ARGVS = [
    ["check", "--db", "ODD"],
    ["--read-only", "--db", "ODD-missing"],
    ["status", "--today", "9999-12-31", "--db", "BOOK"],
    ["report", "--week", "9999-W52", "--db", "BOOK"],
    ["--today", "0001-01-01", "export", "--format", "ics", "--db", "BOOK"],
    ["import", "clients", "\x1b]0;owned\x07.csv", "--db", "BOOK"],
]


@pytest.mark.parametrize("argv", ODD_ARGVS, ids=[" ".join(a)[:40] for a in ODD_ARGVS])
def test_odd_command_lines_in_a_real_process(argv: list[str], tmp_path: Path) -> None:
    """The console script as a shell runs it (UTF-8 locale, stdout strict), with no terminal."""
    book = write_demo_book(tmp_path / "book.json", TODAY)
    odd = os.fsdecode(bytes(tmp_path / "odd") + b"-\xff\x1b[31m.json")
    write_demo_book(Path(odd), TODAY)
    args = [a.replace("ODD", odd).replace("BOOK", str(book)) for a in argv]
    env = env_without_user_folders(tmp_path / "home") | {"PYTHONIOENCODING": "utf-8:strict", "TERM": "dumb"}
    result = acct_tui(*args, env=env)
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "\x1b" not in result.stderr


def test_opening_a_book_whose_name_is_not_utf8(tmp_path: Path, no_planner: list[Any]) -> None:
    """Bug fixed: the recent-books list could not hold such a name, and opening the planner crashed."""
    odd = Path(os.fsdecode(bytes(tmp_path / "b") + b"\xff\xfe.json"))
    write_demo_book(odd, TODAY)
    code, _, err = run_cli(["--db", str(odd)])
    assert code == 0, err
    assert no_planner == [odd]
    code, out, err = run_cli(["check", "--db", str(odd)])
    assert code == 0, err
    assert out.startswith("ok: ")
