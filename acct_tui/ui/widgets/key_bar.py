"""KeyBar: the footer of every full screen: the keys of the focused place, in one line.

Textual's Footer builds a widget for each key again whenever the bindings change, and they change
at every move between panes: eleven FooterKeys mounted and each styled three times, 140 component
styles that are each a DOMNode of their own, left to the cyclic GC. That was about 50 of the
80 ms of CPU a move took at the demo size. The bar shows the same keys (the screen's active
bindings that show, one per action, the disabled ones dimmed, the command palette's key at the
right end) as one line drawn by one widget, redrawn only when what it shows changes. Pressing a
key with the mouse presses it, as on Textual's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True, slots=True)
class ShownKey:
    key: str
    """The key pressed (a click presses it)."""
    display: str
    """The key as the user reads it ("^s", "?")."""
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
        "key-bar--separator",
    }
    # In the widget, not app.tcss: the team roll-up (its own app) shows it too.
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--disabled {
        text-style: dim;
    }
    KeyBar > .key-bar--separator {
        color: $foreground 20%;
    }
    """
    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[ShownKey, ...] = ()
        """The keys shown, from the left."""
        self.palette: ShownKey | None = None
        """The command palette's key, at the right end."""
        self._places: list[tuple[int, int, ShownKey]] = []
        """Where each key was drawn last: (first column, column after it, key)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        keys, palette = self._shown(screen)
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            self.refresh()

    def _shown(self, screen: Screen[object]) -> tuple[tuple[ShownKey, ...], ShownKey | None]:
        app = self.app
        active = screen.active_bindings
        keys: list[ShownKey] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(ShownKey(binding.key, app.get_key_display(binding), binding.description, enabled))
        palette = None
        found = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if found is not None:
            _node, binding, enabled, _tooltip = found
            palette = ShownKey(binding.key, app.get_key_display(binding), binding.description, enabled)
        return tuple(keys), palette

    def _part(self, key: ShownKey, *, key_padding: str = " ") -> Content:
        key_style = self.get_visual_style("key-bar--key", partial=True)
        description_style = self.get_visual_style("key-bar--description", partial=True)
        if not key.enabled:
            dim = self.get_visual_style("key-bar--disabled", partial=True)
            key_style, description_style = key_style + dim, description_style + dim
        return Content.assemble(
            (f"{key_padding}{key.display} ", key_style),
            (f"{key.description} " if key.description else "", description_style),
        )

    def render(self) -> Content:
        width = self.size.width
        places: list[tuple[int, int, ShownKey]] = []
        end = Content("")
        if self.palette is not None:
            separator = self.get_visual_style("key-bar--separator", partial=True)
            end = Content.assemble(("▏", separator), self._part(self.palette, key_padding=""))
        room = max(0, width - end.cell_length)
        parts: list[Content] = []
        column = 0
        for key in self.keys:
            part = self._part(key)
            if column + part.cell_length > room:
                break  # the rest does not fit: the palette stays, as on Textual's footer
            places.append((column, column + part.cell_length, key))
            parts.append(part)
            column += part.cell_length
        if self.palette is not None and end.cell_length <= width:
            places.append((width - end.cell_length + 1, width, self.palette))
        else:
            end = Content("")
        self._places = places
        gap = Content(" " * max(0, width - column - end.cell_length))
        return Content.assemble(*parts, gap, end)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for first, after, key in self._places:
            if first <= event.x < after:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
