"""The file layout: one record per line, stable order, readable by any JSON reader and TinyDB."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
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


TABLE_NAMES = st.sampled_from(["activities", "clients", "meta", "settings", "weeks", "zz_last"])
TEXT = st.text(alphabet=st.sampled_from(["a", '"', "\n", "{", "}", ":", " ", "\\", "7", "é"]), max_size=12)
RECORD = st.fixed_dictionaries({"name": TEXT}, optional={"note": TEXT, "n": st.integers(0, 9)})
ANY_TABLES = st.dictionaries(TABLE_NAMES, st.dictionaries(st.integers(1, 50), RECORD, max_size=4), max_size=6)


@given(ANY_TABLES)
def test_each_table_region_read_whole_is_the_table(tables: dict[str, dict[int, dict[str, object]]]) -> None:
    """Whatever the records hold (newlines, quotes, braces, a `"name": {` inside a string), and
    wherever a table stands (first, last, empty), a region wrapped in braces is exactly its table."""
    data = layout.encode(
        {name: {rid: layout.dump_document(r) for rid, r in recs.items()} for name, recs in tables.items()}
    )
    regions = layout.table_regions(data)
    assert sorted(regions) == sorted(tables)
    for name, records in tables.items():
        assert {int(k): v for k, v in json.loads(b"{" + regions[name] + b"}").items()} == records, name


def test_table_regions_of_a_book_with_empty_and_last_tables() -> None:
    data = layout.encode({"clients": {1: b'{"name":"A"}', 2: b'{"name":"B"}'}, "meta": {}, "weeks": {3: b"{}"}})
    # {\n"clients": {\n"1": {...},\n"2": {...}\n},\n"meta": {},\n"weeks": {\n"3": {}\n}\n}\n
    assert layout.table_regions(data) == {
        "clients": b'\n"1": {"name":"A"},\n"2": {"name":"B"}',
        "meta": b"",
        "weeks": b'\n"3": {}',
    }
