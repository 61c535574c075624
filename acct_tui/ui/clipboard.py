"""Copying to the clipboard: a contact's e-mail or phone, a task's summary to paste in a mail.

Textual writes the text to the terminal as an OSC 52 sequence, which most terminals (and tmux
with `set-clipboard on`) put on the system clipboard; macOS Terminal ignores it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import App

from acct_tui.domain.book import Book
from acct_tui.domain.records import Task
from acct_tui.domain.wording import short_day


def task_summary(task: Task, book: Book, planned: date | None) -> str:
    """ "Agree terms · Acme · due Tue 08 Dec · planned Mon 07 Dec": what, for whom, when."""
    client = book.clients.get(task.client_id) if task.client_id is not None else None
    parts = [task.title]
    if client is not None:
        parts.append(client.name)
    if task.done_on is not None:
        parts.append(f"done {short_day(task.done_on)}")
    else:
        if task.due is not None:
            parts.append(f"due {short_day(task.due)}")
        if planned is not None:
            parts.append(f"planned {short_day(planned)}")
    return " · ".join(parts)


def copy(app: App[Any], text: str, what: str) -> None:
    """Put `text` on the clipboard and say so (`what`: "the e-mail of Anna Berg")."""
    app.copy_to_clipboard(text)
    app.notify(f"Copied {what}: {text}", timeout=3, markup=False)
