"""Writing to the book from a screen: a refused change is shown to the user, never raised."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from acct_tui.store.errors import BookError, ChangeRejected


def apply(node: Widget, change: Callable[[], object], done: str | None = None) -> bool:
    """Run a repository change; show why if the book refuses it. True if it was made."""
    try:
        change()
    except ChangeRejected as err:
        node.notify("\n".join(err.problems), title="Not changed", severity="error", markup=False)
        return False
    except BookError as err:
        node.notify(err.message, title="Not changed", severity="error", markup=False)
        return False
    if done:
        node.notify(done, markup=False, timeout=3)
    return True
