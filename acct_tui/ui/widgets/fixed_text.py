"""FixedText: a line or two of text whose size the stylesheet fixes, so changing it only repaints it.

A Static asks for a layout of the whole screen on every `update()` (its size may follow its text);
at 1,000 clients that is tens of milliseconds per pane heading after each edit. A FixedText's
height is set in the stylesheet and its width is its container's, so an update repaints it and
nothing else.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class FixedText(Widget):
    """Content of a fixed size (user text inside stays text: build it with `Content(...)`, never markup)."""

    def __init__(self, content: Content | str = "", *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._content = Content(content) if isinstance(content, str) else content

    @property
    def content(self) -> Content:
        return self._content

    def update(self, content: Content | str = "") -> None:
        content = Content(content) if isinstance(content, str) else content
        if content != self._content:
            self._content = content
            self.refresh()

    def render(self) -> Content:
        return self._content
