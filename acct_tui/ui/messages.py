"""The app's messages to its screens, in one place.

The app publishes each on one Textual Signal (`AcctApp.broadcast`); a screen that wants them
subscribes once (BookScreen does, on mount) and gets them as messages in its queue, handled by
`on_book_changed` and the like. A message waiting in that queue is superseded by the next one
when that one does all it would (`can_replace`): ten quick undos redraw a screen once. Screens
that are closed are dropped from the signal by Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class BookChanged(Message):
    """What the book holds changed in memory (an edit, an undo, another book opened, new settings):
    screens redraw from it."""

    back: tuple[str, int] | None = None
    """(table, id) of the record an undo brought back: the screens' cursors go to it."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, BookChanged)


@dataclass
class IndexReady(Message):
    """The search index of the book as it is now was built (the search screen and palette use it)."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexReady)


@dataclass
class PlanChanged(Message):
    """The main screen recomputed the schedule: what shows a planned day redraws."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PlanChanged)
