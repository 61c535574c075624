"""Validation errors in words a person understands, each tied to the field it is about.

Forms show these under the field, `check` and `import` print them with the record or row; all
three use `field_errors`, so a problem reads the same wherever it is found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from acct_tui.domain import types


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field ("" when it is about the record as a whole)."""

    field: str
    message: str
    value: str | None = None
    """The offending input, shortened, for messages outside a form (check, import)."""

    def __str__(self) -> str:
        text = f"{self.field}: {self.message}" if self.field else self.message
        return f"{text} (got {self.value})" if self.value is not None else text


_PATTERN_WORDS = {
    types.ONE_LINE_PATTERN: "must be one line, without control characters",
    types.MULTI_LINE_PATTERN: "must not contain control characters",
    types.EMAIL_PATTERN: "is not an e-mail address (expected name@example.com)",
    types.PHONE_PATTERN: "may hold only digits, spaces and + ( ) . / -",
    types.ISO_WEEK_PATTERN: "is not an ISO week (expected 2026-W48)",
    types.TIME_OF_DAY_PATTERN: "is not a time of day (expected HH:MM, such as 09:00)",
    types.EXTERNAL_ID_PATTERN: "is not an external id (expected the program's name, a colon and its id: hubspot:12345)",
    r"^[A-Z]{3}$": "is not a three-letter currency code (such as EUR)",
}


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe(error: ErrorDetails) -> str:
    """One pydantic error as a short sentence, without the field name."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "string_pattern_mismatch":
        return _PATTERN_WORDS.get(str(ctx.get("pattern")), "has a form that is not allowed")
    if kind.endswith("_type") and error.get("input") is None:
        return "is required"
    if kind in ("missing", "string_too_short") and ctx.get("min_length", 1) == 1:
        return "is required"
    if kind == "string_too_short":
        return f"needs at least {ctx['min_length']} characters"
    if kind == "string_too_long":
        return f"is too long (at most {ctx['max_length']} characters)"
    if kind in ("too_long",):
        return f"has too many entries (at most {ctx.get('max_length')})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {_number(ctx.get('ge', ctx.get('gt')))}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {_number(ctx.get('le', ctx.get('lt')))}"
    if kind == "enum":
        return f"must be one of: {ctx.get('expected', '').replace(chr(39), '')}"
    if kind.startswith(("date", "datetime")):
        return "is not a date (expected YYYY-MM-DD)" if kind.startswith("date_") else "is not a date and time"
    if kind in ("int_parsing", "int_from_float", "float_parsing", "int_type", "float_type"):
        return "is not a number" if kind != "int_from_float" else "must be a whole number"
    if kind == "finite_number":
        return "must be a finite number"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "is not a known field"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "bool_parsing":
        return "must be yes or no"
    return str(error["msg"])


def _field(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _shown(value: Any) -> str | None:
    if isinstance(value, dict | list | tuple) or value is None:
        return None
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


_VALIDATORS = frozenset({"value_error", "assertion_error"})
"""The errors of the records' own validators, which may weigh several fields at once."""


def field_errors(
    err: ValidationError, *, skip: int = 0, with_values: bool = False, own_only: bool = False
) -> list[FieldError]:
    """Every error in `err`, located by its field path (less the first `skip` parts); with
    `own_only`, only those of each field's own constraints (required, a range, a pattern...)."""
    return [
        FieldError(_field(e["loc"][skip:]), describe(e), _shown(e.get("input")) if with_values else None)
        for e in err.errors(include_url=False)
        if not (own_only and e["type"] in _VALIDATORS)
    ]
