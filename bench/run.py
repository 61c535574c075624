"""`make bench`: acct-tui's speed at every book size, against budgets stated as ratios to a bare
Textual app (and to peers) measured in the same run.

    .venv/bin/python bench/run.py [--quick] [--profile] [--runs N] [--presses N]

1. Books: the demo book (`acct_tui.demo.write_demo_book`) and `acct-tui generate --clients N` for
   100, 1,000 and 3,000 clients, in bench/books/ (regenerated every run; the seed is fixed).
2. Start to the first complete frame (all four panes filled), headless, median of 5 fresh
   processes each, timed from the moment the process is launched; a bare Textual app (Header,
   Static, Footer: bench/bare_apps.py) is measured the same way in the same run, and so is the
   floor: the bare app after importing what the planner needs to read a book. Every run opens a
   fresh copy of the book, so each one is the same first open of the week.
3. Key press to the first frame showing the change (p95 over 50 presses): cursor down in Clients,
   space (narrow to a client / show all), `>`/`<` on the board, `x` in Today, a letter typed in
   the Clients filter; and the same for a bare app moving a ListView's cursor (the reference of
   the key budgets). One saved edit: time to disk, and a key pressed at once meanwhile.
4. The command line (bench/commands.py): `status` (line and --json) computed and answered from
   its cache, `--version`, `--help`, a usage error, `check`, and taskwarrior's `task next` on 200
   tasks, round robin; the book layer alone (bench/book_io.py): opening the book, saving one
   edit, and a plain write+fsync+os.replace of the same bytes.
5. Peers (bench/peers.py, installed by `make bench`, never by `make test`): dooit, the bare app
   and `acct-tui --demo` started in a real terminal, tmux (bench/terminal.py); taskwarrior as in 4.
   A peer that is not installed is left out with a note.
6. Reading a 5 MB calendar for the planner's window (bench/calendar_read.py): median of 5 reads;
   `acct-tui import contacts` of a 10,000-row HubSpot export (bench/crm_export.py) into a book
   with its 1,000 companies: wall time of the command, median of 5, and of the same file again.
7. Merging two 1,000-client copies of a book with 100 edits on each (`merge_files`, as `acct-tui
   merge` runs it), and the team roll-up's first screen over 10 books of 200 clients, from the
   launch of a fresh process (bench/sync_team.py): median of 5.
8. Search as you type in the 1,000-client book (bench/search.py): building the index, and each
   keystroke's answer (p95 over about 200 keystrokes).

It prints a table and each budget of bench/budgets.py (pass, MISS, or not measured), and writes
bench/results.json. Each key press is also split into the time spent redrawing the panes from a
recompute, in `AcctApp.request_save` and in the garbage collector (bench/experiments.py), and
the app's cyclic-GC load is reported at the end of the run.

`--profile` also writes pyinstrument profiles (text and HTML) of the 1,000-client start and of
each kind of key press to bench/books/profiles/. `--patch NAME` applies an experiment of
bench/experiments.py (a proposed change to code the bench does not own, monkeypatched in the
children only) and `--code DIR` measures another copy of the package, for before/after numbers.
The children run with their own XDG folders, so the user's settings, recent-books list, status
cache and books are never read or touched.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import budgets
import commands
import peers
import terminal

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BOOKS = HERE / "books"
WORK = BOOKS / "work"
PROFILES = BOOKS / "profiles"
RESULTS = HERE / "results.json"
TODAY = "2026-11-27"
PYTHON = sys.executable
ACCT = str(Path(PYTHON).parent / "acct-tui")

SIZES = {"demo": None, "100": 100, "1000": 1000, "3000": 3000}
KEY_KINDS = budgets.KEY_KINDS
IMPORT_CONTACTS = 10_000


def child_env() -> dict[str, str]:
    home = BOOKS / "home"
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("ACCT_TUI_DB", None)
    env["PYTHONHASHSEED"] = "0"
    return env


ENV: dict[str, str] = {}
PATCHES: list[str] = []
"""Experiments (bench/experiments.py) applied in every child: `--patch NAME` (for before/after numbers)."""


# --- books -------------------------------------------------------------------------------


def make_books(sizes: list[str]) -> dict[str, Path]:
    BOOKS.mkdir(exist_ok=True)
    books = {}
    for name in sizes:
        path = BOOKS / f"{name}.json"
        path.unlink(missing_ok=True)
        count = SIZES[name]
        if count is None:
            code = f"from datetime import date; from pathlib import Path; from acct_tui.demo import write_demo_book; write_demo_book(Path({str(path)!r}), date.fromisoformat({TODAY!r}))"  # noqa: E501
            subprocess.run([PYTHON, "-c", code], check=True, env=ENV)
        else:
            command = [ACCT, "--today", TODAY, "generate", "--clients", str(count), "-o", str(path)]
            subprocess.run(command, check=True, env=ENV, stdout=subprocess.DEVNULL)
        # Checked once, as a book the planner last saved is (acct_tui.store.trust): every start
        # opens such a book, not one changed outside acct-tui.
        subprocess.run([ACCT, "--db", str(path), "check"], check=True, env=ENV, stdout=subprocess.DEVNULL)
        books[name] = path
    return books


def compile_bytecode(code: str | None) -> None:
    """Write the .pyc files an installed package has (this sandbox sets PYTHONDONTWRITEBYTECODE)."""
    for folder in (Path(code) / "acct_tui" if code else ROOT / "acct_tui", HERE):
        subprocess.run([PYTHON, "-m", "compileall", "-q", str(folder)], check=True, env=ENV)


def fresh_copy(book: Path) -> Path:
    """A copy of `book` to open (and change), with no lock or backups left from an earlier run."""
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    target = WORK / book.name
    shutil.copyfile(book, target)
    target.chmod(0o600)
    return target


# --- children ----------------------------------------------------------------------------


def run_child(config: dict[str, Any], timeout: float = 600) -> dict[str, Any]:
    """Run bench/child.py with `config`; its JSON result, with `launch_ns` (just before the launch)."""
    command = [PYTHON, str(HERE / "child.py"), json.dumps(config)]
    launch = time.perf_counter_ns()
    done = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=HERE, timeout=timeout, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"bench child failed ({config}):\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    if "error" in result:
        raise RuntimeError(f"bench child failed ({config}): {result['error']}\n{done.stderr[-6000:]}")
    result["launch_ns"] = launch
    return result


def ms(ns: int) -> float:
    return ns / 1e6


def measure_start(books: dict[str, Path], runs: int) -> dict[str, Any]:
    """Median (and all) of `runs` fresh starts of each app, round robin so drift hits all alike."""
    apps = ["bare", "floor", *books]
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in apps}
    for _ in range(runs):
        for name in apps:
            app = name if name in ("bare", "floor") else "acct"
            config: dict[str, Any] = {"mode": "start", "app": app, "today": TODAY}
            config["patches"] = PATCHES
            if app == "acct":
                config["book"] = str(fresh_copy(books[name]))
            result = run_child(config)
            launch = result["launch_ns"]
            marks = {k: ms(v - launch) for k, v in result["marks"].items()}
            filled = result.get("filled_ns")
            samples[name].append(
                {
                    "first_frame_ms": ms(result["frame_ns"] - launch),
                    "panes_set_ms": ms(filled - launch) if filled else None,
                    "marks_ms": marks,
                    "peak_rss_mb": result["peak_rss_mb"],
                }
            )
    found: dict[str, Any] = {}
    for name, runs_of in samples.items():
        frames = [s["first_frame_ms"] for s in runs_of]
        phases = {key: statistics.median(s["marks_ms"][key] for s in runs_of) for key in runs_of[0]["marks_ms"]}
        found[name] = {
            "median_ms": statistics.median(frames),
            "min_ms": min(frames),
            "max_ms": max(frames),
            "runs_ms": frames,
            "phases_ms": phases,
            "peak_rss_mb": max(s["peak_rss_mb"] for s in runs_of),
        }
        if runs_of[0]["panes_set_ms"] is not None:
            found[name]["panes_set_median_ms"] = statistics.median(s["panes_set_ms"] for s in runs_of)
    return found


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]


def flatten(value: Any) -> list[float]:
    if isinstance(value, dict):
        return [v for part in value.values() for v in flatten(part)]
    return list(value)


def measure_keys(book: Path, presses: int, edits: int, profile: str | None = None) -> dict[str, Any]:
    config = {"mode": "keys", "app": "acct", "book": str(fresh_copy(book)), "today": TODAY, "presses": presses}
    config["edits"] = edits
    config["patches"] = PATCHES
    if profile:
        config["profile"] = profile
    result = run_child(config, timeout=1800)
    keys = {}
    for kind, raw in result["keys"].items():
        values = flatten(raw)
        parts: dict[str, list[float]] = {}
        for press in result.get("breakdown", {}).get(kind, []):
            for label in ("refresh_panes", "request_save", "gc0", "gc1", "gc2"):
                parts.setdefault(label, []).append(press.get(label, 0.0))
        keys[kind] = {
            "p95_ms": p95(values),
            "median_ms": statistics.median(values),
            "max_ms": max(values),
            "presses": len(values),
            "parts": {k: {"median_ms": statistics.median(v), "p95_ms": p95(v)} for k, v in raw.items()}
            if isinstance(raw, dict)
            else None,
            "raw_ms": raw,
            "inside_ms": {label: {"median": statistics.median(v), "max": max(v)} for label, v in parts.items()},
        }
    saves = result.get("saved_edit", [])
    saved = None
    if saves:
        saved = {
            "edits": len(saves),
            "to_disk_median_ms": statistics.median(s["to_disk_ms"] for s in saves),
            "to_disk_max_ms": max(s["to_disk_ms"] for s in saves),
            "to_fsynced_median_ms": statistics.median(s["to_fsynced_ms"] for s in saves),
            "write_thread_median_ms": statistics.median(s["write_ms"] for s in saves),
            "snapshot_ui_median_ms": statistics.median(s["snapshot_ui_ms"] for s in saves),
            "edit_frame_median_ms": statistics.median(s["edit_frame_ms"] for s in saves),
            "followup_median_ms": statistics.median(s["followup_ms"] for s in saves),
            "followup_max_ms": max(s["followup_ms"] for s in saves),
            "followup_before_saved": sum(1 for s in saves if s["followup_before_saved"]),
            "worst_stall_during_save_ms": max(s["worst_stall_during_save_ms"] for s in saves),
            "raw": saves,
        }
    return {
        "keys": keys,
        "saved_edit": saved,
        "peak_rss_mb": result["peak_rss_mb"],
        "rss_after_start_mb": result.get("rss_after_start_mb"),
        "book_counts": result.get("book_counts"),
        "spans": result.get("spans"),
        "gc": result.get("gc"),
    }


def measure_book_io(books: dict[str, Path], runs: int) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, book in books.items():
        command = [PYTHON, str(HERE / "book_io.py"), str(book), str(max(runs, 5))]
        done = subprocess.run(command, check=True, env=ENV, cwd=HERE, capture_output=True, text=True)
        found[name] = {"book_io": json.loads(done.stdout.splitlines()[-1])}
    return found


def measure_bare_keys(presses: int) -> dict[str, Any]:
    """The bare app's key press to frame (a ListView's cursor moving): the key budgets' reference."""
    result = run_child({"mode": "keys", "app": "bare", "presses": presses})
    values = result["keys"]["cursor_down"]
    return {"p95_ms": p95(values), "median_ms": statistics.median(values), "max_ms": max(values), "raw_ms": values}


def measure_terminal(runs: int) -> dict[str, Any]:
    """Start to a full screen in tmux: the bare app, `acct-tui --demo` and dooit, round robin."""
    if not terminal.available():
        return {"note": "tmux is not installed: no starts in a real terminal"}
    apps: dict[str, tuple[list[str], dict[str, str], tuple[str, ...]]] = {
        "bare": ([PYTHON, str(HERE / "bare_apps.py")], {}, ("Hello, bench",)),
        "demo": ([ACCT, "--today", TODAY, "--demo"], {}, ("Clients", "projects,", "Plan:", "Stress", "Trend")),
    }
    dooit = peers.prepare_dooit()
    found: dict[str, Any] = {}
    if dooit is None:
        found["note"] = "dooit is not installed (bench/peers.py install)"
    else:
        apps["dooit"] = (dooit, peers.dooit_env(), (peers.LAST_WORKSPACE, "NORMAL"))
    term = terminal.Terminal(ENV)
    times: dict[str, list[float]] = {name: [] for name in apps}
    try:
        for command, env, markers in apps.values():  # once untimed: the file cache
            term.start(command, env, markers)
        for _ in range(runs):
            for name, (command, env, markers) in apps.items():
                times[name].append(term.start(command, env, markers))
    finally:
        term.close()
    for name, values in times.items():
        found[name] = {"median_ms": statistics.median(values), "min_ms": min(values), "runs_ms": values}
    return found


def measure_calendar(runs: int) -> dict[str, Any]:
    command = [PYTHON, str(HERE / "calendar_read.py"), "--json", "--runs", str(runs)]
    done = subprocess.run(command, check=True, env=ENV, cwd=HERE, capture_output=True, text=True)
    return dict(json.loads(done.stdout.splitlines()[-1]))


def measure_import(runs: int) -> dict[str, Any]:
    """`acct-tui import contacts` of a 10,000-row HubSpot export (bench/crm_export.py), wall time of
    the whole command, into a book that has the contacts' 1,000 companies; then the same file again."""
    from crm_export import write

    folder = BOOKS / "crm"
    companies, contacts = write(folder, IMPORT_CONTACTS)
    base = folder / "companies.json"
    base.unlink(missing_ok=True)
    command = [ACCT, "--today", TODAY, "import", "companies", str(companies), "--db", str(base)]
    subprocess.run(command, check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times, again = [], []
    for _ in range(runs):
        book = fresh_copy(base)
        command = [ACCT, "--today", TODAY, "import", "contacts", str(contacts), "--db", str(book)]
        for into in (times, again):
            began = time.perf_counter()
            subprocess.run(command, check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            into.append((time.perf_counter() - began) * 1000)
    return {
        "rows": IMPORT_CONTACTS,
        "median_ms": statistics.median(times),
        "runs_ms": times,
        "again_median_ms": statistics.median(again),
    }


def measure_search(book: Path) -> dict[str, Any]:
    command = [PYTHON, str(HERE / "search.py"), str(book), "--json"]
    done = subprocess.run(command, check=True, env=ENV, cwd=HERE, capture_output=True, text=True)
    return dict(json.loads(done.stdout.splitlines()[-1]))


def measure_sync_team(what: str, runs: int) -> dict[str, Any]:
    """bench/sync_team.py: merging two 1,000-client copies with 100 edits each, or the team roll-up's
    first screen over 10 books of 200 clients."""
    command = [PYTHON, str(HERE / "sync_team.py"), what, str(BOOKS / what), "--runs", str(runs)]
    done = subprocess.run(command, check=True, env=ENV, cwd=HERE, capture_output=True, text=True)
    return dict(json.loads(done.stdout.splitlines()[-1]))


def profile_run(books: dict[str, Path], presses: int) -> list[str]:
    """pyinstrument profiles of the 1,000-client start and of each kind of key press."""
    PROFILES.mkdir(parents=True, exist_ok=True)
    book = books["1000"]
    start = str(PROFILES / "start-1000")
    run_child({"mode": "start", "app": "acct", "book": str(fresh_copy(book)), "today": TODAY, "profile": start})
    keys = str(PROFILES / "keys-1000")
    measure_keys(book, presses, 0, profile=keys)
    return sorted(str(p.relative_to(ROOT)) for p in PROFILES.glob("*.txt"))


# --- report ------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else "pass" if ok else "MISS"


def table(results: dict[str, Any]) -> str:
    start = results["start"]
    bare = start["bare"]["median_ms"]
    names = [n for n in start if n != "bare"]
    head = ["", "bare", *names]
    rows: list[list[str]] = []
    rows.append(["start, first full frame (ms)", *(f"{start[n]['median_ms']:.0f}" for n in ["bare", *names])])
    rows.append(["  x bare", "1.00", *(f"{start[n]['median_ms'] / bare:.2f}" for n in names)])
    for phase, label in (
        ("imported", "  Textual imported at"),
        ("cli_imported", "  acct_tui.cli imported at"),
        ("book_opened", "  book loaded at"),
        ("ui_imported", "  Textual + acct_tui.ui imported at"),
        ("app_run", "  AcctApp built, run() at"),
    ):
        cells = []
        for n in ["bare", *names]:
            value = start[n]["phases_ms"].get(phase)
            cells.append(f"{value:.0f}" if value is not None else "")
        if any(cells):
            rows.append([label, *cells])
    rows.append(["  panes filled (state) at", "", *(f"{start[n].get('panes_set_median_ms', 0):.0f}" for n in names)])
    keys = results["keys"]
    for kind in KEY_KINDS:
        cells = [""]
        for n in names:
            k = keys.get(n, {}).get("keys", {}).get(kind)
            cells.append(f"{k['p95_ms']:.0f} ({k['median_ms']:.0f})" if k else "")
        rows.append([f"key {kind}, p95 (median) ms", *cells])
        cells = [""]
        for n in names:
            k = keys.get(n, {}).get("keys", {}).get(kind)
            inside = k.get("inside_ms") if k else None
            if inside:
                gc_ms = sum(inside[g]["median"] for g in ("gc0", "gc1", "gc2") if g in inside)
                cells.append(
                    f"{inside['refresh_panes']['median']:.0f}/{inside['request_save']['median']:.0f}/{gc_ms:.0f}"
                )
            else:
                cells.append("")
        rows.append(["  in recompute/save call/GC, median", *cells])
    cells = [""]
    for n in names:
        spans = keys.get(n, {}).get("spans") or {}
        thread = spans.get("recompute")
        cells.append(f"{thread['median_ms']:.0f} ({thread['p95_ms']:.0f})" if thread else "")
    rows.append(["panes' recompute (thread), median (p95) ms", *cells])
    for field, label in (
        ("to_disk_max_ms", "edit on disk, max ms"),
        ("to_disk_median_ms", "edit on disk, median ms"),
        ("edit_frame_median_ms", "edit to its frame, median ms"),
        ("followup_max_ms", "key during save, max ms"),
        ("worst_stall_during_save_ms", "worst UI stall in a save, ms"),
        ("snapshot_ui_median_ms", "snapshot on UI thread, ms"),
    ):
        cells = [""]
        for n in names:
            saved = keys.get(n, {}).get("saved_edit")
            cells.append(f"{saved[field]:.0f}" if saved else "")
        rows.append([label, *cells])
    cli = results["cli"]
    found = results.get("commands", {})
    for label, key in (
        ("status (line), computed, ms", "status line computed"),
        ("status (line), from its cache, ms", "status line cached"),
        ("status --json, computed, ms", "status json computed"),
        ("status --json, from its cache, ms", "status json cached"),
        ("check, ms", "check"),
    ):
        rows.append(
            [label, "", *(f"{found[f'{key}/{n}']['median_ms']:.0f}" if f"{key}/{n}" in found else "" for n in names)]
        )
    for field, label, form in (
        ("size_mb", "book file, MB", "{:.1f}"),
        ("open_median_ms", "open the book as saved (trusted), ms", "{:.0f}"),
        ("open_checked_median_ms", "open the book checked in full, ms", "{:.0f}"),
        ("save_median_ms", "save one edit (atomic write), ms", "{:.0f}"),
        ("save_max_ms", "  slowest save, ms", "{:.0f}"),
        ("plain_replace_ms", "plain write+fsync+os.replace, ms", "{:.0f}"),
    ):
        rows.append([label, "", *(form.format(cli[n]["book_io"][field]) if n in cli else "" for n in names)])
    rows.append(
        [
            "peak RSS, MB (start / keys)",
            f"{start['bare']['peak_rss_mb']:.0f}",
            *(
                f"{start[n]['peak_rss_mb']:.0f} / {keys[n]['peak_rss_mb']:.0f}"
                if n in keys
                else f"{start[n]['peak_rss_mb']:.0f}"
                for n in names
            ),
        ]
    )
    rows.append(
        [
            "full GC in the app, ms (objects)",
            "",
            *(
                f"{keys[n]['gc']['full_collect_ms']:.0f} ({keys[n]['gc']['tracked'] // 1000}k)"
                if keys.get(n, {}).get("gc")
                else ""
                for n in names
            ),
        ]
    )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in [head, *rows]
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join([*lines, "", *others(results)])


def others(results: dict[str, Any]) -> list[str]:
    """The figures that are not per book: the bare key press, the quick commands, the peers."""
    lines = []
    floor = results.get("floor")
    if floor:
        ratio = floor["median_ms"] / results["start"]["bare"]["median_ms"]
        lines.append(
            f"floor: the bare app after importing pydantic, the models and the store: {floor['median_ms']:.0f} ms, "
            f"{ratio:.2f}x bare (models imported at {floor['phases_ms']['models_imported']:.0f} ms)"
        )
    bare = results.get("bare_keys")
    if bare:
        lines.append(f"bare app, ListView cursor down: p95 {bare['p95_ms']:.1f} ms (median {bare['median_ms']:.1f})")
    found = results.get("commands", {})
    quick = [
        f"{label} {found[label]['median_ms']:.0f} ms" for label in (*commands.QUICK, "task next") if label in found
    ]
    if quick:
        lines.append("median of a fresh process: " + ", ".join(quick))
    term = results.get("terminal", {})
    starts = [f"{name} {term[name]['median_ms']:.0f} ms" for name in ("bare", "demo", "dooit") if name in term]
    if starts:
        lines.append("start to a full screen in tmux (median): " + ", ".join(starts))
        if "bare" in term:
            ratios = [
                f"{name} {term[name]['median_ms'] / term['bare']['median_ms']:.2f}x"
                for name in ("demo", "dooit")
                if name in term
            ]
            lines.append("  against the bare app in tmux: " + ", ".join(ratios))
    lines += [f"note: {text}" for text in results.get("notes", [])]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh starts per app (default 5)")
    parser.add_argument("--presses", type=int, default=50, help="presses per kind of key (default 50)")
    parser.add_argument("--presses-3000", type=int, default=15, help="presses per kind at 3,000 clients (default 15)")
    parser.add_argument("--edits", type=int, default=10, help="saved edits timed per book (default 10)")
    parser.add_argument("--sizes", default="demo,100,1000,3000", help="books to measure (default all)")
    parser.add_argument("--quick", action="store_true", help="3 starts, 20 presses, no 3,000-client book")
    parser.add_argument("--profile", action="store_true", help="also write pyinstrument profiles (1,000 clients)")
    parser.add_argument("--profile-only", action="store_true", help="only write the profiles")
    parser.add_argument("--code", metavar="DIR", help="measure the acct_tui package in DIR (to compare two versions)")
    parser.add_argument(
        "--patch", action="append", default=[], metavar="NAME", help="apply an experiment of bench/experiments.py"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the command line's timings")
    parser.add_argument("--no-terminal", action="store_true", help="skip the starts in tmux (the peers)")
    parser.add_argument("--no-import", action="store_true", help="skip the CRM import")
    parser.add_argument("--no-sync", action="store_true", help="skip the merge and the team roll-up")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.presses, args.edits = 3, 20, 4
        args.sizes = "demo,100,1000"
    ENV.update(child_env())
    PATCHES.extend(args.patch)
    if args.code:
        ENV["PYTHONPATH"] = os.pathsep.join([str(Path(args.code).resolve()), *filter(None, [ENV.get("PYTHONPATH")])])
    sizes = [s for s in args.sizes.split(",") if s]
    began = time.perf_counter()
    print(f"bench: python {platform.python_version()}, {os.cpu_count()} CPUs; books {', '.join(sizes)}", flush=True)
    compile_bytecode(args.code)
    if args.profile_only:
        print("\n".join(profile_run(make_books(["1000"]), args.presses)))
        return 0
    books = make_books(sizes)
    results: dict[str, Any] = {
        "date": date.today().isoformat(),
        "today": TODAY,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_at_start": os.getloadavg(),
        },
        "code": args.code or str(ROOT),
        "patches": PATCHES,
        "sizes": {name: path.stat().st_size for name, path in books.items()},
    }
    print("start: fresh processes ...", flush=True)
    results["start"] = measure_start(books, args.runs)
    results["floor"] = results["start"].pop("floor")
    print("keys: the bare app ...", flush=True)
    results["bare_keys"] = measure_bare_keys(args.presses)
    results["keys"] = {}
    for name, book in books.items():
        presses = args.presses_3000 if name == "3000" else args.presses
        print(f"keys: {name} ({presses} presses per kind) ...", flush=True)
        results["keys"][name] = measure_keys(book, presses, max(2, args.edits // 2) if name == "3000" else args.edits)
    results["cli"] = {}
    notes: list[str] = []
    if not args.no_cli:
        print("cli: status, --version, --help, check, task next; the book layer ...", flush=True)
        task_next = peers.prepare_taskwarrior()
        if task_next is None:
            notes.append("taskwarrior is not installed (bench/peers.py install): status has no reference")
        task = (task_next, peers.task_env()) if task_next else None
        results["commands"] = commands.measure(ACCT, books, TODAY, ENV, args.runs, task)
        results["cli"] = measure_book_io(books, args.runs)
    if not args.no_terminal:
        print("terminal: bare, demo and dooit in tmux ...", flush=True)
        results["terminal"] = measure_terminal(args.runs)
        if "note" in results["terminal"]:
            notes.append(results["terminal"]["note"])
    print("calendar: a 5 MB calendar ...", flush=True)
    results["calendar"] = measure_calendar(args.runs)
    if "1000" in books:
        print("search: typing in the 1,000-client book ...", flush=True)
        results["search"] = measure_search(books["1000"])
    if not args.no_import:
        print(f"import: a {IMPORT_CONTACTS:,}-row CRM contacts export ...", flush=True)
        results["import"] = measure_import(args.runs)
    if not args.no_sync:
        print("merge: two 1,000-client copies, 100 edits each ...", flush=True)
        results["merge"] = measure_sync_team("merge", args.runs)
        print("team: the roll-up of 10 books of 200 clients ...", flush=True)
        results["team"] = measure_sync_team("team", args.runs)
    results["notes"] = notes
    if args.profile and "1000" in books:
        print("profiles: 1,000 clients ...", flush=True)
        results["profiles"] = profile_run(books, 10)
    results["budgets"] = budgets.check(results)
    results["seconds"] = round(time.perf_counter() - began, 1)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    shutil.rmtree(WORK, ignore_errors=True)
    print()
    print(table(results))
    print()
    for row in results["budgets"]:
        print(f"  {verdict(row['ok']):4}  {row['budget']:50} {row['rule']:22} {row['text']}")
    print(f"\n{results['seconds']:.0f} s; wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
