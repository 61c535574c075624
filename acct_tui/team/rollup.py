"""The roll-up itself: every book read (two at a time, in processes: a book's figures are CPU
work), people sorted by risk, most at risk first, and the books that could not be read."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from acct_tui.team.sources import Read, Refused, Source, gather, read


@dataclass(frozen=True, slots=True)
class Rollup:
    read: list[Read]
    refused: list[Refused]
    workdir: Path | None = None
    """The folder the git remotes were cloned into (its owner removes it when the roll-up ends)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "people": [
                {
                    "name": r.person.name,
                    "source": r.person.source,
                    "risk": r.person.risk,
                    "utilisation_week": r.person.utilisation_week,
                    "utilisation_next_week": r.person.utilisation_next_week,
                    "stress_index": r.person.stress_index,
                    "stress_trend": list(r.person.stress_trend),
                    "sustained_overload": r.person.sustained_overload,
                    "promises_at_risk": list(r.person.promises_at_risk),
                    "renewals_at_risk": list(r.person.renewals_at_risk),
                    "discounts_waiting": [
                        {"client_id": w.client_id, "client": w.client, "combined_pct": w.combined_pct}
                        for w in r.person.discounts_waiting
                    ],
                    "quiet_clients": list(r.person.quiet_clients),
                }
                for r in self.read
            ],
            "refused": [{"source": r.source, "reason": r.reason} for r in self.refused],
        }


def rollup(given: list[str], workdir: Path, today: date, base_settings: dict[str, Any]) -> Rollup:
    sources, refused = gather(given, workdir)
    results = _read_all(sources, today, base_settings)
    found = [r for r in results if isinstance(r, Read)]
    refused += [r for r in results if isinstance(r, Refused)]
    found.sort(key=lambda r: (-r.person.risk, r.person.name.casefold()))
    return Rollup(found, refused, workdir)


def _read_all(sources: list[Source], today: date, base_settings: dict[str, Any]) -> list[Read | Refused]:
    if len(sources) < 3:
        return [read(source, today, base_settings) for source in sources]
    workers = min(len(sources), os.cpu_count() or 1, 4)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(read, source, today, base_settings) for source in sources]
        results: list[Read | Refused] = []
        for source, future in zip(sources, futures, strict=True):
            try:
                results.append(future.result())
            except Exception as err:  # a book that kills its worker stops only itself
                results.append(Refused(source.origin, f"could not be read: {err}"))
        return results
