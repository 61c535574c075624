"""The team screen ended from outside: the teammates' books it cloned are removed.

`acct-tui team REMOTE` clones each remote into a temporary folder. The real command runs in a
pseudo-terminal with its own temporary folder (TMPDIR); once the screen is drawn it gets SIGTERM
(a logout), SIGHUP (its terminal closed) or the terminal is closed for real. Before, the default
action of the signal ended the process on the spot and the clones stayed in /tmp for good.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from acct_tui.cli import main
from acct_tui.demo import write_demo_book
from tests.conftest import TODAY
from tests.reliability.pty_planner import PtyPlanner

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("team-remote")
    remote = folder / "anna.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    (folder / "anna").mkdir()
    book = write_demo_book(folder / "anna" / "book.json", TODAY)
    assert main(["sync", "--db", str(book), "--remote", str(remote)]) == 0
    return remote


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "terminal closed", "SIGTERM in a book opened from it"])
def test_the_clones_are_removed_when_the_team_screen_is_ended_from_outside(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    with PtyPlanner(tmp_path / "home", "--today", TODAY.isoformat(), "team", str(remote)) as team:
        team.wait_for("most at risk first")
        assert [p.name for p in temp.iterdir() if p.name.startswith("acct-tui-team-")], "the clone is made"
        if how.endswith("opened from it"):
            team.type("\r")  # enter: the person's book, read-only, in the planner
            team.wait_for("Workload")
            team.drain(0.5)  # its first frames
        if how == "terminal closed":
            team.hang_up()
        else:
            team.signal(getattr(signal, how.split()[0]))
        code = team.wait()
        assert "Traceback" not in team.text, team.text[-3000:]
        if how == "SIGTERM":
            left = team.output.rsplit(b"\x1b[?1049h", 1)[-1]
            assert b"\x1b[?1049l" in left, "the alternate screen was not left"
    expected = signal.SIGTERM if how.startswith("SIGTERM") else signal.SIGHUP
    assert code == 128 + expected
    assert list(temp.iterdir()) == []
