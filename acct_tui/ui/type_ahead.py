"""Type-ahead: the keys typed while a form opens reach the form, in the order typed.

A key that opens a form (`n`, `e`, ...) goes through the focused widget and back up to the app's
bindings before the form is pushed; the form then composes its fields and puts the cursor in the
first one. Keys typed meanwhile (a fast typist, a paste, a tool) would go to the screen behind
the form and come back unused, or to a form with nothing focused yet: lost. So the app numbers
every key and paste as it arrives; one that comes back unused from the screen behind a
`TakesTypeAhead` screen is given to that screen, and while such a screen is not ready (its first
field not focused yet) every key is held for it, to be handed out, in the order typed, once it is.
"""

from __future__ import annotations

import bisect
from weakref import WeakKeyDictionary

from textual import events
from textual.app import App
from textual.screen import Screen

Typed = events.Key | events.Paste


class TakesTypeAhead:
    """A screen that takes the keys typed while it opens (mixed into the screen class); it calls
    `TypeAheadApp.keys_ready` once the focus is where typing goes."""

    ready_for_keys = False


def _again(event: Typed) -> Typed:
    """The same key or paste as a new event (one that went round once is marked as forwarded)."""
    return events.Key(event.key, event.character) if isinstance(event, events.Key) else events.Paste(event.text)


class TypeAheadApp(App[None]):
    """An App whose keys and pastes reach a `TakesTypeAhead` screen in the order typed."""

    def __init__(self) -> None:
        super().__init__()
        self._typed = 0
        self._seen: WeakKeyDictionary[events.Event, tuple[int, Screen[object]]] = WeakKeyDictionary()
        """Each key's number in the order typed, and the screen that was current when it came."""
        self._held: list[tuple[int, Typed]] = []

    def _building(self) -> bool:
        screen = self.screen if self._screen_stack else None
        return isinstance(screen, TakesTypeAhead) and not screen.ready_for_keys

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, Typed):
            if not event.is_forwarded:
                self._typed += 1
                if self._held or self._building():
                    self._hold(self._typed, event)
                    return
                self._seen[event] = (self._typed, self.screen)
            elif (seen := self._seen.get(event)) is not None and self._stranded(seen[1]):
                # Typed before the form opened: it went to the screen behind it and came back unused.
                number, again = seen[0], _again(event)
                if self._held or self._building():
                    self._hold(number, again)
                else:
                    await self._hand(number, again)
                return
        await super().on_event(event)

    def _stranded(self, typed_on: Screen[object]) -> bool:
        return typed_on is not self.screen and isinstance(self.screen, TakesTypeAhead)

    def _hold(self, number: int, event: Typed) -> None:
        bisect.insort(self._held, (number, event), key=lambda held: held[0])

    async def _hand(self, number: int, event: Typed) -> None:
        self._seen[event] = (number, self.screen)
        await super().on_event(event)

    def keys_ready(self, screen: TakesTypeAhead) -> None:
        """`screen` has the focus where typing goes: hand out what was held (from the app's queue,
        so before what comes next)."""
        screen.ready_for_keys = True
        self.call_later(self._hand_out)

    async def _hand_out(self) -> None:
        while self._held and not self._building():  # a held key may open another form: wait for it
            await self._hand(*self._held.pop(0))
