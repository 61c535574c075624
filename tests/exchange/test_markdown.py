"""Markdown: user text escaped, tables aligned, and the book summary (a golden file)."""

from __future__ import annotations

from acct_tui.domain.records import Client
from acct_tui.exchange.export_markdown import summary
from acct_tui.exchange.markdown import escape, table
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.exchange.helpers import assert_golden


def test_escape_keeps_user_text_from_becoming_markdown() -> None:
    assert escape("*Acme* [beta](http://x) <b>|_`~") == r"\*Acme\* \[beta\](http://x) \<b\>\|\_\`\~"
    assert escape("1. Bank") == r"1\. Bank"
    assert escape("- dash\nand  more") == r"\- dash and more"
    assert escape("# heading") == r"\# heading"
    assert escape("Plain: text, 50% off (ok)") == "Plain: text, 50% off (ok)"


def test_table_pads_and_aligns() -> None:
    assert table(["Name", "n"], [["Acme|Co", "7"], ["B", "12"]], right=(1,)) == [
        "| Name     |   n |",
        "| -------- | --: |",
        r"| Acme\|Co |   7 |",
        "| B        |  12 |",
    ]


def test_summary_of_the_demo_book(demo_repo: Repository) -> None:
    assert_golden("summary.md", summary(demo_repo.book, TODAY))


def test_summary_escapes_names(repo: Repository) -> None:
    repo.clients.add(Client(name="[Evil](http://x) *Co*", tier="key"))
    text = summary(repo.book, TODAY)
    assert r"| \[Evil\](http://x) \*Co\* |" in text
    assert "### Key (1)" in text
