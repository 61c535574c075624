"""BookScreen: the base of the planner's full screens (main, client detail, the lists, the week).

It gives a screen what it needs from the app (`planner`, the Protocol of acct_tui.ui.planner) and
the app's messages (BookChanged...: `acct_tui.ui.messages`), subscribed to when it mounts.
"""

from __future__ import annotations

from textual import events
from textual.binding import ActiveBinding
from textual.screen import Screen

from acct_tui.ui.planner import Planner, planner_of


class BookScreen(Screen[None]):
    """A full screen whose footer lists the keys that work everywhere (quit, help, undo) first:
    a narrow terminal cuts the footer at its right end, and a pane's keys are also in help."""

    @property
    def planner(self) -> Planner:
        return planner_of(self)

    def _on_mount(self, event: events.Mount) -> None:
        # Textual calls each class's mount handler in turn: a subclass's on_mount runs as well.
        self.planner.broadcast.subscribe(self, self.post_message, immediate=True)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found = super().active_bindings
        app = self.app
        return {
            **{key: active for key, active in found.items() if active.node is app},
            **{key: active for key, active in found.items() if active.node is not app},
        }
