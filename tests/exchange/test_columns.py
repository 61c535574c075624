"""The column names of each table, and how cells of each kind become values."""

from __future__ import annotations

import dataclasses

import pytest

from acct_tui.domain.records import TABLES
from acct_tui.exchange.cells import minutes_of, record_id, tags, yes_no
from acct_tui.exchange.columns import COLUMNS, choice, fields_of, header_key
from acct_tui.exchange.crm import FORMATS, crm_kind, crm_status, stage_key
from acct_tui.exchange.export_csv import headers


def test_no_header_name_means_two_columns() -> None:
    for table, columns in COLUMNS.items():
        names = [header_key(name) for column in columns for name in column.names]
        assert len(names) == len(set(names)), table


def test_every_field_of_every_record_has_a_column_named_as_the_export_writes_it() -> None:
    for table, cls in TABLES.items():
        known = {header_key(name) for column in COLUMNS[table] for name in column.names}
        assert {header_key(name) for name in headers(table)} <= known, table
        own = {f.name for f in dataclasses.fields(cls)} - {"changed_at"}  # the repository's, not a file's
        assert own <= set(fields_of(table)), table


def test_header_names_compare_loosely() -> None:
    assert header_key("  Renewal_DATE ") == header_key("renewal-date") == "renewal date"
    assert header_key("Deal - Title") == "deal title"  # Pipedrive's "Entity - Field"


def test_each_crm_column_fills_a_field_of_its_table() -> None:
    for crm in FORMATS:
        for table, columns in crm.columns.items():
            allowed = set(fields_of(table))
            assert {column.field for column in columns} <= allowed, (crm.label, table)


def test_other_kinds() -> None:
    assert (yes_no("Yes"), yes_no("x"), yes_no("FALSE")) == (True, True, False)
    with pytest.raises(ValueError, match="must be yes or no"):
        yes_no("maybe")
    assert tags("a; b,c | d") == ("a", "b", "c", "d")
    assert choice("Follow-up") == choice(" follow  up ") == "follow_up"
    assert record_id("12") == 12
    with pytest.raises(ValueError, match="is not an acct-tui id"):
        record_id("0015g00000AbCdEAAZ")  # a Salesforce id is not one of ours


def test_durations() -> None:
    assert minutes_of("1:30") == 90  # hours and minutes, as Pipedrive writes a duration
    assert minutes_of("0:05:30") == 6  # h:mm:ss, 5 min 30 s rounds to 6
    assert minutes_of("45") == 45
    with pytest.raises(ValueError):
        minutes_of("soon")


def test_crm_values() -> None:
    assert stage_key("Appointment Scheduled (Sales Pipeline)") == stage_key("appointment scheduled")
    assert [crm_status(v) for v in ("Customer", "Customer - Direct", "Sales Qualified Lead", "Vendor")] == [
        "active",
        "active",
        "prospect",
        None,
    ]
    assert [crm_kind(v) for v in ("CALL", "Email", "Meeting", "TASK", "Site visit")] == [
        "call",
        "email",
        "meeting",
        "note",
        "visit",
    ]
