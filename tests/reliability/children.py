"""Processes for the kill tests to SIGKILL: a fork server and the writers it starts.

`python -m tests.reliability.children [--textual]` imports acct-tui (and with --textual the
planner) once, then reads JSON commands on stdin, one per line, and answers one line each:

    {"start": MODE, "book": PATH, "log": PATH, "seed": N}  ->  the pid of a new writer
    {"reap": PID}                                           ->  "reaped PID"  (once it has ended)

Forking skips the interpreter's start-up (0.3 s; 0.9 s with Textual), so a test can kill hundreds
of writers in seconds. A writer never returns into the server: it ends with os._exit.

Each writer appends what it does to its LOG, one os.write of one line each (O_APPEND, no
buffer), so every line it wrote is there after its SIGKILL:

    ready              the book is open (the writer holds its lock)
    pending SHA        the writer is about to write the book with these bytes (sha256)
    saved SHA          that write returned: these bytes are on disk
    pending-name NAME  (app) the client NAME is being added through the form
    saved-name NAME    (app) the save worker wrote the book with NAME in it

Modes: `repo` makes random edits through the Repository (adds, renames, a project with its tasks
in one change, stage moves, done tasks, cascading deletes, undo, settings) and writes after each;
`app` drives the real planner (AcctApp, headless) adding clients through the new-client form;
`hold` opens the planner on the book and waits (another acct-tui, for the lock tests).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import sys
import traceback
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from acct_tui.domain.edits import move_project, neighbour_stage, toggle_task
from acct_tui.domain.enums import Stage
from acct_tui.domain.records import Client, Project, Task
from acct_tui.store import storage
from acct_tui.store.errors import ChangeRejected
from acct_tui.store.repository import Repository

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 14, 30)


class Log:
    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def __call__(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())


def _log_book_writes(book: Path, log: Log) -> None:
    """Log the sha of every write of the book, before and after the atomic write."""
    real = storage.atomic_write

    def logged(path: Path, data: bytes | Iterable[bytes]) -> os.stat_result:
        if path != book:
            return real(path, data)
        data = data if isinstance(data, bytes) else b"".join(data)  # a save writes pieces: log their whole
        digest = hashlib.sha256(data).hexdigest()
        log(f"pending {digest}")
        result = real(path, data)
        log(f"saved {digest}")
        return result

    storage.atomic_write = logged  # type: ignore[assignment]


# --- mode repo --------------------------------------------------------------------------------


def _edit(repo: Repository, rng: random.Random, serial: str) -> None:
    """One random user action through the repository (a no-op if the book refuses it)."""
    clients = repo.clients.all()
    projects = repo.projects.all()
    tasks = repo.tasks.all()
    roll = rng.random()
    if roll < 0.30 or not clients:
        repo.clients.add(
            Client(
                name=f"client {serial}",
                notes="n" * rng.randrange(0, 3000),
                tags=tuple(f"t{rng.randrange(9)}" for _ in range(rng.randrange(3))),
                created_on=TODAY,
            )
        )
    elif roll < 0.45:
        client = rng.choice(clients)
        repo.clients.update(client.evolve(name=f"renamed {serial}", notes=client.notes[: rng.randrange(200)]))
    elif roll < 0.60:
        client = rng.choice(clients)
        with repo.change("Add project with tasks") as tx:
            project = tx.put(
                Project(
                    client_id=client.id,
                    title=f"project {serial}",
                    created_on=TODAY,
                )
            )
            for n in range(rng.randrange(1, 5)):
                tx.put(Task(title=f"task {serial}.{n}", client_id=client.id, project_id=project.id, due=TODAY))
    elif roll < 0.70 and projects:
        project = rng.choice(projects)
        stage = neighbour_stage(project.stage, rng.choice((1, -1))) or Stage.NEGOTIATION
        repo.projects.update(move_project(project, stage, TODAY))
    elif roll < 0.80 and tasks:
        repo.tasks.update(toggle_task(rng.choice(tasks), TODAY))
    elif roll < 0.90 and (len(clients) > 8 or rng.random() < 0.2):
        repo.clients.delete(rng.choice(clients).id, cascade=True)
    elif roll < 0.97:
        repo.undo()
    else:
        repo.set_settings({"capacity": {"hours_per_day": rng.choice((6.0, 7.5, 8.0))}})


def run_repo(book: Path, log: Log, seed: int) -> None:
    rng = random.Random(seed)
    _log_book_writes(book, log)
    repo = Repository.open(book, autosave=False, today=TODAY)
    log("ready")
    for n in range(1_000_000):
        try:
            _edit(repo, rng, f"{seed}.{n}")
        except ChangeRejected:
            continue
        repo.save()


# --- mode app ---------------------------------------------------------------------------------


async def _app_session(book: Path, log: Log, seed: int) -> None:
    from textual.widgets import Input

    from acct_tui.ui.app import AcctApp
    from acct_tui.ui.forms.screen import FormScreen

    repo = Repository.open(book, autosave=False, today=TODAY)
    app = AcctApp(repo, TODAY, clock=lambda: NOW)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        log("ready")
        for n in range(1_000_000):
            name = f"app {seed}.{n}"
            await pilot.press("n")
            form = app.screen
            assert isinstance(form, FormScreen), form
            form.query_one("#field-name", Input).value = name
            log(f"pending-name {name}")
            await pilot.press("ctrl+s")
            assert not isinstance(app.screen, FormScreen), "the form did not close"
            generation = repo.generation
            while repo.saved_generation < generation:
                assert app.save_error is None, app.save_error
                await asyncio.sleep(0.002)
            log(f"saved-name {name}")


def run_app(book: Path, log: Log, seed: int) -> None:
    asyncio.run(_app_session(book, log, seed))


async def _hold(book: Path, log: Log) -> None:
    from acct_tui.ui.app import AcctApp

    repo = Repository.open(book, autosave=False, today=TODAY)
    app = AcctApp(repo, TODAY, clock=lambda: NOW)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        log("ready")
        await asyncio.sleep(3600)


def run_hold(book: Path, log: Log, seed: int) -> None:
    """The planner open on the book, doing nothing, until killed."""
    asyncio.run(_hold(book, log))


MODES = {"repo": run_repo, "app": run_app, "hold": run_hold}


# --- the server -------------------------------------------------------------------------------


def _child(command: dict[str, Any]) -> None:
    """In the forked writer: run the mode, never return to the server's loop."""
    code = 0
    try:
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        errors = os.open(command["log"] + ".stderr", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(errors, 2)
        MODES[command["start"]](Path(command["book"]), Log(command["log"]), int(command["seed"]))
    except BaseException:
        traceback.print_exc()
        code = 70
    finally:
        sys.stderr.flush()
        os._exit(code)


def serve() -> None:
    if "--textual" in sys.argv:
        import acct_tui.ui.app  # noqa: F401  (imported once, before forking)
    print("ready", flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if "start" in command:
            pid = os.fork()
            if pid == 0:
                _child(command)
            print(pid, flush=True)
        elif "reap" in command:
            pid = int(command["reap"])
            os.waitpid(pid, 0)
            print(f"reaped {pid}", flush=True)


if __name__ == "__main__":
    serve()
