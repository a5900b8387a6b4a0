"""Cut a night into regional pieces that are solved apart, and put their plans back together.

Tours radiate from the plant, so a piece is a sector of directions seen from it: sites sorted
by bearing from the plant hub and cut into runs of about equal count. Each piece gets a share
of the fleet in proportion to the scrap weight of its sites (at least one truck where there are
sites), dealt so that every piece gets a mix of truck types. The pieces are independent
`Problem`s; `merge_plans` renumbers their routes into one plan of the whole night.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import partial

from magroute.domain.fleet import Vehicle
from magroute.domain.plan import Plan, Route, Unserved
from magroute.domain.problem import Problem
from magroute.solver.linehaul import plan_shipments

SITES_PER_PIECE = 450  # ~ what the engine solves well in a minute or two on one core


@dataclass(frozen=True, slots=True)
class Piece:
    index: int
    problem: Problem

    @property
    def site_ids(self) -> tuple[str, ...]:
        return tuple(s.site_id for s in self.problem.sites)


def pieces_for(n_sites: int, n_vehicles: int) -> int:
    """How many pieces a night of this size is cut into (1: solve it whole)."""
    return max(1, min(math.ceil(n_sites / SITES_PER_PIECE), n_vehicles))


def split_problem(problem: Problem, n: int) -> tuple[Piece, ...]:
    """`n` sector pieces of `problem` (see the module docstring); `n` = 1 gives it whole."""
    if n <= 1 or len(problem.sites) < 2:
        return (Piece(0, problem),)
    n = min(n, len(problem.sites), len(problem.vehicles))
    hub = problem.hub
    order = sorted(range(len(problem.sites)), key=lambda i: _bearing(
        hub.lat, hub.lon, problem.sites[i].lat, problem.sites[i].lon))
    # Start the cut at the widest gap between neighbouring bearings, so that no piece
    # straddles a dense direction needlessly.
    angles = [_bearing(hub.lat, hub.lon, problem.sites[i].lat, problem.sites[i].lon)
              for i in order]
    gaps = [(angles[(k + 1) % len(angles)] - angles[k]) % 360 for k in range(len(angles))]
    start = (max(range(len(gaps)), key=gaps.__getitem__) + 1) % len(order)
    order = order[start:] + order[:start]
    bounds = [round(k * len(order) / n) for k in range(n + 1)]
    groups = [sorted(order[bounds[k]:bounds[k + 1]]) for k in range(n)]
    weights = [sum(problem.sites[i].gross_weight_kg for i in g) or 1.0 for g in groups]
    fleets = _deal(problem, weights)
    out = []
    for k, (g, vehicles) in enumerate(zip(groups, fleets, strict=True)):
        out.append(Piece(k, dataclasses.replace(
            problem, sites=tuple(problem.sites[i] for i in g),
            yields=tuple(problem.yields[i] for i in g), vehicles=vehicles)))
    return tuple(out)


def _deal(problem: Problem, weights: list[float]) -> list[tuple[Vehicle, ...]]:
    """Vehicles to pieces: largest trucks first, each to the piece furthest below its share."""
    total = sum(weights)
    quota = [len(problem.vehicles) * w / total for w in weights]
    given: list[list[Vehicle]] = [[] for _ in weights]
    ranked = sorted(problem.vehicles, key=lambda v: (-v.vtype.payload_kg, v.vehicle_id))
    # Every piece first gets one truck, so that no region is left without any.
    for k in sorted(range(len(weights)), key=lambda k: -weights[k]):
        given[k].append(ranked.pop(0))
    for v in ranked:
        k = max(range(len(weights)), key=lambda k: (quota[k] - len(given[k]), -k))
        given[k].append(v)
    order = {v.vehicle_id: i for i, v in enumerate(problem.vehicles)}
    return [tuple(sorted(g, key=lambda v: order[v.vehicle_id])) for g in given]


def _bearing(lat0: float, lon0: float, lat: float, lon: float) -> float:
    """Degrees clockwise from north, on a local flat projection (enough to sort by)."""
    dx = (lon - lon0) * math.cos(math.radians(lat0))
    return math.degrees(math.atan2(dx, lat - lat0)) % 360


_ROUTE_REF = re.compile(r"\b(routes? )(R\d{2,})\b")


def merge_plans(problem: Problem, plans: list[Plan], *, runtime_s: float,
                notes: tuple[str, ...] = ()) -> Plan:
    """One plan of the whole `problem` from its pieces' plans: routes renumbered R01, R02 ...
    in piece order; line-haul shipments worked out again over all the routes (each hub ships
    once, whichever pieces its trucks were in)."""
    routes: list[Route] = []
    unserved: list[Unserved] = []
    for plan in plans:
        renamed: dict[str, str] = {}
        for r in plan.routes:
            renamed[r.route_id] = f"R{len(routes) + 1:02d}"
            routes.append(dataclasses.replace(r, route_id=renamed[r.route_id]))
        # A piece's explanations name its own routes ("on route R03"): name them as merged.
        unserved += [dataclasses.replace(u, reason=_ROUTE_REF.sub(partial(_renamed, renamed),
                                                                  u.reason))
                     for u in plan.unserved]
    statuses = {p.status for p in plans}
    status = statuses.pop() if len(statuses) == 1 else "mixed: " + ", ".join(sorted(statuses))
    objective = sum(p.objective_inr or 0.0 for p in plans)
    return Plan(tuple(routes), tuple(unserved), status, runtime_s,
                objective, solver="pieces", seed=plans[0].seed if plans else 0,
                notes=tuple(n for p in plans for n in p.notes) + notes,
                line_haul=plan_shipments(problem, tuple(routes)))


def _renamed(renamed: dict[str, str], m: re.Match[str]) -> str:
    """A route reference (`_ROUTE_REF`) under the route's merged name."""
    return m[1] + renamed.get(m[2], m[2])
