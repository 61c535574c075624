"""The command line: exit codes, messages, where the book is, generate, demo mode."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from acct_tui.cli import main, tui_command
from acct_tui.config import default_book_path
from acct_tui.domain.records import Client
from acct_tui.store.repository import Repository


def test_check_prints_counts_and_exits_0(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"ok: {demo_path}: 12 clients, 14 contacts, 25 projects, 79 tasks, 3 staff, 122 activities, 4 events, "
        "11 weeks, 2 discounts, 5 competitors (schema 3)\n"
    )


def test_check_counts_one_of_a_kind_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: "1 clients", "1 activities"."""
    path = tmp_path / "book.json"
    with Repository.open(path, create=True) as repo:
        repo.clients.add(Client(name="Acme"))
    assert main(["check", "--db", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {path}: 1 client, 0 contacts, 0 projects, ")


def test_db_may_come_before_the_command(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_path), "check"]) == 0
    assert str(demo_path) in capsys.readouterr().out


def test_check_of_a_missing_book_exits_1_without_creating_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nope.json"
    assert main(["check", "--db", str(path)]) == 1
    assert capsys.readouterr().err == f"acct-tui: {path}: does not exist\n"
    assert not path.exists()


def test_the_environment_variable_names_the_default_book(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ACCT_TUI_DB", str(demo_path))
    assert default_book_path() == demo_path
    assert main(["check"]) == 0
    assert str(demo_path) in capsys.readouterr().out


def test_without_the_variable_the_book_is_in_the_user_data_folder(tmp_path: Path) -> None:
    path = default_book_path()
    assert path.name == "book.json"
    assert path.parent.name == "acct-tui"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["frobnicate"], "invalid choice"),
        (["generate", "--clients", "3"], "the following arguments are required: -o/--output"),
        (["generate", "--clients", "0", "-o", "x.json"], "--clients must be between 1 and 100000"),
        (["generate", "--clients", "many", "-o", "x.json"], "invalid int value"),
        (["--demo", "--db", "x.json"], "cannot be combined with --db"),
        (["--today", "someday", "check"], "is not a date"),
    ],
)
def test_wrong_usage_exits_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_generate_is_deterministic_and_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["--today", "2026-11-27", "generate", "--clients", "20", "--seed", "5", "-o", str(first)]) == 0
    assert main(["--today", "2026-11-27", "generate", "--clients", "20", "--seed", "5", "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    with Repository.open(first, read_only=True) as repo:
        assert len(repo.clients) == 20
        assert len(repo.projects) == 100
        assert len(repo.tasks) == 600
        assert len(repo.activities) == 1200
    assert first.stat().st_mode & 0o777 == 0o600


def test_generate_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "book.json"
    path.write_text("precious")
    assert main(["generate", "--clients", "2", "-o", str(path)]) == 2
    assert path.read_text() == "precious"
    assert main(["generate", "--clients", "2", "-o", str(path), "--force"]) == 0


def test_demo_mode_never_touches_the_users_book(monkeypatch: pytest.MonkeyPatch) -> None:
    default = default_book_path()
    seen: dict[str, object] = {}

    def fake_app(repo: Repository, today: object, config: object, *, demo: bool, calendars: list[str]) -> int:
        seen.update(path=repo.path, demo=demo, clients=len(repo.clients))
        repo.clients.add(repo.clients.all()[0].evolve(id=0, name="Added in the demo"))
        repo.save()
        return 0

    monkeypatch.setattr(tui_command, "_run_app", fake_app)
    assert main(["--demo"]) == 0
    assert seen["demo"] is True
    assert seen["clients"] == 12
    assert not default.exists()
    assert not Path(str(seen["path"])).exists()  # the temporary copy is gone too


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--demo", "status"], "--demo opens the planner on the sample book; `status` works on a book"),
        (["--demo", "import", "clients", "x.csv"], "--demo opens the planner on the sample book; `import`"),
        (["--read-only", "import", "clients", "x.csv"], "--read-only: `import` changes the book"),
        (["--read-only", "sync"], "--read-only: `sync` changes the book"),
    ],
)
def test_a_planner_flag_with_a_command_is_wrong_usage_and_the_users_book_is_untouched(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    # The user's own book (the default one) is the demo copy here: it must be neither read nor written.
    monkeypatch.setenv("ACCT_TUI_DB", str(demo_path))
    before = demo_path.read_bytes()
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert demo_path.read_bytes() == before


def test_read_only_goes_with_a_command_that_only_reads(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--read-only", "check", "--db", str(demo_path)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_python_dash_m_runs_the_cli(demo_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "acct_tui", "check", "--db", str(demo_path)], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("ok:")


def test_parse_errors_never_print_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    path.write_text("{ not json")
    result = subprocess.run([sys.executable, "-m", "acct_tui", "--db", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("check", "generate"):
        assert command in out


def test_version_prints_the_version_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    from acct_tui import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"acct-tui {__version__}\n"


@pytest.mark.parametrize("command", ["check", "generate", "import", "export", "report", "config", "status"])
def test_each_command_has_help_that_exits_0(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: acct-tui {command} [-h]")


def test_a_usage_error_prints_the_usage_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--bogus"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: acct-tui [-h]")
    assert err.endswith("acct-tui: error: unrecognized arguments: --bogus\n")


@pytest.mark.parametrize(
    "argv", [["--version"], ["--help"], ["status", "--help"], ["export", "--help"], ["frobnicate"], ["status", "-x"]]
)
def test_help_version_and_usage_errors_load_neither_the_domain_nor_textual(argv: list[str]) -> None:
    code = (
        "import sys; from acct_tui.cli import main; code = main(sys.argv[1:]); "
        "print('\\n'.join(sys.modules), file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True)
    assert done.returncode in (0, 2)
    loaded = set(done.stderr.split())
    for heavy in ("pydantic", "textual", "orjson", "tinydb", "platformdirs", "acct_tui.domain.book", "acct_tui.store"):
        assert heavy not in loaded, heavy


def test_the_parsers_choices_are_the_domains() -> None:
    from acct_tui.cli import choices
    from acct_tui.domain.parsing import DATE_ORDERS
    from acct_tui.domain.records import TABLES

    assert tuple(TABLES) == choices.TABLES
    assert DATE_ORDERS == choices.DATE_ORDERS
