"""routes.csv and unserved.csv: the plan as two flat tables, and `read_plan` to get it back.

The tables are lossless: `read_plan(dir, problem) == plan` for every plan the writers wrote.

* Times are local (the horizon's time zone), ISO 8601 with offset, to the second
  (``2026-11-23T06:27:00+05:30``). Plans are made at one-second resolution; sub-second parts
  are dropped with a warning.
* Floats are written with a fixed number of decimals (``load_kg`` 1, ``expected_value_inr`` 2)
  and more only when that many would not read back to the same float; lat/lon in their shortest
  exact form. ``leg_km`` has exactly 3 decimals, so metres round-trip.
* ``site_name``, ``pincode``, ``day`` and the expected magnet/value columns are for people and
  are derived from the problem; `read_plan` ignores them. Extra columns are ignored too.

Row numbers in errors follow `InputProblem.row`: the header is row 0, the first record row 1.
"""

from __future__ import annotations

import csv
import json
import math
import warnings
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from magroute.domain.linehaul import LineHaulShipment
from magroute.domain.plan import EVENT_KINDS, Event, Plan, Route, Unserved
from magroute.domain.problem import Problem
from magroute.errors import InputError, InputProblem
from magroute.export.safety import neutralise_cell, restore_cell

ROUTES_CSV = "routes.csv"
UNSERVED_CSV = "unserved.csv"
SUMMARY_JSON = "summary.json"  # written by export.summary; read here for the plan's metadata

ROUTE_COLUMNS = (
    "route_id", "vehicle_id", "vehicle_type", "capacity_kg", "day", "seq", "trip", "kind",
    "site_id", "site_name", "pincode", "lat", "lon", "arrival", "service_start", "departure",
    "window_open", "window_close", "load_kg", "leg_km", "expected_magnet_kg",
    "expected_value_inr",
)
UNSERVED_COLUMNS = (
    "site_id", "site_name", "site_type", "lat", "lon", "reason", "expected_value_inr",
    "binding", "marginal_cost_inr", "break_even_value_inr",
)
# What read_plan needs; the other columns are derived from the problem.
ROUTE_COLUMNS_READ = (
    "route_id", "vehicle_id", "vehicle_type", "capacity_kg", "seq", "kind", "site_id", "lat",
    "lon", "arrival", "service_start", "departure", "window_open", "window_close", "load_kg",
    "leg_km",
)
UNSERVED_COLUMNS_READ = ("site_id", "reason", "expected_value_inr")

TIME_EXPECTED = "an ISO 8601 time with UTC offset, e.g. 2026-11-23T06:27:00+05:30"


# ---------------------------------------------------------------- formatting


def format_optional(x: float | None, decimals: int) -> str:
    return "" if x is None else format_number(x, decimals)


def format_number(x: float, decimals: int) -> str:
    """`x` with `decimals` decimals, or more if needed for the text to read back as `x`."""
    x = float(x)
    if not math.isfinite(x):
        return repr(x)
    for d in range(decimals, 18):
        text = f"{x:.{d}f}"
        if float(text) == x:
            return text
    return repr(x)


def format_coord(x: float) -> str:
    """A latitude or longitude, shortest text that reads back exactly."""
    return repr(float(x))


def format_time(moment: datetime | None, tz: tzinfo) -> str:
    """Local ISO 8601 with offset, to the second; '' for None."""
    if moment is None:
        return ""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment} in a plan; plan times must be tz-aware")
    if moment.microsecond:
        warnings.warn(f"plan time {moment.isoformat()} written to the second", stacklevel=3)
    return moment.astimezone(tz).isoformat(timespec="seconds")


def format_leg_km(leg_m: int) -> str:
    return f"{Decimal(int(leg_m)) / 1000:.3f}"


# ---------------------------------------------------------------- writers


def route_rows(problem: Problem, plan: Plan) -> list[dict[str, str]]:
    """The rows of routes.csv, as text, in plan order (one per event)."""
    tz = problem.horizon.tz
    sites = {s.site_id: s for s in problem.sites}
    hubs = {h.hub_id: h for h in problem.hubs}
    yields = {y.site_id: y for y in problem.yields}
    rows = []
    for route in plan.routes:
        for seq, e in enumerate(route.events):
            place = sites.get(e.site_id) if e.kind == "pickup" else hubs.get(e.site_id)
            y = yields.get(e.site_id) if e.kind == "pickup" else None
            rows.append({
                "route_id": route.route_id,
                "vehicle_id": route.vehicle_id,
                "vehicle_type": route.vehicle_type,
                "capacity_kg": format_number(route.capacity_kg, 1),
                "day": str(problem.horizon.day_of(e.service_start) + 1),
                "seq": str(seq),
                "trip": str(e.trip),
                "kind": e.kind,
                "site_id": e.site_id,
                "site_name": place.name if place is not None else "",
                "pincode": place.pincode if place is not None else "",
                "lat": format_coord(e.lat),
                "lon": format_coord(e.lon),
                "arrival": format_time(e.arrival, tz),
                "service_start": format_time(e.service_start, tz),
                "departure": format_time(e.departure, tz),
                "window_open": format_time(e.window_open, tz),
                "window_close": format_time(e.window_close, tz),
                "load_kg": format_number(e.load_kg, 1),
                "leg_km": format_leg_km(e.leg_m),
                "expected_magnet_kg": f"{y.magnet_kg.expected:.3f}" if y is not None else "",
                "expected_value_inr": f"{y.value_inr.expected:.2f}" if y is not None else "",
            })
    return rows


def unserved_rows(problem: Problem, plan: Plan) -> list[dict[str, str]]:
    """The rows of unserved.csv, as text, in plan order."""
    sites = {s.site_id: s for s in problem.sites}
    rows = []
    for u in plan.unserved:
        site = sites.get(u.site_id)
        rows.append({
            "site_id": u.site_id,
            "site_name": site.name if site else "",
            "site_type": site.site_type if site else "",
            "lat": format_coord(site.lat) if site else "",
            "lon": format_coord(site.lon) if site else "",
            "reason": u.reason,
            "expected_value_inr": format_number(u.expected_value_inr, 2),
            "binding": u.binding,
            "marginal_cost_inr": format_optional(u.marginal_cost_inr, 2),
            "break_even_value_inr": format_optional(u.break_even_value_inr, 2),
        })
    return rows


def write_routes_csv(problem: Problem, plan: Plan, path: Path | str) -> Path:
    """Write routes.csv: one row per event, columns `ROUTE_COLUMNS`. Returns the path."""
    return write_csv(Path(path), ROUTE_COLUMNS, route_rows(problem, plan))


def write_unserved_csv(problem: Problem, plan: Plan, path: Path | str) -> Path:
    """Write unserved.csv: one row per unserved site, columns `UNSERVED_COLUMNS`."""
    return write_csv(Path(path), UNSERVED_COLUMNS, unserved_rows(problem, plan))


def write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, object]]) -> Path:
    """Write a CSV with every text cell neutralised against formula injection (a cell like
    ``=HYPERLINK(...)`` gets a leading apostrophe; plain numbers stay as they are). Our readers
    undo it (`restore_cell`)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows({k: neutralise_cell(str(v)) for k, v in row.items()} for row in rows)
    return path


# ---------------------------------------------------------------- reader


class Cells:
    """One CSV record; converters record an InputProblem per bad cell and return None."""

    def __init__(self, file: str, row: int, cells: dict[str, str],
                 problems: list[InputProblem]):
        self.file, self.row, self.cells, self.problems = file, row, cells, problems

    def bad(self, column: str | None, message: str, value: object = None,
            expected: str | None = None) -> None:
        self.problems.append(InputProblem(self.file, message, self.row, column, value, expected))

    def text(self, column: str, *, required: bool = True) -> str | None:
        value = self.cells[column]
        if required and not value.strip():
            self.bad(column, "empty cell", expected="a value")
            return None
        return value

    def convert(self, column: str, convert: Callable[[str], Any], message: str,
                 expected: str, *, optional: bool = False) -> Any:
        raw = self.cells[column]
        text = raw.strip()
        if not text:
            if optional:
                return None
            self.bad(column, "empty cell", expected=expected)
            return None
        try:
            return convert(text)
        except (ValueError, ArithmeticError):
            self.bad(column, message, raw, expected)
            return None

    def number(self, column: str, *, minimum: float | None = None) -> float | None:
        x = self.convert(column, _finite_float, "not a number", "a number")
        if x is not None and minimum is not None and x < minimum:
            self.bad(column, "number out of range", self.cells[column], f"a number >= {minimum:g}")
            return None
        return x

    def integer(self, column: str, *, minimum: int | None = None) -> int | None:
        x = self.convert(column, int, "not a whole number", "a whole number")
        if x is not None and minimum is not None and x < minimum:
            self.bad(column, "number out of range", self.cells[column], f"an integer >= {minimum}")
            return None
        return x

    def metres_from_km(self, column: str) -> int | None:
        km = self.convert(column, _decimal, "not a distance in km",
                           "kilometres with up to 3 decimals, e.g. 12.345")
        if km is None:
            return None
        if km < 0:
            self.bad(column, "negative distance", self.cells[column], "a distance >= 0")
            return None
        return int((km * 1000).to_integral_value())

    def time(self, column: str, tz: tzinfo, *, optional: bool = False) -> datetime | None:
        t = self.convert(column, datetime.fromisoformat, "not a date and time", TIME_EXPECTED,
                          optional=optional)
        if t is None:
            return None
        if t.tzinfo is None or t.utcoffset() is None:
            self.bad(column, "time without a UTC offset", self.cells[column], TIME_EXPECTED)
            return None
        return t.astimezone(tz)


def _finite_float(text: str) -> float:
    x = float(text)
    if not math.isfinite(x):
        raise ValueError(text)
    return x


def _decimal(text: str) -> Decimal:
    try:
        d = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not d.is_finite():
        raise ValueError(text)
    return d


def read_csv_records(path: Path, required: tuple[str, ...],
              problems: list[InputProblem]) -> list[tuple[int, dict[str, str]]] | None:
    """Records of a CSV as (row number, {column: text}); None (after reporting why) if the file
    is missing, unreadable or lacks a required column."""
    file = path.name
    if not path.is_file():
        problems.append(InputProblem(file, f"file not found: {path}"))
        return None
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            records = list(csv.reader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        problems.append(InputProblem(file, f"cannot read the file: {exc}",
                                     expected="a UTF-8 CSV with a header line"))
        return None
    if not records or not any(c.strip() for c in records[0]):
        problems.append(InputProblem(file, "the file is empty or its first line (the header) "
                                           "is blank", expected="a header line"))
        return None
    header = [c.strip() for c in records[0]]
    ok = True
    for name in sorted({c for c in header if c and header.count(c) > 1}):
        problems.append(InputProblem(file, "column appears twice in the header", column=name))
        ok = False
    for column in required:
        if column not in header:
            problems.append(InputProblem(
                file, "required column is missing from the header", row=0, column=column,
                expected=f"the columns {', '.join(required)}"))
            ok = False
    if not ok:
        return None
    out = []
    for n, rec in enumerate(records[1:], start=1):
        if not any(c.strip() for c in rec):
            continue  # a blank line still counts, so row numbers match the file
        if len(rec) > len(header):
            problems.append(InputProblem(file, f"{len(rec)} cells but {len(header)} columns",
                                         row=n, expected="one cell per header column"))
            continue
        rec = [restore_cell(c) for c in rec]
        cells = dict(zip(header, rec + [""] * (len(header) - len(rec)), strict=True))
        out.append((n, cells))
    return out


def read_plan(plan_dir: Path | str, problem: Problem) -> Plan:
    """Read a plan written by `write_plan` (routes.csv, unserved.csv, optional summary.json).

    Times are converted to the problem's time zone. Raises `InputError` listing every problem
    found: missing files or columns, cells that do not parse, rows of a route that disagree,
    gaps in `seq`, and site ids the problem does not know.
    """
    plan_dir = Path(plan_dir)
    problems: list[InputProblem] = []
    routes = _read_routes(plan_dir / ROUTES_CSV, problem, problems)
    unserved = _read_unserved(plan_dir / UNSERVED_CSV, problem, problems)
    meta = _read_meta(plan_dir / SUMMARY_JSON, problems)
    if problems:
        raise InputError(problems)
    assert routes is not None and unserved is not None
    return Plan(routes, unserved, **meta)


def _read_routes(path: Path, problem: Problem,
                 problems: list[InputProblem]) -> tuple[Route, ...] | None:
    records = read_csv_records(path, ROUTE_COLUMNS_READ, problems)
    if records is None:
        return None
    file, tz = path.name, problem.horizon.tz
    sites = {s.site_id for s in problem.sites}
    hubs = {h.hub_id for h in problem.hubs}
    n_before = len(problems)
    # route_id -> (first row, (vehicle_id, vehicle_type, capacity_kg), [(seq, row, event)])
    routes: dict[str, tuple[int, tuple, list[tuple[int, int, Event]]]] = {}
    seqs: dict[str, list[tuple[int, int]]] = {}  # every readable seq, also of rows otherwise bad
    for n, cells in records:
        c = Cells(file, n, cells, problems)
        start = len(problems)
        route_id = c.text("route_id")
        vehicle_id = c.text("vehicle_id")
        vehicle_type = c.text("vehicle_type")
        capacity = c.number("capacity_kg", minimum=0)
        seq = c.integer("seq", minimum=0)
        if route_id is not None and seq is not None:
            seqs.setdefault(route_id, []).append((seq, n))
        kind = cells["kind"].strip()
        if kind not in EVENT_KINDS:
            c.bad("kind", "unknown event kind", cells["kind"], " | ".join(EVENT_KINDS))
        site_id = cells["site_id"]
        if kind == "pickup" and site_id not in sites:
            c.bad("site_id", "pickup at a site the problem does not know", site_id,
                  "a site_id of the problem's sites")
        elif kind in ("start", "unload", "end") and site_id not in hubs:
            c.bad("site_id", f"{kind} at a hub the problem does not know", site_id,
                  f"one of {', '.join(sorted(hubs))}")
        lat = c.number("lat")
        lon = c.number("lon")
        arrival = c.time("arrival", tz)
        service_start = c.time("service_start", tz)
        departure = c.time("departure", tz)
        window_open = c.time("window_open", tz, optional=True)
        window_close = c.time("window_close", tz, optional=True)
        load = c.number("load_kg", minimum=0)
        leg_m = c.metres_from_km("leg_km")
        # A folder written before trips existed has no trip column: one trip per route.
        trip = c.integer("trip", minimum=1) if "trip" in cells else 1
        if len(problems) > start:
            continue
        event = Event(kind, lat, lon, arrival, service_start, departure, load, leg_m,
                      site_id=site_id, window_open=window_open, window_close=window_close,
                      trip=trip)
        head = (vehicle_id, vehicle_type, capacity)
        if route_id not in routes:
            routes[route_id] = (n, head, [])
        first, known, events = routes[route_id]
        for column, mine, theirs in zip(("vehicle_id", "vehicle_type", "capacity_kg"), head,
                                        known, strict=True):
            if mine != theirs:
                c.bad(column, f"route {route_id} changes {column} (row {first} has {theirs!r})",
                      cells[column], "the same value on every row of a route")
        events.append((seq, n, event))
    for route_id, numbers in seqs.items():
        for i, (seq, n) in enumerate(sorted(numbers)):
            if seq != i:
                problems.append(InputProblem(
                    file, f"route {route_id}: seq {seq} where {i} was expected", n, "seq", seq,
                    "seq 0, 1, 2, ... once each within a route"))
                break
    out = []
    for route_id, (_, (vehicle_id, vehicle_type, capacity), events) in routes.items():
        events.sort(key=lambda t: t[0])
        out.append(Route(route_id, vehicle_id, vehicle_type, capacity,
                         tuple(e for _, _, e in events)))
    return tuple(out) if len(problems) == n_before else None


def _read_unserved(path: Path, problem: Problem,
                   problems: list[InputProblem]) -> tuple[Unserved, ...] | None:
    records = read_csv_records(path, UNSERVED_COLUMNS_READ, problems)
    if records is None:
        return None
    sites = {s.site_id for s in problem.sites}
    n_before = len(problems)
    out = []
    for n, cells in records:
        c = Cells(path.name, n, cells, problems)
        site_id = c.text("site_id")
        if site_id is not None and site_id not in sites:
            c.bad("site_id", "unknown site", site_id, "a site_id of the problem's sites")
        value = c.number("expected_value_inr")
        # The explanation columns came later: folders written before them still read.
        if "binding" in cells:
            explained = {"binding": cells["binding"],
                         "marginal_cost_inr": c.convert("marginal_cost_inr", _finite_float,
                                                        "not a number", "a number or empty",
                                                        optional=True),
                         "break_even_value_inr": c.convert("break_even_value_inr",
                                                           _finite_float, "not a number",
                                                           "a number or empty", optional=True)}
        else:
            explained = {}
        out.append(Unserved(site_id, cells["reason"], value, **explained))
    return tuple(out) if len(problems) == n_before else None


def _read_meta(path: Path, problems: list[InputProblem]) -> dict[str, Any]:
    """The plan's metadata from summary.json's "plan" object; defaults without the file."""
    meta: dict[str, Any] = {"status": "unknown", "runtime_s": 0.0}
    if not path.is_file():
        return meta
    file = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.append(InputProblem(file, f"cannot read the file: {exc}",
                                     expected="a JSON object"))
        return meta
    if not isinstance(data, dict):
        problems.append(InputProblem(file, "not a JSON object", expected="a JSON object"))
        return meta
    src = data.get("plan")
    if src is None:  # a summary without plan metadata: take what the KPIs repeat
        src = {k: data[k] for k in ("status", "runtime_s") if k in data}
    if not isinstance(src, dict):
        problems.append(InputProblem(file, "'plan' is not an object", column="plan",
                                     value=src, expected="a JSON object"))
        return meta
    checks: dict[str, tuple[Callable[[Any], bool], str]] = {
        "status": (lambda v: isinstance(v, str), "a string"),
        "runtime_s": (_is_number, "a number"),
        "objective_inr": (lambda v: v is None or _is_number(v), "a number or null"),
        "solver": (lambda v: isinstance(v, str), "a string"),
        "seed": (lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
        "notes": (lambda v: isinstance(v, list) and all(isinstance(s, str) for s in v),
                  "a list of strings"),
        "line_haul": (lambda v: isinstance(v, list) and all(_is_shipment(s) for s in v),
                      "a list of shipments {from_hub, to_hub, departure, load_kg, trips, "
                      "cost_inr, road_km}"),
    }
    for key, (ok, expected) in checks.items():
        if key not in src:
            continue
        value = src[key]
        if not ok(value):
            problems.append(InputProblem(file, "wrong type", column=f"plan.{key}", value=value,
                                         expected=expected))
            continue
        if key == "runtime_s" or (key == "objective_inr" and value is not None):
            value = float(value)
        elif key == "notes":
            value = tuple(value)
        elif key == "line_haul":
            value = tuple(LineHaulShipment(
                s["from_hub"], s["to_hub"], datetime.fromisoformat(s["departure"]),
                float(s["load_kg"]), int(s["trips"]), float(s["cost_inr"]),
                None if s["road_km"] is None else float(s["road_km"])) for s in value)
        meta[key] = value
    return meta


def _is_shipment(s: Any) -> bool:
    keys = ("from_hub", "to_hub", "departure", "load_kg", "trips", "cost_inr", "road_km")
    if not isinstance(s, dict) or set(s) != set(keys):
        return False
    try:
        t = datetime.fromisoformat(s["departure"])
    except (TypeError, ValueError):
        return False
    return (isinstance(s["from_hub"], str) and isinstance(s["to_hub"], str)
            and t.tzinfo is not None and _is_number(s["load_kg"])
            and isinstance(s["trips"], int) and _is_number(s["cost_inr"])
            and (s["road_km"] is None or _is_number(s["road_km"])))


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
