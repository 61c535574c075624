"""`acct-tui import --map FILE.toml`: which column of a file fills which field, for any file.

    crm = "erp"                 # optional: the program whose ids a crm_id column holds
    [columns]
    "Organisation" = "client"   # column as written in the file = field (see fields_of)
    "Ref" = "crm_id"
    "Fax" = ""                  # "" ignores the column

A mapped column wins over every other rule; the file's other columns are matched as usual.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from acct_tui.exchange.columns import COLUMNS, Column, Kind, fields_of, header_key
from acct_tui.exchange.errors import ExchangeError, rejected
from acct_tui.settings import key_lines
from acct_tui.settings.lines import parse
from acct_tui.store.storage import describe_os_error

MAX_MAP_BYTES = 1 << 20
_CRM_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,29}$")
_VIRTUAL_KINDS: dict[str, Kind] = {
    "crm_id": "crm_id", "client_crm_id": "crm_id", "project_crm_id": "crm_id", "closed_on": "day",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """A map file, checked against one table."""

    path: Path
    crm: str = "csv"
    """The program the file comes from: the name before the ids of its crm_id columns."""
    columns: dict[str, Column] = field(default_factory=dict)
    """Header (as `header_key` gives it) -> the column it is; a column of field "" is ignored."""

    def column(self, header: str) -> Column | None:
        return self.columns.get(header_key(header))


def _column(table: str, name: str, target: str) -> Column:
    known = {column.field: column for column in COLUMNS[table]}
    kind = known[target].kind if target in known else _VIRTUAL_KINDS.get(target, "text")
    return Column(target, (name,), kind)


def read_map(path: Path, table: str) -> ColumnMap:
    """The map file at `path`, for `table`. Raises ExchangeError naming each problem and its line."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_MAP_BYTES + 1)
    except FileNotFoundError:
        raise ExchangeError(path, "does not exist") from None
    except OSError as err:
        raise ExchangeError(path, f"cannot be read: {describe_os_error(err)}") from None
    try:
        text = data[:MAX_MAP_BYTES].decode("utf-8")
        parsed = parse(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ExchangeError(path, f"is not a TOML file: {err}") from None
    lines = key_lines(text)
    fields = fields_of(table)
    problems: list[str] = []
    unknown = sorted(set(parsed) - {"crm", "columns"})
    problems += [f"line {lines.get((key,), 0)}: {key!r} is not a key of a map file (crm, columns)" for key in unknown]
    crm = parsed.get("crm", "csv")
    if not isinstance(crm, str) or not _CRM_NAME.match(crm):
        problems.append(f"line {lines.get(('crm',), 0)}, crm: must be a short name in small letters (got {crm!r})")
    table_map = parsed.get("columns", {})
    if not isinstance(table_map, dict):
        raise ExchangeError(path, "columns: must be a table of column = field")
    columns: dict[str, Column] = {}
    for name, target in table_map.items():
        where = f"line {lines.get(('columns', name), 0)}, {name!r}"
        if not isinstance(target, str) or (target and target not in fields):
            listed = ", ".join(fields)
            problems.append(f"{where}: {target!r} is not a field of {table} (the fields: {listed})")
            continue
        columns[header_key(name)] = _column(table, name, target)
    if problems:
        raise rejected(path, problems, what="the map was not used")
    return ColumnMap(path, crm if isinstance(crm, str) else "csv", columns)
