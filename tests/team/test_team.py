"""`acct-tui team`: the roll-up over the team's books, on good and hostile books, and approvals."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from acct_tui.cli import main
from acct_tui.demo import write_demo_book
from acct_tui.domain.records import Client, Task
from acct_tui.store.errors import printable
from acct_tui.store.repository import Repository
from acct_tui.team import sources
from acct_tui.team.approve import NotApproved, approve
from acct_tui.team.rollup import rollup
from acct_tui.team.sources import Source
from tests.conftest import TODAY

HOSTILE = "[red]Evil[/] \x1b]0;owned\x07 [@click=app.quit]x[/]"
WIPED = "\x1b[2Jwiped.json"
"""A book's file name that would clear the terminal: JSON carries it as it is (escaped by JSON), the
terminal gets it written as an escape. Before, JSON got the escape's text (a literal backslash)."""


def team_json(capsys: pytest.CaptureFixture[str], *given: str) -> tuple[int, dict[str, Any], str]:
    code = main(["--today", TODAY.isoformat(), "team", *given, "--json"])
    captured = capsys.readouterr()
    return code, orjson.loads(captured.out), captured.err


def hostile_folder(folder: Path) -> Path:
    folder.mkdir()
    write_demo_book(folder / "anna.json", TODAY)
    with Repository.open(folder / "ben.json", today=TODAY) as repo:  # a quiet client with a hostile name
        repo.clients.add(Client(name="[b]Quiet[/b] \u202e client", tier="strategic", created_on=date(2026, 1, 5)))
    (folder / "broken.json").write_bytes(b'{"clients": {"1": ')
    (folder / "not-a-book.json").write_bytes(b'{"_default": {}}')
    newer = write_demo_book(folder / "newer.json", TODAY)
    newer.write_bytes(newer.read_bytes().replace(b'"schema_version":3', b'"schema_version":99'))
    (folder / "huge.json").write_bytes(b" " * 2_100_000)
    invalid = write_demo_book(folder / "invalid.json", TODAY)  # four activities of a kind there is not
    invalid.write_bytes(invalid.read_bytes().replace(b'"kind":"call"', b'"kind":"fax"', 4))
    (folder / "\x1b[2Jwiped.json").write_bytes(b"[]")
    return folder


def test_the_roll_up_reads_every_good_book_and_names_each_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_TEAM_BOOK_BYTES", 1_000_000)  # "huge.json" is over it, the demo (0.1 MB) is not
    folder = hostile_folder(tmp_path / "team")
    code, data, err = team_json(capsys, str(folder))
    assert code == 1  # some books were refused
    assert [p["name"] for p in data["people"]] == ["anna", "ben"]  # the demo's overload first, by risk
    # Before: each refused book by its person's name, not its file.
    refused = {Path(r["source"]).name: r["reason"] for r in data["refused"]}
    assert {r["source"] for r in data["refused"]} == {str(folder / name) for name in refused}
    assert set(refused) == {"broken.json", "not-a-book.json", "newer.json", "huge.json", "invalid.json", WIPED}
    assert "not a readable book" in refused["broken.json"]
    assert "not an acct-tui book" in refused["not-a-book.json"]
    assert "written by a newer acct-tui (schema version 99" in refused["newer.json"]
    assert refused["huge.json"] == "is 2.1 MB, too large to be one person's book"
    # Before: "has 4 problems; nothing was changed", without them.
    assert refused["invalid.json"].startswith("has 4 problems: activities record ")
    assert refused["invalid.json"].count(", field kind: ") == 3 and refused["invalid.json"].endswith("; and 1 more")
    for name in refused:
        assert f"acct-tui: team: {folder / printable(name)}: " in err
    assert "\x1b" not in err
    anna = data["people"][0]
    assert anna["stress_index"] > 0 and len(anna["stress_trend"]) == 12
    assert anna["utilisation_week"] > 0 and anna["utilisation_next_week"] >= 0
    assert "Check dashboard data quality (Saigon Commercial Bank, due 24 Nov)" in anna["promises_at_risk"]
    assert "Expense claims for October (due 20 Nov)" in anna["promises_at_risk"]  # a promise of no client
    ben = data["people"][1]
    assert ben["quiet_clients"] == ["[b]Quiet[/b] \u202e client"]  # as written, never interpreted


def test_a_book_with_a_hostile_name_is_shown_literally_on_the_screen(tmp_path: Path) -> None:
    """The roll-up screen draws names from teammates' books: markup and escape sequences stay text."""
    import asyncio

    from acct_tui.ui.team import TeamApp

    folder = tmp_path / "team"
    folder.mkdir()
    with Repository.open(folder / "[b]ev\x1b[2Jil.json", today=TODAY) as repo:
        repo.clients.add(
            Client(name="[red]Evil[/] [@click=app.quit]x[/]", tier="strategic", created_on=date(2026, 1, 5))
        )
    found = rollup([str(folder)], tmp_path, TODAY, {})

    async def look() -> str:
        app = TeamApp(found, TODAY, {})
        async with app.run_test(size=(120, 30), notifications=True) as pilot:
            await pilot.pause()
            shown = "\n".join(strip.text for widget in app.screen.query("*") for strip in _lines(widget))
            assert app.is_running
            return shown

    shown = asyncio.run(look())
    assert "[red]Evil[/] [@click=app.quit]x[/]" in shown  # a quiet client of the highlighted person
    assert "[b]ev" in shown and "\x1b" not in shown


def _lines(widget: Any) -> list[Any]:
    try:
        return [widget.render_line(y) for y in range(widget.size.height)]
    except Exception:
        return []


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def pushed_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """Anna's book, synced to a bare remote; the remote's URL."""
    remote = tmp_path / "anna.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    (tmp_path / "anna").mkdir()
    book = write_demo_book(tmp_path / "anna" / "book.json", TODAY)
    with Repository.open(book, today=TODAY) as repo:
        waiting = next(c for c in repo.clients.all() if c.name == "Nordlicht Maschinenbau")
        repo.clients.update(waiting.evolve(discount_approved_by="", discount_approved_on=None))
    assert main(["sync", "--db", str(book), "--remote", str(remote)]) == 0
    capsys.readouterr()
    return book, remote


def test_a_remote_is_cloned_read_only_and_an_approval_is_pushed_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, remote = pushed_book(tmp_path, capsys)
    code, data, _ = team_json(capsys, str(remote))
    assert code == 0
    [anna] = data["people"]
    assert anna["name"] == "anna"
    assert anna["source"] == str(remote)  # before: the clone's temporary path, deleted on exit
    [waiting] = [w for w in anna["discounts_waiting"] if w["client"] == "Nordlicht Maschinenbau"]

    lead = tmp_path / "lead"
    subprocess.run(["git", "clone", "--quiet", "--branch", "main", str(remote), str(lead)], check=True)
    git(lead, "config", "user.email", "lead@example.com")
    git(lead, "config", "user.name", "Lead")
    message = approve(Source("anna", lead / "book.json", str(remote)), waiting["client_id"], "Linh Tran", TODAY)
    assert message.startswith("approved the discount of Nordlicht Maschinenbau")
    assert "discount of Nordlicht Maschinenbau approved by Linh Tran" in git(remote, "log", "-1", "--format=%s", "main")
    # Anna's next sync brings the approval.
    assert main(["sync", "--db", str(book)]) == 0
    with Repository.open(book, read_only=True) as repo:
        approved = repo.clients.get(waiting["client_id"])
        assert approved is not None and (approved.discount_approved_by, approved.discount_approved_on) == (
            "Linh Tran",
            TODAY,
        )


def test_an_approval_the_remote_refuses_is_not_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, remote = pushed_book(tmp_path, capsys)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    lead = tmp_path / "lead"
    subprocess.run(["git", "clone", "--quiet", "--branch", "main", str(remote), str(lead)], check=True)
    git(lead, "config", "user.email", "lead@example.com")
    git(lead, "config", "user.name", "Lead")
    before = (lead / "book.json").read_bytes()
    with Repository.open(lead / "book.json", read_only=True) as repo:
        client = next(c for c in repo.clients.all() if c.name == "Nordlicht Maschinenbau")
    with pytest.raises(NotApproved, match="the remote refused the push"):
        approve(Source("anna", lead / "book.json", str(remote)), client.id, "Linh Tran", TODAY)
    assert (lead / "book.json").read_bytes() == before
    assert git(lead, "status", "--porcelain", "--untracked-files=no") == ""


def test_a_remote_that_cannot_be_cloned_is_refused_with_git_s_whole_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: "could not be cloned: and the repository exists." (the tail of git's 2-line message)."""
    ssh = tmp_path / "fake-ssh"
    ssh.write_text("#!/bin/sh\necho 'ssh: Could not resolve hostname nas' >&2\nexit 255\n")
    ssh.chmod(0o755)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(ssh))
    code, data, err = team_json(capsys, "ssh://nas/books/anna.git")
    assert code == 1
    [refused] = data["refused"]
    assert refused["reason"] == (
        "could not be cloned: ssh: Could not resolve hostname nas; fatal: Could not read from remote repository.; "
        "Please make sure you have the correct access rights and the repository exists."
    )
    assert f"acct-tui: team: ssh://nas/books/anna.git: {refused['reason']}" in err


def test_a_book_json_given_as_a_file_is_named_by_its_folder(tmp_path: Path) -> None:
    """As the folder itself is; before, `team anna/book.json` named the person "book"."""
    (tmp_path / "anna").mkdir()
    (tmp_path / "team").mkdir()
    book = write_demo_book(tmp_path / "anna" / "book.json", TODAY)
    other = write_demo_book(tmp_path / "team" / "ben.json", TODAY)
    found, refused = sources.gather([str(book), str(book.parent), str(other)], tmp_path / "work")
    assert refused == []
    assert [s.name for s in found] == ["anna", "anna", "ben"]


def test_a_book_outside_a_repository_is_not_approved_from_the_roll_up(tmp_path: Path) -> None:
    book = write_demo_book(tmp_path / "book.json", TODAY)
    before = book.read_bytes()
    with pytest.raises(NotApproved, match="is not a clone of a remote: approve it in that book's planner"):
        approve(Source("anna", book), 1, "Linh Tran", TODAY)
    assert book.read_bytes() == before


def test_a_working_copy_given_as_a_folder_is_never_written_even_in_a_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: `team anna/` then `a` committed the approval in Anna's own folder, with her edits not
    synced yet, and on a refused push `git reset --hard` took those edits away."""
    book, _ = pushed_book(tmp_path, capsys)
    with Repository.open(book, today=TODAY) as repo:  # Anna's edit, not synced yet
        repo.tasks.add(Task(title="Unsynced work", due=TODAY))
        waiting = next(c for c in repo.clients.all() if c.name == "Nordlicht Maschinenbau")
    before, head = book.read_bytes(), git(book.parent, "rev-parse", "HEAD")
    [source], refused = sources.gather([str(book.parent)], tmp_path / "work")
    assert refused == [] and source.remote is None
    with pytest.raises(NotApproved, match="is not a clone of a remote"):
        approve(source, waiting.id, "Linh Tran", TODAY)
    assert book.read_bytes() == before
    assert git(book.parent, "rev-parse", "HEAD") == head


def test_the_screen_names_its_books_and_asks_only_what_it_can_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the title said "1 books"; `a` on a plain file asked whether to approve ("It is committed
    and pushed...") and refused after y; a book opened with enter was named by its temporary clone,
    and a change was refused with "open it without --read-only"."""
    import asyncio
    import shutil

    from acct_tui import settings
    from acct_tui.store.errors import ReadOnlyBook
    from acct_tui.ui.screens.confirm import ConfirmScreen
    from acct_tui.ui.team import TeamApp, planner_of

    book, remote = pushed_book(tmp_path, capsys)
    plain = tmp_path / "plain" / "anna.json"
    plain.parent.mkdir()
    shutil.copyfile(book, plain)
    (tmp_path / "work").mkdir()

    async def press_a(found: Any) -> list[str]:
        app = TeamApp(found, TODAY, {})
        async with app.run_test(size=(120, 30), notifications=True) as pilot:
            await pilot.pause()
            assert app.sub_title == "1 book, most at risk first; 27 Nov 2026"
            await pilot.press("a")
            await pilot.pause()
            asked = isinstance(app.screen, ConfirmScreen)
            return [n.message for n in app._notifications] + (["asked"] if asked else [])

    said = asyncio.run(press_a(rollup([str(plain)], tmp_path / "work", TODAY, {})))
    assert said == [
        f"{plain} is not a clone of a remote: approve it in that book's planner, "
        "or give acct-tui team the book's remote"
    ]
    cloned = rollup([str(remote)], tmp_path / "work", TODAY, {})
    assert asyncio.run(press_a(cloned)) == ["asked"]  # a clone of a remote: the question, then the push

    async def open_it() -> str:
        with planner_of(cloned.read[0], TODAY, settings.load()) as planner:
            async with planner.run_test(size=(120, 30), notifications=True) as pilot:
                await pilot.pause()
                with pytest.raises(ReadOnlyBook, match="is open read-only; it is anna's book, shown from the team"):
                    planner.repo.clients.add(Client(name="Not mine"))
                return str(planner.sub_title)

    assert asyncio.run(open_it()).startswith(f"{remote} · read-only")


def test_after_an_approval_the_screen_shows_the_discount_no_longer_waiting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the line still said "discounts 1" and `a` offered the same approval again."""
    import asyncio

    from textual.widgets import Static

    from acct_tui.ui.team import TeamApp

    _, remote = pushed_book(tmp_path, capsys)
    (tmp_path / "work").mkdir()
    found = rollup([str(remote)], tmp_path / "work", TODAY, {})
    waiting = [w.client for w in found.read[0].person.discounts_waiting]
    assert waiting[0] == "Nordlicht Maschinenbau"

    async def approve_first() -> tuple[str, list[str]]:
        app = TeamApp(found, TODAY, {})
        async with app.run_test(size=(160, 40), notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("y")
            await app.workers.wait_for_complete()
            await pilot.pause()
            detail = str(app.query_one("#detail", Static).render())
            return detail, [n.title or "" for n in app._notifications]

    detail, titles = asyncio.run(approve_first())
    assert titles == ["Approved"]
    assert f"Discounts awaiting approval ({len(waiting) - 1})" in detail
    assert "Nordlicht Maschinenbau" not in detail
    assert [w.client for w in found.read[0].person.discounts_waiting] == waiting[1:]


def test_json_escapes_every_control_character_of_a_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON itself leaves DEL and the C1 controls (\x9b is a terminal's CSI) as they are."""
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "\x9b2Jcsi\x7f.json").write_bytes(b"[]")
    assert main(["--today", TODAY.isoformat(), "team", str(folder), "--json"]) == 1
    out = capsys.readouterr().out
    assert "\\u009b2Jcsi\\u007f.json" in out and "\x9b" not in out and "\x7f" not in out
    assert orjson.loads(out)["refused"][0]["source"] == str(folder / "\x9b2Jcsi\x7f.json")
