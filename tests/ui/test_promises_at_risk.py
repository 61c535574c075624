"""The promises at risk list (`A`): dropping one needs a reason, which goes on the client's timeline."""

from __future__ import annotations

from pathlib import Path

from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.at_risk import AtRiskScreen
from tests.ui.conftest import read_book, running


async def test_a_promise_is_dropped_only_with_a_reason_kept_on_the_clients_timeline(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("A")
        assert isinstance(ui.screen, AtRiskScreen)
        await ui.cursor_to("#list-rows", lambda row: row.record.client_id is not None)
        task = ui.screen.query_one("#list-rows").current.record  # type: ignore[attr-defined]
        await ui.press("X")
        assert isinstance(ui.screen, FormScreen)
        await ui.press("ctrl+s")  # no reason
        assert isinstance(ui.screen, FormScreen)
        assert (
            " ".join(ui.error("reason").split())
            == "is required: the client's timeline keeps why the promise was dropped"
        )
        assert task.id in read_book(demo_path)["tasks"]  # nothing written
        await ui.fill("reason", "agreed with Lan: not needed this year")
        await ui.press("ctrl+s")
        await ui.settle()
        assert isinstance(ui.screen, AtRiskScreen)
    on_disk = read_book(demo_path)
    assert task.id not in on_disk["tasks"]
    notes = [a["summary"] for a in on_disk["activities"].values() if a["client_id"] == task.client_id]
    assert any(
        n.startswith(f"Dropped {task.title}") and n.endswith(": agreed with Lan: not needed this year") for n in notes
    )
