"""Writing the settings file: changes that keep the user's layout, the keymap, and each change in its layer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from acct_tui import settings
from acct_tui.settings import SettingsFileError, check_ui, load, merged, update, where
from acct_tui.store.errors import ChangeRejected
from acct_tui.store.repository import Repository
from tests.conftest import TODAY

MINE = """\
# my settings: kept under git
currency = "EUR"  # the agency bills in euros

[capacity]
# four days a week since March
work_days = [1, 2,
  3, 4]
hours_per_day = 8.0   # on paper

[stages]
labels = { kickoff = "Start" }
"""


def test_a_change_keeps_the_comments_order_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(MINE)
    changes = {"capacity.hours_per_day": 7.5, "ui.theme": "nord", "capacity.days_off": [date(2026, 12, 24)]}
    loaded = update(path, changes)
    assert path.read_text() == (
        MINE.replace("hours_per_day = 8.0   # on paper", "hours_per_day = 7.5   # on paper\ndays_off = [2026-12-24]")
        + '\n[ui]\ntheme = "nord"\n'
    )
    assert loaded.settings["capacity"]["hours_per_day"] == 7.5
    assert loaded.ui.theme == "nord"
    assert load(path).settings == loaded.settings
    assert path.stat().st_mode & 0o777 == 0o600


def test_only_the_changed_line_changes(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(MINE)
    update(path, {"capacity.hours_per_day": 7.5})
    assert path.read_text() == MINE.replace("hours_per_day = 8.0   # on paper", "hours_per_day = 7.5   # on paper")
    update(path, {"stages.labels.kickoff": "Go", "currency": None})
    assert path.read_text() == (
        MINE.replace("hours_per_day = 8.0", "hours_per_day = 7.5")
        .replace('currency = "EUR"  # the agency bills in euros\n', "")
        .replace('labels = { kickoff = "Start" }', 'labels = { kickoff = "Go" }')
    )


def test_a_missing_file_and_its_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "settings.toml"
    update(path, {"stages.labels.kickoff": "Start", 'keymap."clients.new"': "ctrl+n", "currency": "USD"})
    assert path.read_text() == (
        'currency = "USD"\n\n[stages.labels]\nkickoff = "Start"\n\n[keymap]\n"clients.new" = "ctrl+n"\n'
    )
    assert load(path).keymap == {"clients.new": "ctrl+n"}
    assert (tmp_path / "deep").stat().st_mode & 0o777 == 0o700


def test_a_bad_value_is_refused_with_its_key_and_line_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(MINE)
    before = path.stat()
    with pytest.raises(SettingsFileError) as caught:
        update(path, {"capacity.hours_per_day": 30, "stages.labels.kickof": "Go"})
    assert caught.value.details == [
        "line 8, capacity.hours_per_day: must be at most 24 (got 30)",
        "line 11, stages.labels.kickof: must be one of: prospect, negotiation, kickoff, delivery, support, "
        "completed or lost (got 'kickof')",
    ]
    assert caught.value.keys == {
        ("capacity", "hours_per_day"): "must be at most 24 (got 30)",
        ("stages", "labels", "kickof"): "must be one of: prospect, negotiation, kickoff, delivery, support, "
        "completed or lost (got 'kickof')",
    }
    assert path.read_text() == MINE
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    with pytest.raises(SettingsFileError, match="must be at most 24"):
        update(tmp_path / "new" / "settings.toml", {"capacity.hours_per_day": 30})
    assert not (tmp_path / "new" / "settings.toml").exists()


def test_a_file_that_is_not_toml_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[capacity\n")
    with pytest.raises(SettingsFileError, match=r"is not valid TOML: .*\(at line 1, column 10\)"):
        update(path, {"currency": "USD"})
    assert path.read_text() == "[capacity\n"


# --- the keymap --------------------------------------------------------------------------------


def test_the_keymap_shape_is_checked_with_its_lines(tmp_path: Path) -> None:
    """The keymap is the planner's to check (`check_ui`, as `acct-tui config` and the planner run
    it), all at once; loading (every command) takes any keymap. Before: a number, an empty text or
    an id of a form no command has stopped `status` and every other command."""
    text = """\
[keymap]
"clients.new" = "ctrl+n,f2"
"board.next" = "Ctrl+x"
"app.quit" = ""
"app.help" = "ctrl+"
"a b" = "x"
"app.undo" = "ctrl+Page Up"
"app.week_view" = 5
"""
    path = tmp_path / "keys.toml"
    path.write_text(text)
    loaded = load(path)  # what `status`, `check` and `export` read: the keys do not stop them
    assert loaded.keymap == {"clients.new": "ctrl+n,f2", "board.next": "Ctrl+x", "app.help": "ctrl+", "a b": "x",
                             "app.undo": "ctrl+Page Up"}  # fmt: skip
    ids = {"clients.new", "board.next", "app.quit", "app.help", "app.undo", "app.week_view"}
    with pytest.raises(SettingsFileError) as caught:
        check_ui(loaded, list, lambda: ids, lambda: {"f2"})
    assert caught.value.details == [
        "line 3, keymap.board.next: 'Ctrl+x': 'Ctrl' is not a modifier (ctrl, shift, alt, meta, super, hyper; "
        'the plus key is "plus")',
        'line 4, keymap.app.quit: is empty: give the keys as text, such as "ctrl+n"',
        'line 5, keymap.app.help: \'ctrl+\': the key is missing after "+" (the plus key is "plus")',
        "line 6, keymap.a b: is not a command's id (the help screen, ?, shows them)",
        "line 7, keymap.app.undo: 'ctrl+Page Up': 'Page Up' is not a key name (a single character, or a name such "
        "as f2, escape, question_mark)",
        'line 8, keymap.app.week_view: is 5: give the keys as text, such as "ctrl+n"',
    ]
    path.write_text("keymap = 5\n")
    with pytest.raises(SettingsFileError) as caught:
        check_ui(load(path), list, lambda: ids, lambda: {"f2"})
    assert caught.value.details == [
        'line 1, keymap: must be a table of command ids and keys, such as "clients.new" = "ctrl+n"'
    ]


def test_every_keymap_problem_is_named_at_once_clashes_too(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[keymap]\n"clients.nwe" = "ctrl+e"\n"clients.edit" = "ctrl+shft+x"\n"clients.delete" = "a"\n')

    def clashes(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
        return [(i, f"{k!r} is already the key of clients.log") for i, k in keymap.items() if k == "a"]

    with pytest.raises(SettingsFileError) as caught:
        check_ui(load(path), list, lambda: {"clients.edit", "clients.delete"}, lambda: set(), clashes)
    assert [detail.split(":")[0] for detail in caught.value.details] == [
        "line 2, keymap.clients.nwe",
        "line 3, keymap.clients.edit",
        "line 4, keymap.clients.delete",
    ]
    assert caught.value.message.startswith("has 3 problems")


def test_unknown_commands_and_keys_are_named_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('# mine\n[keymap]\n"clients.new" = "ctrl+n"\n"clients.nwe" = "x"\n"app.help" = "f2,ctrl+fnord"\n')
    loaded = load(path)

    def themes() -> list[str]:
        raise AssertionError("the default theme needs no theme list")

    ids = {"clients.new", "app.help"}
    with pytest.raises(SettingsFileError) as caught:
        check_ui(loaded, themes, lambda: ids, lambda: {"f2", "escape"})
    assert caught.value.details == [
        "line 4, keymap.clients.nwe: is not a command's id (the help screen, ?, shows them)",
        "line 5, keymap.app.help: 'ctrl+fnord': 'fnord' is not a key (such as f2, escape, pageup, question_mark)",
    ]
    path.write_text('[keymap]\n"clients.new" = "ctrl+question_mark,less_than_sign,N,?"\n')
    check_ui(load(path), themes, lambda: ids, lambda: {"f2"})  # Unicode names and characters are keys


# --- layers ------------------------------------------------------------------------------------


def test_each_key_has_its_layer() -> None:
    assert [where(key) for key in (("stages", "labels", "kickoff"), ("playbooks",), ("cadence_days", "key"))] == [
        "book"
    ] * 3
    assert [where(key) for key in (("discounts", "fine_up_to"), ("currency",))] == ["book"] * 2
    assert [where(key) for key in (("capacity", "hours_per_day"), ("ui", "theme"), ("keymap", "x"))] == ["file"] * 3


def test_merged_sets_and_removes_nested_keys() -> None:
    layer = {"stages": {"labels": {"kickoff": "Start"}}, "currency": "USD"}
    assert merged(layer, {"stages.labels.kickoff": None, "cadence_days.key": 21}) == {
        "currency": "USD",
        "cadence_days": {"key": 21},
    }
    assert layer == {"stages": {"labels": {"kickoff": "Start"}}, "currency": "USD"}, "the layer is not changed"


def test_apply_writes_book_keys_to_the_book_and_the_others_to_the_file(tmp_path: Path, book_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("# my hours\n[capacity]\nhours_per_day = 8.0\n")
    with Repository.open(book_path, today=TODAY, base_settings=load(path).settings) as repo:
        repo.set_settings({"capacity": {"window": "08:00-16:00", "hours_per_day": 6.0}})
        assert repo.settings.capacity.hours_per_day == 6.0
        loaded = settings.apply(repo, {"capacity.hours_per_day": 7.0, "stages.labels.kickoff": "Start"}, path)
        # the book's own hours went, so the file's new value shows at once
        assert repo.settings.capacity.hours_per_day == 7.0
        assert repo.settings.stages.labels["kickoff"] == "Start"
        assert repo.settings_overrides == {
            "capacity": {"window": "08:00-16:00"},
            "stages": {"labels": {"kickoff": "Start"}},
        }
        assert path.read_text() == "# my hours\n[capacity]\nhours_per_day = 7.0\n"
        assert loaded.settings == {"capacity": {"hours_per_day": 7.0}}
        assert repo.undo() == "Change settings"  # undo takes back the book's part
        assert repo.settings_overrides == {"capacity": {"window": "08:00-16:00", "hours_per_day": 6.0}}


def test_apply_checks_everything_before_it_writes_anything(tmp_path: Path, book_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[capacity]\nhours_per_day = 8.0\n")
    with Repository.open(book_path, today=TODAY, base_settings=load(path).settings) as repo:
        with pytest.raises(SettingsFileError, match="must be at most 24"):
            settings.apply(repo, {"capacity.hours_per_day": 25, "stages.labels.kickoff": "Start"}, path)
        with pytest.raises(ChangeRejected, match="kickof"):
            settings.apply(repo, {"capacity.hours_per_day": 7, "stages.labels.kickof": "Start"}, path)
        assert path.read_text() == "[capacity]\nhours_per_day = 8.0\n"
        assert repo.settings_overrides == {}
        assert not repo.can_undo
        assert repo.settings.capacity.hours_per_day == 8.0
