"""The settings screen: a change shows at once on the meters and is written where it belongs, the
settings file keeping the user's comments, the book's own settings in the book."""

from __future__ import annotations

import asyncio
import os
from datetime import date
from pathlib import Path

import pytest

from acct_tui import settings
from acct_tui.cli import main, tui_command
from acct_tui.domain.enums import Stage
from acct_tui.store.repository import Repository
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.main import MainScreen
from acct_tui.ui.screens.settings import SettingsScreen
from tests.conftest import TODAY
from tests.ui.conftest import Ui, running

USER_FILE = """\
# my settings: written by hand
[capacity]
hours_per_day = 8.0  # a normal day
"""


async def _open_section(ui: Ui, title: str) -> FormScreen:
    await ui.press("comma")
    assert isinstance(ui.screen, SettingsScreen)
    await ui.cursor_to("#settings-rows", lambda row: row.title == title)
    await ui.press("enter")
    return ui.form


async def test_hours_per_day_changed_in_the_settings_screen_show_on_the_meters_and_in_the_file(
    demo_path: Path, tmp_path: Path
) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(USER_FILE)
    async with running(demo_path, settings_file=settings_file) as ui:
        before = ui.main.assessment
        assert before is not None and before.capacity_hours_today == 8.0  # Friday, no events: the whole day
        await _open_section(ui, "Working time")
        await ui.fill("capacity__hours_per_day", "6")
        await ui.press("ctrl+s")
        await ui.settle()
        assert isinstance(ui.screen, SettingsScreen)
        assert "6 h a day" in ui.text("#settings-rows")
        await ui.press("escape")
        assert isinstance(ui.screen, MainScreen)
        after = ui.main.assessment
        assert after is not None and after.capacity_hours_today == 6.0
        # The Workload pane's Today meter: "<load> of 6h" (it was "of 8h").
        today_meter = ui.lines("#workload-view")[0]
        assert today_meter.startswith("Today") and today_meter.rstrip().endswith("of 6h")
        assert after.capacity_hours_week < before.capacity_hours_week
    written = settings_file.read_text()
    assert written.startswith("# my settings: written by hand\n[capacity]\n")
    assert "hours_per_day = 6.0  # a normal day" in written
    async with running(demo_path, settings_file=settings_file) as ui:  # and it holds across a restart
        assert ui.main.assessment is not None and ui.main.assessment.capacity_hours_today == 6.0


async def test_a_stage_name_goes_into_the_book_and_a_bad_value_is_refused_under_its_field(
    demo_path: Path, tmp_path: Path
) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(USER_FILE)
    async with running(demo_path, settings_file=settings_file) as ui:
        await _open_section(ui, "Stages")
        await ui.fill("stages__labels__kickoff", "Onboarding")
        await ui.press("ctrl+s")
        await ui.settle()
        assert isinstance(ui.screen, SettingsScreen)
        assert ui.app.repo.settings.stages.label(Stage.KICKOFF) == "Onboarding"
        assert ui.book()["settings"][1]["stages"]["labels"]["kickoff"] == "Onboarding"
        await ui.press("escape")
        assert "Onboarding" in ui.text("#stage-board")
        # Working time with a day of 30 hours: the model's reason under the field, nothing written.
        await _open_section(ui, "Working time")
        await ui.fill("capacity__hours_per_day", "30")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, FormScreen)
        assert "24" in ui.error("capacity__hours_per_day")
        await ui.fill("capacity__work_days", "mon-fry")
        await ui.press("ctrl+s")
        assert "'fry' is not a day of the week" in ui.error("capacity__work_days")
        await ui.press("escape")
    assert settings_file.read_text() == USER_FILE


def test_the_demo_changes_a_copy_of_the_settings_file_and_never_the_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`acct-tui --demo` gives the planner a copy of the user's settings file in the demo's folder:
    a change made there is thrown away with the sample book."""
    users = Path(os.environ["XDG_CONFIG_HOME"]) / "acct-tui" / "settings.toml"
    users.parent.mkdir(parents=True, exist_ok=True)
    users.write_text(USER_FILE)
    given: list[Path] = []

    async def in_the_demo(repo: Repository, today: date, config: settings.SettingsFile) -> None:
        given.append(config.path)
        assert config.path.read_text() == USER_FILE  # the user's settings, as they wrote them
        async with running(repo.path, settings_file=config.path, today=today, demo=True) as ui:
            await ui.press("comma")
            assert "Demo: a copy of your settings file, thrown away on exit" in ui.text("#settings-summary")
            await _open_section(ui, "Working time")  # (the settings screen is open: comma again is a no-op)
            await ui.fill("capacity__hours_per_day", "6")
            await ui.press("ctrl+s")
            await ui.settle()
            assert "6 h a day" in ui.text("#settings-rows")
        assert "hours_per_day = 6.0" in config.path.read_text()

    def run_app(repo: Repository, today: date, config: settings.SettingsFile, **_: object) -> int:
        repo.close()  # the test's planner opens the demo book itself
        asyncio.run(in_the_demo(repo, today, config))
        return 0

    monkeypatch.setattr(tui_command, "_run_app", run_app)
    assert main(["--today", TODAY.isoformat(), "--demo"]) == 0
    assert given and given[0] != users and not given[0].exists()  # in the demo's folder, gone with it
    assert users.read_text() == USER_FILE


async def test_a_book_opened_from_the_demo_takes_the_users_own_settings_file(demo_path: Path, tmp_path: Path) -> None:
    users = Path(os.environ["XDG_CONFIG_HOME"]) / "acct-tui" / "settings.toml"
    users.parent.mkdir(parents=True, exist_ok=True)
    users.write_text(USER_FILE)
    copy = tmp_path / "demo-copy.toml"
    copy.write_text(USER_FILE.replace("hours_per_day = 8.0", "hours_per_day = 5.0"))  # changed in the demo
    own = tmp_path / "own.json"
    async with running(demo_path, settings_file=copy, demo=True) as ui:
        await ui.press("ctrl+o")
        await ui.type(str(own))
        await ui.press("enter")
        await ui.settle()
        assert ui.app.repo.path == own
        assert ui.app.config is not None and ui.app.config.path == users
        assert ui.main.assessment is not None and ui.main.assessment.capacity_hours_today == 8.0  # not the demo's 5


async def test_a_settings_form_starts_in_its_first_field(demo_path: Path, tmp_path: Path) -> None:
    """Working time opens in "Hours a day": a 6 typed at once is six hours, not Saturday as the
    only working day (the cursor started in "Work days", the first text field)."""
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(USER_FILE)
    async with running(demo_path, settings_file=settings_file) as ui:
        form = await _open_section(ui, "Working time")
        assert form.fields[0].name == "capacity__hours_per_day"
        assert ui.focused_id == "field-capacity__hours_per_day"
