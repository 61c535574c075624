"""Privacy: files only where documented and only for the user (0600), no network, exports hold only
what was asked for.
"""

from __future__ import annotations

import io
import os
import socket
import stat
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from acct_tui.cli import tui_command
from acct_tui.config import config_path, recent_books_path
from acct_tui.demo import write_demo_book
from acct_tui.domain.records import TABLES, Activity, Client, Contact, Project, SelfCheck, StaffMember, Task
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.reliability.helpers import NetworkUsed, mode, no_network, run_cli
from tests.reliability.planner import planner

__all__ = ["no_network"]  # a fixture, used by name

SECRETS = {
    "client notes": "SECRET-CLIENT-NOTE",
    "contact email": "secret.person@example.com",
    "contact phone": "+49 30 555 0199",
    "contact notes": "SECRET-CONTACT-NOTE",
    "project notes": "SECRET-PROJECT-NOTE",
    "activity summary": "SECRET-ACTIVITY",
    "staff email": "staff.secret@example.com",
    "discount reason": "SECRET-DISCOUNT-REASON",
    "book setting": "SECRET-STAGE-LABEL",
}


@pytest.fixture
def umask_0() -> Iterator[None]:
    """The most permissive umask: modes must not depend on the user's."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def secret_book(tmp_path: Path) -> Path:
    """The demo book with a marked secret in each field an export may not need."""
    book = write_demo_book(tmp_path / "book.json", TODAY)
    with Repository.open(book, today=TODAY) as repo:
        client = repo.clients.add(
            Client(
                name="Secretive Ltd",
                notes=SECRETS["client notes"],
                discount_pct=5,
                discount_reason=SECRETS["discount reason"],
                created_on=TODAY,
            )
        )
        project = repo.projects.add(Project(client_id=client.id, title="Quiet deal", notes=SECRETS["project notes"]))
        repo.contacts.add(
            Contact(
                client_id=client.id,
                name="Pat",
                email=SECRETS["contact email"],
                phone=SECRETS["contact phone"],
                notes=SECRETS["contact notes"],
            )
        )
        repo.activities.add(
            Activity(client_id=client.id, when=datetime(2026, 11, 26, 10), summary=SECRETS["activity summary"])
        )
        repo.staff.add(StaffMember(name="Kim", email=SECRETS["staff email"]))
        repo.tasks.add(Task(title="Send offer", client_id=client.id, project_id=project.id, due=TODAY))
        week = next(iter(repo.weeks.all()))
        repo.weeks.update(
            week.evolve(
                self_check=SelfCheck(mental=91, physical=92, temporal=93, performance=94, effort=95, frustration=96)
            )
        )
        repo.set_settings({**repo.settings_overrides, "stages": {"labels": {"lost": SECRETS["book setting"]}}})
    return book


# --- files: where, and for whom --------------------------------------------------------------


async def test_a_session_leaves_only_the_book_and_its_backups_all_0600(tmp_path: Path, umask_0: None) -> None:
    folder = tmp_path / "books"
    folder.mkdir()
    book = write_demo_book(folder / "book.json", TODAY)
    book.chmod(0o644)  # as another tool might have left it
    async with planner(book) as ui:
        for n in range(4):
            await ui.add_client(f"Planner client {n}")
            await ui.settle()
        assert sorted(p.name for p in folder.iterdir()) == ["book.json", "book.json.1.bak", "book.json.lock"]
        assert all(mode(p) == 0o600 for p in folder.iterdir())
        await ui.pilot.press("q")
    for session in range(3):  # three more sessions: backups rotate, three are kept
        with Repository.open(book, today=TODAY) as repo:
            repo.clients.add(Client(name=f"Session {session}"))
    assert sorted(p.name for p in folder.iterdir()) == [
        "book.json",
        "book.json.1.bak",
        "book.json.2.bak",
        "book.json.3.bak",
    ]
    for path in folder.iterdir():
        assert mode(path) == 0o600, f"{path.name} is {oct(mode(path))}"
    # Backup 1 is the book as the last session found it.
    with Repository.open(folder / "book.json.1.bak", read_only=True) as backup:
        names = {c.name for c in backup.clients.all()}
    assert "Session 1" in names
    assert "Session 2" not in names


def test_new_folders_and_files_are_the_users_alone(
    tmp_path: Path, umask_0: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Everything acct-tui creates (book, its folder, recent list, settings, exports) is 0600 / 0700."""
    monkeypatch.setattr(tui_command, "_run_app", lambda *args, **kwargs: 0)
    book = tmp_path / "new" / "deeper" / "book.json"
    assert run_cli(["--db", str(book)])[0] == 0  # creates the book and its folders, remembers it
    assert run_cli(["config", "--init"])[0] == 0
    exports = tmp_path / "exports"
    exports.mkdir()
    for args in (
        ["export", "--format", "json", "-o", str(exports / "b.json")],
        ["export", "--format", "md", "-o", str(exports / "b.md")],
        ["export", "--format", "ics", "-o", str(exports / "b.ics")],
        ["export", "--format", "csv", "-o", str(exports / "csv")],
        ["export", "--format", "csv", "-o", str(exports / "b.zip")],
        ["report", "-o", str(exports / "r.md")],
    ):
        code, _, err = run_cli([*args, "--db", str(book)])
        assert code == 0, err
    files = [book, recent_books_path(), config_path(), *exports.rglob("*")]
    for path in files:
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, f"{path} is {oct(mode(path))}"
    # Bug fixed: mkdir(parents=True) gave the missing parents the umask's mode (0777 here).
    for folder in (book.parent, book.parent.parent, recent_books_path().parent, recent_books_path().parent.parent):
        assert mode(folder) == 0o700, f"{folder} is {oct(mode(folder))}"
    with zipfile.ZipFile(exports / "b.zip") as archive:
        assert all(stat.S_IMODE(info.external_attr >> 16) == 0o600 for info in archive.infolist())


# --- no network ------------------------------------------------------------------------------


async def test_a_full_planner_session_never_touches_the_network(demo_path: Path, no_network: list[str]) -> None:
    async with planner(demo_path) as ui:
        await ui.add_client("Offline Ltd")
        await ui.settle()
        for keys in (("3",), ("x",), ("u",), ("4", "w"), ("escape",), ("ctrl+r",), ("escape",), ("1",)):
            await ui.pilot.press(*keys)
            await ui.pilot.pause()
        await ui.pilot.press("enter")
        await ui.pilot.pause()
        await ui.pilot.press("escape", "q")
    assert no_network == []


def test_the_command_line_never_touches_the_network(secret_book: Path, tmp_path: Path, no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):  # the guard itself works
        socket.create_connection(("example.com", 443))
    no_network.clear()
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("name\nNetless\n")
    out = tmp_path / "out"
    out.mkdir()
    for args in (
        ["check"],
        ["status", "--json"],
        ["report"],
        ["export", "--format", "json", "-o", str(out / "b.json")],
        ["export", "--format", "md"],
        ["export", "--format", "ics", "-o", str(out / "b.ics")],
        ["export", "--format", "csv", "-o", str(out / "b.zip")],
        ["import", "clients", str(csv_path)],
    ):
        code, _, err = run_cli([*args, "--db", str(secret_book)])
        assert code == 0, (args, err)
    code, _, err = run_cli(["import", "book", str(out / "b.json"), "--db", str(tmp_path / "copy.json")])
    assert code == 0, err
    assert run_cli(["generate", "--clients", "2", "-o", str(tmp_path / "g.json")])[0] == 0


# --- exports hold what was asked -------------------------------------------------------------


def _export(book: Path, fmt: str, tmp_path: Path) -> str:
    target = tmp_path / f"export.{fmt}"
    code, _, err = run_cli(["export", "--format", fmt, "--db", str(book), "-o", str(target)])
    assert code == 0, err
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "allowed"),
    [
        # The summary names stages as the book's settings label them.
        ("md", {"book setting"}),
        # A calendar carries a task's and an event's own notes in DESCRIPTION (tests/exchange asserts it);
        # nothing about clients, contacts, money or the user's self-check.
        ("ics", set()),
    ],
)
def test_summaries_and_calendars_leave_out_what_they_do_not_need(
    secret_book: Path, tmp_path: Path, fmt: str, allowed: set[str]
) -> None:
    text = _export(secret_book, fmt, tmp_path)
    leaked = {what for what, secret in SECRETS.items() if secret in text and what not in allowed}
    assert not leaked, f"{fmt} export holds {sorted(leaked)}"
    assert "frustration" not in text.lower()
    assert "Raw TLX" not in text


def test_the_weekly_report_leaves_out_notes_and_contact_details(secret_book: Path) -> None:
    code, out, err = run_cli(["report", "--db", str(secret_book)])
    assert code == 0, err
    for what in ("client notes", "contact email", "contact phone", "contact notes", "project notes", "staff email"):
        assert SECRETS[what] not in out, what


def test_the_json_export_is_the_book_itself(secret_book: Path, tmp_path: Path) -> None:
    exported = _export(secret_book, "json", tmp_path).encode()
    assert exported == secret_book.read_bytes()
    tables = orjson.loads(exported)
    assert set(tables) == {*TABLES, "meta", "settings"}


def test_the_csv_export_has_one_file_per_table_and_nothing_else(secret_book: Path, tmp_path: Path) -> None:
    target = tmp_path / "book.zip"
    assert run_cli(["export", "--format", "csv", "--db", str(secret_book), "-o", str(target)])[0] == 0
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        everything = b"".join(archive.read(n) for n in names)
    assert names <= {f"{table}.csv" for table in TABLES}
    assert "meta.csv" not in names
    assert "settings.csv" not in names
    assert SECRETS["book setting"].encode() not in everything
    assert b"book_id" not in everything
    assert io.BytesIO(everything).getbuffer().nbytes > 0
