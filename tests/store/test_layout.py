"""The file layout: one record per line, stable order, readable by any JSON reader and TinyDB."""

from __future__ import annotations

import json

import pytest
from tinydb import TinyDB

from acct_tui.store import layout
from acct_tui.store.storage import BookStorage

TABLES = {"clients": {2: b'{"name":"B"}', 10: b'{"name":"J"}', 1: b'{"name":"A"}'}, "meta": {1: b'{"v":1}'}, "x": {}}


def test_encode_orders_tables_and_ids_and_puts_one_record_per_line() -> None:
    text = layout.encode(TABLES).decode()
    assert text.splitlines() == [
        "{",
        '"clients": {',
        '"1": {"name":"A"},',
        '"2": {"name":"B"},',
        '"10": {"name":"J"}',
        "},",
        '"meta": {',
        '"1": {"v":1}',
        "},",
        '"x": {}',
        "}",
    ]
    assert json.loads(text) == {"clients": {"1": {"name": "A"}, "2": {"name": "B"}, "10": {"name": "J"}},
                                "meta": {"1": {"v": 1}}, "x": {}}  # fmt: skip


def test_decode_round_trips_and_reads_other_layouts() -> None:
    data = layout.encode(TABLES)
    assert layout.decode(data) == {name: dict(records) for name, records in TABLES.items()}
    pretty = json.dumps(json.loads(data), indent=4).encode()
    decoded = layout.decode(pretty)
    assert {k: {i: json.loads(b) for i, b in v.items()} for k, v in decoded.items()} == {
        k: {i: json.loads(b) for i, b in v.items()} for k, v in TABLES.items()
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (b'{"clients": {"1": {"name": "A"}', "not valid JSON"),
        (b"[1, 2]", "holds a JSON list"),
        (b'{"clients": [1]}', "not a table of records"),
        (b'{"clients": {"one": {}}}', "'one' is not a record id"),
        (b'{"clients": {"1": 5}}', "record 1: not a JSON object"),
        (b'{"clients": {"1": {"a": 1}, "1": {"a": 2}}}', "appears twice"),
        (b'{\n"clients": {\n"1": {"a":1},\n"1": {"a":2}\n}\n}\n', "id 1 appears twice"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_decode_refuses_what_is_not_a_book(data: bytes, message: str) -> None:
    with pytest.raises(layout.LayoutError, match=message):
        layout.decode(data)


def test_tinydb_reads_a_book_through_book_storage(repo: object, book_path: object) -> None:
    from acct_tui.domain.records import Client

    repo.clients.add(Client(name="Acme"))  # type: ignore[attr-defined]
    db = TinyDB(book_path, storage=BookStorage, read_only=True)
    assert [doc["name"] for doc in db.table("clients").all()] == ["Acme"]
    assert db.table("meta").get(doc_id=1)["schema_version"] == 3  # type: ignore[index]
