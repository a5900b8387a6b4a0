"""The problem compiled to arrays the search works on: nodes, integer costs, time intervals.

Nothing here imports OR-Tools, so the prefilter, the decoder and tests can use it directly.
Node order: every hub first (index = position in problem.hubs), then the candidate sites.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial

import numpy as np

from magroute import units
from magroute.domain.bans import banned_minutes
from magroute.domain.driver import DriverRules
from magroute.domain.entry import charge_inr
from magroute.domain.fleet import Vehicle
from magroute.domain.problem import Problem
from magroute.errors import InputError, InputProblem
from magroute.solver.clock import WorkClock, merge_windows
from magroute.travel.detours import class_legs
from magroute.travel.matrices import TravelMatrices

# A must-collect site is kept optional with a penalty no plan can outweigh, so the solver always
# returns a plan, and a must-collect site that cannot be served shows up as unserved with a reason.
MUST_COLLECT_PENALTY_INR = 1e11


@dataclass(frozen=True)
class VehicleData:
    vehicle_id: str
    type_id: str
    start_node: int
    end_node: int
    capacity_kg: int
    cost_units_per_m: int
    span_units_per_s: int  # driver cost per working second
    fixed_units: int  # one day's fixed cost + driver cost of unloading
    day_units_per_s: int  # fixed cost per day, pro rata, for duty beyond one shift
    one_day_span_s: int  # duty (excluding unload) covered by the first day's fixed cost
    max_span_s: int  # longest tour, excluding unload
    vehicle_class: str = "hcv"  # lcv | mcv | hcv: what city truck bans apply to
    linehaul_units_per_kg: int = 0  # a consolidation hub's line-haul, per kg unloaded there
    # Trips per plan: the truck may unload at end_node and set out again this many times minus
    # one (solver/trips.py). max_span_s then limits every trip, and the horizon the whole duty.
    max_trips: int = 1
    earliest_start_s: int = 0  # the truck may not leave home before (a re-plan's busy truck)
    crew: int = 1  # drivers on board (2: they take turns, DriverRules.for_crew)

    @property
    def reloads(self) -> bool:
        return self.max_trips > 1


@dataclass(frozen=True)
class ModelData:
    clock: WorkClock | None  # None for abstract instances (benchmarks) that are never decoded
    horizon_s: int  # every time lies in [0, horizon_s]
    site_index: np.ndarray  # problem site index of each candidate site node (offset by n_hubs)
    n_hubs: int
    distance_m: np.ndarray  # (n_nodes, n_nodes) int64
    travel_s: np.ndarray  # (n_nodes, n_nodes) int64
    service_s: np.ndarray  # per node
    demand_kg: np.ndarray  # per node, int
    penalty_units: np.ndarray  # per node: the cost of leaving the site out
    required: np.ndarray  # per node, bool: must be visited (benchmarks' VRPTW); a must-collect
    # site is not "required" here but carries MUST_COLLECT_PENALTY_INR, so a plan always exists
    # The prize per node: what serving the site is worth, must-collect or not (its expected
    # contribution, magnets + by-products - purchase, at least 0: SiteYield.prize_inr).
    value_inr: np.ndarray
    windows: list[list[tuple[int, int]]]  # allowed service starts per node (hub: unload starts)
    vehicles: list[VehicleData]
    unload_s: int
    xy: np.ndarray  # (n_nodes, 2) planar position, for splitting large problems into regions
    # Nodes in a truck-ban zone: the service starts each vehicle class may use (`windows` is
    # then their union), and the bans in words for explanations.
    class_windows: dict[int, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    ban_notes: dict[int, str] = field(default_factory=dict)
    # Sites whose lanes or gate admit only some vehicle classes (scenario [access], sites.csv
    # max_vehicle_class): the classes that may serve them, and the rule in words.
    access: dict[int, frozenset[str]] = field(default_factory=dict)
    access_notes: dict[int, str] = field(default_factory=dict)
    rules: DriverRules | None = None  # driver hours; None: the shift alone limits driving
    # Unloading time at every hub (default: unload_s everywhere); an unload inside a tour
    # takes it too.
    hub_unload_s: tuple[int, ...] = ()
    # Release dates (benchmarks' MTVRPTW-R): a trip that carries node n leaves its depot at
    # release_s[n] or later. None: every site is ready from the start.
    release_s: np.ndarray | None = None
    # Legs a vehicle class drives around truck-ban zones (travel/detours.py): its own
    # (distance_m, travel_s); a class not here drives the common matrices.
    class_legs: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    # City entry charges (as analysis/kpis.area_entries counts them): each node's charged area
    # (-1: none) and, per vehicle class, what entering each area costs in cost units.
    node_area: np.ndarray | None = None
    area_charge_units: dict[str, np.ndarray] = field(default_factory=dict)

    def entry_units_for(self, vehicle_class: str) -> np.ndarray | None:
        """Cost units of the entry charge each leg a -> b of `vehicle_class` pays: b lies in a
        charged area and a does not lie in the same one. None where the class pays none."""
        charges = self.area_charge_units.get(vehicle_class)
        if charges is None or self.node_area is None or not charges.any():
            return None
        if vehicle_class not in self._entry_units:
            area = self.node_area
            enters = (area[None, :] >= 0) & (area[:, None] != area[None, :])
            self._entry_units[vehicle_class] = np.where(
                enters, charges[np.maximum(area, 0)][None, :], 0).astype(np.int64)
        return self._entry_units[vehicle_class]

    @cached_property
    def _entry_units(self) -> dict[str, np.ndarray]:
        return {}  # filled as asked

    def distance_for(self, vehicle_class: str) -> np.ndarray:
        legs = self.class_legs.get(vehicle_class)
        return self.distance_m if legs is None else legs[0]

    def travel_for(self, vehicle_class: str) -> np.ndarray:
        legs = self.class_legs.get(vehicle_class)
        return self.travel_s if legs is None else legs[1]

    def search_travel_for(self, vehicle_class: str, crew: int = 1) -> np.ndarray:
        """search_travel_s for the legs of `vehicle_class` driven by a crew of `crew`."""
        if vehicle_class not in self.class_legs and (crew == 1 or self.rules is None):
            return self.search_travel_s
        key = (vehicle_class, crew)
        if key not in self._search_travel_by:
            rules = None if self.rules is None else self.rules.for_crew(crew)
            self._search_travel_by[key] = effective_drive_s(
                self.travel_for(vehicle_class), self.day_s, _seconds(rules), pro_rata_breaks=True)
        return self._search_travel_by[key]

    @cached_property
    def _search_travel_by(self) -> dict[tuple[str, int], np.ndarray]:
        return {}  # filled as the searches ask

    def rules_of(self, v: VehicleData) -> DriverRules | None:
        """The driver-hours rules of this truck (its crew's)."""
        return None if self.rules is None else self.rules.for_crew(v.crew)

    def rule_seconds_of(self, v: VehicleData) -> tuple[int, int, int] | None:
        return _seconds(self.rules_of(v))

    def week_duty_of(self, v: VehicleData) -> int | None:
        """Most duty this truck may do in a week of the plan (None: no weekly cap)."""
        rules = self.rules_of(v)
        return None if rules is None else rules.week_duty_s

    def unload_s_at(self, hub: int) -> int:
        return self.hub_unload_s[hub] if self.hub_unload_s else self.unload_s

    @property
    def day_s(self) -> int:
        """Length of a working day (benchmark instances have no days: one long one)."""
        return self.clock.day_s if self.clock is not None else self.horizon_s + 1

    @property
    def week_s(self) -> int:
        """A week of working days: the plan's days 0-6, 7-13, ... are its weeks."""
        return 7 * self.day_s

    def max_duty_s(self, span_s: int, v: VehicleData) -> int:
        """A tour's span bound `span_s` tightened by truck v's weekly duty cap where the plan is
        one week or less (the searches' bound; schedule.py checks every week exactly)."""
        cap = self.week_duty_of(v)
        return span_s if cap is None or self.horizon_s > self.week_s else min(span_s, cap)

    def week_duties(self, start: int, end: int) -> list[int]:
        """Duty from `start` to `end` (working clock) in each week of the plan it touches."""
        w = self.week_s
        return [min(end, (k + 1) * w) - max(start, k * w)
                for k in range(start // w, max(start, end - 1) // w + 1)]

    @property
    def rule_seconds(self) -> tuple[int, int, int] | None:
        """The one-driver rules in seconds (a crew's: rule_seconds_of)."""
        return _seconds(self.rules)

    @cached_property
    def search_travel_s(self) -> np.ndarray:
        """Working-clock time of each leg for a driver who sets out fresh at the start of a
        day: driving plus the breaks and overnight stops the rules force, and at least its share
        of the breaks a day of short legs needs. The searches (PyVRP, the OR-Tools fallback)
        plan with it; schedule.py then times every tour exactly."""
        return effective_drive_s(self.travel_s, self.day_s, self.rule_seconds,
                                 pro_rata_breaks=True)

    def windows_for(self, v: VehicleData, node: int) -> list[tuple[int, int]]:
        allowed = self.access.get(node)
        if allowed is not None and v.vehicle_class not in allowed:
            return []
        per_class = self.class_windows.get(node)
        return self.windows[node] if per_class is None else per_class.get(v.vehicle_class, [])

    def class_windows_at(self, node: int, classes: Iterable[str]
                         ) -> dict[str, list[tuple[int, int]]] | None:
        """Service starts per vehicle class where bans or access tell the classes apart
        (None where every class may use `windows[node]`); a class the site's access does not
        admit has none."""
        per_class = self.class_windows.get(node)
        allowed = self.access.get(node)
        if per_class is None and allowed is None:
            return None
        return {c: [] if allowed is not None and c not in allowed
                else self.windows[node] if per_class is None else per_class.get(c, [])
                for c in classes}

    @property
    def n_nodes(self) -> int:
        return self.n_hubs + len(self.site_index)

    def node_of_site(self) -> dict[int, int]:
        return {int(s): self.n_hubs + k for k, s in enumerate(self.site_index)}

    def site_nodes(self) -> range:
        return range(self.n_hubs, self.n_nodes)


def _seconds(r: DriverRules | None) -> tuple[int, int, int] | None:
    return None if r is None else (r.max_driving_s, r.break_after_s, r.break_s)


def effective_drive_s(drive_s: np.ndarray, day_s: int, rules: tuple[int, int, int] | None,
                      *, pro_rata_breaks: bool = False) -> np.ndarray:
    """See ModelData.search_travel_s. A fresh driver needs no break on a leg of up to
    `break_after`; with `pro_rata_breaks` every leg also carries its share of the breaks that
    a day of short legs adds up to (a leg of 1 h: 6 minutes, at 30 min per 5 h)."""
    if rules is None:
        return drive_s
    most, after, brk = rules
    # Driving a fresh driver fits into one working day: stretches of `after` seconds with a
    # break between them, up to the daily limit or the end of the day.
    per_day, t = 0, 0
    while per_day < most and t < day_s:
        chunk = min(after, most - per_day, day_s - t)
        per_day, t = per_day + chunk, t + chunk
        if per_day >= most or t + brk >= day_s:
            break
        t += brk
    per_day = max(per_day, 1)
    d = np.asarray(drive_s, dtype=np.int64)
    full = np.maximum(d - 1, 0) // per_day  # whole days of driving before the last one
    rest = d - full * per_day
    last = rest + brk * (np.maximum(rest - 1, 0) // after)
    if pro_rata_breaks:
        last = np.maximum(last, rest + (rest * brk + after - 1) // after)
    return np.where(d > 0, full * day_s + last, 0).astype(np.int64)


def select_sites(data: ModelData, site_nodes: Sequence[int] | np.ndarray,
                 vehicles: list[int] | None = None) -> ModelData:
    """The same model over some of its site nodes (in the given order) and trucks.

    Site node n_hubs + k of the result is site node `site_nodes[k]` of `data`; hubs keep their
    numbers, so trucks' start and end nodes stay valid.
    """
    nodes = np.concatenate([np.arange(data.n_hubs), np.asarray(site_nodes, dtype=np.int64)])
    new = {int(old): k for k, old in enumerate(nodes)}
    return dataclasses.replace(
        data,
        site_index=data.site_index[nodes[data.n_hubs:] - data.n_hubs],
        distance_m=data.distance_m[np.ix_(nodes, nodes)],
        travel_s=data.travel_s[np.ix_(nodes, nodes)],
        service_s=data.service_s[nodes],
        demand_kg=data.demand_kg[nodes],
        penalty_units=data.penalty_units[nodes],
        required=data.required[nodes],
        value_inr=data.value_inr[nodes],
        windows=[data.windows[int(n)] for n in nodes],
        xy=data.xy[nodes],
        vehicles=data.vehicles if vehicles is None else [data.vehicles[k] for k in vehicles],
        release_s=None if data.release_s is None else data.release_s[nodes],
        class_windows={new[n]: w for n, w in data.class_windows.items() if n in new},
        ban_notes={new[n]: t for n, t in data.ban_notes.items() if n in new},
        access={new[n]: c for n, c in data.access.items() if n in new},
        access_notes={new[n]: t for n, t in data.access_notes.items() if n in new},
        class_legs={c: (d[np.ix_(nodes, nodes)], t[np.ix_(nodes, nodes)])
                    for c, (d, t) in data.class_legs.items()},
        node_area=None if data.node_area is None else data.node_area[nodes],
    )


def compile_model(
    problem: Problem, matrices: TravelMatrices, candidate_sites: list[int]
) -> ModelData:
    clock = WorkClock(problem.horizon)
    n_hubs = len(problem.hubs)
    site_index = np.asarray(candidate_sites, dtype=np.int64)
    points = np.concatenate([np.arange(n_hubs), n_hubs + site_index]).astype(np.int64)
    dist = matrices.distance_m[np.ix_(points, points)]
    travel = matrices.duration_s[np.ix_(points, points)]

    hub = problem.hub
    n = len(points)
    service = np.zeros(n, dtype=np.int64)
    demand = np.zeros(n, dtype=np.int64)
    penalty = np.zeros(n, dtype=np.int64)
    value_inr = np.zeros(n, dtype=float)
    windows: list[list[tuple[int, int]]] = []
    class_windows: dict[int, dict[str, list[tuple[int, int]]]] = {}
    ban_notes: dict[int, str] = {}
    access: dict[int, frozenset[str]] = {}
    access_notes: dict[int, str] = {}
    classes = sorted({v.vtype.vehicle_class for v in problem.vehicles})
    for h in problem.hubs:
        windows.append(clock.service_starts(h.receiving, h.unload_s))
    beyond: list[InputProblem] = []  # values no solver integer holds, all named at once
    for k, si in enumerate(site_index):
        site, yld = problem.sites[si], problem.yields[si]
        node = n_hubs + k
        # The prize: a site that costs more to buy than it is worth has none, so the search
        # visits it only when it must.
        value = MUST_COLLECT_PENALTY_INR if site.must_collect else yld.prize_inr
        try:
            service[node] = units.duration_to_int(problem.service.service_s(site))
            demand[node] = units.load_kg_to_int(site.gross_weight_kg)
            penalty[node] = units.inr_to_units(value)
        except units.ScaleError as exc:
            column = ", ".join(f"qty_{item}" for item, _ in site.inventory) \
                if exc.what.startswith("INR") else "gross_weight_kg"  # time grows with weight
            beyond.append(InputProblem("sites", f"site {site.site_id}: {exc}", column=column,
                                       value=exc.value))
            continue
        value_inr[node] = yld.prize_inr
        allowed = problem.access_classes(site)
        if allowed is not None and not set(classes) <= allowed:
            access[node] = allowed
            access_notes[node] = problem.access_note(site)
        open_windows = clock.service_starts(site.hours, int(service[node]))
        per_class = class_service_starts(problem, int(si), int(service[node]), classes, clock)
        if per_class is not None and any(w != open_windows for w in per_class.values()):
            class_windows[node] = per_class
            ban_notes[node] = "; ".join(str(b) for b in problem.bans_for_site(int(si)))
            open_windows = merge_windows(*per_class.values())
        windows.append(open_windows)

    shift_s = clock.day_s
    unload_s = hub.unload_s
    vehicles = []
    if beyond:
        raise InputError(beyond)
    for v in problem.vehicles:
        t = v.vtype
        end = problem.hub_by_id(problem.end_hub_id(v.home_hub_id))
        lh = problem.line_haul_from(end.hub_id)
        per_kg = 0 if lh is None else round(lh.cost_inr_per_kg * units.COST_UNITS_PER_INR)
        vehicles.append(
            VehicleData(
                vehicle_id=v.vehicle_id,
                type_id=t.type_id,
                start_node=problem.hub_node(v.home_hub_id),
                end_node=problem.hub_node(end.hub_id),
                capacity_kg=int(t.payload_kg),
                cost_units_per_m=units.inr_per_km_to_units_per_m(t.cost_inr_per_km),
                span_units_per_s=units.inr_per_hour_to_units_per_s(t.driver_cost_inr_per_hour),
                # A crew's second driver is paid by the working day, like the fixed cost.
                fixed_units=units.inr_to_units(
                    t.fixed_cost_inr_per_day + t.second_driver_inr_per_day
                    + t.driver_cost_inr_per_hour * end.unload_s / 3600
                ),
                day_units_per_s=round(
                    (t.fixed_cost_inr_per_day + t.second_driver_inr_per_day)
                    * units.COST_UNITS_PER_INR / shift_s
                ),
                one_day_span_s=shift_s - end.unload_s,
                max_span_s=tour_days_of(v, problem.horizon.max_tour_days) * shift_s
                - end.unload_s,
                vehicle_class=t.vehicle_class,
                linehaul_units_per_kg=per_kg,
                max_trips=max_trips_of(v, problem.horizon.days),
                earliest_start_s=0 if v.available_from is None
                else clock.tau_at(v.available_from),
                crew=t.crew,
            )
        )
    return ModelData(
        clock=clock,
        horizon_s=clock.end,
        site_index=site_index,
        n_hubs=n_hubs,
        distance_m=dist,
        travel_s=travel,
        service_s=service,
        demand_kg=demand,
        penalty_units=penalty,
        required=np.zeros(n, dtype=bool),
        value_inr=value_inr,
        windows=windows,
        vehicles=vehicles,
        unload_s=unload_s,
        xy=_planar(problem, points),
        class_windows=class_windows,
        ban_notes=ban_notes,
        access=access,
        access_notes=access_notes,
        rules=problem.driver_rules,
        hub_unload_s=tuple(h.unload_s for h in problem.hubs),
        class_legs=_class_legs(problem, points, dist, travel, classes),
        **_entry_charges(problem, points, classes),
    )


def _entry_charges(problem: Problem, points: np.ndarray, classes: Sequence[str]) -> dict:
    """node_area and area_charge_units of the model (none without entry charges)."""
    if not problem.entry_charges or not problem.area_of_place:
        return {}
    areas = sorted({a for _, a in problem.area_of_place})
    area_of = dict(problem.area_of_place)
    names = [h.hub_id for h in problem.hubs] + [s.site_id for s in problem.sites]
    node_area = np.asarray([areas.index(area_of[names[int(p)]]) if names[int(p)] in area_of
                            else -1 for p in points], dtype=np.int64)
    return {"node_area": node_area,
            "area_charge_units": {c: np.asarray([units.inr_to_units(
                charge_inr(problem.entry_charges, a, c)) for a in areas], dtype=np.int64)
                for c in classes}}


def _class_legs(problem: Problem, points: np.ndarray, dist: np.ndarray, travel: np.ndarray,
                classes: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The legs of each class that drives around a ban zone somewhere (travel/detours.py)."""
    if not problem.bans:
        return {}
    everywhere = problem.points()
    return class_legs(problem.bans, classes, [everywhere[int(p)] for p in points], dist, travel)


# "As many trips as fit": more than a truck could drive in a day of short NCR hops.
TRIPS_PER_DAY_CAP = 4


def tour_days_of(vehicle: Vehicle, max_tour_days: int) -> int:
    """The longest tour of a truck, in shift-days: its type's limit (a hired local vehicle's
    day trips) within the scenario's."""
    own = vehicle.vtype.max_tour_days
    return max_tour_days if own is None else min(own, max_tour_days)


def max_trips_of(vehicle: Vehicle, horizon_days: int) -> int:
    """A truck's trips per plan: its own limit, or as many as fit (a cap per day)."""
    cap = TRIPS_PER_DAY_CAP * max(1, horizon_days)
    return cap if vehicle.max_trips is None else max(1, min(vehicle.max_trips, cap))


def class_service_starts(problem: Problem, site_index: int, service_s: int,
                         classes: Iterable[str], clock: WorkClock
                         ) -> dict[str, list[tuple[int, int]]] | None:
    """Service starts per vehicle class at a site inside a ban zone (None outside every zone)."""
    bans = problem.bans_for_site(site_index)
    if not bans:
        return None
    hours = problem.sites[site_index].hours
    # partial binds this c (as a lambda default argument would) and is typed weekday -> minutes
    return {c: clock.service_starts(hours, service_s, banned=partial(banned_minutes, bans, c))
            for c in classes}


def _planar(problem: Problem, points: np.ndarray) -> np.ndarray:
    """Equirectangular x/y in degrees: fine for telling regions apart, not for distances."""
    latlon = np.asarray(problem.points(), dtype=float)[points]
    lat0 = np.radians(latlon[:, 0].mean()) if len(latlon) else 0.0
    return np.column_stack([latlon[:, 1] * np.cos(lat0), latlon[:, 0]])
