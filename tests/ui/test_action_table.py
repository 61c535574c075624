"""The action table is the one source of every key: each entry resolves to a real action where it
runs, every binding of every class of the UI comes from it, and its keys never clash."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

import acct_tui.ui
from acct_tui.ui.action_table import ENTRIES, PLACE, PLACES, bindings, bound
from acct_tui.ui.keymap import binding_ids, clashes, named_keys


def _ui_classes() -> dict[str, type[DOMNode]]:
    """Every App, Screen and Widget class defined in acct_tui.ui, by name."""
    found: dict[str, type[DOMNode]] = {}
    for module_info in pkgutil.walk_packages(acct_tui.ui.__path__, "acct_tui.ui."):
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                assert name not in found, f"two UI classes called {name}"
                found[name] = cls
    return found


CLASSES = _ui_classes()


def test_every_place_is_a_class_of_the_ui_whose_bindings_are_the_tables() -> None:
    for place in PLACES:
        cls = CLASSES.get(place.node)
        assert cls is not None, f"place {place.name}: no UI class {place.node}"
        assert cls.__dict__.get("BINDINGS") == bindings(place.name), f"{place.node}.BINDINGS are not the table's"


def test_every_binding_of_every_ui_class_comes_from_the_table() -> None:
    table = {(entry.id, entry.keys, bound(entry)) for entry in ENTRIES}
    strays = [
        f"{name}: {binding.key} -> {binding.action}"
        for name, cls in CLASSES.items()
        for binding in cls.__dict__.get("BINDINGS", [])
        if not isinstance(binding, Binding) or (binding.id, binding.key, binding.action) not in table
    ]
    assert not strays, f"bindings written outside the action table: {strays}"


def _runs_on(entry_place: str, action: str) -> type[DOMNode]:
    place = PLACE[entry_place]
    if action.startswith("app.") or place.runs == "app":
        return CLASSES["AcctApp"]
    if place.runs == "main":
        return CLASSES["MainScreen"]
    if place.runs == "pane":
        return CLASSES["Pane"]
    return CLASSES[place.node]


def test_every_entry_resolves_to_a_real_action_and_its_when_to_an_attribute() -> None:
    for entry in ENTRIES:
        target = _runs_on(entry.place, entry.action)
        method = f"action_{entry.name}"
        assert hasattr(target, method) or hasattr(App, method), f"{entry.id}: {target.__name__} has no {method}"
        if entry.when:
            assert hasattr(target, entry.when), f"{entry.id}: {target.__name__} has no {entry.when}"
            assert isinstance(inspect.getattr_static(target, entry.when), property), f"{entry.id}: when is a property"


def test_ids_are_unique_and_every_entry_says_what_it_does() -> None:
    ids = [entry.id for entry in ENTRIES]
    assert len(ids) == len(set(ids)), "an id is given twice"
    assert all(entry.description for entry in ENTRIES)
    assert all(entry.keys or entry.palette for entry in ENTRIES), "an entry with neither keys nor a command"


def test_the_default_keys_never_clash_and_a_moved_key_that_does_is_named() -> None:
    defaults = {entry.id: entry.keys for entry in ENTRIES if entry.keys}
    assert clashes(defaults) == []
    assert clashes({"clients.new": "e"}) == [
        ("clients.new", "'e' is already the key of clients.edit (Edit) in Clients")
    ]
    # A pane has every pane's keys: "/" (filter) is taken in Clients too.
    assert [id for id, _ in clashes({"clients.new": "/"})] == ["clients.new"]
    # A list's cursor key is taken on every screen of lists: the list, focused, would have it first.
    assert [id for id, _ in clashes({"staff.gone": "g"})] == ["staff.gone"]
    taken = {message.split(" of ")[1].split(" ")[0] for _, message in clashes({"list.down": "n"})}
    assert taken == {
        f"{place}.new" for place in ("clients", "today", "discounts", "competitors", "events", "tasks", "staff")
    }
    # Another place's key is no clash: there the nearer binding wins.
    assert clashes({"clients.new": "D"}) == []


def test_the_keymap_names_are_the_bound_entries_and_textuals_key_names() -> None:
    ids = binding_ids()
    assert {"clients.new", "app.undo", "form.save", "list.down"} <= ids
    assert "main.new_contact" not in ids  # a palette command only: no binding to move
    assert {"escape", "f5", "pageup", "slash", "question_mark", "space"} <= named_keys()
