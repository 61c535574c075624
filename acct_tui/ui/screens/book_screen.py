"""BookScreen: the base of the planner's full screens (main, client detail, the lists)."""

from __future__ import annotations

from textual.binding import ActiveBinding
from textual.screen import Screen


class BookScreen(Screen[None]):
    """A full screen whose footer lists the keys that work everywhere (quit, help, undo) first:
    a narrow terminal cuts the footer at its right end, and a pane's keys are also in help."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found = super().active_bindings
        app = self.app
        return {
            **{key: active for key, active in found.items() if active.node is app},
            **{key: active for key, active in found.items() if active.node is not app},
        }
