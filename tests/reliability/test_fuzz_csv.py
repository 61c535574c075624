"""`acct-tui import` fed random CSV files: all or nothing, exit 0 or 1 with words, the book valid after.

Hypothesis writes a file for one table with every column it knows (under any of its header
names), and cells that are plausible (dates in each accepted form, numbers with separators,
choices, names of clients and projects in the book) or hostile (tests/reliability/helpers.py
HOSTILE, random text, numbers at the edges). After each import: exit 0 and a book that passes
`check`, or exit 1 and a book that is byte for byte what it was.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from acct_tui.demo import write_demo_book
from acct_tui.domain.records import TABLES, adapter
from acct_tui.exchange.columns import COLUMNS, Column
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.reliability.helpers import CONTROL, HOSTILE, FileState, check, run_cli

IMPORTABLE = sorted(COLUMNS)

PLAUSIBLE = {
    "day": ["2026-12-01", "1.12.2026", "31.02.2026", "2026-13-01", "0001-01-01", "9999-12-31", "1.1.1", "٢٠٢٦-١٢-٠١"],
    "moment": ["2026-11-27 14:30", "2026-11-27T14:30:00", "27.11.2026 14:30", "2026-11-27", "2026-11-27 25:00"],
    "number": ["7,5", "1 234,50", "1.234,50", "1,234.50", "1,500", "12%", "-3", "1e999", "nan", "1e12", "0"],
    "whole": ["0", "1", "15", "-1", "1.5", "99999999999999999999", "1e400"],
    "yes_no": ["yes", "no", "x", "maybe", "TRUE", "0"],
    "tags": ["a; b; c", "x|y,z", ";;;", ",".join(f"t{n}" for n in range(30)), "a" * 41],
}
CHOICES = [
    "strategic", "key", "standard", "prospect", "active", "dormant", "Follow up", "call", "meeting",
    "negotiation", "kickoff", "Delivery", "support", "completed", "lost", "high", "low", "done", "open",
    "blocked", "waiting", "email", "gold",
]  # fmt: skip


def enum_values(table: str, field: str) -> list[str]:
    """The values a choice field of `table` accepts, read from the record's JSON schema."""
    schema = adapter(TABLES[table]).json_schema()
    prop = schema["properties"].get(field, {})
    ref = prop.get("$ref") or next((p["$ref"] for p in prop.get("anyOf", []) if "$ref" in p), None)
    return list(schema["$defs"][ref.rsplit("/", 1)[1]]["enum"]) if ref else []


SAFE_TEXT = st.one_of(
    st.sampled_from([h.strip() for h in HOSTILE if h.strip() and h.isprintable() and len(h) < 300]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40),
)
"""Text a record accepts: no control characters (markup, right-to-left, CJK, emoji are fine)."""

HOSTILE_CELL = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8),
    st.sampled_from([v for values in PLAUSIBLE.values() for v in values] + CHOICES),
)


def valid_cell(table: str, column: Column, names: dict[str, list[str]], row: int) -> st.SearchStrategy[str]:
    """A cell the import should take (or refuse only for a reason a user could see)."""
    if column.field in ("done_on", "follow_up"):  # each needs another field to agree
        return st.just("")
    if column.kind in ("id", "ref", "json") or column.field in ("external_id", "renewal_health_on"):
        return st.just("")  # ids of this book, and values that must agree with others
    if column.kind == "day":
        return st.sampled_from(["2026-12-01", "1.12.2026", "2027-03-31", "3/14/2027", "14 Mar 2027", ""])
    if column.kind == "moment":
        return st.sampled_from(["2026-11-27 14:30", "2026-11-20T09:15:00", "27.11.2026 14:30", "2026-11-26"])
    if column.kind == "number":
        return st.sampled_from(["7,5", "12", "0", "3.25", "1.5%", "1,5", ""])
    if column.kind == "yes_no":
        return st.sampled_from(["yes", "no", "x", ""])
    if column.kind == "tags":
        return st.sampled_from(["a; b", "vip|new", ""])
    if column.field in ("client", "assignee"):
        return st.sampled_from(names[column.field])
    if column.field == "project":
        return st.just("")
    values = enum_values(table, column.field)
    if values:
        return st.sampled_from([*values, *(v.upper().replace("_", " ") for v in values)])
    if column.field in ("email",):
        return st.sampled_from(["a@b.example", ""])
    if column.field in ("phone", "mobile"):
        return st.sampled_from(["+49 30 1234", ""])
    if column.field == "currency":
        return st.sampled_from(["EUR", "usd", ""])
    if column.required:
        return SAFE_TEXT.map(lambda text: f"{text} #{row}")
    return st.one_of(st.just(""), SAFE_TEXT)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, dict[str, list[str]]]:
    folder = tmp_path_factory.mktemp("csv-template")
    book = write_demo_book(folder / "book.json", TODAY)
    with Repository.open(book, read_only=True) as repo:
        names = {"client": [c.name for c in repo.clients.all()], "assignee": [s.name for s in repo.staff.all()]}
    return book.read_bytes(), names


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_random_csv_files_import_all_or_nothing(
    data: st.DataObject, tmp_path: Path, template: tuple[bytes, dict[str, list[str]]]
) -> None:
    content, names = template
    book = tmp_path / "book.json"
    book.write_bytes(content)
    table = data.draw(st.sampled_from(IMPORTABLE), label="table")
    columns = list(COLUMNS[table])
    chosen = data.draw(st.lists(st.sampled_from(columns), min_size=1, unique=True), label="columns")
    chosen += [c for c in columns if c.required and c not in chosen]
    headers = [data.draw(st.sampled_from(c.names), label=f"header of {c.field}") for c in chosen]
    rows = [
        [data.draw(valid_cell(table, c, names, row), label=f"row {row} {c.field}") for c in chosen]
        for row in range(data.draw(st.integers(1, 6), label="rows"))
    ]
    # Most files get a few hostile cells; some stay plausible throughout, so that imports also succeed.
    for _ in range(data.draw(st.sampled_from([0, 0, 1, 1, 2, 4]), label="hostile cells")):
        if rows:
            row = data.draw(st.integers(0, len(rows) - 1))
            rows[row][data.draw(st.integers(0, len(chosen) - 1))] = data.draw(HOSTILE_CELL, label="hostile")
    delimiter = data.draw(st.sampled_from([",", ";", "\t"]), label="delimiter")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    raw = out.getvalue().encode("utf-8", errors="surrogatepass")
    if data.draw(st.booleans(), label="byte-order mark"):
        raw = b"\xef\xbb\xbf" + raw
    source = tmp_path / "in.csv"
    source.write_bytes(raw)
    dry = data.draw(st.sampled_from([False, False, True]), label="--dry-run")

    before = FileState.of(book)
    code, _, err = run_cli(["import", table, str(source), "--db", str(book), *(["--dry-run"] if dry else [])])

    event(f"exit {code}{' (dry run)' if dry else ''}")
    assert code in (0, 1), err
    assert "Traceback" not in err
    assert not CONTROL.search(err.replace("\n", "").replace("\t", "")), err
    if code == 1 or dry:
        assert FileState.of(book) == before, "a refused or dry-run import changed the book"
    else:
        assert check(book)[0] == 0


def test_one_bad_row_among_thousands_imports_nothing(tmp_path: Path) -> None:
    book = write_demo_book(tmp_path / "book.json", TODAY)
    before = FileState.of(book)
    rng = random.Random(3)
    lines = ["name,tier,renewal date,discount pct,notes"]
    lines += [f"Bulk {n},key,2027-0{rng.randrange(1, 10)}-01,{rng.randrange(0, 30)},ok" for n in range(3000)]
    lines.insert(2718, "Bad apple,key,2027-02-30,5,the only bad row")
    source = tmp_path / "bulk.csv"
    source.write_text("\n".join(lines) + "\n")
    code, _, err = run_cli(["import", "clients", str(source), "--db", str(book)])
    assert code == 1
    assert 'row 2719, column "renewal date": is not a real date' in err
    assert FileState.of(book) == before


def test_escape_sequences_in_a_csv_header_never_reach_the_terminal(tmp_path: Path) -> None:
    """Bug fixed: unknown header names were echoed raw on stderr ("ignoring columns ...")."""
    book = write_demo_book(tmp_path / "book.json", TODAY)
    source = tmp_path / "in.csv"
    source.write_text('name,"\x1b]0;owned\x07",\x9b2J\nHeader Test,x,y\n')
    code, _, err = run_cli(["import", "clients", str(source), "--db", str(book)])
    assert code == 0, err
    assert "ignoring columns that clients do not have" in err
    assert "\\x1b]0;owned\\x07" in err
    assert not CONTROL.search(err.replace("\n", ""))
