"""Plan KPIs, recomputed from the plan's events and the inputs (never from the solver).

Cost of a route, in INR:
  fixed    = fixed cost per day x max(1, duty hours / shift hours)   (pro rata beyond the first day)
  distance = cost per km x km driven
  driver   = driver cost per hour x duty hours                        (nights excluded)
and the plan's line-haul trips from consolidation hubs to the plant, at their cost per trip.
A hired vehicle's routes cost the same way (its fixed cost per day is the hire's base, its
cost per km the hire rate) and are reported as `hired`. Each owned truck's day without work
costs its fixed cost per day and its driver's paid day (`idle`, fleet [idle_cost]).

Site economics of the sites served, in INR (each expected, low, high):
  magnet value    value_inr (= magnet_value_inr, the name older readers know)
  by-products     byproduct_value_inr: the metals and boards of the items dismantled
  purchase        purchase_cost_inr: what the sellers are paid
  margin          magnet value + by-products - purchase - transport cost (margin_inr; low is
                  the low values with the high purchase price, high the other way round)
net_value_inr stays magnet value - transport cost, as before the site economics; the search
weighs each site by its contribution (magnets + by-products - purchase), so `margin_inr` is
what it maximises.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from magroute.analysis.timing import duty_seconds
from magroute.domain.entry import charge_inr
from magroute.domain.explanation import BINDINGS
from magroute.domain.fleet import VEHICLE_CLASSES
from magroute.domain.plan import PAUSE_KINDS, Plan, Route
from magroute.domain.problem import Problem
from magroute.travel.detours import zones_crossed
from magroute.travel.geometry import route_stop_pairs

UNEXPLAINED = "unexplained"


@dataclass(frozen=True, slots=True)
class RouteKpis:
    route_id: str
    vehicle_id: str
    vehicle_type: str
    sites: int
    distance_km: float
    duty_hours: float
    calendar_days: int
    start: str
    end: str
    load_kg: float
    capacity_kg: float
    magnet_kg: float
    value_inr: float  # the magnets' expected value
    cost_fixed_inr: float
    cost_distance_inr: float
    cost_driver_inr: float
    cost_inr: float
    co2_kg: float
    trips: int = 1
    busy_days: int = 1  # days of the plan on which this truck works (waiting at its hub is not)
    hired: bool = False  # a hired vehicle: its cost is the plan's "hired" cost
    entries: int = 0  # times it enters an area with an entry charge (Delhi)
    cost_entry_inr: float = 0.0  # what those entries cost (in cost_inr)
    byproduct_inr: float = 0.0  # expected by-product value of its pickups
    purchase_inr: float = 0.0  # expected purchase price paid to its pickups' sellers
    detours: int = 0  # legs driven round a truck-ban zone instead of through it
    crew: int = 1  # drivers on board (the second one's day is in cost_driver_inr)


@dataclass(frozen=True, slots=True)
class PlanKpis:
    scenario: str
    status: str
    runtime_s: float
    sites_total: int
    sites_served: int
    sites_unserved: int
    routes: int
    vehicles_available: int
    distance_km: float
    # fixed, distance, driver (own trucks at work), hired (hired vehicles), entry (city entry
    # charges), line_haul, idle (own trucks' days without work, fleet [idle_cost]), total
    cost_inr: dict[str, float]
    scrap_kg: float
    magnet_kg: dict[str, float]  # expected, low, high
    magnet_kg_by_type: dict[str, float]
    value_inr: dict[str, float]  # the magnets' value: expected, low, high
    net_value_inr: float  # magnet value (expected) - total cost
    magnet_value_inr: dict[str, float]  # = value_inr
    byproduct_value_inr: dict[str, float]  # expected, low, high
    purchase_cost_inr: dict[str, float]  # expected, low, high
    margin_inr: dict[str, float]  # magnets + by-products - purchase - cost: expected, low, high
    cost_per_magnet_kg_inr: float | None
    co2_kg: float
    unserved_value_inr: float  # the prizes (contributions, at least 0) of the unserved sites
    line_haul_trips: int = 0
    # Unserved sites by what keeps them off the plan (domain.explanation.BINDINGS; "unexplained"
    # for a site without one, e.g. from a failed piece of the nightly batch).
    unserved_by_binding: dict[str, int] = field(default_factory=dict)
    trips: int = 0  # trips of all routes (a route unloads once per trip)
    truck_days: int = 0  # trucks x days of the plan
    truck_days_idle: int = 0  # of them, days a truck does no work (never out, or waits at home)
    # Sites by the largest vehicle class their lanes admit (access): {class: {"sites", "served"}}
    sites_by_access: dict[str, dict[str, int]] = field(default_factory=dict)
    # Legs driven round a truck-ban zone (travel/detours.py), by the zone's city
    legs_round_zones: dict[str, int] = field(default_factory=dict)
    route_kpis: tuple[RouteKpis, ...] = field(default=())

    def to_dict(self) -> dict:
        return asdict(self)


def route_kpis(problem: Problem, route: Route, zones: list[str] | None = None) -> RouteKpis:
    """The route's KPIs; `zones` (zones_round of the route) when the caller has it already."""
    vtype = next(v.vtype for v in problem.vehicles if v.vehicle_id == route.vehicle_id)
    yields = {y.site_id: y for y in problem.yields}
    h = problem.horizon
    duty_s = duty_seconds(h, route.start, route.end)
    km = route.distance_m / 1000
    fixed = vtype.fixed_cost_inr_per_day * max(1.0, duty_s / h.shift_s)
    distance = vtype.cost_inr_per_km * km
    # A crew's second driver is paid by the working day, on the fixed cost's basis.
    driver = vtype.driver_cost_inr_per_hour * duty_s / 3600 \
        + vtype.second_driver_inr_per_day * max(1.0, duty_s / h.shift_s)
    picked = [s for s in route.site_ids if s in yields]  # unknown ids are the checker's job
    entered = area_entries(problem, route)
    entry = sum(charge_inr(problem.entry_charges, a, vtype.vehicle_class) for a in entered)
    return RouteKpis(
        route_id=route.route_id,
        vehicle_id=route.vehicle_id,
        vehicle_type=route.vehicle_type,
        sites=len(picked),
        distance_km=round(km, 3),
        duty_hours=round(duty_s / 3600, 3),
        calendar_days=(route.end.date() - route.start.date()).days + 1,
        start=route.start.isoformat(),
        end=route.end.isoformat(),
        load_kg=max((e.load_kg for e in route.events), default=0.0),
        capacity_kg=route.capacity_kg,
        magnet_kg=sum(yields[s].magnet_kg.expected for s in picked),
        value_inr=sum(yields[s].value_inr.expected for s in picked),
        cost_fixed_inr=fixed,
        cost_distance_inr=distance,
        cost_driver_inr=driver,
        cost_inr=fixed + distance + driver + entry,
        co2_kg=vtype.co2_kg_per_km * km,
        trips=route.n_trips,
        busy_days=len(busy_days(problem, route)),
        hired=vtype.hired,
        entries=len(entered),
        cost_entry_inr=entry,
        byproduct_inr=sum(yields[s].byproduct_inr.expected for s in picked),
        purchase_inr=sum(yields[s].purchase_inr.expected for s in picked),
        detours=len(zones_round(problem, route) if zones is None else zones),
        crew=vtype.crew,
    )


def zones_round(problem: Problem, route: Route) -> list[str]:
    """The city of each ban zone a leg of the route goes round (one entry per leg and zone)."""
    vehicle_class = next(v.vtype.vehicle_class for v in problem.vehicles
                         if v.vehicle_id == route.vehicle_id)
    return [z.city for a, b in route_stop_pairs(route)
            for z in zones_crossed(problem.bans, vehicle_class, a, b)]


def area_entries(problem: Problem, route: Route) -> list[str]:
    """The charged area of each entry: a stop inside an area whose previous stop was not
    (a truck that stops twice in Delhi between two stops outside enters once). Only stops are
    seen: a leg that crosses an area without stopping there is not counted (see docs/model.md)."""
    if not problem.entry_charges:
        return []
    area_of = dict(problem.area_of_place)
    out: list[str] = []
    previous = None
    for e in route.events:
        if e.kind in PAUSE_KINDS:
            continue
        area = area_of.get(e.site_id)
        if area is not None and area != previous:
            out.append(area)
        previous = area
    return out


def idle_cost_inr(problem: Problem, rk: tuple[RouteKpis, ...] | list[RouteKpis]) -> float:
    """Owned trucks' days without work, each at its fixed cost and its driver's day (fleet
    [idle_cost]); 0 when idle days are not charged."""
    busy = {r.vehicle_id: r.busy_days for r in rk}
    return sum(problem.idle_cost.per_day_inr(v.vtype)
               * max(0, problem.horizon.days - busy.get(v.vehicle_id, 0))
               for v in problem.vehicles)


def busy_days(problem: Problem, route: Route) -> set[int]:
    """Days of the plan (0-based) on which the truck of `route` works: every day from a trip's
    departure from the hub (the last event there before its first pickup) to the end of its
    unload. Days spent waiting at the hub between trips are idle."""
    h = problem.horizon
    ev = route.events
    home = (ev[0].lat, ev[0].lon)
    days: set[int] = set()
    at_hub, leave = ev[0].departure, None  # the last departure from the hub; this trip's
    for e in ev:
        if leave is None and e.kind == "pickup":
            leave = at_hub
        elif leave is not None and e.kind == "unload":
            days.update(range(h.day_of(leave), h.day_of(e.departure) + 1))
            leave, home = None, (e.lat, e.lon)
        if leave is None and abs(e.lat - home[0]) < 1e-5 and abs(e.lon - home[1]) < 1e-5:
            at_hub = e.departure
    return {d for d in days if 0 <= d < h.days}


def unserved_by_binding(plan: Plan) -> dict[str, int]:
    """How many unserved sites each binding rule keeps off the plan (every rule, 0 included)."""
    counts = dict.fromkeys((*BINDINGS, UNEXPLAINED), 0)
    for u in plan.unserved:
        key = u.binding if u.binding in BINDINGS else UNEXPLAINED
        counts[key] += 1
    return counts


def compute_kpis(problem: Problem, plan: Plan) -> PlanKpis:
    rounds = [zones_round(problem, r) for r in plan.routes]
    rk = tuple(route_kpis(problem, r, z) for r, z in zip(plan.routes, rounds, strict=True))
    yields = {y.site_id: y for y in problem.yields}
    weights = {s.site_id: s.gross_weight_kg for s in problem.sites}
    served = [s for r in plan.routes for s in r.site_ids if s in yields]
    by_type: dict[str, float] = {}
    for s in served:
        for mt, kg in yields[s].magnet_kg_by_type:
            by_type[mt] = by_type.get(mt, 0.0) + kg
    magnet = {k: sum(getattr(yields[s].magnet_kg, k) for s in served)
              for k in ("expected", "low", "high")}
    value, byproduct, purchase = ({k: sum(getattr(getattr(yields[s], part), k) for s in served)
                                  for k in ("expected", "low", "high")}
                                 for part in ("value_inr", "byproduct_inr", "purchase_inr"))
    own = [r for r in rk if not r.hired]
    cost = {
        "fixed": sum(r.cost_fixed_inr for r in own),
        "distance": sum(r.cost_distance_inr for r in own),
        "driver": sum(r.cost_driver_inr for r in own),
        "hired": sum(r.cost_inr - r.cost_entry_inr for r in rk if r.hired),
        "entry": sum(r.cost_entry_inr for r in rk),
        "line_haul": sum(s.cost_inr for s in plan.line_haul),
        "idle": idle_cost_inr(problem, rk),
    }
    cost["total"] = sum(cost.values())
    margin = {k: value[k] + byproduct[k] - purchase[other] - cost["total"]
              for k, other in (("expected", "expected"), ("low", "high"), ("high", "low"))}
    return PlanKpis(
        scenario=problem.name,
        status=plan.status,
        runtime_s=round(plan.runtime_s, 2),
        sites_total=len(problem.sites),
        sites_served=len(served),
        sites_unserved=len(plan.unserved),
        routes=len(plan.routes),
        vehicles_available=len(problem.vehicles),
        distance_km=round(sum(r.distance_km for r in rk), 3),
        cost_inr={k: round(v, 2) for k, v in cost.items()},
        scrap_kg=round(sum(weights[s] for s in served), 1),
        magnet_kg={k: round(v, 3) for k, v in magnet.items()},
        magnet_kg_by_type={k: round(v, 3) for k, v in sorted(by_type.items())},
        value_inr={k: round(v, 2) for k, v in value.items()},
        net_value_inr=round(value["expected"] - cost["total"], 2),
        magnet_value_inr={k: round(v, 2) for k, v in value.items()},
        byproduct_value_inr={k: round(v, 2) for k, v in byproduct.items()},
        purchase_cost_inr={k: round(v, 2) for k, v in purchase.items()},
        margin_inr={k: round(v, 2) for k, v in margin.items()},
        cost_per_magnet_kg_inr=round(cost["total"] / magnet["expected"], 2)
        if magnet["expected"] > 0 else None,
        co2_kg=round(sum(r.co2_kg for r in rk), 2),
        unserved_value_inr=round(sum(u.expected_value_inr for u in plan.unserved
                                     if u.site_id in yields), 2),
        line_haul_trips=sum(s.trips for s in plan.line_haul),
        unserved_by_binding=unserved_by_binding(plan),
        trips=sum(r.trips for r in rk),
        truck_days=len(problem.vehicles) * problem.horizon.days,
        truck_days_idle=len(problem.vehicles) * problem.horizon.days
        - sum(r.busy_days for r in rk),
        route_kpis=rk,
        sites_by_access=sites_by_access(problem, set(served)),
        legs_round_zones=dict(sorted(Counter(c for z in rounds for c in z).items())),
    )


def sites_by_access(problem: Problem, served: set[str]) -> dict[str, dict[str, int]]:
    """How many sites admit at most each vehicle class, and how many of them are served."""
    out: dict[str, dict[str, int]] = {}
    for s in problem.sites:
        row = out.setdefault(problem.max_vehicle_class(s), {"sites": 0, "served": 0})
        row["sites"] += 1
        row["served"] += s.site_id in served
    return {c: out[c] for c in VEHICLE_CLASSES if c in out}
