"""Money: every amount in its record's currency, and totals kept per currency.

A client's contract is in the client's currency, and so is the value of its projects; amounts in
different currencies are never added together (there are no exchange rates in a book): a total
is one amount per currency, written "€120k + $80k". The same formatter writes every amount on
screen (short: "€120k") and in reports and exports (exact: "120,000 EUR").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Totals = dict[str, float]
"""Currency code -> amount."""

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "VND": "₫"}


def money(value: float, currency: str, *, exact: bool = False) -> str:
    """One amount: short for screens (120000 EUR -> "€120k", 1250000 -> "€1.25M", 950 CHF -> "950
    CHF"), or `exact` for reports ("120,000 EUR", cents only when there are any)."""
    if exact:
        amount = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        return f"{amount} {currency}"
    if value >= 1_000_000:
        amount = f"{value / 1_000_000:.2f}".rstrip("0").rstrip(".") + "M"
    elif value >= 10_000:
        amount = f"{value / 1000:.0f}k"
    elif value >= 1000:
        amount = f"{value / 1000:.1f}".rstrip("0").rstrip(".") + "k"
    else:
        amount = f"{value:.0f}"
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def totals(amounts: Iterable[tuple[str, float]]) -> Totals:
    """(currency, amount) pairs added up per currency."""
    found: Totals = {}
    for currency, value in amounts:
        found[currency] = found.get(currency, 0.0) + value
    return found


def money_totals(found: Mapping[str, float], default_currency: str, *, exact: bool = False) -> str:
    """Totals per currency, the book's own currency first, then by code: "€120k + $80k"; nothing at
    all is 0 in `default_currency` (amounts of two currencies cannot be compared to order them)."""
    shown = sorted(((c, v) for c, v in found.items() if v), key=lambda item: (item[0] != default_currency, item[0]))
    if not shown:
        return money(0, default_currency, exact=exact)
    return " + ".join(money(value, currency, exact=exact) for currency, value in shown)
