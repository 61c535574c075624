"""Money: one formatter for every amount, in its own currency, and totals that never mix currencies."""

from __future__ import annotations

from acct_tui.domain.money import money, money_totals, totals


def test_one_amount_short_on_screen_and_exact_in_reports() -> None:
    assert [money(v, "EUR") for v in (950, 1250, 12_400, 120_000, 1_250_000)] == [
        "€950",
        "€1.2k",  # 1.25 rounds half to even at one decimal
        "€12k",
        "€120k",
        "€1.25M",
    ]
    assert (money(120_000, "USD"), money(500, "CHF")) == ("$120k", "500 CHF")
    assert money(240000.0, "EUR", exact=True) == "240,000 EUR"
    assert money(1234.5, "USD", exact=True) == "1,234.50 USD"


def test_totals_are_kept_per_currency() -> None:
    found = totals([("EUR", 50_000), ("USD", 120_000), ("EUR", 70_000), ("GBP", 0)])
    assert found == {"EUR": 120_000, "USD": 120_000, "GBP": 0}
    # The book's currency first, then by code; a currency with nothing is left out.
    assert money_totals(found, "USD") == "$120k + €120k"
    assert money_totals(found, "EUR") == "€120k + $120k"
    assert money_totals({}, "EUR") == "€0"
    assert money_totals({"EUR": 1234.5}, "EUR", exact=True) == "1,234.50 EUR"
