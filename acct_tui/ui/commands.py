"""The command palette (ctrl+p): every action by name, every client to open by name, and the
search of the whole book (`SearchCommands`: the records whose words start with what was typed).

The commands are the action table's (`acct_tui.ui.action_table`): each is offered where it works
and while it is enabled, with its key as the user's keymap has it. Textual's own commands (theme,
keys, screenshot, maximize) come from Textual's provider beside this one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape
from textual.screen import ModalScreen, Screen

from acct_tui.ui.action_table import ENTRIES, PLACE, Entry, effective_keys, enabled, node_names
from acct_tui.ui.format import marked
from acct_tui.ui.planner import planner_of
from acct_tui.ui.screens.main import MainScreen


def offered_on(entry: Entry, screen: Screen[object]) -> bool:
    """Whether `entry` is offered on `screen`: its own screen's, or (outside dialogs) the main
    screen's and the app's."""
    place = PLACE[entry.place]
    if not entry.palette or place.runs == "widget":
        return False
    if place.runs in ("app", "main", "pane"):
        return not isinstance(screen, ModalScreen)
    return place.node in node_names(screen)


def key_hint(entry: Entry, app: App[object], keymap: Mapping[str, str]) -> str:
    """ "n in Clients", "ctrl+o", "e/⏎": the entry's keys as the keymap has them, and the pane."""
    keys = effective_keys(entry, keymap)
    if not keys:
        return ""
    shown = "/".join(app.get_key_display(Binding(key, "")) for key in keys.split(","))
    place = PLACE[entry.place]
    if place.runs == "main" and place.node != "MainScreen":
        return f"{shown} in {place.title}"
    return shown


def command_help(entry: Entry, app: App[object], keymap: Mapping[str, str]) -> str:
    """The command's line under its name, as markup (Textual reads a command's help so): a key
    such as "[" moved there by the keymap is escaped."""
    hint = key_hint(entry, app, keymap)
    text = f"{entry.help} ({hint})" if entry.help and hint else entry.help or hint
    return escape(text)


class AcctCommands(Provider):
    """Every action of the planner, and "Open client: <name>" for each client."""

    def _main(self) -> MainScreen | None:
        return next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)

    def _target(self, entry: Entry) -> object | None:
        """The node the entry's action runs on (None: there is none, e.g. no main screen)."""
        runs = PLACE[entry.place].runs
        if runs == "app":
            return self.app
        main = self._main()
        if runs == "main":
            return main
        if runs == "pane":
            return main.current_pane if main is not None else None
        return self.screen

    def _runner(self, entry: Entry) -> Callable[[], None]:
        screen = self.screen
        runs = PLACE[entry.place].runs

        def run() -> None:
            app = self.app
            if runs == "app":
                app.call_later(app.run_action, entry.action)
            elif runs in ("main", "pane"):
                main = self._main()
                if main is not None:
                    while app.screen is not main:
                        app.pop_screen()
                    target = main if runs == "main" else main.current_pane
                    app.call_later(target.run_action, entry.action)
            else:
                app.call_later(screen.run_action, entry.action)

        return run

    def _offered(self) -> list[Entry]:
        offered = []
        for entry in ENTRIES:
            if not offered_on(entry, self.screen):
                continue
            target = self._target(entry)
            # The app's own `when` (no dialog open) is offered_on's: the palette itself is one.
            if target is None or (PLACE[entry.place].runs != "app" and not enabled(target, entry.name)):
                continue
            offered.append(entry)
        return offered

    def _commands(self) -> list[tuple[str, Callable[[], None], str]]:
        offered = self._offered()
        own = {e.palette_title for e in offered if PLACE[e.place].runs == "screen"}
        # A screen's own command wins over the main screen's of the same name ("New task" for this client).
        chosen = [e for e in offered if PLACE[e.place].runs == "screen" or e.palette_title not in own]
        planner = planner_of(self.screen)
        commands = [(e.palette_title, self._runner(e), command_help(e, self.app, planner.keymap)) for e in chosen]
        if not isinstance(self.screen, ModalScreen):
            for client in sorted(planner.repo.book.clients.values(), key=lambda c: c.name.casefold()):
                commands.append((f"Open client: {client.name}", partial(planner.open_client, client.id), ""))
        return commands

    async def discover(self) -> Hits:
        for title, run, help_text in self._commands():
            if not title.startswith("Open client:"):
                yield DiscoveryHit(Content(title), run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help_text in self._commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, title)
            if score > 0:
                yield Hit(score, _highlight(title, offsets, matcher), run, text=title, help=help_text or None)


def _highlight(title: str, offsets: Sequence[int], matcher: Matcher) -> Content:
    """The title with the matched letters marked; never read as markup (client names are data)."""
    content = Content(title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


SEARCH_FROM = 2
"""Letters typed before the palette searches the book (one letter finds half of it)."""
SEARCH_PER_KIND = 3


class SearchCommands(Provider):
    """The book's records matching what was typed, after the commands (a lower score): Enter opens one."""

    async def search(self, query: str) -> Hits:
        if len(query.strip()) < SEARCH_FROM or isinstance(self.screen, ModalScreen):
            return
        planner = planner_of(self.screen)
        found = planner.search.find(planner.repo, query, SEARCH_PER_KIND)
        if found is None:
            return
        for hit in found.hits:
            if hit.table == "clients" and hit.field == "name":
                continue  # "Open client: <name>" is the command for that
            kind = hit.table.removesuffix("s") if hit.table != "activities" else "activity"
            # The excerpt is user text: in the prompt (Content), never in `help`, which Textual reads as markup.
            text = Content.assemble(
                Content(hit.title).stylize("bold"),
                (f"  {kind} · {hit.field.replace('_', ' ')}: ", "dim"),
                marked(hit.excerpt, hit.marks),
            )
            yield Hit(1 / (2 + hit.rank), text, partial(planner.open_record, hit.table, hit.record_id), text=hit.title)
