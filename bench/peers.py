"""The peers `make bench` compares acct-tui with: dooit (a Textual to-do app) and taskwarrior.

    .venv/bin/python bench/peers.py install     # the bench-only install step of `make bench`

dooit goes into its own virtual environment (bench/peers/dooit), never acct-tui's; taskwarrior
is Debian's `taskwarrior` package (apt-get, as root), or any `task` already on the PATH. A peer
that cannot be installed is left out with a note: the bench runs without it. `make test` never
installs or needs either.

For the measurements (bench/run.py): dooit gets a database of 12 workspaces of 6 to-dos each (as
many as the demo book's clients), taskwarrior a task list of 200 pending tasks, both in bench/peers.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = HERE / "peers"
DOOIT_VENV = PEERS / "dooit"
DOOIT_SPEC = "dooit>=3.0"
DOOIT_HOME = PEERS / "dooit-home"
TASK_HOME = PEERS / "task"
TASKS = 200
DOOIT_WORKSPACES, DOOIT_TODOS = 12, 6
LAST_WORKSPACE = f"Client {DOOIT_WORKSPACES:02d}"


def note(text: str) -> None:
    print(f"bench peers: {text}", flush=True)


# --- installing ----------------------------------------------------------------------------


def dooit_bin() -> Path | None:
    found = DOOIT_VENV / "bin" / "dooit"
    return found if found.exists() else None


def install_dooit() -> None:
    if dooit_bin() is not None:
        return
    note(f"installing {DOOIT_SPEC} into {DOOIT_VENV.relative_to(HERE.parent)} ...")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(DOOIT_VENV)], check=True)
        pip = [str(DOOIT_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, DOOIT_SPEC], check=True)
    except (OSError, subprocess.CalledProcessError) as err:
        note(f"dooit could not be installed ({err}); the bench runs without it")
        shutil.rmtree(DOOIT_VENV, ignore_errors=True)


def task_bin() -> str | None:
    return shutil.which("task")


def install_taskwarrior() -> None:
    if task_bin() is not None:
        return
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        note("taskwarrior is not installed and cannot be here (no apt-get as root): the bench runs without it")
        return
    note("installing taskwarrior (apt-get) ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt, "install", "-y", "-qq", "taskwarrior"]
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run([apt, "update", "-qq"], env=env, capture_output=True, check=False)
        if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
            note("apt-get could not install taskwarrior: the bench runs without it")


def install() -> None:
    PEERS.mkdir(exist_ok=True)
    install_dooit()
    install_taskwarrior()


# --- their data ----------------------------------------------------------------------------


def dooit_env() -> dict[str, str]:
    return {
        "HOME": str(DOOIT_HOME),
        "XDG_CONFIG_HOME": str(DOOIT_HOME / "config"),
        "XDG_DATA_HOME": str(DOOIT_HOME / "data"),
        "XDG_CACHE_HOME": str(DOOIT_HOME / "cache"),
    }


SEED_DOOIT = f"""
from dooit.api import Todo, Workspace, manager
manager.connect()
root = Workspace._get_or_create_root()
root.save()
for w in range({DOOIT_WORKSPACES}):
    workspace = Workspace(description=f"Client {{w + 1:02d}}", parent_workspace=root, order_index=w)
    workspace.save()
    for t in range({DOOIT_TODOS}):
        Todo(description=f"Task {{t + 1}} for client {{w + 1:02d}}", parent_workspace=workspace, order_index=t).save()
"""


def prepare_dooit() -> list[str] | None:
    """A fresh dooit database; the command that opens dooit on it (None without dooit)."""
    found = dooit_bin()
    if found is None:
        return None
    shutil.rmtree(DOOIT_HOME, ignore_errors=True)
    DOOIT_HOME.mkdir(parents=True)
    env = {**os.environ, **dooit_env()}
    subprocess.run([str(DOOIT_VENV / "bin" / "python"), "-c", SEED_DOOIT], env=env, check=True)
    return [str(found)]


def task_env() -> dict[str, str]:
    return {"TASKRC": str(TASK_HOME / "taskrc")}


def prepare_taskwarrior() -> list[str] | None:
    """A fresh list of TASKS pending tasks; the `task next` command on it (None without taskwarrior)."""
    found = task_bin()
    if found is None:
        return None
    shutil.rmtree(TASK_HOME, ignore_errors=True)
    (TASK_HOME / "data").mkdir(parents=True)
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    (TASK_HOME / "taskrc").write_text(f"data.location={TASK_HOME / 'data'}\nconfirmation=off\nnews.version={version}\n")
    rng = random.Random(1)
    tasks = [
        {
            "description": f"Task {n} for client {rng.randint(1, 40)}",
            "status": "pending",
            "entry": "20261101T090000Z",
            "project": f"client{rng.randint(1, 40)}",
            "priority": rng.choice(["H", "M", "L"]),
            "due": f"202612{rng.randint(1, 28):02d}T170000Z",
            "tags": [rng.choice(["call", "email", "meeting"])],
        }
        for n in range(TASKS)
    ]
    source = TASK_HOME / "tasks.json"
    source.write_text(json.dumps(tasks))
    env = {**os.environ, **task_env()}
    subprocess.run([found, "import", str(source)], env=env, capture_output=True, check=True)
    return [found, "next"]


if __name__ == "__main__":
    if sys.argv[1:] != ["install"]:
        sys.exit("usage: bench/peers.py install")
    install()
