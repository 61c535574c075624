"""The book as CSV: one file per table, in a folder or a .zip.

Each file starts with the `id` column, then the record's fields in the model's order; an id that
refers to a client, project or staff member is followed by a column with its name (`client`,
`project`, `assignee`), so the files read well in a spreadsheet and import back with
`acct-tui import`. Names lists (tags) are joined with "; "; other nested values (a project's stage
history, a week's self-check) are JSON. Numbers are written as the import reads them back
(`number_text`: "1.1250", not "1.125", which could be 1125). Files are UTF-8 with a byte-order
mark, so that Excel shows accents right, and end lines with CRLF, as RFC 4180 says.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from acct_tui.domain.book import Book
from acct_tui.domain.parsing import number_text
from acct_tui.domain.records import BOOKKEEPING, TABLES, Record, to_dict
from acct_tui.exchange.errors import ExchangeError
from acct_tui.store.storage import atomic_write, describe_os_error

NAME_COLUMNS = {
    "client_id": ("client", "clients"),
    "project_id": ("project", "projects"),
    "assignee_id": ("assignee", "staff"),
}
"""A reference field -> the column with the referred record's name, and the table it is in."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "; ".join(value)
    if isinstance(value, list | dict):
        return orjson.dumps(value).decode()
    return str(value)


def headers(name: str) -> list[str]:
    """The columns of the CSV file of table `name`."""
    columns = ["id"]
    for field in dataclasses.fields(TABLES[name]):
        if field.name in BOOKKEEPING:
            continue
        columns.append(field.name)
        if field.name in NAME_COLUMNS:
            columns.append(NAME_COLUMNS[field.name][0])
    return columns


def _row(book: Book, record: Record) -> list[str]:
    cells = [str(record.id)]
    for field, value in to_dict(record).items():
        cells.append(_cell(value))
        if field in NAME_COLUMNS:
            target = book.get(NAME_COLUMNS[field][1], value)
            cells.append(target.display if target is not None else "")
    return cells


def csv_files(book: Book, progress: Callable[[int], None] | None = None) -> dict[str, bytes]:
    """File name -> CSV bytes, one file per table (an empty table gives a header row alone)."""
    files: dict[str, bytes] = {}
    done = 0
    for name in TABLES:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers(name))
        for record_id in sorted(book.table(name)):
            writer.writerow(_row(book, book.table(name)[record_id]))
            done += 1
            if progress is not None:
                progress(done)
        files[f"{name}.csv"] = out.getvalue().encode("utf-8-sig")
    return files


def zip_bytes(files: dict[str, bytes], today: date) -> bytes:
    """The files in one zip (deflated; dated `today`, so the same book gives the same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(today.year, today.month, today.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, data)
    return out.getvalue()


def write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Write each file into `folder` (created if missing; files of the same name are replaced)."""
    if folder.exists() and not folder.is_dir():
        raise ExchangeError(folder, "is a file: give a folder, or a name ending in .zip")
    try:
        folder.mkdir(exist_ok=True, mode=0o700)
        for name, data in files.items():
            atomic_write(folder / name, data)
    except FileNotFoundError:
        raise ExchangeError(folder, "cannot be created: its parent folder does not exist") from None
    except OSError as err:
        raise ExchangeError(folder, f"could not be written: {describe_os_error(err)}") from None
