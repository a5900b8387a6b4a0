"""Read a table (CSV, GeoPackage, GeoJSON) as text cells and check its cells one by one.

Row numbers
-----------
This is the one place the convention is fixed (it is `InputProblem.row`): the header is row 0
and the first data record is row 1. In a CSV without line breaks inside quoted fields, row N is
therefore line N + 1 of the file as a text editor shows it. Blank lines are skipped but still
counted, so the numbers never drift from the file. In a GeoPackage or GeoJSON row N is the N-th
feature.

Every cell is read as text (nothing is coerced silently: '007' stays '007', 'NA' is not a
missing value) and converted by `RowReader`, which records an `InputProblem` for each bad cell
instead of raising, so that a file's problems are all reported together.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from magroute.domain.hours import WeeklyHours, format_clock, parse_clock, parse_days
from magroute.domain.limits import Limit
from magroute.domain.site import INDIA_LAT, INDIA_LON
from magroute.errors import InputError, InputProblem
from magroute.formatting import restore_cell
from magroute.inputs.region import Region, outside

GEO_SUFFIXES = (".gpkg", ".geojson", ".json")


def raise_if_any(problems: list[InputProblem]) -> None:
    """Raise one `InputError` carrying every problem, if there are any."""
    if problems:
        raise InputError(problems)


@dataclass(frozen=True, slots=True)
class Table:
    """A table as stripped text cells; `rows` pairs each record with its row number."""

    file: str  # name used in messages
    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    missing: frozenset[str] = frozenset()  # required columns absent (already reported)

    def reader(self, row: int, cells: dict[str, str], problems: list[InputProblem]) -> RowReader:
        return RowReader(self.file, row, cells, problems, absent=self.missing)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(self.rows)


def read_table(
    path: Path, problems: list[InputProblem], *, required: Iterable[str] = (),
    allow_empty: bool = False,
) -> Table | None:
    """Read a CSV (or GeoPackage/GeoJSON, lat/lon from point geometry) as text.

    Returns None, after recording why, when the file is missing, unreadable or has no data
    rows (unless `allow_empty`: a plan's unserved.csv may rightly have none). Cells that our
    own writers neutralised against spreadsheet formulas are restored. Header problems (a
    missing required column: one problem each; a duplicate column) are recorded but the rows
    are still returned, so that their other cells are checked too.
    Blank records are dropped.
    """
    path = Path(path)
    file = path.name
    if not file_exists(path, problems):
        return None
    try:
        if path.suffix.lower() in GEO_SUFFIXES:
            header, records = _read_geo(path, file, problems)
        else:
            header, records = _read_csv(path)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, OSError,
            ValueError) as exc:
        problems.append(
            InputProblem(file, f"cannot read the file: {_one_line(exc)}",
                         expected="a UTF-8 CSV with a header line" if path.suffix.lower()
                         not in GEO_SUFFIXES else "a GeoPackage or GeoJSON of points")
        )
        return None

    seen: set[str] = set()
    for i, name in enumerate(header):
        if not name and any(rec[i] for rec in records):
            problems.append(
                InputProblem(file, f"column {i + 1} has data but no name in the header"))
        elif name and name in seen:
            problems.append(InputProblem(file, "column appears twice in the header",
                                         column=name))
        seen.add(name)
    found = [c for c in header if c]
    missing = [c for c in required if c not in seen]
    for column in missing:
        problems.append(
            InputProblem(file, "required column is missing from the header", column=column,
                         expected=f"a header with '{column}'; found: {', '.join(found) or 'none'}")
        )
    rows = tuple(
        (n, dict(zip(header, rec, strict=True)))
        for n, rec in enumerate(records, start=1)
        if any(rec)
    )
    if not rows and not allow_empty:
        problems.append(InputProblem(file, "the file has no data rows",
                                     expected="a header line followed by at least one row"))
        return None
    return Table(file, tuple(found), rows, frozenset(missing))


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    # header=None so that duplicate column names reach us instead of being renamed 'x.1';
    # skip_blank_lines=False so that row numbers match the file.
    df = pd.read_csv(path, header=None, dtype=str, keep_default_na=False, na_filter=False,
                     skip_blank_lines=False, encoding="utf-8-sig")
    cells = [[_cell(v) for v in rec] for rec in df.itertuples(index=False, name=None)]
    if not cells or not any(cells[0]):
        raise pd.errors.EmptyDataError("the first line (the header) is empty")
    return cells[0], cells[1:]


def _read_geo(path: Path, file: str,
              problems: list[InputProblem]) -> tuple[list[str], list[list[str]]]:
    import pyogrio  # imported here: GeoPackage support costs a second of import time

    try:
        gdf = pyogrio.read_dataframe(path)
    except Exception as exc:  # pyogrio raises its own DataSourceError/DataLayerError types
        raise ValueError(_one_line(exc)) from exc
    geom = None
    if "geometry" in gdf.columns and gdf.geometry is not None:
        if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
            gdf = gdf.to_crs(4326)  # lat/lon are always WGS84 degrees
        geom = gdf.geometry
    attrs = [c for c in gdf.columns if c != "geometry"]
    header = [str(c).strip() for c in attrs]
    for col in ("lat", "lon"):
        if geom is not None and col not in header:
            header.append(col)
    records: list[list[str]] = []
    for n, (_, rec) in enumerate(gdf.iterrows(), start=1):
        cells = {h: _cell(rec[c]) for h, c in zip(header, attrs, strict=False)}
        g = None if geom is None else geom.iloc[n - 1]
        if g is not None and not g.is_empty:
            if g.geom_type == "Point":
                cells["lat"], cells["lon"] = _cell(g.y), _cell(g.x)
            else:
                problems.append(InputProblem(file, "geometry is not a point", row=n,
                                             column="geometry", value=g.geom_type,
                                             expected="a Point (the site's location)"))
        records.append([cells.get(h, "") for h in header])
    return header, records


def _cell(value: object) -> str:
    """Any cell -> stripped text; missing -> ''; 12.0 -> '12' (GeoPackage stores numbers)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.time):  # GeoJSON readers turn "09:00" into a time of day
        return value.strftime("%H:%M" if not value.second else "%H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    return restore_cell(str(value).strip())


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


# ---------------------------------------------------------------- cell conversion

TRUE_WORDS = ("true", "yes", "1", "y")
TIME_EXPECTED = "an ISO 8601 time with UTC offset, e.g. 2026-11-23T06:27:00+05:30"
FALSE_WORDS = ("false", "no", "0", "n", "")


def number_expected(minimum: float | None, positive: bool) -> str:
    if positive:
        return "a number > 0"
    if minimum is not None:
        return f"a number >= {minimum:g}"
    return "a number"


@dataclass(slots=True)
class RowReader:
    """Convert the cells of one row, recording a problem for every bad cell.

    Each method returns None when the cell is bad (and has been reported). Cells of `absent`
    columns (required but missing from the header, reported once for the file) are bad
    without a report of their own.
    """

    file: str
    row: int
    cells: dict[str, str]
    problems: list[InputProblem]
    absent: frozenset[str] = frozenset()
    bad: bool = field(default=False)

    def _is_absent(self, *columns: str) -> bool:
        if any(c in self.absent for c in columns):
            self.bad = True
            return True
        return False

    def report(self, column: str | None, message: str, value: object = None,
               expected: str | None = None) -> None:
        self.bad = True
        self.problems.append(InputProblem(self.file, message, self.row, column, value, expected))

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def text(self, column: str, *, required: bool = True) -> str | None:
        if self._is_absent(column):
            return None
        value = self.get(column)
        if required and not value:
            self.report(column, "value is missing", expected="a non-empty value")
            return None
        return value

    def unique_text(self, column: str, seen: dict[str, int]) -> str | None:
        """A required id no earlier row used; `seen` maps each id to its first row (updated)."""
        value = self.text(column)
        if value is not None:
            if value in seen:
                self.report(column, f"duplicate {column}, also on row {seen[value]}", value,
                            f"a {column} used on one row only")
            else:
                seen[value] = self.row
        return value

    def number(self, column: str, *, minimum: float | None = None, positive: bool = False,
               default: float | None = None, limit: Limit | None = None) -> float | None:
        """A finite number (inside `limit`'s physical range when given); blank cells give
        `default`, or are a problem if it is None."""
        if self._is_absent(column):
            return None
        value = self.get(column)
        expected = limit.expected() if limit else number_expected(minimum, positive)
        if not value:
            if default is not None:
                return default
            self.report(column, "value is missing", expected=expected)
            return None
        try:
            x = float(value)
        except ValueError:
            x = math.nan
        if not math.isfinite(x):
            self.report(column, "not a number", value, expected)
            return None
        if (positive and x <= 0) or (minimum is not None and x < minimum) or (
                limit is not None and not limit.holds(x)):
            self.report(column, "number out of range", value, expected)
            return None
        return x

    def count(self, column: str, *, default: int | None = 0, minimum: int = 0,
              limit: Limit | None = None) -> int | None:
        """A whole number >= `minimum` ('12' or '12.0'), inside `limit` when given; blank
        gives `default`."""
        if self._is_absent(column):
            return None
        value = self.get(column)
        expected = f"a whole number >= {minimum}" if limit is None else \
            limit.expected(whole=True)
        if not value:
            if default is not None:
                return default
            self.report(column, "value is missing", expected=expected)
            return None
        try:
            x = float(value)
        except ValueError:
            x = math.nan
        if not math.isfinite(x) or not x.is_integer():
            self.report(column, "not a whole number", value, expected)
            return None
        if x < minimum or (limit is not None and not limit.holds(x)):
            self.report(column, "negative count" if x < 0 else "number out of range", value,
                        expected)
            return None
        return int(x)

    def metres_from_km(self, column: str) -> int | None:
        """Kilometres with up to 3 decimals, read exactly (no float rounding) as whole metres."""
        if self._is_absent(column):
            return None
        value = self.get(column)
        expected = "kilometres >= 0 with up to 3 decimals, e.g. 12.345"
        try:
            km = Decimal(value)
        except InvalidOperation:
            km = Decimal("NaN")
        if not km.is_finite():
            self.report(column, "value is missing" if not value else "not a distance in km",
                        value or None, expected)
            return None
        if km < 0:
            self.report(column, "negative distance", value, expected)
            return None
        return int((km * 1000).to_integral_value())

    def time(self, column: str, tz: dt.tzinfo, *, required: bool = True) -> dt.datetime | None:
        """An ISO 8601 date and time with UTC offset, in `tz`; blank is a problem only when
        `required`."""
        if self._is_absent(column):
            return None
        value = self.get(column)
        if not value:
            if required:
                self.report(column, "value is missing", expected=TIME_EXPECTED)
            return None
        try:
            t = dt.datetime.fromisoformat(value)
        except ValueError:
            self.report(column, "not a date and time", value, TIME_EXPECTED)
            return None
        if t.tzinfo is None or t.utcoffset() is None:
            self.report(column, "time without a UTC offset", value, TIME_EXPECTED)
            return None
        return t.astimezone(tz)

    def date(self, column: str, *, required: bool = True) -> dt.date | None:
        """A calendar date, YYYY-MM-DD; blank is a problem only when `required`."""
        if self._is_absent(column):
            return None
        value = self.get(column)
        if not value:
            if required:
                self.report(column, "value is missing", expected="a date YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.report(column, "not a date", value, "a date YYYY-MM-DD, e.g. 2026-11-24")
            return None

    def choice(self, column: str, choices: Collection[str]) -> str | None:
        if self._is_absent(column):
            return None
        value = self.get(column)
        if value not in choices:
            self.report(column, "value is missing" if not value else "unknown value",
                        value or None, f"one of: {', '.join(choices)}")
            return None
        return value

    def boolean(self, column: str) -> bool | None:
        """true/false, yes/no, 1/0 (any case); blank is false."""
        value = self.get(column).lower()
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        self.report(column, "not a yes/no value", self.get(column),
                    "true/false, yes/no or 1/0 (blank means false)")
        return None

    def location(self, region: Region | None = None) -> tuple[float, float] | None:
        """(lat, lon) in decimal degrees, inside India's bounding box (or `region`'s) and,
        given a `region`, on its land outline (with its buffer)."""
        lat, lon = self.number("lat"), self.number("lon")
        if lat is None or lon is None:
            return None
        lat_range, lon_range = region.bounds if region is not None else (INDIA_LAT, INDIA_LON)
        where = region.name if region is not None else "India"
        in_lat = lat_range[0] <= lat <= lat_range[1]
        in_lon = lon_range[0] <= lon <= lon_range[1]
        # The commonest mistake is lat and lon swapped; say so rather than only "out of range".
        swapped = (not in_lat or not in_lon) and (
            lat_range[0] <= lon <= lat_range[1] and lon_range[0] <= lat <= lon_range[1]
        )
        hint = " (lat and lon look swapped)" if swapped else ""
        if not in_lat:
            self.report("lat", f"latitude is outside {where}{hint}", self.get("lat"),
                        f"a latitude between {lat_range[0]:.1f} and {lat_range[1]:.1f} "
                        "(decimal degrees north)")
        if not in_lon:
            self.report("lon", f"longitude is outside {where}{hint}", self.get("lon"),
                        f"a longitude between {lon_range[0]:.1f} and {lon_range[1]:.1f} "
                        "(decimal degrees east)")
        if not (in_lat and in_lon):
            return None
        if region is not None:
            off = outside(region, [(lat, lon)])
            if off:
                self.report("lat", f"the point is outside {where}: the nearest part is "
                            f"{off[0].nearest}, {off[0].km:,.0f} km away",
                            f"{self.get('lat')}, {self.get('lon')}",
                            f"a point on land within {region.buffer_km:g} km of {where}'s "
                            "outline, or your own [region] outline in the scenario")
                return None
        return lat, lon

    def weekly_hours(self, days_col: str, open_col: str, close_col: str) -> WeeklyHours | None:
        """Opening days ('Mon-Sat', 'daily', ...) and one open-close interval ('HH:MM')."""
        days = open_min = close_min = None
        try:
            if not self._is_absent(days_col):
                days = parse_days(self.get(days_col))
        except ValueError as exc:
            self.report(days_col, f"bad opening days: {exc}", self.get(days_col) or None,
                        "day names or ranges such as 'Mon-Sat', 'Mon,Wed,Fri', 'Fri-Mon' "
                        "or 'daily'")
        for col in (open_col, close_col):
            if self._is_absent(col):
                continue
            try:
                minutes = parse_clock(self.get(col))
            except ValueError:
                self.report(col, "not a time of day" if self.get(col) else "value is missing",
                            self.get(col) or None, "a 24-hour time HH:MM such as 09:30")
                continue
            if col == open_col:
                open_min = minutes
            else:
                close_min = minutes
        if days is None or open_min is None or close_min is None:
            return None
        if close_min <= open_min:
            self.report(close_col, f"window closes ({format_clock(close_min)}) before or when it "
                        f"opens ({format_clock(open_min)})", self.get(close_col),
                        f"a {close_col} later than {open_col} {format_clock(open_min)} "
                        "(windows past midnight are not supported)")
            return None
        return WeeklyHours(days, open_min, close_min)


def file_exists(path: Path, problems: list[InputProblem]) -> bool:
    """True if `path` is a readable file; otherwise record why not."""
    if path.is_file():
        return True
    what = "is a directory, not a file" if path.is_dir() else "file not found"
    problems.append(InputProblem(path.name, f"{what}: {path}"))
    return False
