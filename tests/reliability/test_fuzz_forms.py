"""Every field of every record form fed hostile text: nothing crashes, nothing invalid is written.

Two ways in. Hypothesis goes through each form's own save path (`RecordForms.<kind>()` builds the
FormScreen; its fields are read with `fields.parse` as the widgets' text would be, and its save
callback writes through the repository), for new and edited records: every outcome is a saved
record or a refusal with a message (ValueError, ValidationError, ChangeRejected,
BookError), never anything else, and the book on disk always opens and passes `check`. Then Pilot
fills the real widgets of two forms (every kind of text field among them) with the worst strings, and
1 MB, and presses ctrl+s.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from textual.widgets import Input, TextArea

from acct_tui.demo import write_demo_book
from acct_tui.domain.records import Record, WeekRecord
from acct_tui.domain.workload import week_record
from acct_tui.store.errors import BookError, ChangeRejected
from acct_tui.store.repository import Repository
from acct_tui.ui.forms.fields import FieldSpec, as_text, parse
from acct_tui.ui.forms.records import RecordForms, self_check_form
from acct_tui.ui.forms.screen import FormScreen
from tests.conftest import TODAY
from tests.reliability.helpers import CONTROL, HOSTILE, check
from tests.reliability.planner import NOW, planner

REFUSED = (ValueError, ValidationError, ChangeRejected, BookError)
"""What a form turns into a message under a field or at its top."""

FormBuilder = Callable[[], FormScreen]


def form_builders(repo: Repository) -> dict[str, FormBuilder]:
    """Every form RecordForms makes, for a new record and for an existing one of the demo book."""
    forms = RecordForms(repo, TODAY, lambda: NOW)
    builders: dict[str, FormBuilder] = {}
    for name, method in inspect.getmembers(forms, inspect.ismethod):
        if name.startswith("_") or inspect.signature(method).return_annotation not in ("FormScreen", FormScreen):
            continue
        parameters = list(inspect.signature(method).parameters.values())
        record_type = _record_type(parameters[0].annotation) if parameters else None
        existing = next(iter(repo.book.table(record_type.table).values()), None) if record_type else None
        if parameters and parameters[0].default is inspect.Parameter.empty:
            if existing is not None:
                builders[name] = _bound(method, existing)
            continue
        builders[f"new {name}"] = method
        if existing is not None:
            builders[f"edit {name}"] = _bound(method, existing)

    def self_check() -> FormScreen:
        record = week_record(repo.book, TODAY)
        return self_check_form(repo, record, TODAY, NOW)

    builders["self-check"] = self_check
    return builders


def _bound(method: Callable[..., FormScreen], record: Record) -> FormBuilder:
    return lambda: method(repo_record(method, record))


def repo_record(method: Callable[..., FormScreen], record: Record) -> Record:
    """The record as the book holds it now (an earlier example may have changed or deleted it)."""
    repo: Repository = method.__self__.repo  # type: ignore[attr-defined]
    return repo.book.table(record.table).get(record.id) or record


def _record_type(annotation: Any) -> type[Record] | None:
    import acct_tui.domain.records as records

    text = str(annotation).replace(" | None", "")
    found = getattr(records, text, None)
    return found if isinstance(found, type) and issubclass(found, Record) and found is not WeekRecord else None


TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=60),
    st.text(st.sampled_from("[]/@=$\\\x1b\x07\x9b;0123m \u202e\u0301漢🧑\u200d"), max_size=20),
)
BY_KIND: dict[str, st.SearchStrategy[str]] = {
    "number": st.one_of(
        st.sampled_from(["", "0", "12 000", "12,000.50", "12,5", "1e3", "1e999", "nan", "-1", "1_000", "٣٫٥", "101"]),
        st.floats().map(str),
        st.integers().map(str),
        TEXT,
    ),
    "date": st.one_of(
        st.sampled_from(
            ["", "today", "tomorrow", "+3d", "-2w", "+9999w", "fri", "1.12.2026", "2026-02-30", "9999-12-31"]
        ),
        TEXT,
    ),
    "datetime": st.one_of(
        st.sampled_from(
            ["", "now", "today 9:00", "2026-11-27 14:30", "+3d 10:00", "fri 25:00", "today 9", "today -1:00"]
        ),
        TEXT,
    ),
    "tags": st.one_of(st.lists(TEXT, max_size=25).map(", ".join), TEXT),
}
BY_KIND["integer"] = BY_KIND["number"]


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_demo_book(tmp_path_factory.mktemp("forms") / "book.json", TODAY).read_bytes()


@contextmanager
def fresh_demo(folder: Path, content: bytes) -> Iterator[Repository]:
    """The demo book, as it was, for one example (so each example sees the same choices)."""
    path = folder / "book.json"
    path.write_bytes(content)
    with Repository.open(path, today=TODAY) as opened:
        yield opened


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_form_field_takes_hostile_text_without_harm(
    data: st.DataObject, tmp_path: Path, demo_bytes: bytes
) -> None:
    with fresh_demo(tmp_path, demo_bytes) as repo:
        _one_form(data, repo)
    code, said = check(tmp_path / "book.json")
    assert code == 0, said


def _one_form(data: st.DataObject, repo: Repository) -> None:
    builders = form_builders(repo)
    name = data.draw(st.sampled_from(sorted(builders)), label="form")
    screen = builders[name]()
    # A few fields get hostile text; the others keep what the form shows (as a user leaves them).
    hostile = data.draw(st.sets(st.sampled_from([spec.name for spec in screen.fields]), min_size=1, max_size=3))
    values: dict[str, Any] = {}
    for spec in screen.fields:
        shown = screen.values.get(spec.name)
        if spec.name in hostile or spec.kind in ("choice", "reference") or (spec.kind == "text" and not shown):
            values[spec.name] = data.draw(_value(spec, screen), label=spec.name)
        elif spec.kind in ("flag", "notes"):
            values[spec.name] = shown if spec.kind == "flag" else (shown or "")
        else:
            values[spec.name] = as_text(spec, shown)

    generation = repo.generation
    outcome = "saved"
    try:
        data_read = {spec.name: _read(spec, values[spec.name]) for spec in screen.fields}
        saved = screen._save(data_read)
    except REFUSED as refusal:
        outcome = f"refused ({type(refusal).__name__})"
        assert repo.generation == generation, "a refused form changed the book"
    else:
        assert isinstance(saved, Record)
        assert not repo.dirty, "a saved form is on disk at once (the repository autosaves here)"
        for value in _texts(saved):
            assert not CONTROL.search(value), f"{name}: stored a control character: {value!r}"
    event(f"{name.split()[0]}: {outcome}")
    assert repo.book.problems() == []


def _value(spec: FieldSpec, screen: FormScreen) -> st.SearchStrategy[Any]:
    """What a widget of this field can hold: text for inputs, a legal choice for selects."""
    if spec.kind in ("choice", "reference"):
        choices = [value for _, value in spec.choices]
        return st.sampled_from([*choices, *([None] if spec.optional_choice is not None or not choices else [])])
    if spec.kind == "flag":
        return st.booleans()
    if spec.kind == "notes":
        return st.one_of(TEXT, st.lists(TEXT, max_size=4).map("\n".join))
    return BY_KIND.get(spec.kind, TEXT)


def _read(spec: FieldSpec, value: Any) -> Any:
    """The value as the form reads it from its widget (fields.read), without the widget."""
    if spec.kind in ("choice", "reference", "flag", "notes"):
        return value
    return parse(spec, value, TODAY, NOW)


def _texts(record: Any) -> Iterator[str]:
    for field in getattr(record, "__dataclass_fields__", {}):
        value = getattr(record, field)
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple):
            yield from (v for v in value if isinstance(v, str))


def test_after_the_fuzzing_the_book_on_disk_opens_and_passes_check(tmp_path: Path) -> None:
    """The fuzzing above saves into one book per example; here one book takes a long series."""
    path = write_demo_book(tmp_path / "book.json", TODAY)
    with Repository.open(path, today=TODAY) as repo:
        builders = form_builders(repo)
        saved = 0
        for n, text in enumerate(HOSTILE * 2):
            for name in sorted(builders):
                screen = builders[name]()
                values = {}
                for spec in screen.fields:
                    if spec.kind in ("text", "notes", "tags"):
                        values[spec.name] = f"{text} {n}" if spec.kind != "tags" else text
                    else:
                        values[spec.name] = screen.values.get(spec.name)
                try:
                    read = {
                        spec.name: values[spec.name]
                        if spec.kind not in ("text", "tags")
                        else parse(spec, values[spec.name], TODAY, NOW)
                        for spec in screen.fields
                    }
                    screen._save(read)
                    saved += 1
                except REFUSED:
                    pass
    assert saved > 50
    code, said = check(path)
    assert code == 0, said


# --- the real widgets -------------------------------------------------------------------------

WIDGET_TEXTS = [
    "\x1b[31mred\x1b[0m \x1b]0;title\x07",
    "[@click=app.quit]x[/] [link=https://e.com]y[/link] \u202eevil\u202c \u200fשלום\u200f e\u0301 漢字 🧑\u200d💼",
]
WIDGET_FORMS = ("new client", "new task")
"""The real widgets of two forms (text, notes, tags, numbers, dates, choices); the save path of every
form is fuzzed above."""


async def test_the_real_forms_take_the_worst_strings(tmp_path: Path) -> None:
    """Every text field of each form set to each string; and 1 MB in a name and in notes."""
    path = write_demo_book(tmp_path / "book.json", TODAY)
    async with planner(path) as ui:
        builders = form_builders(ui.repo)
        attempts = [(name, text, None) for name in WIDGET_FORMS for text in WIDGET_TEXTS]
        attempts.append(("new client", "x" * (1 << 20), {"name", "notes"}))
        saved = 0
        for name, text, only in attempts:
            form = builders[name]()
            await ui.app.push_screen(form)
            await ui.pilot.pause()
            for spec in form.fields:
                widget = form.query_one(f"#field-{spec.name}")
                if only is not None and spec.name not in only:
                    continue
                if isinstance(widget, TextArea):
                    widget.text = text
                elif isinstance(widget, Input) and spec.kind in ("text", "tags") and spec.reader is None:
                    widget.value = text  # (a field with its own reader, such as Repeats, is no free text)
            await ui.pilot.press("ctrl+s")
            await ui.pilot.pause()
            if ui.app.screen is form:  # refused: the form says why, and stays open
                errors = [str(w.render()) for w in form.query(".field-error, #form-error") if w.display]
                assert errors, f"{name}: not saved, and no message says why"
                await ui.pilot.press("escape")
                await ui.pilot.pause()
            else:
                saved += 1
            assert ui.app.is_running
        await ui.settle()
    assert saved >= 1  # markup, right-to-left text and emoji are fine in a task
    code, said = check(path)
    assert code == 0, said


async def test_a_huge_hour_in_a_date_and_time_field_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = write_demo_book(tmp_path / "book.json", TODAY)
    async with planner(path) as ui:
        form = ui.app.forms.activity(client_id=next(iter(ui.repo.book.clients)))
        await ui.app.push_screen(form)
        await ui.pilot.pause()
        form.query_one("#field-summary", Input).value = "Call"
        form.query_one("#field-when", Input).value = "today 99999999999999999999:00"
        await ui.pilot.press("ctrl+s")
        await ui.pilot.pause()
        assert ui.app.screen is form
        assert ui.app.is_running
