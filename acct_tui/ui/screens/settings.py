"""SettingsScreen: every setting of the planner by section, where it is kept, and a form to change it.

Enter on a section opens its form (acct_tui.ui.forms.settings_forms), checked as the settings
file is; the book's own settings (stages, playbooks, cadences, discount bands) go into the book,
the others into the settings file, keeping the user's comments. A change shows at once on the
meters. Enter on the theme opens Textual's theme picker (the theme chosen is remembered).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Header, Static

from acct_tui.domain.wording import plural
from acct_tui.store.errors import printable
from acct_tui.ui.action_table import bindings
from acct_tui.ui.forms.settings_forms import SECTIONS, Section, section_form
from acct_tui.ui.screens.book_screen import BookScreen
from acct_tui.ui.widgets.key_bar import KeyBar
from acct_tui.ui.widgets.record_list import RecordList

TITLE_WIDTH = 15


@dataclass(frozen=True, slots=True)
class SettingsRow:
    kind: Literal["section", "theme", "keys"]
    title: str
    summary: str
    where: str
    section: Section | None = None

    @property
    def key(self) -> str:
        return self.section.name if self.section is not None else self.kind


def _line(row: SettingsRow, width: int) -> Content:
    return Content.assemble(
        (f"  {row.title:<{TITLE_WIDTH}}", "bold"),
        Content(row.summary),
        (f"  · {row.where}", "dim"),
    )


class SettingsScreen(BookScreen):
    BINDINGS: ClassVar[list[BindingType]] = bindings("settings")

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static("", id="settings-summary", classes="screen-summary")
        yield RecordList[SettingsRow](_line, key=lambda row: row.key, id="settings-rows")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Settings"
        self.refresh_rows()
        self.query_one(RecordList).focus()
        self.app.theme_changed_signal.subscribe(self, lambda _: self.refresh_rows())

    def on_book_changed(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        planner = self.planner
        found = planner.repo.settings
        rows = [SettingsRow("section", s.title, s.summary(found), s.where, s) for s in SECTIONS]
        config = planner.config
        theme = self.app.theme
        rows.append(SettingsRow("theme", "Theme", theme, "the settings file"))
        moved = plural(len(planner.keymap), "key")
        rows.append(
            SettingsRow("keys", "Keys", f"{moved} moved by [keymap] (? shows each key's id)", "the settings file")
        )
        self.query_one(RecordList).set_rows(rows)
        where = (
            Content.styled("Demo: a copy of your settings file, thrown away on exit (yours is not written).", "dim")
            if config is not None and planner.demo
            else Content.assemble(
                ("Settings file ", "dim"), printable(str(config.path)), (" (your comments are kept)", "dim")
            )
            if config is not None
            else Content.styled("No settings file in this session: only the book's own settings can change.", "dim")
        )
        hint = Content.styled("Enter changes the highlighted settings; Esc in a form writes nothing.", "dim")
        self.query_one("#settings-summary", Static).update(Content("\n").join([where, hint]))

    async def action_edit(self) -> None:
        row = self.query_one(RecordList).current
        if row is None:
            return
        if row.section is not None:
            self.app.push_screen(section_form(row.section, self.planner), lambda _: self.refresh_rows())
        elif row.kind == "theme":
            self.app.action_change_theme()
        else:
            await self.app.run_action("help")
