"""Search as you type at 1,000 clients: building the index, and each keystroke's answer.

    .venv/bin/python bench/search.py [BOOK.json] [--json]

Opens the book (default: a fresh `acct-tui generate --clients 1000` book in a temporary folder),
builds `acct_tui.domain.search.SearchIndex` (median of 3), then types queries one character at a
time, as a person would in the search screen: the names of clients and contacts, task titles,
words of activity summaries and two words that match nothing, picked from the book with a fixed
seed. Each keystroke is one `index.find(text)`, timed in wall and CPU time (a busy machine
inflates CPU time less); p95 and the slowest are reported, against the 50 ms budget. The index's
memory is measured with tracemalloc. `--json` prints one line of JSON for bench/run.py.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from acct_tui.domain.search import SearchIndex
from acct_tui.store.repository import Repository

TODAY = date(2026, 11, 27)
BUDGET_MS = 50.0


def queries(index_book: Repository, seed: int = 7) -> list[str]:
    """What a person would type: names, titles and summary words from the book, and misses."""
    rng = random.Random(seed)
    book = index_book.book

    def pick(table: str, count: int) -> list[str]:
        records = sorted(book.table(table).values(), key=lambda record: record.id)
        return [record.display for record in rng.sample(records, min(count, len(records)))]

    summary_words = [" ".join(text.split()[:2]) for text in pick("activities", 4)]
    return [*pick("clients", 4), *pick("contacts", 3), *pick("tasks", 3), *summary_words, "zqx", "acme renewal"]


def keystrokes(texts: list[str]) -> list[str]:
    """Each query as it grows, one character at a time (a space alone changes nothing: skipped)."""
    typed = []
    for text in texts:
        typed += [text[:end] for end in range(1, len(text) + 1) if not text[:end].endswith(" ")]
    return typed


def measure(path: Path) -> dict[str, float]:
    with Repository.open(path, read_only=True, today=TODAY) as repo:
        gc.freeze()  # as the planner does with the loaded book
        builds = []
        for _ in range(3):
            began = time.perf_counter()
            index = SearchIndex.build(repo.book.snapshot())
            builds.append((time.perf_counter() - began) * 1000)
        gc.collect()
        tracemalloc.start()
        kept = SearchIndex.build(repo.book)
        memory_mb = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()
        del kept
        typed = keystrokes(queries(repo))
        walls, cpus = [], []
        for text in typed:
            began, began_cpu = time.perf_counter(), time.process_time()
            index.find(text)
            walls.append((time.perf_counter() - began) * 1000)
            cpus.append((time.process_time() - began_cpu) * 1000)
        records = sum(len(repo.book.table(kind)) for kind in ("clients", "contacts", "projects", "tasks"))
        records += sum(len(repo.book.table(kind)) for kind in ("activities", "events", "competitors", "staff"))
    walls.sort()
    cpus.sort()
    at95 = max(0, round(len(walls) * 0.95) - 1)
    return {
        "records": records,
        "build_median_ms": statistics.median(builds),
        "index_mb": memory_mb,
        "keystrokes": len(walls),
        "p95_ms": walls[at95],
        "max_ms": walls[-1],
        "median_ms": statistics.median(walls),
        "cpu_p95_ms": cpus[at95],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", nargs="?", help="a book file (default: generate 1,000 clients)")
    parser.add_argument("--json", action="store_true", help="print one line of JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="acct-bench-search-") as folder:
        path = Path(args.book) if args.book else Path(folder) / "book.json"
        if not args.book:
            acct = str(Path(sys.executable).parent / "acct-tui")
            command = [acct, "--today", TODAY.isoformat(), "generate", "--clients", "1000", "-o", str(path)]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        found = measure(path)
    if args.json:
        print(json.dumps(found))
        return 0
    print(
        f"{found['records']:,} records: index built in {found['build_median_ms']:.0f} ms "
        f"(median of 3), {found['index_mb']:.1f} MB\n"
        f"{found['keystrokes']} keystrokes: median {found['median_ms']:.1f} ms, p95 {found['p95_ms']:.1f} ms "
        f"(CPU {found['cpu_p95_ms']:.1f}), slowest {found['max_ms']:.1f} ms; budget {BUDGET_MS:.0f} ms at p95: "
        f"{'pass' if found['p95_ms'] <= BUDGET_MS else 'MISS'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
