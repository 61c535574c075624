"""`acct-tui import` of CRM exports as the CRMs write them (tests/exchange/fixtures/crm/), end to end.

Each CRM's files go into an empty book, then again on top (nothing changes), then the CRM's next
export (the changed records are updated, none is added twice). Every file the issue found refused
is here, now accepted: HubSpot contacts with First and Last Name, Salesforce contacts with Phone
and Mobile, HubSpot deals, a Data Loader file with Salesforce's string ids, amounts such as
"EUR 48,000.00" and "55,000", dates such as "2024-03-14 09:12" and "3/14/2024", a Windows-1252 file.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from acct_tui.config import config_path
from acct_tui.domain.enums import ActivityKind, ClientStatus, Stage
from acct_tui.domain.records import Client, Contact, Project, Record, StageEntry
from acct_tui.exchange import csv_import
from acct_tui.store.repository import Repository
from tests.conftest import demo_id, next_free_id
from tests.exchange.helpers import run, write

FIXTURES = Path(__file__).parent / "fixtures" / "crm"


def imported(book: Path, kind: str, path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    """Import `path` (exit 0); what it said on standard output, after "... into BOOK: "."""
    assert run("import", kind, str(path), "--db", str(book), *options) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    return out.rsplit(": ", 1)[1].strip() if not options or "--dry-run" not in options else out


def refused(book: Path, kind: str, path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    """Import `path`, expect exit 1 and nothing written; the message, without "acct-tui: FILE: "."""
    before = book.read_bytes() if book.exists() else None
    assert run("import", kind, str(path), "--db", str(book), *options) == 1
    assert (book.read_bytes() if book.exists() else None) == before
    err = capsys.readouterr().err
    return err.removeprefix(f"acct-tui: {path}: ")


@pytest.fixture(autouse=True)
def _ids_in_row_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """New records get ids 1, 2, 3... in the order of the rows, so a test can take them in order
    (a real import draws them at random: tests/exchange/test_csv_import.py)."""
    monkeypatch.setattr(csv_import, "new_id", next_free_id)


def records(book: Path, table: str) -> list[Any]:
    with Repository.open(book, read_only=True) as repo:
        return sorted(repo.book.table(table).values(), key=lambda r: r.id)


def by_name(book: Path, table: str) -> dict[str, Any]:
    return {r.display: r for r in records(book, table)}


# --- HubSpot -----------------------------------------------------------------------------------


def test_hubspot_into_an_empty_book_then_again_then_the_next_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.json"
    hubspot = FIXTURES / "hubspot"
    files = [
        ("companies", "companies.csv", "3 new"),
        ("contacts", "contacts.csv", "4 new"),
        ("deals", "deals.csv", "4 new"),
        ("activities", "calls.csv", "2 new"),
    ]
    for kind, name, new in files:
        assert imported(book, kind, hubspot / name, capsys) == f"{new}, 0 updated, 0 unchanged"

    acme, harbor, cascade = records(book, "clients")
    assert (acme.name, acme.industry, acme.created_on, acme.status) == (
        "Acme GmbH",
        "Machinery",
        date(2024, 3, 14),  # "Create Date" 2024-03-14 09:12
        ClientStatus.ACTIVE,  # lifecycle stage Customer
    )
    assert (harbor.status, cascade.status) == (ClientStatus.PROSPECT, ClientStatus.PROSPECT)  # lead, opportunity
    assert [c.external_id for c in (acme, harbor, cascade)] == ["hubspot:5501", "hubspot:5502", "hubspot:5503"]
    ana = by_name(book, "contacts")["Ana Silva"]  # First Name + Last Name
    assert (ana.client_id, ana.phone, ana.mobile, ana.role, ana.external_id) == (
        acme.id,  # attached by "Associated Company IDs"
        "+49 30 1234 10",
        "+49 170 555 0101",
        "Head of Purchasing",
        "hubspot:9101",
    )
    deals = by_name(book, "projects")
    spare, retrofit, pilot, packaging = (deals[t] for t in (
        "Acme spare parts 2025", "Acme line retrofit", "Blue Harbor pilot", "Cascade packaging line",
    ))  # fmt: skip
    assert (spare.value, spare.stage) == (55000, Stage.KICKOFF)  # "55,000" of money: thousands; Closed Won
    # A deal the CRM closed: a prospect from its Create Date, won on its Close Date.
    assert spare.stage_history == (
        StageEntry(stage=Stage.PROSPECT, entered=date(2024, 11, 4)),
        StageEntry(stage=Stage.KICKOFF, entered=date(2025, 2, 28)),
    )
    assert (retrofit.stage, retrofit.value, retrofit.stage_history) == (Stage.NEGOTIATION, 120000, ())  # Contract Sent
    assert (pilot.stage, pilot.value) == (Stage.PROSPECT, 8500.5)  # Appointment Scheduled
    assert (packaging.stage, packaging.lost_reason) == (Stage.LOST, "Went with a cheaper supplier")
    call, meeting = records(book, "activities")
    assert (call.when, call.kind, call.minutes, call.project_id) == (
        datetime(2026, 11, 20, 15, 2),
        ActivityKind.CALL,
        25,  # "0:25:00"
        retrofit.id,  # by "Associated Deal IDs"
    )
    assert call.summary == "Retrofit scope call\nWalked through the second line; they want a quote by December."
    assert (meeting.kind, meeting.minutes) == (ActivityKind.MEETING, 60)

    before = book.read_bytes()
    for kind, name, new in files:
        assert imported(book, kind, hubspot / name, capsys) == f"0 new, 0 updated, {new.split()[0]} unchanged"
    assert book.read_bytes() == before

    # The next export: Ana's surname and mobile changed, Elif is new; the retrofit deal was won.
    assert imported(book, "contacts", hubspot / "contacts-next.csv", capsys) == "1 new, 1 updated, 3 unchanged"
    contacts = by_name(book, "contacts")
    assert len(contacts) == 5
    assert (contacts["Ana Silva-Berg"].id, contacts["Ana Silva-Berg"].mobile) == (ana.id, "+49 170 555 0199")
    assert contacts["Elif Demir"].client_id == harbor.id
    assert imported(book, "deals", hubspot / "deals-next.csv", capsys) == "0 new, 1 updated, 3 unchanged"
    won = by_name(book, "projects")["Acme line retrofit"]
    assert (won.id, won.value, won.stage) == (retrofit.id, 118500, Stage.KICKOFF)
    assert won.stage_history == (  # moved on the day the CRM closed it, not the day of the import
        StageEntry(stage=Stage.NEGOTIATION, entered=date(2026, 9, 1)),
        StageEntry(stage=Stage.KICKOFF, entered=date(2026, 11, 26)),
    )
    assert run("check", "--db", str(book)) == 0


def test_records_with_a_crm_id_are_still_found_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: a spreadsheet or another CRM's export of a company HubSpot gave added it again ("1
    new"), and the next contacts import by its name failed with "2 records have this name"."""
    book = tmp_path / "book.json"
    hubspot = FIXTURES / "hubspot"
    imported(book, "companies", hubspot / "companies.csv", capsys)
    sheet = write(tmp_path / "tiers.csv", "name,tier\nACME GMBH,key\n")
    assert imported(book, "clients", sheet, capsys) == "0 new, 1 updated, 0 unchanged"
    pipedrive = write(tmp_path / "orgs.csv", "Organization - ID,Organization - Name\n77,Acme GmbH\n")
    assert imported(book, "organizations", pipedrive, capsys) == "0 new, 0 updated, 1 unchanged"
    acme, *_ = records(book, "clients")
    assert (acme.name, acme.tier, acme.external_id) == ("Acme GmbH", "key", "hubspot:5501")  # keeps its own id
    people = write(tmp_path / "people.csv", "client,name\nAcme GmbH,Jo Weber\n")
    assert imported(book, "contacts", people, capsys) == "1 new, 0 updated, 0 unchanged"
    assert by_name(book, "contacts")["Jo Weber"].client_id == acme.id
    # Another HubSpot id is another HubSpot company, even of the same name.
    other = write(tmp_path / "more.csv", "Record ID,Company name,Create Date\n5599,Acme GmbH,2026-01-05\n")
    assert imported(book, "companies", other, capsys) == "1 new, 0 updated, 0 unchanged"
    assert len(records(book, "clients")) == 4


# --- Salesforce ----------------------------------------------------------------------------------


def test_salesforce_reports_then_data_loader_files_of_the_same_org(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.json"
    sf = FIXTURES / "salesforce"
    assert imported(book, "accounts", sf / "accounts-report.csv", capsys) == "2 new, 0 updated, 0 unchanged"
    assert imported(book, "contacts", sf / "contacts-report.csv", capsys) == "2 new, 0 updated, 0 unchanged"
    assert imported(book, "opportunities", sf / "opportunities-report.csv", capsys) == "4 new, 0 updated, 0 unchanged"
    northwind, contoso = records(book, "clients")
    assert (northwind.created_on, contoso.created_on) == (date(2024, 3, 14), date(2025, 11, 2))  # US dates
    assert (northwind.status, contoso.status) == (ClientStatus.ACTIVE, ClientStatus.PROSPECT)
    maria = by_name(book, "contacts")["Maria Anders"]
    assert (maria.phone, maria.mobile, maria.client_id) == ("(206) 555-0100", "(206) 555-0199", northwind.id)
    deals = by_name(book, "projects")
    assert [(d.stage, d.value) for d in deals.values()] == [
        (Stage.NEGOTIATION, 48000),  # Negotiation/Review, "EUR 48,000.00"
        (Stage.PROSPECT, 9500),  # Prospecting
        (Stage.LOST, 15000),  # Closed Lost
        (Stage.PROSPECT, 60000),  # Id. Decision Makers
    ]
    assert deals["Contoso lab pilot"].lost_reason == "Budget frozen"
    assert deals["Northwind store rollout"].external_id == "salesforce:0065g00000QrStU"

    # Data Loader writes the 18-character ids that begin with the report's 15: the same records.
    assert imported(book, "accounts", sf / "dataloader-accounts.csv", capsys) == "1 new, 0 updated, 1 unchanged"
    assert imported(book, "opportunities", sf / "dataloader-opportunities.csv", capsys) == (
        "1 new, 0 updated, 1 unchanged"
    )
    fabrikam = by_name(book, "clients")["Fabrikam Steel"]
    assert (fabrikam.external_id, fabrikam.created_on) == ("salesforce:0015g00000AbCdG", date(2025, 6, 1))
    sensors = by_name(book, "projects")["Fabrikam mill sensors"]
    assert (sensors.client_id, sensors.stage, sensors.value) == (fabrikam.id, Stage.PROSPECT, 23000)


def test_a_salesforce_id_column_is_never_read_as_an_acct_tui_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: 'row 2, column "Id": is not a number (got '0015g00000AbCdEAAZ')'."""
    book = tmp_path / "book.json"
    source = write(tmp_path / "accounts.csv", "Id,Name\n0015g00000AbCdEAAZ,Northwind Traders\n")
    assert imported(book, "clients", source, capsys) == "1 new, 0 updated, 0 unchanged"
    (northwind,) = records(book, "clients")
    assert (northwind.id, northwind.external_id) == (1, "salesforce:0015g00000AbCdE")


# --- Pipedrive and Zoho --------------------------------------------------------------------------


def test_pipedrive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.json"
    pd = FIXTURES / "pipedrive"
    for kind, name, new in (
        ("organizations", "organizations.csv", 2),
        ("persons", "persons.csv", 2),
        ("deals", "deals.csv", 3),
        ("activities", "activities.csv", 2),
    ):
        assert imported(book, kind, pd / name, capsys) == f"{new} new, 0 updated, 0 unchanged"
        assert imported(book, kind, pd / name, capsys) == f"0 new, 0 updated, {new} unchanged"
    lumen, vega = records(book, "clients")
    assert (lumen.external_id, lumen.tags, lumen.created_on) == ("pipedrive:301", ("Hot",), date(2025, 2, 3))
    sanne = by_name(book, "contacts")["Sanne de Vries"]
    assert (sanne.client_id, sanne.phone, sanne.mobile) == (lumen.id, "+31 20 555 0100", "+31 6 5555 0101")
    deals = by_name(book, "projects")
    grid, storage, arm = deals["Lumen grid monitoring"], deals["Lumen storage study"], deals["Vega arm retrofit"]
    assert grid.stage is Stage.NEGOTIATION  # Proposal Made, open
    assert storage.stage_history[-1] == StageEntry(stage=Stage.KICKOFF, entered=date(2025, 4, 15))  # status won
    assert (arm.stage, arm.lost_reason, arm.client_id) == (Stage.LOST, "Timing: they postponed to 2028", vega.id)
    walk_through, _ = records(book, "activities")
    assert (walk_through.when, walk_through.minutes, walk_through.project_id) == (
        datetime(2026, 11, 18, 14, 0),  # "Due date" and "Due time" in two columns
        60,  # "01:00"
        grid.id,
    )


def test_zoho_deals_attach_to_their_account_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.json"
    imported(book, "accounts", FIXTURES / "salesforce" / "accounts-report.csv", capsys)
    assert imported(book, "deals", FIXTURES / "zoho" / "deals.csv", capsys) == "1 new, 0 updated, 0 unchanged"
    (fleet,) = records(book, "projects")
    assert (fleet.title, fleet.client_id, fleet.value, fleet.stage) == ("Orion fleet tracking", 1, 14200, "prospect")
    assert fleet.external_id == "zoho:zcrm_4876876000000123001"


# --- activities: what a CRM export of calls, meetings and tasks holds ------------------------------


def test_hubspot_calls_and_meetings_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: a calls export gave notes of 0 minutes ("Call duration (HH:mm:ss)" ignored), and a
    meetings export was refused for want of a "when" column."""
    book = tmp_path / "book.json"
    imported(book, "companies", FIXTURES / "hubspot" / "companies.csv", capsys)
    calls = write(
        tmp_path / "calls.csv",
        "Record ID,Call Title,Activity date,Call notes,Call duration (HH:mm:ss),Call outcome,Associated Company IDs\n"
        "70001,Quarterly review,2026-11-24 15:00,Discussed renewal,00:32:10,Connected,5501\n",
    )
    meetings = write(
        tmp_path / "meetings.csv",
        "Record ID,Meeting name,Meeting start time,Meeting end time,Meeting outcome,Associated Company IDs\n"
        "80001,On-site workshop,2026-11-26 10:00,2026-11-26 12:30,Completed,5501\n"
        "80002,Cancelled visit,2026-11-20 10:00,2026-11-20 11:00,Canceled,5502\n"
        "80003,Next review,2026-12-08 10:00,2026-12-08 11:00,Scheduled,5501\n",
    )
    assert imported(book, "activities", calls, capsys) == "1 new, 0 updated, 0 unchanged"
    assert imported(book, "activities", meetings, capsys) == (
        "2 new, 0 updated, 0 unchanged, 1 left out as not done (row 3)"
    )
    call, workshop, review = records(book, "activities")
    assert (call.kind, call.minutes, call.summary) == (ActivityKind.CALL, 32, "Quarterly review\nDiscussed renewal")
    assert (workshop.kind, workshop.when, workshop.minutes) == (ActivityKind.MEETING, datetime(2026, 11, 26, 10), 150)
    # Booked for after today (27 November): in the book, but no touch until its day.
    assert review.when == datetime(2026, 12, 8, 10)
    assert imported(book, "activities", meetings, capsys) == (
        "0 new, 0 updated, 2 unchanged, 1 left out as not done (row 3)"
    )


def test_planned_pipedrive_activities_are_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: "To do" activities came in as touches, dated in the future."""
    book = tmp_path / "book.json"
    imported(book, "organizations", FIXTURES / "pipedrive" / "organizations.csv", capsys)
    acts = write(
        tmp_path / "acts.csv",
        "Activity - ID,Activity - Subject,Activity - Type,Activity - Due date,Activity - Due time,Activity - Done,"
        "Organization - ID\n"
        "9010,Follow-up call (planned),call,2026-12-20,10:00,To do,301\n"
        "9011,Intro call,call,2026-11-25,09:30,Done,301\n",
    )
    assert imported(book, "activities", acts, capsys) == "1 new, 0 updated, 0 unchanged, 1 left out as not done (row 2)"
    (intro,) = records(book, "activities")
    assert (intro.summary, intro.kind) == ("Intro call", ActivityKind.CALL)


def test_salesforce_data_loader_tasks_attach_to_their_opportunity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: WHATID was ignored, and a task Not Started came in as a touch."""
    book = tmp_path / "book.json"
    sf = FIXTURES / "salesforce"
    imported(book, "accounts", sf / "dataloader-accounts.csv", capsys)
    imported(book, "opportunities", sf / "dataloader-opportunities.csv", capsys)
    tasks = write(
        tmp_path / "tasks.csv",
        '"ID","WHATID","ACCOUNTID","SUBJECT","ACTIVITYDATE","STATUS","TYPE","CALLDURATIONINSECONDS"\n'
        '"00T5g00000Tk001AAA","0065g00000QrStUAAV","0015g00000AbCdEAAZ","Call re: rollout","2026-11-20",'
        '"Completed","Call","1800"\n'
        '"00T5g00000Tk002AAA","0015g00000AbCdGAAZ","0015g00000AbCdGAAZ","Email: proposal","2026-11-21",'
        '"Completed","Email",""\n'
        '"00T5g00000Tk003AAA","0065g00000QrStUAAV","0015g00000AbCdEAAZ","Send the contract","2026-12-02",'
        '"Not Started","Email",""\n',
    )
    assert imported(book, "activities", tasks, capsys) == (
        "2 new, 0 updated, 0 unchanged, 1 left out as not done (row 4)"
    )
    rollout = by_name(book, "projects")["Northwind store rollout"]
    call, email = records(book, "activities")
    assert (call.project_id, call.client_id, call.minutes, call.kind) == (
        rollout.id,  # WHATID: the opportunity
        rollout.client_id,
        30,  # 1800 seconds
        ActivityKind.CALL,
    )
    assert (email.project_id, email.kind) == (None, ActivityKind.EMAIL)  # WHATID of an account: no project


# --- spreadsheets that are no CRM's, as a user saves them -----------------------------------------


def test_a_contacts_sheet_with_first_and_last_names_phone_and_mobile(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(
        tmp_path / "people.csv",
        "First Name;Last Name;Company;Phone;Mobile;E-mail\n"
        "Lan;Nguyen;Mekong Logistics;+84 28 3822 0000;+84 90 555 0100;lan@mekong.example\n",
    )
    assert imported(demo_path, "contacts", source, capsys) == "1 new, 0 updated, 0 unchanged"
    lan = by_name(demo_path, "contacts")["Lan Nguyen"]
    assert (lan.client_id, lan.phone, lan.mobile) == (demo_id("clients", 3), "+84 28 3822 0000", "+84 90 555 0100")


@pytest.mark.parametrize(
    ("encoding", "options"),
    [("windows-1252", ("--encoding", "windows-1252")), ("latin-1", ("--encoding", "latin-1")), ("utf-16", ())],
)
def test_encodings(encoding: str, options: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Excel on Windows saves "CSV" as Windows-1252, and "Unicode Text" as UTF-16 with a byte-order
    mark and tabs (which needs no option: the mark says what it is)."""
    book = tmp_path / "book.json"
    text = "Company name\tIndustry\tCreate Date\nCafé Lumière\tFood\t2024-03-14 09:12\n"
    source = write(tmp_path / "sheet.csv", text if encoding == "utf-16" else text.replace("\t", ";"), encoding=encoding)
    assert imported(book, "clients", source, capsys, *options) == "1 new, 0 updated, 0 unchanged"
    (cafe,) = records(book, "clients")
    assert (cafe.name, cafe.industry, cafe.created_on) == ("Café Lumière", "Food", date(2024, 3, 14))


def test_a_windows_1252_file_without_its_encoding_says_which_option_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.json"
    source = write(tmp_path / "sheet.csv", "name;industry\nCafé;Food\n", encoding="windows-1252")
    assert refused(book, "clients", source, capsys) == (
        'is not UTF-8: byte 0xE9 at offset 17 (line 2) is not UTF-8 text; save the file as UTF-8 (in Excel: "CSV '
        'UTF-8") and import again, or give its encoding with --encoding (windows-1252 for Excel on Windows, '
        "latin-1, utf-16)\n"
    )
    assert not book.exists()


# --- stages -------------------------------------------------------------------------------------


def test_unknown_stages_are_named_in_one_message_with_the_settings_to_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.json"
    imported(book, "companies", FIXTURES / "hubspot" / "companies.csv", capsys)
    source = write(
        tmp_path / "deals.csv",
        "Record ID,Deal Name,Deal Stage,Associated Company IDs\n"
        "1,One,Demo Booked,5501\n"
        "2,Two,Legal Review,5501\n"
        "3,Three,demo booked,5502\n"
        "4,Four,Closed Lost - No Budget,5502\n",
    )
    assert refused(book, "deals", source, capsys) == (
        "1 problem; nothing was imported\n"
        '  column "Deal Stage": 3 stages with no acct-tui stage; add them to the settings file (acct-tui config '
        "--path), each with one of: prospect, negotiation, kickoff, delivery, support, completed, lost\n"
        "      [import.stages]\n"
        '      "Demo Booked" = "prospect"  # row 2, 4\n'
        '      "Legal Review" = "prospect"  # row 3\n'
        '      "Closed Lost - No Budget" = "lost"  # row 5\n'
    )
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(
        '[import.stages]\n"demo booked" = "prospect"\n"Legal Review" = "negotiation"\n'
        '"Closed Lost - No Budget" = "lost"\n'
    )
    assert imported(book, "deals", source, capsys) == "4 new, 0 updated, 0 unchanged"
    assert [p.stage for p in records(book, "projects")] == ["prospect", "negotiation", "prospect", "lost"]
    # A lost deal needs its reason: the export gave none, and the record says so in words.
    assert records(book, "projects")[3].lost_reason == "none given in the HubSpot export"


# --- dates, amounts, references: refused rows are named -------------------------------------------


def test_dates_with_slashes_the_file_does_not_settle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.json"
    source = write(tmp_path / "clients.csv", "Name,Created\nOne,3/4/2026\nTwo,5/6/2026\nThree,2026-01-31\n")
    message = refused(book, "clients", source, capsys)
    assert message.splitlines() == [
        "2 problems; nothing was imported",
        '  row 2, column "Created": is ambiguous: 4 March 2026 (month first) or 3 April 2026 (day first); write '
        "2026-03-04 or 2026-04-03; or give --date-order mdy or dmy for the whole file (got '3/4/2026')",
        '  row 3, column "Created": is ambiguous: 6 May 2026 (month first) or 5 June 2026 (day first); write '
        "2026-05-06 or 2026-06-05; or give --date-order mdy or dmy for the whole file (got '5/6/2026')",
    ]
    assert imported(book, "clients", source, capsys, "--date-order", "dmy") == "3 new, 0 updated, 0 unchanged"
    assert [c.created_on for c in records(book, "clients")] == [date(2026, 4, 3), date(2026, 6, 5), date(2026, 1, 31)]
    settled = write(tmp_path / "more.csv", "Name,Created\nFour,3/4/2026\nFive,25/12/2025\n")  # 25 settles: dmy
    assert imported(book, "clients", settled, capsys) == "2 new, 0 updated, 0 unchanged"
    assert records(book, "clients")[3].created_on == date(2026, 4, 3)


def test_a_deal_in_another_currency_than_its_client(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.json"
    imported(book, "accounts", FIXTURES / "salesforce" / "accounts-report.csv", capsys)
    source = write(
        tmp_path / "opps.csv",
        "Opportunity ID,Opportunity Name,Account ID,Amount\n"
        '0065g00000AAAAA,Dollars,0015g00000AbCdE,"USD 12,000.00"\n'
        '0065g00000AAAAB,Euros,0015g00000AbCdE,"EUR 12,000.00"\n',
    )
    assert refused(book, "opportunities", source, capsys) == (
        "1 problem; nothing was imported\n"
        "  row 2, column \"Amount\": is in USD, but 'Northwind Traders' has its amounts in EUR: change the client's "
        "currency first, or leave the amount out (got 'USD 12,000.00')\n"
    )


def test_rows_of_a_crm_export_that_cannot_be_placed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.json"
    imported(book, "companies", FIXTURES / "hubspot" / "companies.csv", capsys)
    source = write(
        tmp_path / "contacts.csv",
        "Record ID,First Name,Last Name,Associated Company IDs,Phone Number\n"
        "1,Ann,Lee,9999,\n"
        "2,Bo,Chen,5501,call me\n"
        "2,Bo,Chen,5501,\n",
    )
    assert refused(book, "contacts", source, capsys).splitlines() == [
        "3 problems; nothing was imported",
        '  row 2, column "Associated Company IDs": no client with this id in the book: import the companies first '
        "(got '9999')",
        "  row 3, column \"Phone Number\": may hold only digits, spaces and + ( ) . / - (got 'call me')",
        "  row 4, column \"First Name\": repeats row 3 (got 'Bo Chen')",
    ]


# --- --map and --dry-run -----------------------------------------------------------------------


def test_a_column_map_for_any_other_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.json"
    sheet = write(tmp_path / "erp.csv", "Kundennr;Firma;Branche;Seit\nK-17;Elbe Werft;Schiffbau;01.02.2020\n")
    mapping = write(
        tmp_path / "erp.toml",
        'crm = "erp"\n[columns]\n"Kundennr" = "crm_id"\n"Firma" = "name"\n"Branche" = "industry"\n"Seit" = ""\n',
    )
    assert imported(book, "clients", sheet, capsys, "--map", str(mapping)) == "1 new, 0 updated, 0 unchanged"
    (elbe,) = records(book, "clients")
    assert (elbe.name, elbe.industry, elbe.external_id, elbe.created_on) == (
        "Elbe Werft",
        "Schiffbau",
        "erp:K-17",
        None,
    )
    renamed = write(tmp_path / "erp2.csv", "Kundennr;Firma;Branche;Seit\nK-17;Elbe Werft AG;Schiffbau;\n")
    assert imported(book, "clients", renamed, capsys, "--map", str(mapping)) == "0 new, 1 updated, 0 unchanged"
    assert [c.name for c in records(book, "clients")] == ["Elbe Werft AG"]  # found by its ERP id


def test_a_bad_column_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.json"
    sheet = write(tmp_path / "erp.csv", "Firma;Branche\nElbe Werft;Schiffbau\n")
    mapping = write(tmp_path / "erp.toml", '[columns]\n"Firma" = "name"\n"Branche" = "sector"\n')
    assert run("import", "clients", str(sheet), "--db", str(book), "--map", str(mapping)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"acct-tui: {mapping}: 1 problem; the map was not used\n  line 3, 'Branche': 'sector' is ")
    assert "is not a field of clients (the fields: id, name, tier," in err
    missing = write(tmp_path / "typo.toml", '[columns]\n"Frima" = "name"\n')
    assert refused(book, "clients", sheet, capsys, "--map", str(missing)) == (
        "2 problems; nothing was imported\n"
        f'  row 1: the map {missing} names columns that are not in the file: "Frima"\n'
        '  row 1: the column "name" (or one of "client", "company", "account", "client name", "company name", '
        '"account name", "organisation", "organization") is missing\n'
    )
    assert not book.exists()
    # Before: 'columns "Firma" and "Branche" both give the Branche; keep one (or say which one with --map)'.
    twice = write(tmp_path / "twice.toml", '[columns]\n"Firma" = "name"\n"Branche" = "name"\n')
    assert refused(book, "clients", sheet, capsys, "--map", str(twice)) == (
        "1 problem; nothing was imported\n"
        f'  row 1: the map {twice} gives the name from both "Firma" and "Branche": map one of them to another '
        'field, or to "" to ignore it\n'
    )
    deep = write(tmp_path / "deep.toml", "a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert run("import", "clients", str(sheet), "--db", str(book), "--map", str(deep)) == 1
    assert capsys.readouterr().err == f"acct-tui: {deep}: is not a TOML file: arrays or tables are nested too deeply\n"
    assert not book.exists()


def test_dry_run_shows_the_first_rows_field_by_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.json"
    imported(book, "companies", FIXTURES / "hubspot" / "companies.csv", capsys)
    imported(book, "contacts", FIXTURES / "hubspot" / "contacts.csv", capsys)
    before = book.read_bytes()
    source = FIXTURES / "hubspot" / "contacts-next.csv"
    out = imported(book, "contacts", source, capsys, "--dry-run")
    assert out == (
        f"dry run: importing contacts from {source} (a HubSpot export) into {book} would give 1 new, 1 updated, "
        "3 unchanged; nothing was written\n"
        "row 2: updates contact 1 (Ana Silva)\n"
        '  name    Ana Silva-Berg, was Ana Silva   from "First Name", "Last Name"\n'
        '  mobile  +49 170 555 0199, was +49 170 555 0101   from "Mobile Phone Number"\n'
        "row 6: new contact\n"
        '  client_id    2 (Blue Harbor Logistics)   from "Associated Company IDs", "Associated Company"\n'
        '  name         Elif Demir   from "First Name", "Last Name"\n'
        '  role         Procurement   from "Job Title"\n'
        '  email        elif.demir@blueharbor.example   from "Email"\n'
        '  mobile       +44 7700 900123   from "Mobile Phone Number"\n'
        '  external_id  hubspot:9105   from "Record ID"\n'
    )
    assert book.read_bytes() == before


def test_the_book_rules_are_checked_by_row_before_anything_is_written(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The discount guard of the book (a discount over 10% needs a reason), named at its row, in a dry run too."""
    source = write(tmp_path / "c.csv", "name,discount pct\nFine Co,5\nGreedy Co,15\n")
    for options in ((), ("--dry-run",)):
        assert refused(demo_path, "clients", source, capsys, *options) == (
            "1 problem; nothing was imported\n"
            "  row 3: discount_reason: needs a reason: the combined discount of 15% is above 10% (say why: a volume "
            "commitment, a matched offer...)\n"
        )


def _fields(record: Record) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def test_record_fields_added_for_crm_imports_have_defaults() -> None:
    assert Client(name="A").external_id == ""
    assert (Contact(client_id=1, name="A").mobile, Contact(client_id=1, name="A").external_id) == ("", "")
    assert Project(client_id=1, title="A").external_id == ""
    assert "external_id" in _fields(Client(name="A"))


def test_new_clients_get_the_currency_of_the_settings_as_in_the_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('currency = "USD"\n')
    book = tmp_path / "book.json"
    imported(book, "companies", FIXTURES / "hubspot" / "companies.csv", capsys)
    assert {c.currency for c in records(book, "clients")} == {"USD"}
    source = write(tmp_path / "deals.csv", 'Record ID,Deal Name,Amount,Associated Company IDs\n1,One,"$5,000",5501\n')
    assert imported(book, "deals", source, capsys) == "1 new, 0 updated, 0 unchanged"
