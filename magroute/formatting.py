"""Numbers, times and cells as text, in one place.

Two audiences, two kinds of function:

* files (CSV, JSON) that a program reads back: `exact_number`, `exact_coord`, `exact_km`,
  `iso_time` write text that parses back to the same value;
* people (the terminal, summaries, manifests, charts, reasons): `grouped` and `inr` round and
  group digits the Indian way, 12,34,567.8 and ₹12,34,568.

Every CSV cell we write passes `neutralise_cell` (spreadsheets must not run a site name as a
formula) and our readers undo it with `restore_cell`.
"""

from __future__ import annotations

import math
import re
import warnings
from datetime import datetime, tzinfo
from decimal import Decimal

# ---------------------------------------------------------------- for files


def exact_number(x: float, decimals: int) -> str:
    """`x` with `decimals` decimals, or more if needed for the text to read back as `x`."""
    x = float(x)
    if not math.isfinite(x):
        return repr(x)
    for d in range(decimals, 18):
        text = f"{x:.{d}f}"
        if float(text) == x:
            return text
    return repr(x)


def exact_optional(x: float | None, decimals: int) -> str:
    """`exact_number`, or '' for None."""
    return "" if x is None else exact_number(x, decimals)


def exact_coord(x: float) -> str:
    """A latitude or longitude, shortest text that reads back exactly."""
    return repr(float(x))


def exact_km(metres: int) -> str:
    """Whole metres as kilometres with exactly 3 decimals, so they read back to the metre."""
    return f"{Decimal(int(metres)) / 1000:.3f}"


def iso_time(moment: datetime | None, tz: tzinfo) -> str:
    """Local ISO 8601 with offset, to the second; '' for None. Plans are made to the second,
    so a sub-second part is dropped with a warning; a naive time is a bug, not a format."""
    if moment is None:
        return ""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment} in a plan; plan times must be tz-aware")
    if moment.microsecond:
        warnings.warn(f"plan time {moment.isoformat()} written to the second", stacklevel=3)
    return moment.astimezone(tz).isoformat(timespec="seconds")


# ---------------------------------------------------------------- for people


def group_indian(digits: str) -> str:
    """'1234567' -> '12,34,567' (lakh/crore grouping)."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs: list[str] = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail])


def grouped(x: float, decimals: int = 1) -> str:
    """A number rounded to `decimals` with Indian grouping: 12,345.6; 1,23,45,678."""
    text = f"{abs(x):.{decimals}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if x < 0 and float(text) != 0 else ""
    return sign + group_indian(whole) + (f".{frac}" if frac else "")


def inr(amount: float | None, decimals: int = 0, *, missing: str = "–") -> str:
    """'₹12,34,568' (Indian grouping, rounded to `decimals`); `missing` for None or NaN."""
    if amount is None or not math.isfinite(amount):
        return missing
    text = f"{abs(amount):.{decimals}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if amount < 0 and float(text) != 0 else ""
    return f"{sign}₹{group_indian(whole)}" + (f".{frac}" if frac else "")


# ---------------------------------------------------------------- spreadsheet-safe cells

# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection");
# tab and carriage return start one in some programs too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would run it as a formula.

    Plain numbers (``-12.5``) are left alone so numeric columns stay numeric; anything else
    starting with ``= + - @``, a tab or a carriage return gets the apostrophe, which
    spreadsheets show as text and do not display.
    """
    if not text or not text.startswith(FORMULA_STARTS) or _NUMBER.fullmatch(text):
        return text
    return "'" + text


def restore_cell(text: str) -> str:
    """The inverse of `neutralise_cell`, for readers of our own CSV files."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) \
            and not _NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text
