"""Markdown for people, safe for any text a user typed.

User text is escaped (CommonMark lets a backslash escape any punctuation), so a client called
"*Acme* [beta]" shows as written in any viewer and never becomes a link or emphasis. Tables are
padded to their widths, so the raw file reads well too. Everything is the same in every locale.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from acct_tui.domain.book import Book

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LIST_START = re.compile(r"^(\d+)([.)])|^([-+#=])")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

NONE = "None."


def escape(text: str) -> str:
    """`text` on one line, with every character Markdown would act on escaped."""
    line = " ".join(text.split())
    line = _SPECIAL.sub(r"\\\1", line)
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def name(book: Book, table: str, record_id: int | None) -> str:
    """The name of the record `record_id` of `table` ("" for none)."""
    record = book.get(table, record_id)
    return record.display if record is not None else ""


def long_date(day: date) -> str:
    """ "27 November 2026"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """A Markdown table; cells are plain text (escaped here), `right` are right-aligned columns."""
    cells = [[escape(cell) for cell in headers], *([escape(cell) for cell in row] for row in rows)]
    widths = [max(3, *(len(row[i]) for row in cells)) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        padded = [
            cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (w - 1) + ":" if i in right else "-" * w for i, w in enumerate(widths)]
    return [line(cells[0]), "| " + " | ".join(rule) + " |", *(line(row) for row in cells[1:])]


def table_or_none(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    return table(headers, rows, right) if rows else [NONE]
