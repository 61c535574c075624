"""`acct-tui import TABLE FILE.csv`: encodings, delimiters, aliases, matching, and every way a file is refused."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from acct_tui.domain.enums import Stage, TaskStatus, Tier
from acct_tui.domain.records import Project, StageEntry
from acct_tui.exchange.csv_import import plan_import
from acct_tui.exchange.csv_source import read_csv
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id
from tests.exchange.helpers import run, write


def refused(
    book: Path,
    table: str,
    csv_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    dry_run: bool = False,
    extra: tuple[str, ...] = (),
) -> str:
    """Import `csv_path`, expect exit 1 and an untouched book; the error message (without the prefix)."""
    before = book.read_bytes()
    argv = ["import", table, str(csv_path), "--db", str(book), *extra] + (["--dry-run"] if dry_run else [])
    assert run(*argv) == 1
    assert book.read_bytes() == before
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("acct-tui: ")
    return captured.err.removeprefix("acct-tui: ")


# --- accepted files -------------------------------------------------------------------------


def test_bom_semicolons_aliases_dotted_dates_and_decimal_commas(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = write(
        tmp_path / "crm.csv",
        "\ufeffCompany;Client Tier;Renewal;Discount %;Contract Value;Tags;Shoe size\r\n"
        "Acme GmbH;Key;31.12.2026;7,5%;1.234,50;alpha, beta;44\r\n",
    )
    assert run("import", "clients", str(csv_path), "--db", str(demo_path)) == 0
    captured = capsys.readouterr()
    assert captured.out == f"imported clients from {csv_path} into {demo_path}: 1 new, 0 updated, 0 unchanged\n"
    assert captured.err == 'acct-tui: note: ignoring columns that clients do not have: "Shoe size"\n'
    with Repository.open(demo_path, read_only=True) as repo:
        [acme] = [c for c in repo.clients.all() if c.name == "Acme GmbH"]
    assert (acme.name, acme.tier, acme.renewal_date) == ("Acme GmbH", Tier.KEY, date(2026, 12, 31))
    assert (acme.discount_pct, acme.contract_value, acme.tags) == (7.5, 1234.5, ("alpha", "beta"))


def test_line_breaks_in_quoted_cells_as_windows_writes_them(demo_path: Path, tmp_path: Path) -> None:
    """Before: 'row 2, column "notes": must not contain control characters' for a \\r\\n in quotes."""
    csv_path = write(tmp_path / "c.csv", 'name,notes\r\nAcme GmbH,"line one\r\nline two\rline three"\r\n')
    assert run("import", "clients", str(csv_path), "--db", str(demo_path)) == 0
    with Repository.open(demo_path, read_only=True) as repo:
        [acme] = [c for c in repo.clients.all() if c.name == "Acme GmbH"]
    assert acme.notes == "line one\nline two\nline three"


def test_tab_delimited_tasks_find_client_project_and_staff_by_name(demo_path: Path, tmp_path: Path) -> None:
    csv_path = write(
        tmp_path / "tasks.tsv",
        "Task\tClient\tProject\tDue date\tAssigned to\tFollow-up\tStatus\tDone on\n"
        "Send minutes\t  nordlicht   MASCHINENBAU \tspare parts catalogue\t2026-12-02\tsara kovacs\t1.12.2026\topen\t\n"
        "Old check\tMekong Logistics\t\t\t\t\tDone\t20.11.2026\n",
    )
    assert run("import", "tasks", str(csv_path), "--db", str(demo_path)) == 0
    with Repository.open(demo_path, read_only=True) as repo:
        [minutes] = [t for t in repo.tasks.all() if t.title == "Send minutes"]
        [old] = [t for t in repo.tasks.all() if t.title == "Old check"]
    assert (minutes.client_id, minutes.project_id, minutes.assignee_id) == (
        demo_id("clients", 2),
        demo_id("projects", 5),
        demo_id("staff", 2),
    )
    assert (minutes.due, minutes.follow_up) == (date(2026, 12, 2), date(2026, 12, 1))
    assert (old.client_id, old.project_id, old.status, old.done_on) == (
        demo_id("clients", 3),
        None,
        TaskStatus.DONE,
        date(2026, 11, 20),
    )


def test_contacts_projects_and_activities(demo_path: Path, tmp_path: Path) -> None:
    contacts = write(
        tmp_path / "c.csv", "Client,Contact name,E-mail,Primary\nVina Textiles,Mai Pham,mai@vt.example,no\n"
    )
    projects = write(
        tmp_path / "p.csv", "Client,Project,Deal value,Stage\nVina Textiles,Second factory,20000,Negotiation\n"
    )
    activities = write(
        tmp_path / "a.csv",
        "Client,Project,Date,Subject,Type,Duration\n"
        "Vina Textiles,Second factory,26.11.2026 15:30,Walked the site,visit,90\n"
        "Vina Textiles,,2026-11-25,Sent the offer,Email,\n",
    )
    for table, path in (("contacts", contacts), ("projects", projects), ("activities", activities)):
        assert run("import", table, str(path), "--db", str(demo_path)) == 0
    with Repository.open(demo_path, read_only=True) as repo:
        [contact] = [c for c in repo.contacts.all() if c.name == "Mai Pham"]
        [project] = [p for p in repo.projects.all() if p.title == "Second factory"]
        [visit] = [a for a in repo.activities.all() if a.summary == "Walked the site"]
        [offer] = [a for a in repo.activities.all() if a.summary == "Sent the offer"]
    vina = demo_id("clients", 12)
    assert (contact.client_id, contact.email, contact.primary) == (vina, "mai@vt.example", False)
    assert (project.client_id, project.stage, project.value) == (vina, Stage.NEGOTIATION, 20000)
    assert project.stage_history == ()  # a new project's history starts with its first move in the planner
    assert visit is not None and (visit.when, visit.project_id, visit.minutes) == (
        datetime(2026, 11, 26, 15, 30),
        project.id,
        90,
    )
    assert offer is not None and (offer.when, offer.kind, offer.project_id) == (
        datetime(2026, 11, 25, 9, 0),
        "email",
        None,
    )


def test_importing_the_same_file_twice_adds_nothing(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = write(
        tmp_path / "t.csv",
        "title,client,project,due\n"
        "Call back,Mekong Logistics,,2026-12-01\n"
        "Review,Saigon Commercial Bank,Customer portal redesign,\n",
    )
    assert run("import", "tasks", str(csv_path), "--db", str(demo_path)) == 0
    assert capsys.readouterr().out.endswith(": 2 new, 0 updated, 0 unchanged\n")
    after_first = demo_path.read_bytes()
    assert run("import", "tasks", str(csv_path), "--db", str(demo_path)) == 0
    assert capsys.readouterr().out.endswith(": 0 new, 0 updated, 2 unchanged\n")
    assert demo_path.read_bytes() == after_first


def test_a_matching_row_updates_the_record_and_empty_cells_keep_values(demo_path: Path, tmp_path: Path) -> None:
    csv_path = write(tmp_path / "c.csv", "name,tier,industry\nsaigon commercial BANK,key,\n")
    assert run("import", "clients", str(csv_path), "--db", str(demo_path)) == 0
    with Repository.open(demo_path, read_only=True) as repo:
        bank = repo.clients.get(demo_id("clients", 1))
        assert bank is not None
        assert (bank.name, bank.tier, bank.industry) == ("Saigon Commercial Bank", Tier.KEY, "Banking")
        assert len(repo.clients) == 12


def test_an_id_column_renames_and_an_unknown_id_is_refused(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bluepeak = demo_id("clients", 7)
    rename = write(tmp_path / "rename.csv", f"id,name\n{bluepeak},BluePeak Software GmbH\n")
    assert run("import", "clients", str(rename), "--db", str(demo_path)) == 0
    with Repository.open(demo_path, read_only=True) as repo:
        renamed = repo.clients.get(bluepeak)
        assert renamed is not None and renamed.name == "BluePeak Software GmbH"
    capsys.readouterr()
    unknown = write(tmp_path / "unknown.csv", "id,name\n99,Ghost\n")
    message = refused(demo_path, "clients", unknown, capsys)
    assert message == (
        f"{unknown}: 1 problem; nothing was imported\n"
        '  row 2, column "id": no client with this id in the book (the id column is of this book\'s records: '
        "leave it empty to add a new one) (got '99')\n"
    )


def test_a_stage_change_is_recorded_in_the_history_and_custom_stage_names_are_understood(
    demo_repo: Repository, tmp_path: Path
) -> None:
    settings = demo_repo.settings_overrides | {"stages": {"labels": {"delivery": "Build"}}}
    demo_repo.set_settings(settings)
    source = read_csv(
        write(tmp_path / "p.csv", "client,title,stage\nOrion Advertising,Campaign analytics,build\n"), "projects"
    )
    plan = plan_import(demo_repo.book, source, TODAY)
    assert plan.summary() == "0 new, 1 updated, 0 unchanged"
    moved = plan.updated[0].record
    assert isinstance(moved, Project) and moved.stage is Stage.DELIVERY
    assert moved.stage_history[-1] == StageEntry(stage=Stage.DELIVERY, entered=TODAY)


def test_an_import_is_one_save_and_one_undo_step(demo_repo: Repository, demo_path: Path, tmp_path: Path) -> None:
    before = demo_path.read_bytes()
    saves = demo_repo.saved_generation
    source = read_csv(write(tmp_path / "c.csv", "name\nA\nB\nC\n"), "clients")
    plan_import(demo_repo.book, source, TODAY).apply(demo_repo)
    assert demo_repo.saved_generation == saves + 1
    assert len(demo_repo.clients) == 15
    assert demo_repo.undo() == "Import clients"
    assert len(demo_repo.clients) == 12
    assert demo_path.read_bytes() == before


def test_dry_run_reports_and_writes_nothing(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = write(tmp_path / "c.csv", "name,tier\nNew One,key\nMekong Logistics,strategic\nOrion Advertising,key\n")
    before = demo_path.read_bytes()
    assert run("import", "clients", str(csv_path), "--db", str(demo_path), "--dry-run") == 0
    assert demo_path.read_bytes() == before
    out = capsys.readouterr().out
    # No id for the new client: it is drawn when the record is written (before, the dry run showed one
    # the import then did not use).
    assert out == (
        f"dry run: importing clients from {csv_path} into {demo_path} would give 1 new, 1 updated, 1 unchanged; "
        "nothing was written\n"
        "row 2: new client\n"
        '  name  New One   from "name"\n'
        '  tier  key   from "tier"\n'
        f"row 3: updates client {demo_id('clients', 3)} (Mekong Logistics)\n"
        '  tier  strategic, was key   from "tier"\n'
    )
    # An id the file gives (an export of acct-tui's own, into an empty book) is the one the record
    # gets: it is shown.
    given = write(tmp_path / "given.csv", "id,name\n777,Given Id\n")
    assert run("import", "clients", str(given), "--db", str(tmp_path / "empty.json"), "--dry-run") == 0
    assert "row 2: new client 777\n" in capsys.readouterr().out


def test_an_import_into_a_missing_book_creates_it_only_when_it_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "new" / "book.json"
    bad = write(tmp_path / "bad.csv", "name,tier\nAcme,gold\n")
    assert run("import", "clients", str(bad), "--db", str(book)) == 1
    assert not book.exists()
    good = write(tmp_path / "good.csv", "name,tier\nAcme,key\n")
    assert run("import", "clients", str(good), "--db", str(book), "--dry-run") == 0
    assert not book.exists()
    assert run("import", "clients", str(good), "--db", str(book)) == 0
    with Repository.open(book, read_only=True) as repo:
        assert [c.name for c in repo.clients.all()] == ["Acme"]


# --- refused files: exit 1, one message per problem, the book untouched -------------------------


def test_a_missing_column(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(tmp_path / "c.csv", "Tier,Industry\nkey,IT\n")
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f"{csv_path}: 1 problem; nothing was imported\n"
        '  row 1: the column "name" (or one of "client", "company", "account", "client name", "company name", '
        '"account name", "organisation", "organization") is missing\n'
    )


def test_bad_values_name_row_column_and_value(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = write(
        tmp_path / "c.csv",
        "Name,Renewal date,Discount,Tier,Cadence\n"
        "Good Co,2026-12-01,5,key,30\n"
        "Bad Date Co,31.02.2026,5,key,30\n"
        "Slash Co,2026/13/01,150,gold,1.5\n"
        ",,,,\n"
        'Ambiguous Co,4/3/2027,,,"1,000"\n',
    )
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f"{csv_path}: 7 problems; nothing was imported\n"
        "  row 3, column \"Renewal date\": is not a real date (day is out of range for month) (got '31.02.2026')\n"
        "  row 4, column \"Renewal date\": is not a real date (month must be in 1..12) (got '2026/13/01')\n"
        "  row 4, column \"Cadence\": must be a whole number (got '1.5')\n"
        "  row 4, column \"Tier\": must be one of: strategic, key or standard (got 'gold')\n"
        "  row 4, column \"Discount\": must be at most 100 (got '150')\n"
        '  row 6, column "Renewal date": is ambiguous: 3 April 2027 (month first) or 4 March 2027 (day first); '
        "write 2027-04-03 or 2027-03-04; or give --date-order mdy or dmy for the whole file (got '4/3/2027')\n"
        "  row 6, column \"Cadence\": is ambiguous: 1000 or 1? write 1000, or 1 for the decimal (got '1,000')\n"
    )


def test_an_empty_required_cell(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(tmp_path / "c.csv", "name,tier\n,key\n")
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f'{csv_path}: 1 problem; nothing was imported\n  row 2, column "name": is required\n'
    )


def test_unknown_client_project_and_staff(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(
        tmp_path / "t.csv",
        "Title,Client,Project,Assignee,Status\n"
        "One,Nobody Inc,,,\n"
        "Two,Mekong Logistics,Customer portal redesign,,\n"
        "Three,,Customer portal redesign,,\n"
        "Four,Mekong Logistics,,Nobody,done\n",
    )
    # Row 5's "done" without a done date is not a problem: the book dates it (tests/domain/test_rules.py).
    assert refused(demo_path, "tasks", csv_path, capsys) == (
        f"{csv_path}: 4 problems; nothing was imported\n"
        "  row 2, column \"Client\": no such client in the book (got 'Nobody Inc')\n"
        "  row 3, column \"Project\": no such project of this client in the book (got 'Customer portal redesign')\n"
        '  row 4, column "Project": needs the client too: projects are matched by title within their client '
        "(got 'Customer portal redesign')\n"
        "  row 5, column \"Assignee\": no such staff member in the book (got 'Nobody')\n"
    )


def test_duplicate_rows(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(tmp_path / "c.csv", "name\nAcme\nMekong Logistics\n  ACME \nmekong logistics\n")
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f"{csv_path}: 2 problems; nothing was imported\n"
        "  row 4, column \"name\": repeats row 2 (got 'ACME')\n"
        "  row 5, column \"name\": updates the same client as row 3 (got 'mekong logistics')\n"
    )


def test_a_row_written_twice_is_named_as_the_same(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: "repeats row 2", as for a row that only shares the name."""
    csv_path = write(tmp_path / "c.csv", "name,tier\nZed,key\nYak,key\nZed, key\nYak,standard\n")
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f"{csv_path}: 2 problems; nothing was imported\n"
        "  row 4: is the same as row 2: remove one\n"
        "  row 5, column \"name\": repeats row 3 (got 'Yak')\n"
    )


def test_excel_s_sep_line_gives_the_delimiter(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel's "sep=;" first line (hidden when Excel opens the file): before, "no known column in the header"."""
    csv_path = write(tmp_path / "c.csv", "sep=;\r\nname;tier\r\nSepco, Inc.;key\r\n")
    assert run("import", "clients", str(csv_path), "--db", str(demo_path)) == 0, capsys.readouterr().err
    with Repository.open(demo_path, read_only=True) as repo:
        [sepco] = [c for c in repo.clients.all() if c.name == "Sepco, Inc."]
    assert sepco.tier == Tier.KEY
    capsys.readouterr()
    bad = write(tmp_path / "bad.csv", '"sep=;"\nname;tier\nSepco;gold\n')
    assert refused(demo_path, "clients", bad, capsys) == (  # rows as Excel numbers them: the header is row 1
        f"{bad}: 1 problem; nothing was imported\n"
        "  row 2, column \"tier\": must be one of: strategic, key or standard (got 'gold')\n"
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["name,tier\nMüller GmbH,key\n", "name,tier\nMuller GmbH,key\n"])
def test_utf_16_without_a_byte_order_mark_is_named(
    encoding: str, text: str, demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: "is not UTF-8: byte 0xFC at offset 22", or "holds a NUL character": no word of UTF-16."""
    csv_path = write(tmp_path / "c.csv", text, encoding=encoding)
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f"{csv_path}: looks like UTF-16 text without a byte-order mark (every other byte is 0): "
        f"import it with --encoding {encoding}\n"
    )
    assert run("import", "clients", str(csv_path), "--db", str(demo_path), "--encoding", encoding) == 0


def test_two_columns_for_one_field(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(tmp_path / "c.csv", "Client,Company\nA,B\n")
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f'{csv_path}: 1 problem; nothing was imported\n  row 1: columns "Client" and "Company" both give the name; '
        "keep one (or say which one with --map)\n"
    )


def test_wrong_encoding(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(tmp_path / "c.csv", "name,industry\nCafé Lumière,Food\n", encoding="latin-1")
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f"{csv_path}: is not UTF-8: byte 0xE9 at offset 17 (line 2) is not UTF-8 text; "
        'save the file as UTF-8 (in Excel: "CSV UTF-8") and import again, or give its encoding with --encoding '
        "(windows-1252 for Excel on Windows, latin-1, utf-16)\n"
    )


@pytest.mark.parametrize("name", ["klingon", "rot13", "base64"])
def test_an_unknown_encoding_name_is_wrong_usage(
    name: str, demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: rot13 and base64 (codecs, but not of text) ended in a traceback, exit 1."""
    csv_path = write(tmp_path / "c.csv", "name\nAcme\n")
    assert run("import", "clients", str(csv_path), "--db", str(demo_path), "--encoding", name) == 2
    assert f"--encoding: {name!r} is not an encoding (try windows-1252, latin-1 or utf-16)" in capsys.readouterr().err


def test_a_file_that_is_not_in_the_encoding_given(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "c.csv"
    csv_path.write_bytes(b"name\nAcme \x81\n")  # 0x81 is a hole in Windows-1252
    assert refused(demo_path, "clients", csv_path, capsys, extra=("--encoding", "windows-1252")) == (
        f"{csv_path}: is not windows-1252 text: byte 0x81 at offset 10 (line 2) cannot be read as windows-1252; "
        "give the encoding it was saved in\n"
    )


@pytest.mark.parametrize("content", ["", "\ufeff", "  \n\n"])
def test_an_empty_file(content: str, demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(tmp_path / "c.csv", content)
    assert refused(demo_path, "clients", csv_path, capsys) == f"{csv_path}: is empty: nothing to import\n"


def test_a_header_without_rows(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(tmp_path / "c.csv", "name,tier\n\n")
    assert (
        refused(demo_path, "clients", csv_path, capsys) == f"{csv_path}: has a header but no rows: nothing to import\n"
    )


def test_an_unknown_delimiter_or_garbage(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(tmp_path / "c.csv", "name|tier\nAcme|key\n")
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f"{csv_path}: row 1: no known column in the header; a CSV file of clients needs a header row naming its "
        "columns (id, name, tier, status, industry, contract value, currency, renewal date, ...), "
        "separated by commas, semicolons or tabs (or a --map file saying what its columns are)\n"
    )


def test_binary_garbage(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "c.csv"
    csv_path.write_bytes(b"name\nAcme\x00\x01\n")
    assert refused(demo_path, "clients", csv_path, capsys) == (
        f"{csv_path}: holds a NUL character on line 2: it is not a CSV text file\n"
    )


def test_bad_quoting_and_too_many_cells(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quoted = write(tmp_path / "q.csv", 'name,tier\n"Acme"x,key\n')
    assert refused(demo_path, "clients", quoted, capsys) == (
        f"{quoted}: row 2: cannot be read as CSV (',' expected after '\"')\n"
    )
    wide = write(tmp_path / "w.csv", "name,tier\nAcme, Inc,key\nFine,key,,\n")
    assert refused(demo_path, "clients", wide, capsys) == (
        f"{wide}: 1 problem; nothing was imported\n"
        "  row 2: has 3 cells but the header has 2 columns (a value that holds the delimiter needs quotes)\n"
    )


def test_a_dry_run_of_a_bad_file_exits_1(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write(tmp_path / "c.csv", "name,tier\nAcme,gold\n")
    assert refused(demo_path, "clients", csv_path, capsys, dry_run=True).endswith(
        "  row 2, column \"tier\": must be one of: strategic, key or standard (got 'gold')\n"
    )


def test_a_missing_file(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.csv"
    assert refused(demo_path, "clients", path, capsys) == f"{path}: does not exist\n"


def test_a_problem_inside_a_columns_value_names_the_part(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: seven lines of `column "self_check": is required`, and a stage history's missing
    date said only that something was required."""
    weeks = write(tmp_path / "weeks.csv", 'week,self_check\n2026-W48,"{""mental"":40}"\n')
    said = [line.strip() for line in refused(demo_path, "weeks", weeks, capsys).splitlines()[1:]]
    assert said[0] == 'row 2, column "self_check": physical: is required (got \'{"mental":40}\')'
    assert len(said) == 5 and len(set(said)) == 5  # physical, temporal, performance, effort, frustration
    history = write(
        tmp_path / "projects.csv", 'client,title,stage_history\nOrion Advertising,P,"[{""stage"": ""kickoff""}]"\n'
    )
    assert refused(demo_path, "projects", history, capsys).splitlines()[1:] == [
        '  row 2, column "stage_history": item 1, entered: is required (got \'[{"stage": "kickoff"}]\')'
    ]
