"""The settings file: defaults written with comments, layering, and messages that name key and line."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from acct_tui import settings
from acct_tui.cli import main
from acct_tui.config import config_path
from acct_tui.domain.enums import Tier
from acct_tui.domain.settings import Settings
from acct_tui.settings import SettingsFileError, defaults_toml, describe, key_lines, load
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.settings.problems import problems


def test_a_missing_file_means_the_defaults(tmp_path: Path) -> None:
    loaded = load(tmp_path / "nope.toml")
    assert (loaded.exists, loaded.settings, loaded.ui.theme) == (False, {}, "textual-dark")


def test_the_written_defaults_are_the_defaults(tmp_path: Path) -> None:
    path = settings.init(tmp_path / "deep" / "settings.toml")
    loaded = load(path)
    assert loaded.exists
    assert Settings.layered(loaded.settings) == Settings()
    assert loaded.ui.theme == "textual-dark"
    assert path.stat().st_mode & 0o777 == 0o600


def _leaves(value: object, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return [leaf for i, item in enumerate(value) for leaf in _leaves(item, (*path, str(i)))]
    return [path]


def test_every_key_has_a_comment() -> None:
    text = defaults_toml()
    data = tomllib.loads(text)
    leaves = _leaves(data, ())
    assert len(leaves) > 80
    missing = [".".join(leaf) for leaf in leaves if not describe(leaf)]
    assert missing == []
    for leaf in leaves:  # each description is in the template, as a comment
        assert f"# {textwrap.wrap(describe(leaf), 98)[0]}\n" in text, leaf
    assert (
        "# The most hours you work on a working day (the window less its breaks, if shorter).\nhours_per_day = 8.0\n"
        in text
    )
    assert "# Days between touches for a strategic client.\nstrategic = 14\n" in text
    assert "# A task suggested when a project enters negotiation.\n[[playbooks.negotiation]]\n# What to do.\n" in text
    assert "# How the planner looks (the books do not keep this).\n[ui]\n# A Textual theme" in text
    assert "\n[keymap]\n" in text


def test_descriptions_come_from_the_models() -> None:
    assert describe(("capacity",)) == "Your working time."
    assert describe(("stages", "attention_hours", "delivery")) == "Hours a week for one project in delivery."
    assert (
        describe(("playbooks", "support", "0", "due_in_days"))
        == "Due this many days after the project enters the stage."
    )
    assert describe(("import", "stages")).startswith("A CRM's stage name = the acct-tui stage")
    assert describe(("keymap",)).startswith("Your own keys")
    assert describe(("capacity", "nope")) == describe(("nope",)) == ""


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("currency = 'USD'\n")
    with pytest.raises(FileExistsError):
        settings.init(path)
    assert path.read_text() == "currency = 'USD'\n"
    settings.init(path, force=True)
    assert path.read_text() == defaults_toml()


def test_problems_name_the_key_and_the_line(tmp_path: Path) -> None:
    text = """\
# my settings
currency = "euro"

[capacity]
hours_per_day = 30
work_days = [
  1, 2,
  9,
]

[stages.labels]
kickof = "Start"

[[playbooks.kickoff]]
title = "Fine"

[[playbooks.kickoff]]
title = ""

[stress]
utilisation_full = 0.5

[ui]
theme = ""
colour = "red"
"""
    assert problems(text, tmp_path) == [
        "line 2, currency: is not a three-letter currency code (such as EUR) (got 'euro')",
        "line 5, capacity.hours_per_day: must be at most 24 (got 30)",
        "line 6, capacity.work_days.2: must be at most 7 (got 9)",
        "line 12, stages.labels.kickof: must be one of: prospect, negotiation, kickoff, delivery, support, "
        "completed or lost (got 'kickof')",
        "line 18, playbooks.kickoff.1.title: is required (got '')",
        "line 20, stress: utilisation_full must be above utilisation_from",
        "line 24, ui.theme: is required (got '')",
        "line 25, ui.colour: is not a known field (got 'red')",
    ]


def test_dotted_and_quoted_keys_and_inline_tables_are_located(tmp_path: Path) -> None:
    text = 'note = """a\n[capacity]\nb"""\n"cadence_days".key = 0\nstages = { labels = { kickoff = "" } }\n'
    assert problems(text, tmp_path) == [
        "line 1, note: is not a known field (got 'a\\n[capacity]\\nb')",
        "line 4, cadence_days.key: must be at least 1 (got 0)",
        "line 5, stages.labels.kickoff: is required (got '')",
    ]
    assert key_lines("a = [\n 1,\n]\nb = 2\n") == {("a",): 1, ("b",): 4}


def test_a_time_zone_the_zone_database_does_not_know_is_named_with_its_line(tmp_path: Path) -> None:
    assert problems('# mine\n[calendar]\ntimezone = "Europe/Berlinn"\n', tmp_path) == [
        'line 3, calendar.timezone: unknown time zone "Europe/Berlinn": use an IANA name such as '
        '"Europe/Berlin" or "America/New_York"'
    ]
    good = tmp_path / "good.toml"
    good.write_text('[calendar]\ntimezone = "Europe/Berlin"\n')
    assert load(good).settings == {"calendar": {"timezone": "Europe/Berlin"}}


def test_bad_toml_and_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[capacity\nhours_per_day = 8\n")
    with pytest.raises(SettingsFileError, match=r"is not valid TOML: .*\(at line 1, column 10\)"):
        load(path)
    path.write_bytes(b"currency = '\xff'\n")
    with pytest.raises(SettingsFileError, match="byte 12 is not UTF-8"):
        load(path)
    # tomllib recurses into nested arrays: RecursionError, not a message, before `parse`
    path.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(SettingsFileError, match="is not valid TOML: arrays or tables are nested too deeply"):
        load(path)


def test_layers_defaults_then_file_then_book(tmp_path: Path, book_path: Path) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text("[cadence_days]\nkey = 10\nstandard = 45\n")
    with Repository.open(book_path, today=TODAY, base_settings=load().settings) as repo:
        repo.set_settings({"cadence_days": {"standard": 90}})
        assert repo.settings.cadence_for(Tier.KEY) == 10
        assert repo.settings.cadence_for(Tier.STANDARD) == 90
        assert repo.settings.cadence_for(Tier.STRATEGIC) == 14
        assert repo.settings_overrides == {"cadence_days": {"standard": 90}}


def test_a_bad_settings_file_stops_every_command(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text("[capacity]\nhours_per_day = -1\n")
    for argv in (["check"], ["report"], ["export", "--format", "md"], []):
        assert main([*argv, "--db", str(demo_path)]) == 1
        assert capsys.readouterr().err == (
            f"acct-tui: {config_path()}: has 1 problem (fix the file, or delete it to use the defaults)\n"
            "  line 2, capacity.hours_per_day: must be at least 0 (got -1)\n"
        )


# --- the theme (issue 13, point 14) -------------------------------------------------------------

BAD_THEME = '# my look\n[ui]\ntheme = "solarised"\n'


def test_config_names_a_theme_textual_does_not_have(capsys: pytest.CaptureFixture[str]) -> None:
    from textual.theme import BUILTIN_THEMES

    config_path().parent.mkdir(parents=True)
    config_path().write_text(BAD_THEME)
    assert main(["config"]) == 1
    assert capsys.readouterr().err == (
        f"acct-tui: {config_path()}: has 1 problem (fix the file, or delete it to use the defaults)\n"
        f"  line 3, ui.theme: is not a Textual theme; choose one of {', '.join(sorted(BUILTIN_THEMES))} "
        "(got 'solarised')\n"
    )
    config_path().write_text('[ui]\ntheme = "nord"\n')
    assert main(["config"]) == 0
    assert capsys.readouterr().out == f"ok: {config_path()}\n"


def test_config_checks_the_default_theme_without_importing_textual(tmp_path: Path) -> None:
    from tests.reliability.helpers import env_without_user_folders

    env = env_without_user_folders(tmp_path)
    folder = tmp_path / "config" / "acct-tui"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text('[ui]\ntheme = "textual-dark"\n')
    script = "import sys; from acct_tui.cli import main; code = main(['config']); print(code, 'textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines()[-1] == "0 False", done.stderr


def test_the_planner_says_which_key_is_wrong_and_exits_1(tmp_path: Path) -> None:
    from tests.reliability.pty_planner import PtyPlanner

    folder = tmp_path / "home" / "config" / "acct-tui"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text(BAD_THEME)
    with PtyPlanner(tmp_path / "home", "--db", str(tmp_path / "book.json")) as planner:
        assert planner.wait() == 1
    said = " ".join(planner.text.split())
    assert "Traceback" not in said, planner.text
    assert "line 3, ui.theme: is not a Textual theme; choose one of" in said and "(got 'solarised')" in said
    assert not (tmp_path / "book.json").exists(), "stopped before it opened (or created) a book"


def test_the_import_stage_names(tmp_path: Path) -> None:
    """`[import.stages]`: a CRM's stage names the import does not know, and the acct-tui stage of each."""
    assert "\n[import.stages]\n" in defaults_toml()
    path = tmp_path / "settings.toml"
    path.write_text('[import.stages]\n"Demo Booked" = "prospect"\n"Legal" = "negotiation"\n')
    assert Settings.layered(load(path).settings).import_.stages == {"Demo Booked": "prospect", "Legal": "negotiation"}
    assert problems('[import.stages]\n"Demo Booked" = "demo"\n', tmp_path) == [
        "line 2, import.stages.Demo Booked: must be one of: prospect, negotiation, kickoff, delivery, support, "
        "completed or lost (got 'demo')",
    ]


def test_config_checks_the_keymap_against_the_planners_commands(capsys: pytest.CaptureFixture[str]) -> None:
    config_path().parent.mkdir(parents=True)
    keys = '# my keys\n[keymap]\n"clients.new" = "ctrl+n"\n"clients.nwe" = "x"\n"app.help" = "f13x"\n'
    config_path().write_text(keys)
    assert main(["config"]) == 1
    assert capsys.readouterr().err == (
        f"acct-tui: {config_path()}: has 2 problems (fix the file, or delete it to use the defaults)\n"
        "  line 4, keymap.clients.nwe: is not a command's id (the help screen, ?, shows them)\n"
        "  line 5, keymap.app.help: 'f13x': 'f13x' is not a key (such as f2, escape, pageup, question_mark)\n"
    )
    config_path().write_text('[keymap]\n"clients.new" = "e"\n')
    assert main(["config"]) == 1
    assert "line 2, keymap.clients.new: 'e' is already the key of clients.edit (Edit) in Clients" in (
        capsys.readouterr().err
    )
    config_path().write_text('[keymap]\n"clients.new" = "ctrl+n,f2"\n')
    assert main(["config"]) == 0


def test_every_bad_window_and_break_is_named_with_its_line(tmp_path: Path) -> None:
    text = """\
[capacity]
window = "9-5"
breaks = ["12:30-13:00", "lunch"]

[capacity.windows]
mon = "9-17"
tue = "08:00-16:00"
fri = "xx"
"""
    assert problems(text, tmp_path) == [
        "line 2, capacity.window: is not a span of the day such as 09:00-17:30 (got '9-5')",
        "line 3, capacity.breaks.1: is not a span of the day such as 09:00-17:30 (got 'lunch')",
        "line 6, capacity.windows.mon: is not a span of the day such as 09:00-17:30 (got '9-17')",
        "line 8, capacity.windows.fri: is not a span of the day such as 09:00-17:30 (got 'xx')",
    ]
