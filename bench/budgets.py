"""The budgets `make bench` checks, each as a ratio to a reference measured in the same run.

Absolute figures drift with the machine (a bare Textual app started in 0.19 s when the first
budgets were set, 0.50 s on a busier day of the same machine), so each budget compares acct-tui
with something that does the same kind of work in the same run: its start with a bare Textual
app's start, a key press with a bare app moving a ListView cursor, `status` with taskwarrior's
`task next`. The few that are absolute say why (--version and --help: a person waits for them;
memory). The absolute figure is printed beside every ratio.

To add a budget, add a `Budget` to `BUDGETS`: a name, the measured value (ms, from the results
of bench/run.py; None when this run did not measure it), the reference and the limit. A budget
whose part of the bench was skipped (`--quick`, `--no-sync`, ...) prints as "not measured".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Results = dict[str, Any]
Value = Callable[[Results], float | None]

KEY_KINDS = ("cursor_down", "select_client", "move_stage", "toggle_task", "filter_char", "search_char")
SAVE_PER_BARE_START = 150 / 194
"""A saved edit's budget: 150 ms when a bare Textual app started in 194 ms (2026-11-28)."""


def _get(results: Results, *path: str) -> Any:
    found: Any = results
    for key in path:
        if not isinstance(found, dict) or key not in found:
            return None
        found = found[key]
    return found


def at(*path: str) -> Value:
    """The number at `path` in the results, or None if this run did not measure it."""

    def value(results: Results) -> float | None:
        found = _get(results, *path)
        return float(found) if isinstance(found, int | float) else None

    return value


def worst(*values: Value) -> Value:
    def value(results: Results) -> float | None:
        found = [v for v in (f(results) for f in values) if v is not None]
        return max(found) if found else None

    return value


def status_cached(results: Results) -> float | None:
    """The slowest status answered from the cache, line or JSON, at any book size."""
    commands = results.get("commands", {})
    found = [v["median_ms"] for k, v in commands.items() if k.startswith("status ") and " cached/" in k]
    return max(found) if found else None


@dataclass(frozen=True)
class Budget:
    name: str
    measured: Value
    limit: float
    reference: Value | None = None
    """None: `limit` is absolute, in `unit`."""
    reference_name: str = ""
    unit: str = "ms"
    at_least: bool = False
    """The reference must be at least `limit` times the measured value (acct-tui faster than a peer)."""
    note: Callable[[Results], str] | None = None
    owner: str = ""
    """For a reserved row: the issue whose work adds its measurement."""

    def check(self, results: Results) -> dict[str, Any]:
        value = self.measured(results)
        reference = self.reference(results) if self.reference is not None else None
        if self.reference is None:
            rule = f"<= {self.limit:g} {self.unit}"
        elif self.at_least:
            rule = f"{self.reference_name} >= {self.limit:g}x"
        else:
            rule = f"<= {self.limit:g}x {self.reference_name}"
        row: dict[str, Any] = {"budget": self.name, "rule": rule, "value": None, "ratio": None, "ok": None}
        if value is None or (self.reference is not None and not reference):
            row["text"] = f"not measured{f' ({self.owner})' if self.owner else ''}"
            return row
        row["value"] = value
        if reference and self.at_least:
            row["ratio"] = ratio = reference / value
            row["ok"] = ratio >= self.limit
            row["text"] = f"{value:,.0f} {self.unit}; {self.reference_name} {reference:,.0f} {self.unit} = {ratio:.2f}x"
        elif reference:
            row["ratio"] = ratio = value / reference
            row["ok"] = ratio <= self.limit
            row["text"] = (
                f"{value:,.0f} {self.unit} = {ratio:.2f}x {self.reference_name} ({reference:,.0f} {self.unit})"
            )
        else:
            row["ok"] = value <= self.limit
            row["text"] = f"{value:,.0f} {self.unit}"
        if self.note is not None:
            row["text"] += f"; {self.note(results)}"
        return row


BARE_START = at("start", "bare", "median_ms")
BARE_KEY = at("bare_keys", "p95_ms")
TASK_NEXT = at("commands", "task next", "median_ms")


def _plain_replace(results: Results) -> str:
    found = _get(results, "cli", "1000", "book_io", "plain_replace_ms")
    return f"a plain write+fsync+os.replace of the book: {found:.0f} ms" if found else "no plain os.replace measured"


BUDGETS: list[Budget] = [
    Budget("status from its cache, any size", status_cached, 3.0, TASK_NEXT, "task next"),
    Budget(
        "status computed, 1,000 clients",
        worst(
            at("commands", "status line computed/1000", "median_ms"),
            at("commands", "status json computed/1000", "median_ms"),
        ),
        1000.0,
    ),
    Budget("--version", at("commands", "--version", "median_ms"), 100.0),
    Budget("--help", at("commands", "--help", "median_ms"), 100.0),
    Budget(
        "status --help, a usage error",
        worst(at("commands", "status --help", "median_ms"), at("commands", "usage error", "median_ms")),
        100.0,
    ),
    Budget("start, demo book", at("start", "demo", "median_ms"), 1.5, BARE_START, "bare start"),
    Budget(
        "start in tmux, demo book against dooit",
        at("terminal", "demo", "median_ms"),
        1.6,
        at("terminal", "dooit", "median_ms"),
        "dooit",
        at_least=True,
    ),
    Budget("start, 1,000 clients", at("start", "1000", "median_ms"), 4.0, BARE_START, "bare start"),
    *(
        Budget(f"1,000 clients: {kind} p95", at("keys", "1000", "keys", kind, "p95_ms"), 3.0, BARE_KEY, "bare key")
        for kind in KEY_KINDS
    ),
    Budget(
        "1,000 clients: an edit on disk (max)",
        at("keys", "1000", "saved_edit", "to_disk_max_ms"),
        round(SAVE_PER_BARE_START, 2),
        BARE_START,
        "bare start",
        note=_plain_replace,
    ),
    Budget(
        "1,000 clients: worst UI stall in a save",
        at("keys", "1000", "saved_edit", "worst_stall_during_save_ms"),
        3.0,
        BARE_KEY,
        "bare key",
    ),
    Budget(
        "1,000 clients: peak RSS",
        worst(at("keys", "1000", "peak_rss_mb"), at("start", "1000", "peak_rss_mb")),
        300.0,
        unit="MB",
    ),
    # The budgets of the issues that landed beside this one.
    Budget("a 5 MB calendar read, off the UI thread", at("calendar", "read_median_ms"), 300.0, owner="issue 14"),
    Budget("import 10,000 CRM contacts", at("import", "median_ms"), 3000.0, owner="issue 12"),
    Budget("merge of two 1,000-client books, 100 edits a side", at("merge", "median_ms"), 2000.0, owner="issue 16"),
    Budget("team over 10 books of 200 clients, first screen", at("team", "median_ms"), 3000.0, owner="issue 16"),
    Budget("search keystroke, 1,000 clients, p95", at("search", "p95_ms"), 3.0, BARE_KEY, "bare key"),
]


def check(results: Results) -> list[dict[str, Any]]:
    return [budget.check(results) for budget in BUDGETS]
