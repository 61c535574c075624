"""FixedText: shows text as written and repaints only itself (no layout of the whole screen)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.content import Content

from acct_tui.ui.widgets.fixed_text import FixedText


class _One(App[None]):
    CSS = "FixedText { height: 1; }"

    def compose(self) -> ComposeResult:
        yield FixedText("start", id="line")


async def test_an_update_repaints_without_a_layout_and_keeps_markup_literal(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _One()
    async with app.run_test(size=(40, 3)) as pilot:
        line = app.query_one(FixedText)
        calls: list[dict[str, Any]] = []
        original = line.refresh

        def spy(*regions: Any, **kwargs: Any) -> Any:
            calls.append(kwargs)
            return original(*regions, **kwargs)

        monkeypatch.setattr(line, "refresh", spy)
        line.update(Content("[b]x[/b] [@click=app.quit]q[/]"))
        await pilot.pause()
        assert calls and not any(call.get("layout") for call in calls)
        assert line.render_line(0).text.rstrip() == "[b]x[/b] [@click=app.quit]q[/]"

        calls.clear()
        line.update(Content("[b]x[/b] [@click=app.quit]q[/]"))
        assert calls == [], "the same text again draws nothing"
        line.update("")
        await pilot.pause()
        assert line.render_line(0).text.strip() == ""
