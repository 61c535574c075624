"""The import, export, report and config commands: outputs, usage errors, progress on stderr."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from acct_tui.cli import main
from acct_tui.config import config_path
from acct_tui.demo import write_demo_book
from acct_tui.exchange.export_markdown import summary
from acct_tui.settings import defaults_toml
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id
from tests.exchange.helpers import run


def test_help_lists_the_exchange_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("import", "export", "report", "config"):
        assert command in out


def test_markdown_to_standard_output(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "--format", "md", "--db", str(demo_path)) == 0
    with Repository.open(demo_path, read_only=True) as repo:
        assert capsys.readouterr().out == summary(repo.book, TODAY)


def test_icalendar_to_a_file(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "book.ics"
    before = datetime.now(UTC).replace(microsecond=0)
    assert run("export", "--format", "ics", "--db", str(demo_path), "-o", str(target)) == 0
    parsed = Calendar.from_ical(target.read_bytes())
    uids = [str(c["UID"]) for c in parsed.walk() if "UID" in c]
    assert f"event-{demo_id('events', 1)}.demo0000000000000000000000000001@acct-tui" in uids
    assert all(c.decoded("DTSTAMP") >= before for c in parsed.walk("VTODO"))


def test_exports_read_the_book_without_locking_or_changing_it(demo_repo: Repository, tmp_path: Path) -> None:
    before = demo_repo.path.read_bytes()
    assert run("export", "--format", "json", "--db", str(demo_repo.path), "-o", str(tmp_path / "x.json")) == 0
    assert demo_repo.path.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--db", "b.json"], "the following arguments are required: --format"),
        (["export", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["import", "widgets", "x.csv"], "invalid choice: 'widgets'"),
        (["import", "clients"], "the following arguments are required: FILE"),
        (["config", "--path", "--init"], "not allowed with argument"),
        (["config", "--force"], "--force goes with --init"),
        # an unset variable in a script (--db "$BOOK") must not mean the default book
        (["--db", "", "status"], "argument --db: is empty"),
        (["status", "--db", " ", "--json"], "argument --db: is empty"),
        (["import", "clients", "x.csv", "--db", ""], "argument --db: is empty"),
    ],
)
def test_wrong_usage_exits_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_output_over_the_book_itself_is_refused(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = demo_path.read_bytes()
    assert run("export", "--format", "md", "--db", str(demo_path), "-o", str(demo_path)) == 2
    assert demo_path.read_bytes() == before
    assert "-o names the book itself" in capsys.readouterr().err


def test_no_spelling_of_the_book_lets_an_output_replace_it(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report's -o is checked as export's is, and the check is of the file, not of the path's
    text: `..` and a symbolic link name the same book."""
    before = demo_path.read_bytes()
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.json").symlink_to(demo_path)
    dodges = (str(demo_path), str(tmp_path / "sub" / ".." / demo_path.name), str(tmp_path / "link.json"))
    for output in dodges:
        for command in (["report"], ["export", "--format", "md"], ["export", "--format", "json"]):
            assert run(*command, "--db", str(demo_path), "-o", output) == 2, (command, output)
            assert "-o names the book itself" in capsys.readouterr().err
    assert demo_path.read_bytes() == before


def test_a_command_does_not_replace_a_book_in_use(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export, a report, a generated book or a merge written over a book a planner has open
    (its lock held) is refused, naming the holder, and the book keeps its bytes."""
    from acct_tui.store.lock import BookLock

    in_use = write_demo_book(tmp_path / "open.json", TODAY)
    before = in_use.read_bytes()
    commands = (
        ["export", "--format", "json", "--db", str(demo_path), "-o", str(in_use)],
        ["report", "--db", str(demo_path), "-o", str(in_use)],
        ["generate", "--clients", "1", "--force", "-o", str(in_use)],
        ["merge", str(demo_path), str(in_use), str(demo_path)],
        ["merge", str(demo_path), str(demo_path), str(demo_path), "-o", str(in_use)],
    )
    with BookLock(in_use):
        for command in commands:
            assert run(*command) == 1, command
            err = capsys.readouterr().err
            assert f"{in_use}: is in use by process {os.getpid()}" in err, (command, err)
            assert "Traceback" not in err
    assert in_use.read_bytes() == before
    # Once the planner has closed it, the same command writes it.
    assert run(*commands[0]) == 0


def test_output_into_a_missing_folder(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nope" / "out.md"
    assert run("export", "--format", "md", "--db", str(demo_path), "-o", str(target)) == 1
    assert capsys.readouterr().err == f"acct-tui: {target}: cannot be written: its folder does not exist\n"


def test_exporting_a_missing_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "none.json"
    assert run("export", "--format", "json", "--db", str(book)) == 1
    assert not book.exists()
    assert capsys.readouterr().err == f"acct-tui: {book}: does not exist\n"


def test_config_path_and_init(capsys: pytest.CaptureFixture[str]) -> None:
    path = config_path()
    assert main(["config", "--path"]) == 0
    assert capsys.readouterr().out == f"{path}\n"
    assert main(["config"]) == 0
    assert (
        capsys.readouterr().out
        == f"{path} does not exist: the defaults are in use (acct-tui config --init writes them)\n"
    )
    assert main(["config", "--init"]) == 0
    assert capsys.readouterr().out == f"wrote {path}\n"
    assert path.read_text() == defaults_toml()
    assert main(["config"]) == 0
    assert capsys.readouterr().out == f"ok: {path}\n"
    path.write_text("currency = 'USD'\n")
    assert main(["config", "--init"]) == 2
    assert f"{path} exists; add --force to replace it" in capsys.readouterr().err
    assert path.read_text() == "currency = 'USD'\n"
    assert main(["config", "--init", "--force"]) == 0
    assert path.read_text() == defaults_toml()


def test_config_reports_a_bad_file(capsys: pytest.CaptureFixture[str]) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text("[earnings]\nenabled = 'maybe'\n")
    assert main(["config"]) == 1
    assert "line 2, earnings.enabled: must be yes or no (got 'maybe')" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("name\nA\nB\n")
    assert run("import", "clients", str(csv_path), "--db", str(demo_path), "--dry-run") == 0
    assert capsys.readouterr().err == ""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert run("import", "clients", str(csv_path), "--db", str(demo_path), "--dry-run") == 0
    assert terminal.getvalue().endswith("\rimport clients [##############################] 2/2\n")


def test_the_command_line_starts_without_the_exchange_modules() -> None:
    code = "import sys, acct_tui.cli; print(' '.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "icalendar" not in loaded
    assert not [name for name in loaded if name.startswith("acct_tui.exchange.") and name != "acct_tui.exchange.errors"]


@pytest.mark.parametrize("form", ["md", "json"])
def test_an_export_imports_only_its_own_format(form: str, demo_path: Path, tmp_path: Path) -> None:
    """The iCalendar library alone takes 26 ms to import: a Markdown or JSON export goes without it."""
    out = tmp_path / f"out.{form}"
    code = (
        "import sys; from acct_tui.cli import main; "
        f"code = main(['export', '--format', {form!r}, '--db', {str(demo_path)!r}, '-o', {str(out)!r}]); "
        "print(code, ' '.join(sys.modules))"
    )
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    wrote, last = printed.splitlines()
    code_printed, *loaded = last.split()
    assert wrote == f"wrote {out}" and code_printed == "0" and out.stat().st_size > 0
    assert "icalendar" not in loaded
    assert "acct_tui.exchange.export_ics" not in loaded
