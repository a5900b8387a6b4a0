"""Solomon text and VRPLIB (PyVRP dialect) instances, on integer scales.

VRPTW and PCVRPTW follow the DIMACS convention (benchmarks/instances/README.md): every Euclidean
edge is truncated to one decimal and used as both distance and travel time. Here everything is
multiplied by 10 so that it is an exact integer: distances, times, windows, service times, prizes.

HFVRP (heterogeneous fleet, no time windows) is scored on real-valued Euclidean lengths: the engines
see edges x1000 rounded, the evaluator recomputes real lengths from the coordinates.

MTVRPTWR (multi-trip VRPTW with release dates) is a VRPTW on the DIMACS x10 scale whose vehicles
may go back to a reload depot and out again: a client's release time is the earliest a trip that
carries it may leave the depot. Its solution routes keep the `0` between trips (a reload).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import numpy as np

from magroute.errors import InputError, InputProblem

SCALE = 10
HFVRP_SCALE = 1000
KINDS = ("vrptw", "pcvrptw", "hfvrp", "mtvrptwr")
# A VRPLIB file's sections: name -> the whitespace-split fields of each row.
_Sections = dict[str, list[list[str]]]


@dataclass(frozen=True)
class BenchInstance:
    name: str
    kind: str  # one of KINDS
    x: np.ndarray  # node 0 is the depot
    y: np.ndarray
    demand: np.ndarray  # int
    capacity: int
    num_vehicles: int
    early: np.ndarray  # x10
    late: np.ndarray  # x10
    service: np.ndarray  # x10
    prize: np.ndarray | None  # x10, pcvrptw only
    bks: float | None  # best-known cost, unscaled, DIMACS convention (HFVRP: real-valued)
    path: Path
    # HFVRP only: per vehicle, as in the file (costs x100)
    vehicle_capacity: np.ndarray | None = None
    vehicle_fixed: np.ndarray | None = None
    vehicle_unit_cost: np.ndarray | None = None
    # MTVRPTWR only. Per node, x10: the earliest departure of a trip that carries the client.
    release: np.ndarray | None = None
    # Per vehicle: the nodes it may reload at (the file's depot numbers, 1-based, less one, so
    # the depot is node 0). None: no vehicle reloads (every other kind).
    reload_depots: tuple[tuple[int, ...], ...] | None = None
    # Per vehicle: at most this many reloads; None: as many as it likes (no such field in the file).
    max_reloads: np.ndarray | None = None
    # Per vehicle, x10: the longest route (all trips, first departure to last return); None: only
    # the depot's time window bounds it.
    max_duration: np.ndarray | None = None

    @property
    def n_clients(self) -> int:
        return len(self.x) - 1

    def euclidean(self) -> np.ndarray:
        dx = self.x[:, None] - self.x[None, :]
        dy = self.y[:, None] - self.y[None, :]
        return np.sqrt(dx * dx + dy * dy)

    def distance(self) -> np.ndarray:
        """Integer edge lengths: x10 truncated (DIMACS); HFVRP x1000 rounded. int64."""
        if self.kind == "hfvrp":
            return np.rint(HFVRP_SCALE * self.euclidean()).astype(np.int64)
        return np.floor(SCALE * self.euclidean() + 1e-9).astype(np.int64)

    def capacity_of(self, vehicle: int) -> int:
        return int(self.capacity if self.vehicle_capacity is None else self.vehicle_capacity[vehicle])

    def fleet_costs(self) -> tuple[np.ndarray, np.ndarray]:
        """HFVRP: every vehicle's fixed cost and cost per unit of length (x100, as in the file)."""
        if self.vehicle_fixed is None or self.vehicle_unit_cost is None:
            # the TypeError that indexing the missing arrays would raise
            raise TypeError(f"{self.name}: no vehicle costs (an HFVRP instance has them)")
        return self.vehicle_fixed, self.vehicle_unit_cost

    def prize_of(self, node: int) -> int:
        """PCVRPTW: the prize (x10) of `node`, lost when it is not visited."""
        if self.prize is None:
            raise TypeError(f"{self.name}: no prizes (a PCVRPTW instance has them)")
        return int(self.prize[node])

    def reloads_at(self, vehicle: int) -> tuple[int, ...]:
        """The nodes where `vehicle` may reload (empty: it drives one trip)."""
        return () if self.reload_depots is None else self.reload_depots[vehicle]

    def max_trips_of(self, vehicle: int) -> int:
        """Trips `vehicle` may drive: 1 without a reload depot; the file's reload limit + 1; or,
        with no limit in the file, one per client (every trip carries one at least, so the cap
        never binds)."""
        if not self.reloads_at(vehicle):
            return 1
        if self.max_reloads is None:
            return max(1, self.n_clients)
        return int(self.max_reloads[vehicle]) + 1


def read_instance(path: Path | str) -> BenchInstance:
    path = Path(path)
    if not path.is_file():
        raise InputError([InputProblem(path.name, f"file not found: {path}")])
    try:
        if path.suffix.lower() == ".txt":
            inst = _read_solomon(path)
        else:
            inst = _read_vrplib(path)
    except (ValueError, IndexError, KeyError) as exc:
        raise InputError([InputProblem(path.name, f"not a Solomon or VRPLIB instance: {exc}",
                                       expected="a .txt Solomon file or a .vrp VRPLIB file")]) \
            from exc
    return inst


def _read_solomon(path: Path) -> BenchInstance:
    lines = [ln.split() for ln in path.read_text().splitlines()]
    name = lines[0][0]
    i = next(k for k, ln in enumerate(lines) if ln[:2] == ["NUMBER", "CAPACITY"])
    vehicles, capacity = int(lines[i + 1][0]), int(lines[i + 1][1])
    rows = [list(map(float, ln)) for ln in lines[i + 2:] if len(ln) == 7 and ln[0].isdigit()]
    a = np.array(rows)
    return BenchInstance(
        name=name, kind="vrptw", x=a[:, 1], y=a[:, 2], demand=a[:, 3].astype(np.int64),
        capacity=capacity, num_vehicles=vehicles,
        early=(a[:, 4] * SCALE).astype(np.int64), late=(a[:, 5] * SCALE).astype(np.int64),
        service=(a[:, 6] * SCALE).astype(np.int64), prize=None,
        bks=_bks(path, name), path=path,
    )


def _read_vrplib(path: Path) -> BenchInstance:
    header: dict[str, str] = {}
    sections: _Sections = {}
    current = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line == "EOF":
            continue
        if line.endswith("SECTION"):
            current = line
            sections[current] = []
        elif ":" in line and current is None:
            key, value = line.split(":", 1)
            header[key.strip()] = value.strip()
        elif current is not None:
            sections[current].append(line.split())
    kind = header.get("TYPE", "VRPTW").lower()
    if kind not in KINDS:
        raise ValueError(f"type {kind!r} is not supported (VRPTW, PCVRPTW, HFVRP, MTVRPTWR)")
    coords = np.array([[float(v) for v in r[1:3]] for r in sections["NODE_COORD_SECTION"]])
    n = len(coords)
    demand = np.array([int(r[1]) for r in sections["DEMAND_SECTION"]], dtype=np.int64)
    if kind == "hfvrp":
        return _hfvrp(path, header, sections, coords, demand)
    tw = np.array([[float(r[1]), float(r[2])] for r in sections["TIME_WINDOW_SECTION"]])
    if "SERVICE_TIME_SECTION" in sections:
        service = np.array([float(r[1]) for r in sections["SERVICE_TIME_SECTION"]])
    else:
        service = np.full(n, float(header.get("SERVICE_TIME", 0)))
        service[0] = 0.0
    prize = None
    if "PRIZE_SECTION" in sections:
        prize = np.array([int(r[1]) for r in sections["PRIZE_SECTION"]], dtype=np.int64) * SCALE
    name = header.get("NAME", path.stem)
    num_vehicles = int(header.get("VEHICLES", n - 1))
    trips: _TripFields = {}
    if kind == "mtvrptwr":
        trips = _trip_fields(header, sections, n, num_vehicles)
    return BenchInstance(
        name=name, kind=kind, x=coords[:, 0], y=coords[:, 1], demand=demand,
        capacity=int(header["CAPACITY"]), num_vehicles=num_vehicles,
        early=(tw[:, 0] * SCALE).astype(np.int64), late=(tw[:, 1] * SCALE).astype(np.int64),
        service=np.rint(service * SCALE).astype(np.int64), prize=prize,
        bks=_bks(path, name), path=path, **trips,
    )


class _TripFields(TypedDict, total=False):
    """BenchInstance's MTVRPTWR fields, as read from a file (none for the other kinds)."""

    release: np.ndarray
    reload_depots: tuple[tuple[int, ...], ...]
    max_reloads: np.ndarray | None
    max_duration: np.ndarray | None


def _trip_fields(header: dict[str, str], sections: _Sections, n: int, num_vehicles: int
                 ) -> _TripFields:
    """Release times, reload depots and the optional per-vehicle reload and duration limits, as
    PyVRP's reader takes them: a section (one row per node or vehicle) or one header value for
    all."""
    def per_vehicle(name: str) -> np.ndarray | None:
        if f"{name}_SECTION" in sections:
            values = [float(r[1]) for r in sections[f"{name}_SECTION"]]
        elif name in header:
            values = [float(header[name])] * num_vehicles
        else:
            return None
        if len(values) != num_vehicles:
            raise ValueError(f"{name}: {len(values)} values for {num_vehicles} vehicles")
        return np.asarray(values)

    release = np.zeros(n, dtype=np.int64)
    if "RELEASE_TIME_SECTION" in sections:
        # truncated to the x10 scale like the time windows (PyVRP's "dimacs" rounding)
        release = (np.array([float(r[1]) for r in sections["RELEASE_TIME_SECTION"]])
                   * SCALE).astype(np.int64)
    elif "RELEASE_TIME" in header:
        release = np.full(n, int(float(header["RELEASE_TIME"]) * SCALE), dtype=np.int64)
    if len(release) != n:
        raise ValueError(f"RELEASE_TIME_SECTION: {len(release)} rows for {n} nodes")
    reloads: tuple[tuple[int, ...], ...] = ((),) * num_vehicles
    if "VEHICLES_RELOAD_DEPOT_SECTION" in sections:
        rows = sections["VEHICLES_RELOAD_DEPOT_SECTION"]
        if len(rows) != num_vehicles:
            raise ValueError(f"VEHICLES_RELOAD_DEPOT_SECTION: {len(rows)} rows for "
                             f"{num_vehicles} vehicles")
        reloads = tuple(tuple(int(v) - 1 for v in r[1:]) for r in rows)
    depots = [int(r[0]) - 1 for r in sections.get("DEPOT_SECTION", [["1"]]) if int(r[0]) > 0]
    if depots != [0] or any(d != 0 for r in reloads for d in r):
        raise ValueError("only node 1 may be a depot or reload depot")
    max_reloads = per_vehicle("VEHICLES_MAX_RELOADS")
    max_duration = per_vehicle("VEHICLES_MAX_DURATION")
    return {
        "release": release, "reload_depots": reloads,
        "max_reloads": None if max_reloads is None else max_reloads.astype(np.int64),
        "max_duration": None if max_duration is None
        else np.rint(max_duration * SCALE).astype(np.int64),
    }


def _hfvrp(path: Path, header: dict[str, str], sections: _Sections, coords: np.ndarray,
           demand: np.ndarray) -> BenchInstance:
    def column(section: str, default: int | None = None) -> np.ndarray:
        if section not in sections and default is not None:  # e.g. no fixed costs (HD)
            return np.full(len(sections["CAPACITY_SECTION"]), default, dtype=np.int64)
        return np.array([int(r[1]) for r in sections[section]], dtype=np.int64)

    capacity = column("CAPACITY_SECTION")
    n = len(coords)
    name = header.get("NAME", path.stem)
    never = np.iinfo(np.int32).max  # no time windows: one day longer than any tour
    return BenchInstance(
        name=name, kind="hfvrp", x=coords[:, 0], y=coords[:, 1], demand=demand,
        capacity=int(capacity.max()), num_vehicles=len(capacity),
        early=np.zeros(n, dtype=np.int64), late=np.full(n, never, dtype=np.int64),
        service=np.zeros(n, dtype=np.int64), prize=None, bks=_bks(path, name), path=path,
        vehicle_capacity=capacity, vehicle_fixed=column("VEHICLES_FIXED_COST_SECTION", 0),
        vehicle_unit_cost=column("VEHICLES_UNIT_DISTANCE_COST_SECTION", 100),
    )


def _bks(path: Path, name: str) -> float | None:
    """Best-known DIMACS cost from a bks.csv beside the instance, unscaled."""
    table = path.parent / "bks.csv"
    if not table.is_file():
        return None
    with open(table, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("instance") != name:
                continue
            if row.get("dimacs_distance"):
                return float(row["dimacs_distance"])
            cost = float(row["cost"])
            # pcvrptw costs are written on the x10 integer scale
            return cost / SCALE if "divide by 10" in row.get("cost_convention", "") else cost
    return None


def gap_percent(cost: float, bks: float | None) -> float | None:
    if bks is None or not math.isfinite(cost):
        return None
    return 100.0 * (cost - bks) / bks


def read_solution(path: Path | str) -> list[list[int]]:
    """Routes of a VRPLIB .sol file (`Route #k: 3 17 ...`, client numbering with depot = 0).

    A `0` inside a route (MTVRPTWR: a reload at the depot) is kept as it stands: the evaluator
    reads it as the end of a trip, and for every other kind as a visit to no client."""
    routes = []
    for line in Path(path).read_text().splitlines():
        if line.startswith("Route"):
            routes.append([int(v) for v in line.split(":", 1)[1].split()])
    return routes
