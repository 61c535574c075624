"""`acct-tui export --format csv`: one file per table, in a folder or a zip, re-importable."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pytest

from acct_tui.domain.enums import Stage
from acct_tui.domain.records import TABLES, Client
from acct_tui.exchange.export_csv import headers
from acct_tui.store.repository import Repository
from tests.conftest import demo_id
from tests.exchange.helpers import run


def rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # so that Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_a_zip_holds_one_file_per_table(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "book.zip"
    assert run("export", "--format", "csv", "--db", str(demo_path), "-o", str(target)) == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == [f"{name}.csv" for name in TABLES]
        clients = rows(archive.read("clients.csv"))
        tasks = rows(archive.read("tasks.csv"))
        weeks = rows(archive.read("weeks.csv"))
    assert clients[0][:4] == ["id", "name", "tier", "status"]
    [bank] = [row for row in clients if row[1] == "Saigon Commercial Bank"]
    assert bank[:3] == [str(demo_id("clients", 1)), "Saigon Commercial Bank", "strategic"]
    assert bank[clients[0].index("tags")] == "retail-banking; priority"
    assert bank[clients[0].index("contract_value")] == "240000"
    assert len(clients) == 13
    assert tasks[0] == headers("tasks")
    [first] = [dict(zip(tasks[0], row, strict=True)) for row in tasks if row[0] == str(demo_id("tasks", 1))]
    assert (first["client_id"], first["client"], first["project"], first["due"]) == (
        str(demo_id("clients", 1)),
        "Saigon Commercial Bank",
        "Customer portal redesign",
        "2026-11-27",
    )
    assert weeks[0] == headers("weeks") == [
        "id", "week", "stress_index", "utilisation", "load_hours", "capacity_hours", "self_check",
    ]  # fmt: skip
    assert len(weeks) == 12  # the demo's 11 recorded weeks, "@w-11" to "@w-1": 2026-W37 to 2026-W47
    by_week = {row[1]: row for row in weeks[1:]}
    assert by_week["2026-W37"] == [str(demo_id("weeks", 1)), "2026-W37", "38", "0.86", "34.5", "40", ""]
    assert by_week["2026-W47"] == [
        str(demo_id("weeks", 11)), "2026-W47", "57", "1.12", "44.8", "40",
        '{"mental":68,"physical":20,"temporal":72,"performance":35,"effort":64,"frustration":43}',
    ]  # fmt: skip


def test_the_same_book_gives_the_same_zip(demo_path: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    assert run("export", "--format", "csv", "--db", str(demo_path), "-o", str(first)) == 0
    assert run("export", "--format", "csv", "--db", str(demo_path), "-o", str(second)) == 0
    assert first.read_bytes() == second.read_bytes()


def test_a_folder_of_files_that_import_back_unchanged(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    assert run("export", "--format", "csv", "--db", str(demo_path), "-o", str(folder)) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.csv" for name in TABLES)
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir())
    capsys.readouterr()
    before = demo_path.read_bytes()
    for table, count in (("clients", 12), ("contacts", 14), ("projects", 25), ("tasks", 79), ("activities", 122)):
        assert run("import", table, str(folder / f"{table}.csv"), "--db", str(demo_path)) == 0
        assert capsys.readouterr().out.endswith(f": 0 new, 0 updated, {count} unchanged\n")
    assert demo_path.read_bytes() == before


IMPORT_ORDER = ("clients", "staff", "events", "projects", "contacts", "tasks", "activities", "discounts", "competitors",
                "weeks")  # fmt: skip
"""Each table after the tables its records refer to."""


def test_a_csv_export_imported_table_by_table_into_an_empty_book_gives_back_the_same_book(
    demo_repo: Repository, demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the contacts were refused ("no client with this id in the book"), and the fields
    the import did not know (stage history, renewals, external ids...) were lost."""
    project = demo_repo.projects.get(demo_id("projects", 1))
    task = demo_repo.tasks.get(demo_id("tasks", 1))
    assert project is not None and task is not None
    demo_repo.put_all([project.evolve(value=999.125), task.evolve(estimate_hours=1.125)], "Odd numbers")
    folder = tmp_path / "export"
    assert run("export", "--format", "csv", "--db", str(demo_path), "-o", str(folder)) == 0
    assert sorted(IMPORT_ORDER) == sorted(TABLES)
    copy = tmp_path / "copy.json"
    for table in IMPORT_ORDER:
        assert run("import", table, str(folder / f"{table}.csv"), "--db", str(copy)) == 0, capsys.readouterr().err
    with Repository.open(demo_path, read_only=True) as original, Repository.open(copy, read_only=True) as imported:
        for table in TABLES:
            mine, theirs = original.book.table(table), imported.book.table(table)
            assert sorted(theirs) == sorted(mine), table
            for record_id, record in mine.items():
                # A CSV file has no change times: the import stamps the records it writes.
                assert dataclasses.replace(theirs[record_id], changed_at=record.changed_at) == record, (
                    table,
                    record_id,
                )
    assert run("check", "--db", str(copy)) == 0


def test_a_generated_book_s_csv_export_imports_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: its lost deals had no reason, so the projects were refused ("say why it was lost")."""
    book, folder, copy = tmp_path / "gen.json", tmp_path / "export", tmp_path / "copy.json"
    assert run("--today", "2026-11-27", "generate", "--person", "--clients", "12", "-o", str(book)) == 0
    with Repository.open(book, read_only=True) as generated:
        lost = [p for p in generated.book.projects.values() if p.stage is Stage.LOST]
        counts = {table: len(generated.book.table(table)) for table in TABLES}
    assert lost and all(p.lost_reason for p in lost)
    assert run("export", "--format", "csv", "--db", str(book), "-o", str(folder)) == 0
    for table in (t for t in IMPORT_ORDER if counts[t]):  # an empty table's file has no rows to import
        assert run("import", table, str(folder / f"{table}.csv"), "--db", str(copy)) == 0, capsys.readouterr().err
    with Repository.open(copy, read_only=True) as imported:
        assert {table: len(imported.book.table(table)) for table in TABLES} == counts


def test_a_csv_export_of_another_book_is_refused_where_its_ids_name_other_records(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    assert run("export", "--format", "csv", "--db", str(demo_path), "-o", str(folder)) == 0
    other = tmp_path / "other.json"
    with Repository.open(other) as repo:  # its client has the id of the demo's bank (two books' random ids never meet)
        repo.put_all([Client(id=demo_id("clients", 1), name="Somebody Else")], "Add a client")
    capsys.readouterr()
    assert run("import", "contacts", str(folder / "contacts.csv"), "--db", str(other)) == 1
    err = capsys.readouterr().err
    # Rows are in the order of the contacts' ids: which row names which client is the file's.
    bank = re.escape(f"is not client {demo_id('clients', 1)} of this book, 'Somebody Else': the id and the name ")
    assert re.search(
        rf'  row \d+, column "client": {bank}must be of the same client \(got \'Saigon Commercial Bank\'\)\n', err
    )
    nordlicht = demo_id("clients", 2)
    assert re.search(
        rf'  row \d+, column "client_id": no client with this id in the book \(import the clients first\) '
        rf"\(got '{nordlicht}'\)\n",
        err,
    )


def test_csv_needs_an_output(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "--format", "csv", "--db", str(demo_path)) == 2
    assert "--format csv writes one file per table: give -o FOLDER or -o FILE.zip" in capsys.readouterr().err


def test_a_file_in_the_way_of_the_folder(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "export"
    blocker.write_text("mine")
    assert run("export", "--format", "csv", "--db", str(demo_path), "-o", str(blocker)) == 1
    assert blocker.read_text() == "mine"
    assert capsys.readouterr().err == f"acct-tui: {blocker}: is a file: give a folder, or a name ending in .zip\n"
