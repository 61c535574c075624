"""A/B runs of the experiments of bench/experiments.py against the code as it is, interleaved.

    .venv/bin/python bench/ab.py [--book 1000] [--runs 7] [--presses 20] [--edits 10] NAME...

For acct_tui.tuning's knobs: each NAME leaves one knob out (`gc_on_at_start`, ...). The
configurations take turns run by run, so a busy machine slows them alike, and the figures that
load cannot blur are printed beside the times: how many collections the GC ran during the start
and how long they took, the GC inside key presses. It writes bench/books/ab.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
from typing import Any

import run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+", metavar="NAME")
    parser.add_argument("--book", default="1000", choices=list(run.SIZES))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    run.ENV.update(run.child_env())
    run.compile_bytecode(None)
    book = run.make_books([args.book])[args.book]
    configs = ["base", *args.names]
    found: dict[str, dict[str, Any]] = {name: {"start_ms": [], "gc_at_start": [], "keys": []} for name in configs}
    for _ in range(args.runs):
        for name in configs:
            patches = [] if name == "base" else [name]
            config = {"mode": "start", "app": "acct", "book": str(run.fresh_copy(book)), "today": run.TODAY}
            result = run.run_child({**config, "patches": patches})
            found[name]["start_ms"].append(run.ms(result["frame_ns"] - result["launch_ns"]))
            found[name]["gc_at_start"].append(result["gc_runs"])
    for _ in range(2):
        for name in configs:
            run.PATCHES[:] = [] if name == "base" else [name]
            found[name]["keys"].append(run.measure_keys(book, args.presses, args.edits))
    print(f"{'':34}" + "".join(f"{name[:22]:>24}" for name in configs))
    for label, value in rows(found, configs):
        print(f"{label:34}" + "".join(f"{value(found[name]):>24}" for name in configs))
    (run.BOOKS / "ab.json").write_text(json.dumps(found, indent=1))


def rows(found: dict[str, dict[str, Any]], configs: list[str]) -> list[tuple[str, Any]]:
    def start(entry: dict[str, Any]) -> str:
        return f"{statistics.median(entry['start_ms']):.0f} (min {min(entry['start_ms']):.0f})"

    def gc_start(generation: str) -> Any:
        def cell(entry: dict[str, Any]) -> str:
            runs = [r.get(generation, [0, 0.0]) for r in entry["gc_at_start"]]
            return f"{statistics.median(r[0] for r in runs):.0f} x, {statistics.median(r[1] for r in runs):.0f} ms"

        return cell

    def key(kind: str, field: str) -> Any:
        def cell(entry: dict[str, Any]) -> str:
            values = [k["keys"][kind][field] for k in entry["keys"]]
            return " / ".join(f"{v:.0f}" for v in values)

        return cell

    def gc_keys(entry: dict[str, Any]) -> str:
        cells = []
        for k in entry["keys"]:
            spans = k.get("spans") or {}
            total = sum(spans.get(g, {}).get("total_ms", 0) for g in ("gc0", "gc1", "gc2"))
            worst = max((spans.get(g, {}).get("max_ms", 0) for g in ("gc0", "gc1", "gc2")), default=0)
            cells.append(f"{total:.0f}/{worst:.0f}")
        return " ; ".join(cells)

    def saved(field: str) -> Any:
        def cell(entry: dict[str, Any]) -> str:
            return " / ".join(f"{k['saved_edit'][field]:.0f}" for k in entry["keys"] if k["saved_edit"])

        return cell

    table: list[tuple[str, Any]] = [("start, median (min) ms", start)]
    table += [(f"  GC {g} at start: runs, ms", gc_start(g)) for g in ("gc0", "gc1", "gc2")]
    table += [(f"{kind} p95 ms (each run)", key(kind, "p95_ms")) for kind in run.KEY_KINDS]
    table += [("GC in key runs: total/worst ms", gc_keys)]
    table += [("peak RSS in key runs, MB", lambda entry: " / ".join(f"{k['peak_rss_mb']:.0f}" for k in entry["keys"]))]
    table += [
        ("edit on disk, median ms", saved("to_disk_median_ms")),
        ("edit on disk, max ms", saved("to_disk_max_ms")),
        ("save's write thread, median ms", saved("write_thread_median_ms")),
        ("worst UI stall in a save, ms", saved("worst_stall_during_save_ms")),
    ]
    return table


if __name__ == "__main__":
    main()
