"""Read a TOML file and check its tables key by key, recording problems instead of raising.

TOML problems name the place as the file's own syntax does: `column` is the table header plus
the key, e.g. "[types.ace] payload_kg" or "[inputs] sites" (top-level keys have no header), so a
user can search the file for it. For arrays of tables (`[[fleet]]`) `row` is the 1-based entry.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from magroute.domain.limits import Limit
from magroute.domain.yields import Range
from magroute.errors import InputProblem
from magroute.inputs.table import file_exists, number_expected

_MISSING: Any = object()


def read_toml(path: Path, problems: list[InputProblem]) -> dict[str, Any] | None:
    """Parse a TOML file; None (after recording why) if it is missing or not valid TOML."""
    path = Path(path)
    file = path.name
    if not file_exists(path, problems):
        return None
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.append(InputProblem(
            file, f"cannot read the file: not UTF-8 text (bad byte at offset {exc.start})",
            expected="a TOML text file"))
    except tomllib.TOMLDecodeError as exc:
        # The parser's message ends with "(at line L, column C)".
        problems.append(InputProblem(file, f"not valid TOML: {exc}",
                                     expected="TOML syntax, see https://toml.io"))
    except OSError as exc:
        problems.append(InputProblem(file, f"cannot read the file: {exc}"))
    return None


def _is_number(value: object) -> bool:
    # bool is an int subclass in Python, but `payload_kg = true` is certainly a mistake.
    return isinstance(value, int | float) and not isinstance(value, bool)


def unknown_key_hint(key: str, allowed: Collection[str]) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(slots=True)
class TomlTable:
    """One TOML table being converted; getters return None for bad values (already reported)."""

    file: str
    header: str  # "[types.ace]", "[[fleet]]" or "" for the top level
    data: Mapping[str, Any]
    problems: list[InputProblem]
    row: int | None = None
    bad: bool = field(default=False)

    def column(self, key: str) -> str:
        return f"{self.header} {key}".strip()

    def report(self, key: str | None, message: str, value: object = None,
               expected: str | None = None) -> None:
        self.bad = True
        column = self.column(key) if key is not None else (self.header or None)
        self.problems.append(InputProblem(self.file, message, self.row, column, value, expected))

    def check_keys(self, allowed: Collection[str]) -> None:
        """Report every key not in `allowed`; typos must not pass silently."""
        for key in self.data:
            if key not in allowed:
                self.report(key, f"unknown key{unknown_key_hint(key, allowed)}", None,
                            f"one of: {', '.join(allowed)}")

    def free_text(self, key: str) -> None:
        """Check an optional free-text key (such as `source`) that the reader otherwise ignores."""
        if key in self.data and not isinstance(self.data[key], str):
            self.report(key, "not a string", self.data[key], "free text in quotes")

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, default: Any, expected: str) -> Any:
        if key not in self.data:
            if default is _MISSING:
                self.report(key, "required key is missing", expected=expected)
            return default if default is not _MISSING else None
        return self.data[key]

    def text(self, key: str, *, default: Any = _MISSING) -> str | None:
        value = self._get(key, default, "a string")
        if key in self.data and (not isinstance(value, str) or not value.strip()):
            self.report(key, "not a non-empty string", value, 'a quoted string, e.g. "abc"')
            return None
        return value

    def number(self, key: str, *, minimum: float | None = None, positive: bool = False,
               maximum: float | None = None, default: Any = _MISSING,
               limit: Limit | None = None) -> float | None:
        """A finite number; `limit` (a physical range) replaces minimum/positive/maximum."""
        if limit is not None:
            minimum, maximum = limit.low, limit.high
            positive = not limit.low_inclusive
        expected = limit.expected() if limit else number_expected(minimum, positive)
        if maximum is not None and limit is None:
            expected += f" and <= {maximum:g}"
        value = self._get(key, default, expected)
        if key not in self.data:
            return value
        if not _is_number(value) or not math.isfinite(value):
            self.report(key, "not a number", value, expected)
            return None
        if ((positive and value <= 0) or (minimum is not None and value < minimum)
                or (maximum is not None and value > maximum)):
            self.report(key, "number out of range", value, expected)
            return None
        return float(value)

    def integer(self, key: str, *, minimum: int | None = 0,
                default: Any = _MISSING, limit: Limit | None = None) -> int | None:
        """A whole number >= `minimum`, inside `limit` (a physical range) when given."""
        expected = "a whole number" + (f" >= {minimum}" if minimum is not None else "")
        if limit is not None:
            expected = limit.expected(whole=True)
        value = self._get(key, default, expected)
        if key not in self.data:
            return value
        if not isinstance(value, int) or isinstance(value, bool):
            self.report(key, "not a whole number", value, expected)
            return None
        if (minimum is not None and value < minimum) or (
                limit is not None and not limit.holds(value)):
            self.report(key, "number out of range", value, expected)
            return None
        return value

    def table(self, key: str, *, required: bool = True, header: str | None = None,
              row: int | None = None) -> TomlTable | None:
        """A sub-table; an absent optional one comes back empty."""
        name = header or f"[{key}]"
        if key not in self.data:
            if required:
                self.report(key, f"table {name} is missing", expected=f"a {name} table")
                return None
            return TomlTable(self.file, name, {}, self.problems, row)
        value = self.data[key]
        if not isinstance(value, Mapping):
            self.report(key, f"{name} must be a table", value, f"a {name} table")
            return None
        return TomlTable(self.file, name, value, self.problems, row)

    def string_list(self, key: str, *, choices: Collection[str] | None = None,
                    default: Any = _MISSING) -> tuple[str, ...] | None:
        expected = "a list of strings" + (f" from: {', '.join(choices)}" if choices else "")
        value = self._get(key, default, expected)
        if key not in self.data:
            return value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.report(key, "not a list of strings", value, expected)
            return None
        if choices is not None:
            unknown = [v for v in value if v not in choices]
            if unknown:
                self.report(key, f"unknown value{'s' if len(unknown) > 1 else ''}", unknown,
                            f"values from: {', '.join(choices)}")
                return None
        return tuple(value)

    def range(self, key: str, *, maximum: float | None = None, top_level: bool = False,
              default: Any = _MISSING, limit: Limit | None = None) -> Range | None:
        """`{ expected = .., low = .., high = .. }` (a bare number means low = expected = high).

        With `top_level` the three keys sit directly in this table (as in `[recovery]`).
        """
        expected = "{ expected = x, low = l, high = h } with 0 <= l <= x <= h"
        if limit is not None:
            maximum = limit.high
            expected += f" <= {limit.at_most()}"
        elif maximum is not None:
            expected += f" <= {maximum:g}"
        value: Any
        if top_level:
            value = self.data
        else:
            value = self._get(key, default, expected)
            if key not in self.data:
                return value
            if _is_number(value):
                value = {"expected": value, "low": value, "high": value}
            if not isinstance(value, Mapping):
                self.report(key, "not a range", value, expected)
                return None
        parts: dict[str, float] = {}
        for part in ("expected", "low", "high"):
            name = part if top_level else f"{key}.{part}"
            if part not in value:
                self.report(name, "required key is missing", expected=expected)
            elif not _is_number(value[part]) or not math.isfinite(value[part]):
                self.report(name, "not a number", value[part], expected)
            elif value[part] < 0 or (maximum is not None and value[part] > maximum):
                self.report(name, "number out of range", value[part], expected)
            else:
                parts[part] = float(value[part])
        if not top_level:
            for k in value:
                if k not in ("expected", "low", "high"):
                    self.report(f"{key}.{k}", "unknown key", None, "expected, low, high")
        if len(parts) < 3:
            return None
        if not parts["low"] <= parts["expected"] <= parts["high"]:
            self.report(key if not top_level else None,
                        "range is out of order (needs low <= expected <= high)",
                        f"low={parts['low']:g}, expected={parts['expected']:g}, "
                        f"high={parts['high']:g}", expected)
            return None
        return Range(parts["expected"], parts["low"], parts["high"])
