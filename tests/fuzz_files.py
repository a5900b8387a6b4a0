"""Hypothesis strategies that break input files the way people and programs break them.

A mutation is applied to the text of one file of a valid data set: a cell set to a value that
is valid, subtly invalid (a unit slip, a thousands separator, `nan`, a Devanagari digit) or
absurd (`1e30`, a point in the Bay of Bengal); a column dropped or renamed; a row repeated or
cut off; a TOML value replaced or a line deleted; a file truncated mid-line or replaced by
binary garbage. Used by tests/cli/test_fuzz_inputs.py for every file the CLI reads.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

PLAUSIBLE_CELLS = (
    "0", "1", "3", "12", "250.5", "", "Mon-Sat", "daily", "Mon,Wed,Fri", "09:00", "18:00",
    "yes", "no", "28.61", "77.21", "2026-11-22", "2026-11-23", "S001", "S002", "lcv", "hcv",
    "scrap_yard", "informal_ewaste", "ndfeb_hdd", "0.5", "40", "400", "4000", "Tue-Sun",
    "06:00", "20:30", "28.45", "77.69", "26.91", "75.79",
)
WRONG_CELLS = (
    # subtly wrong
    "-1", "-0.0", "1,000", "0x1F", " 7 ", "\u096d", "1_000", "2.5e3", "25:00", "24:00",
    "18:00-09:00", "Mon-Mon", "Funday", "maybe", "NULL", "None", "true", '"', '""', "=1+1",
    "\u200b", "28,61", "77.2.1", "2026-02-30", "23/11/2026", "S00l",
    # absurd
    "1e30", "1e309", "-1e30", "nan", "NaN", "inf", "-inf", "99999999999999999999999",
    "1e-320", "23.81", "90.41", "15.0", "88.0", "91", "-181", "0.000001", "a" * 300,
)
PLAUSIBLE_TOML = ("0", "1", "2", "1.5", "3", "10", "100", "0.9", "1500", '"SKD"', "true")
WRONG_TOML = (
    "-1", "-0.5", "1e30", "nan", "inf", "-inf", "100000000", "0.0001",
    '"x"', '""', "true", "[]", "{}", "[[10, 20]]", '"07:00"', '"25:00"', "1979-05-27",
    '{ expected = 1, low = 2, high = 0 }', '{ expected = 1e30, low = 0, high = 1e30 }', "",
    '"../nowhere.csv"', "9223372036854775808",
)
GARBAGE = ("\x00\x01\x02", "\ufffd\ufffd", "<html><body>502 Bad Gateway</body></html>", "{}")


@dataclass(frozen=True)
class Mutation:
    """One change to one file's text; `describe` says what, for hypothesis's failure report."""

    file: str
    describe: str
    apply: Callable[[str], str]

    def __repr__(self) -> str:
        return f"{self.file}: {self.describe}"


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


# Values that fit the column they go in, by header: without them most examples would stop at
# validation and never reach the solver, the checker or the writers.
FITTING = {
    "qty_desktop_hdd": ("0", "5", "120", "4000", ""), "qty_ceiling_fan": ("0", "7", "300", ""),
    "gross_weight_kg": ("0", "12.5", "300", "2500", "9000", ""),
    "lat": ("28.61", "28.45", "26.91", "28.70", "27.18"),
    "lon": ("77.21", "77.69", "75.79", "77.10", "78.01"),
    "open_days": ("Mon-Sat", "daily", "Tue-Sun", "Mon,Wed,Fri", "Sun"),
    "receiving_days": ("Mon-Sat", "daily", "Mon-Fri"),
    "open_time": ("06:00", "09:00", "10:30", "13:00"), "receiving_open": ("06:00", "08:00"),
    "close_time": ("14:00", "18:00", "20:30"), "receiving_close": ("18:00", "22:00"),
    "must_collect": ("yes", "no", ""), "unload_minutes": ("15", "45", "90"),
    "site_type": ("informal_ewaste", "ewaste_dismantler", "scrap_yard", "motor_rewinding",
                  "ev_service"),
    "pincode": ("110053", "201301", "", "302001"), "contact": ("", "98100 00001", "n/a"),
    "site_id": ("S001", "S002", "S003"), "request_id": ("Q9", "Q10", "R-1"),
    "date_ready": ("2026-11-20", "2026-11-23", "2026-12-01"),
    "latest_date": ("", "2026-11-23", "2026-11-30"), "confirmation": ("confirmed", "unconfirmed", ""),
    "received_kg": ("0", "12.5", "150", "700"), "weighed_at": ("", "2026-11-23T18:00"),
    "note": ("", "wet", "two slips"), "name": ("Seelampur yard", "", "नया कबाड़"),
}


def _set_cell(row: int, col: int, value: str | int) -> Callable[[str], str]:
    """`value` an int: the value of FITTING for the cell's column (any plausible one else)."""
    def apply(text: str) -> str:
        rows = _rows(text)
        fitting = isinstance(value, int) and len(rows) > 1  # a data row, not the id column
        r = rows[1 + (row - 1) % (len(rows) - 1) if fitting else row % len(rows)] if rows else []
        if r:
            c = 1 + (col - 1) % (len(r) - 1) if fitting and len(r) > 1 else col % len(r)
            if isinstance(value, int):
                name = rows[0][c] if c < len(rows[0]) else ""
                choices = FITTING.get(name, PLAUSIBLE_CELLS)
                r[c] = choices[value % len(choices)]
            else:
                r[c] = value
        return _csv(rows)
    return apply


def _structural(kind: str, k: int) -> Callable[[str], str]:
    def apply(text: str) -> str:
        rows = _rows(text)
        if not rows:
            return text
        header, body = rows[0], rows[1:]
        i = k % len(header)
        if kind == "drop column":
            rows = [r[:i] + r[i + 1:] for r in rows]
        elif kind == "rename column":
            rows[0] = header[:i] + [header[i].upper() + "x"] + header[i + 1:]
        elif kind == "repeat row" and body:
            rows.append(list(body[k % len(body)]))
        elif kind == "header only":
            rows = [header]
        elif kind == "extra column":
            rows = [rows[0] + ["comment"]] + [r + ["x"] for r in body]
        elif kind == "short row" and body:
            j = 1 + k % len(body)
            rows[j] = rows[j][: max(1, len(rows[j]) - 2)]
        elif kind == "blank lines":
            return text.replace("\n", "\n\n", 2)
        elif kind == "bom and crlf":
            return "\ufeff" + text.replace("\n", "\r\n")
        elif kind == "semicolons":
            return text.replace(",", ";")
        return _csv(rows)
    return apply


def _truncate(share: float) -> Callable[[str], str]:
    return lambda text: text[: int(len(text) * share)]


def _garbage(junk: str) -> Callable[[str], str]:
    return lambda text: junk


_TOML_VALUE = re.compile(r"(?m)^(\s*[\w.\"-]+\s*=\s*)(.+)$")


def _toml_value(k: int, value: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        found = list(_TOML_VALUE.finditer(text))
        if not found:
            return text
        m = found[k % len(found)]
        return text[: m.start(2)] + value + text[m.end(2):]
    return apply


def _drop_line(k: int) -> Callable[[str], str]:
    def apply(text: str) -> str:
        lines = text.splitlines()
        if lines:
            del lines[k % len(lines)]
        return "\n".join(lines) + "\n"
    return apply


STRUCTURAL = ("drop column", "rename column", "repeat row", "header only", "extra column",
              "short row", "blank lines", "bom and crlf", "semicolons")


def csv_mutations(file: str) -> st.SearchStrategy[Mutation]:
    """Mutations of a CSV file, cell edits six times as likely as the rest."""
    index = st.integers(0, 1_000)
    # Half the values fit their column, so that many examples get past validation.
    values = st.one_of(st.integers(0, 20), st.integers(0, 20), st.sampled_from(PLAUSIBLE_CELLS),
                       st.sampled_from(WRONG_CELLS), st.text(max_size=8))
    cell = st.builds(lambda r, c, v: Mutation(file, f"row {r % 1000}, col {c}: "
                                                    f"{'fitting' if isinstance(v, int) else v[:20]!r}",
                                               _set_cell(1 + r, c, v)), index, index, values)
    other = st.one_of(
        st.builds(lambda kind, k: Mutation(file, f"{kind} ({k})", _structural(kind, k)),
                  st.sampled_from(STRUCTURAL), index),
        st.builds(lambda s: Mutation(file, f"truncated at {s:.0%}", _truncate(s)),
                  st.floats(0, 0.99)),
        st.builds(lambda g: Mutation(file, f"replaced by {g[:12]!r}", _garbage(g)),
                  st.sampled_from(GARBAGE)),
    )
    return st.one_of(cell, cell, cell, cell, cell, cell, other)


def toml_mutations(file: str) -> st.SearchStrategy[Mutation]:
    """Mutations of a TOML file: a value replaced (mostly), a line deleted, truncation."""
    index = st.integers(0, 1_000)
    value = st.builds(lambda k, v: Mutation(file, f"value {k} = {v[:30]!r}", _toml_value(k, v)),
                      index, st.sampled_from(PLAUSIBLE_TOML) | st.sampled_from(WRONG_TOML))
    return st.one_of(
        value, value, value, value, value,
        st.builds(lambda k: Mutation(file, f"line {k} deleted", _drop_line(k)), index),
        st.builds(lambda s: Mutation(file, f"truncated at {s:.0%}", _truncate(s)),
                  st.floats(0, 0.99)),
    )


def fitting_mutations(csv_files: tuple[str, ...], max_size: int = 4
                      ) -> st.SearchStrategy[list[Mutation]]:
    """Only values that fit their column, on data rows and never an id: inputs that must plan."""
    def one(file: str) -> st.SearchStrategy[Mutation]:
        return st.builds(lambda r, c, v: Mutation(file, f"row {r}, col {c}: fitting {v}",
                                                   _set_cell(r, c, v)),
                         st.integers(1, 3), st.integers(1, 40), st.integers(0, 20))
    return st.lists(st.one_of(*(one(f) for f in csv_files)), min_size=1, max_size=max_size)


def mutations(csv_files: tuple[str, ...], toml_files: tuple[str, ...] = (),
              max_size: int = 2) -> st.SearchStrategy[list[Mutation]]:
    """No change at all (the valid data set) is one of the examples too."""
    one = st.one_of(*(csv_mutations(f) for f in csv_files), *(toml_mutations(f)
                                                              for f in toml_files))
    return st.lists(one, min_size=0, max_size=max_size)


def data_rows(text: str) -> int:
    """Data rows of a CSV as an independent reader counts them (blank lines skipped)."""
    rows = [r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if any(c.strip()
                                                                              for c in r)]
    return max(0, len(rows) - 1)
