"""routes.csv and unserved.csv: the plan as two flat tables, and their readers.

The tables are lossless: `plan_dir.read_plan(dir, problem) == plan` for every plan the writers
wrote (the readers here read one file each; `plan_dir` knows the names).

* Times are local (the horizon's time zone), ISO 8601 with offset, to the second
  (``2026-11-23T06:27:00+05:30``). Plans are made at one-second resolution; sub-second parts
  are dropped with a warning.
* Floats are written with a fixed number of decimals (``load_kg`` 1, ``expected_value_inr`` 2)
  and more only when that many would not read back to the same float; lat/lon in their shortest
  exact form. ``leg_km`` has exactly 3 decimals, so metres round-trip.
* ``site_name``, ``pincode``, ``day`` and the expected magnet/value columns are for people and
  are derived from the problem; `read_plan` ignores them. Extra columns are ignored too.
* ``expected_value_inr`` is a site's prize in both files, what the search weighed against the
  cost of serving it: its expected contribution (magnets + by-products - purchase), at least 0.
  routes.csv also splits it: ``magnet_value_inr``, ``byproduct_inr``, ``purchase_inr``.

The readers use `inputs.table` (the input files' reader): row numbers in errors follow
`InputProblem.row`, the header is row 0 and the first record row 1.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from magroute.domain.plan import EVENT_KINDS, Event, Plan, Route, Unserved
from magroute.domain.problem import Problem
from magroute.errors import InputProblem
from magroute.formatting import (
    exact_coord,
    exact_km,
    exact_number,
    exact_optional,
    iso_time,
    neutralise_cell,
)
from magroute.inputs.table import read_table

ROUTE_COLUMNS = (
    "route_id", "vehicle_id", "vehicle_type", "capacity_kg", "day", "seq", "trip", "kind",
    "site_id", "site_name", "pincode", "lat", "lon", "arrival", "service_start", "departure",
    "window_open", "window_close", "load_kg", "leg_km", "expected_magnet_kg",
    "expected_value_inr", "magnet_value_inr", "byproduct_inr", "purchase_inr",
)
UNSERVED_COLUMNS = (
    "site_id", "site_name", "site_type", "lat", "lon", "reason", "expected_value_inr",
    "binding", "marginal_cost_inr", "break_even_value_inr",
)
# What the readers need; the other columns are derived from the problem.
ROUTE_COLUMNS_READ = (
    "route_id", "vehicle_id", "vehicle_type", "capacity_kg", "seq", "kind", "site_id", "lat",
    "lon", "arrival", "service_start", "departure", "window_open", "window_close", "load_kg",
    "leg_km",
)
UNSERVED_COLUMNS_READ = ("site_id", "reason", "expected_value_inr")


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
                "capacity_kg": exact_number(route.capacity_kg, 1),
                "day": str(problem.horizon.day_of(e.service_start) + 1),
                "seq": str(seq),
                "trip": str(e.trip),
                "kind": e.kind,
                "site_id": e.site_id,
                "site_name": place.name if place is not None else "",
                "pincode": place.pincode if place is not None else "",
                "lat": exact_coord(e.lat),
                "lon": exact_coord(e.lon),
                "arrival": iso_time(e.arrival, tz),
                "service_start": iso_time(e.service_start, tz),
                "departure": iso_time(e.departure, tz),
                "window_open": iso_time(e.window_open, tz),
                "window_close": iso_time(e.window_close, tz),
                "load_kg": exact_number(e.load_kg, 1),
                "leg_km": exact_km(e.leg_m),
                "expected_magnet_kg": f"{y.magnet_kg.expected:.3f}" if y is not None else "",
                "expected_value_inr": f"{y.prize_inr:.2f}" if y is not None else "",
                "magnet_value_inr": f"{y.value_inr.expected:.2f}" if y is not None else "",
                "byproduct_inr": f"{y.byproduct_inr.expected:.2f}" if y is not None else "",
                "purchase_inr": f"{y.purchase_inr.expected:.2f}" if y is not None else "",
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
            "lat": exact_coord(site.lat) if site else "",
            "lon": exact_coord(site.lon) if site else "",
            "reason": u.reason,
            "expected_value_inr": exact_number(u.expected_value_inr, 2),
            "binding": u.binding,
            "marginal_cost_inr": exact_optional(u.marginal_cost_inr, 2),
            "break_even_value_inr": exact_optional(u.break_even_value_inr, 2),
        })
    return rows


def write_routes_csv(problem: Problem, plan: Plan, path: Path | str) -> Path:
    """Write routes.csv: one row per event, columns `ROUTE_COLUMNS`. Returns the path."""
    return write_csv(Path(path), ROUTE_COLUMNS, route_rows(problem, plan))


def write_unserved_csv(problem: Problem, plan: Plan, path: Path | str) -> Path:
    """Write unserved.csv: one row per unserved site, columns `UNSERVED_COLUMNS`."""
    return write_csv(Path(path), UNSERVED_COLUMNS, unserved_rows(problem, plan))


def write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[Mapping[str, object]]) -> Path:
    """Write a CSV with every text cell neutralised against formula injection (a cell like
    ``=HYPERLINK(...)`` gets a leading apostrophe; plain numbers stay as they are). Our readers
    undo it (`restore_cell`)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows({k: neutralise_cell(str(v)) for k, v in row.items()} for row in rows)
    return path


# ---------------------------------------------------------------- readers


def read_routes(path: Path, problem: Problem,
                problems: list[InputProblem]) -> tuple[Route, ...] | None:
    """routes.csv back as routes (times in the problem's time zone); None, with every problem
    recorded, when any row is bad, rows of a route disagree, `seq` has gaps or a site or hub is
    unknown to the problem."""
    table = read_table(path, problems, required=ROUTE_COLUMNS_READ, allow_empty=True)
    if table is None:
        return None
    file, tz = table.file, problem.horizon.tz
    sites = {s.site_id for s in problem.sites}
    hubs = {h.hub_id for h in problem.hubs}
    n_before = len(problems)
    # route_id -> (first row, (vehicle_id, vehicle_type, capacity_kg), [(seq, row, event)])
    routes: dict[str, tuple[int, tuple[str, str, float], list[tuple[int, int, Event]]]] = {}
    seqs: dict[str, list[tuple[int, int]]] = {}  # every readable seq, also of rows otherwise bad
    for n, cells in table:
        c = table.reader(n, cells, problems)
        route_id = c.text("route_id")
        vehicle_id = c.text("vehicle_id")
        vehicle_type = c.text("vehicle_type")
        capacity = c.number("capacity_kg", minimum=0)
        seq = c.count("seq", default=None)
        if route_id is not None and seq is not None:
            seqs.setdefault(route_id, []).append((seq, n))
        kind = c.choice("kind", EVENT_KINDS)
        site_id = c.get("site_id")
        if kind == "pickup" and site_id not in sites:
            c.report("site_id", "pickup at a site the problem does not know", site_id,
                     "a site_id of the problem's sites")
        elif kind in ("start", "unload", "end") and site_id not in hubs:
            c.report("site_id", f"{kind} at a hub the problem does not know", site_id,
                     f"one of {', '.join(sorted(hubs))}")
        lat = c.number("lat")
        lon = c.number("lon")
        arrival = c.time("arrival", tz)
        service_start = c.time("service_start", tz)
        departure = c.time("departure", tz)
        window_open = c.time("window_open", tz, required=False)
        window_close = c.time("window_close", tz, required=False)
        load = c.number("load_kg", minimum=0)
        leg_m = c.metres_from_km("leg_km")
        # A folder written before trips existed has no trip column: one trip per route.
        trip = c.count("trip", default=None, minimum=1) if "trip" in cells else 1
        if (c.bad or route_id is None or vehicle_id is None or vehicle_type is None
                or capacity is None or seq is None or kind is None or lat is None or lon is None
                or arrival is None or service_start is None or departure is None
                or load is None or leg_m is None or trip is None):
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
                c.report(column, f"route {route_id} changes {column} (row {first} has {theirs!r})",
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


def read_unserved(path: Path, problem: Problem,
                  problems: list[InputProblem]) -> tuple[Unserved, ...] | None:
    """unserved.csv back as the plan's unserved sites; None, with every problem recorded, when
    a row is bad or names a site the problem does not know."""
    table = read_table(path, problems, required=UNSERVED_COLUMNS_READ, allow_empty=True)
    if table is None:
        return None
    sites = {s.site_id for s in problem.sites}
    n_before = len(problems)
    out = []
    for n, cells in table:
        c = table.reader(n, cells, problems)
        site_id = c.text("site_id")
        if site_id is not None and site_id not in sites:
            c.report("site_id", "unknown site", site_id, "a site_id of the problem's sites")
        value = c.number("expected_value_inr")
        # The explanation columns came later: folders written before them still read.
        explained: dict[str, Any] = {}
        if "binding" in cells:
            explained["binding"] = c.get("binding")
            for column in ("marginal_cost_inr", "break_even_value_inr"):
                explained[column] = c.number(column) if c.get(column) else None
        if c.bad or site_id is None or value is None:
            continue
        out.append(Unserved(site_id, c.get("reason"), value, **explained))
    return tuple(out) if len(problems) == n_before else None


def unload_hubs(path: Path, problems: list[InputProblem]) -> dict[tuple[str, int], str]:
    """{(route_id, trip): the hub the trip unloads at} from routes.csv (for the passports);
    {} for a folder without one."""
    if not path.is_file():
        return {}
    table = read_table(path, problems, required=("route_id", "kind", "site_id"),
                       allow_empty=True)
    out: dict[tuple[str, int], str] = {}
    for n, cells in table or ():
        if cells.get("kind") == "unload":
            assert table is not None  # the loop runs only over a table
            trip = table.reader(n, cells, problems).count("trip", default=1, minimum=1)
            out[(cells["route_id"], trip or 1)] = cells["site_id"]
    return out
