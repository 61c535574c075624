"""Search across the whole book: what matches, in which order, and the text shown for each hit.

Every expected hit below is checked by hand against the small book `BOOK`.
"""

from __future__ import annotations

from datetime import datetime

from acct_tui.domain.enums import Threat
from acct_tui.domain.records import Activity, Client, Competitor, Contact, Event, Project, StaffMember, Task
from acct_tui.domain.search import Found, SearchIndex, fold, words_of
from tests.conftest import TODAY
from tests.domain.workload_books import make_book

LONG_NOTE = (
    "Met the whole procurement board in Hanoi; they want quarterly reviews, a named engineer on call "
    "and the parking garage access cards renewed before the audit in March."
)
BOOK = make_book(
    Client(id=1, name="Acme", industry="Logistics", notes=LONG_NOTE),
    Client(id=2, name="Acme Renewables", tags=("energy",)),
    Client(id=3, name="Zoë Café Straße"),
    Client(id=4, name="Beta"),
    Contact(id=1, client_id=1, name="Anna Schmidt", email="anna@acme.example", phone="+49 170 555 0101"),
    Contact(id=2, client_id=4, name="Bo Acme-Lee", role="Buyer"),
    Project(id=1, client_id=1, title="Warehouse dashboards", notes="Renewal depends on the Q3 numbers"),
    Task(id=1, client_id=1, project_id=1, title="Renewal talk", notes="bring the acme figures"),
    Task(id=2, client_id=4, title="Renewal talk"),
    Task(id=3, client_id=1, project_id=1, title="Order parking cards"),
    Activity(id=1, client_id=4, when=datetime(2026, 11, 20, 10), summary="Call with Anna about Acme\nsecond line"),
    Activity(id=2, client_id=4, when=datetime(2026, 11, 26, 10), summary="Acme visit planned"),
    Event(id=1, title="Logistics Expo", start=TODAY, end=TODAY, location="Messe Hamburg", notes="booth 12"),
    Competitor(id=1, client_id=1, name="Globex", threat=Threat.HIGH, note="cheaper, slower"),
    StaffMember(id=1, name="Sam Park", role="Analyst"),
)
INDEX = SearchIndex.build(BOOK)


def found(text: str, per_kind: int = 10) -> list[tuple[str, int, int]]:
    """(table, record id, rank) of each hit, in order."""
    return [(hit.table, hit.record_id, hit.rank) for hit in INDEX.find(text, per_kind).hits]


def test_folding_and_words() -> None:
    assert fold("Zoë Café STRASSE Straße") == "zoe cafe strasse strasse"
    assert words_of("anna@acme.example, +49 170_555") == ["anna", "acme", "example", "49", "170", "555"]
    assert words_of("Nguyễn Thị Hương") == ["nguyen", "thi", "huong"]


def test_a_name_and_everything_that_mentions_it_ranked() -> None:
    assert found("acme") == [
        ("clients", 1, 0),  # the name is what was typed
        ("clients", 2, 1),  # the name starts with it
        ("contacts", 2, 2),  # "Bo Acme-Lee": a word of the name
        ("contacts", 1, 3),  # Anna's e-mail anna@acme.example: her own text, not her name
        ("tasks", 1, 3),  # "bring the acme figures" in the notes
        ("activities", 2, 1),  # newest first among equals: "Acme visit planned" starts with it
        ("activities", 1, 2),  # "Call with Anna about Acme": a word of its first line
    ]
    # Acme's other records (the project, task 3, the competitor) do not mention Acme: not found by it alone


def test_every_word_must_match_and_the_client_is_context() -> None:
    assert found("acme renewal") == [
        ("projects", 1, 4),  # Acme's project: "Renewal depends on..." in its notes, acme only its client's name
        ("tasks", 1, 3),  # Acme's "Renewal talk", "bring the acme figures": both words in its own text
    ]
    # not Beta's "Renewal talk" (nothing of Acme), nor "Acme Renewables" ("renewables" does not start with
    # "renewal"), nor Acme itself (no word starting with "renewal": "renewed")
    assert found("acme zzz") == []
    assert found("renewal") == [("projects", 1, 3), ("tasks", 1, 1), ("tasks", 2, 1)]
    assert found("ren") == [  # "Renewables" and Acme's "renewed" too
        ("clients", 2, 2),
        ("clients", 1, 3),
        ("projects", 1, 3),
        ("tasks", 1, 1),
        ("tasks", 2, 1),
    ]


def test_case_accents_and_the_start_of_words() -> None:
    assert found("zoe cafe") == [("clients", 3, 1)]
    assert found("STRASSE") == [("clients", 3, 2)]
    assert found("newal") == []  # a word typed starts a word: not inside one


def test_contacts_by_email_and_phone() -> None:
    # anna + ac: both in her e-mail, and in "Call with Anna about Acme" (words of its name)
    assert found("anna@ac") == [("contacts", 1, 3), ("activities", 1, 2)]
    assert found("555 01") == [("contacts", 1, 3)]
    assert found("4917055") == [("contacts", 1, 3)]  # the digits alone
    phone = INDEX.find("4917055").hits[0]
    assert (phone.field, phone.excerpt, phone.marks) == ("phone", "+49 170 555 0101", ())
    email = INDEX.find("anna@ac").hits[0]
    assert (email.field, email.excerpt, email.marks) == ("name", "Anna Schmidt", ((0, 4),))


def test_notes_activities_events_competitors_staff_and_the_excerpt() -> None:
    parking = INDEX.find("parking")
    assert [(h.table, h.record_id, h.rank, h.field) for h in parking.hits] == [
        ("clients", 1, 3, "notes"),
        ("tasks", 3, 2, "title"),
    ]
    note = parking.hits[0]
    # from the first word that starts within 26 characters (a third of 80) before "parking", 80 characters
    assert note.excerpt == "…engineer on call and the parking garage access cards renewed before the audit in…"
    assert LONG_NOTE.index("parking") - LONG_NOTE.index("engineer") == 25
    start, end = note.marks[0]
    assert note.excerpt[start:end] == "parking"
    assert note.title == "Acme" and note.client_id == 1
    assert found("hamburg") == [("events", 1, 3)]
    assert found("slower") == [("competitors", 1, 3)]
    assert found("analyst") == [("staff", 1, 3)]
    second = INDEX.find("second line").hits
    assert [(h.table, h.title, h.field, h.excerpt, h.marks) for h in second] == [
        (
            "activities",
            "Call with Anna about Acme",
            "summary",
            "Call with Anna about Acme second line",
            ((26, 32), (33, 37)),
        )
    ]


def test_counts_and_hits_per_kind() -> None:
    result = INDEX.find("acme", per_kind=1)
    assert isinstance(result, Found)
    assert result.counts == {"clients": 2, "contacts": 2, "tasks": 1, "activities": 2}
    assert result.total == 7
    assert [(h.table, h.record_id) for h in result.hits] == [
        ("clients", 1),
        ("contacts", 2),
        ("tasks", 1),
        ("activities", 2),
    ]
    assert [h.record_id for h in result.of("activities")] == [2]
    assert INDEX.find("  ").hits == ()


def test_an_index_built_again_sees_the_change() -> None:
    book = make_book(Client(id=1, name="Acme"))
    assert SearchIndex.build(book).find("globex").hits == ()
    book.competitors[1] = Competitor(id=1, client_id=1, name="Globex")
    assert [(h.table, h.client_id) for h in SearchIndex.build(book).find("globex").hits] == [("competitors", 1)]
