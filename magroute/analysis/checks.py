"""An independent plan checker.

It re-derives every route from the inputs alone (site coordinates and hours, the fleet, the travel
source, the shift calendar) in real local time, without the solver's working clock, and lists every
violation it finds. Tests run it on every solver result; `magroute check` runs it on a plan folder.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

import numpy as np

from magroute.analysis.kpis import compute_kpis
from magroute.analysis.timing import inside_shift, working_seconds
from magroute.domain.bans import ban_during, bans_at
from magroute.domain.driver import DriverRules
from magroute.domain.fleet import Vehicle
from magroute.domain.horizon import Horizon
from magroute.domain.hours import WeeklyHours
from magroute.domain.plan import PAUSE_KINDS, Event, Plan, Route
from magroute.domain.problem import Problem
from magroute.domain.site import Site
from magroute.formatting import grouped
from magroute.travel.detours import detoured, zones_crossed
from magroute.travel.matrices import TravelSource

COORD_TOL = 1e-5
METRE_TOL = 2  # rest rows split a leg; each split rounds to the metre
SECOND_TOL = 1.0
MONEY_TOL = 1.0  # INR, on totals reported in summary.json


class _Bad(Protocol):
    """Records one violation of the route being checked."""

    def __call__(self, rule: str, msg: str, seq: int | None = None, site: str = "") -> None: ...


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    message: str
    route_id: str = ""
    seq: int | None = None
    site_id: str = ""

    def __str__(self) -> str:
        where = self.route_id + (f" #{self.seq}" if self.seq is not None else "")
        who = f" [{self.site_id}]" if self.site_id else ""
        return f"{self.rule}: {where}{who} {self.message}".replace("  ", " ")


def check_plan(
    problem: Problem, plan: Plan, travel: TravelSource, reported: dict | None = None
) -> list[Violation]:
    """Every violation of the model in `plan`; empty if the plan is valid.

    `reported` is an optional summary.json dict whose totals are compared with recomputed KPIs.
    """
    out: list[Violation] = []
    out += _check_accounting(problem, plan, travel)
    used = Counter(r.vehicle_id for r in plan.routes)
    for vid, n in used.items():
        if n > 1:
            out.append(Violation("one-route-per-truck",
                                 f"truck {vid} drives {n} routes (one vehicle in two places)"))
    legs = LegTable(travel, [(e.lat, e.lon) for r in plan.routes for e in r.events
                             if e.kind not in PAUSE_KINDS])
    for route in plan.routes:
        out += _check_route(problem, route, legs)
    out += _check_line_haul(problem, plan)
    if reported is not None:
        out += _check_reported(problem, plan, reported)
    return out


def _check_accounting(problem: Problem, plan: Plan, travel: TravelSource) -> list[Violation]:
    out = []
    known = {s.site_id for s in problem.sites}
    seen = Counter(plan.served_site_ids) + Counter(u.site_id for u in plan.unserved)
    for sid in sorted(known - set(seen)):
        out.append(Violation("accounted", "site is neither on a route nor unserved", site_id=sid))
    for sid, n in sorted(seen.items()):
        if sid not in known:
            out.append(Violation("accounted", "unknown site id in the plan", site_id=sid))
        elif n > 1:
            out.append(Violation("accounted", f"site appears {n} times", site_id=sid))
    must = {s.site_id: s for s in problem.sites if s.must_collect}
    left = [u for u in plan.unserved if u.site_id in must]
    proofs = impossible_sites(problem, [must[u.site_id] for u in left], travel) if left else {}
    for u in plan.unserved:
        if not u.reason.strip():
            out.append(Violation("reason", "unserved without a reason", site_id=u.site_id))
    for u in left:
        if u.site_id not in proofs:
            out.append(Violation("must-collect", f"not served: {u.reason}", site_id=u.site_id))
    return out


def impossible_sites(problem: Problem, sites: list[Site], travel: TravelSource) -> dict[str, str]:
    """Sites no truck of the fleet could serve even alone, each with the proof: heavier than
    every truck, closed on every day of the plan, or more driving out and back than the
    longest tour allows (a lower bound: service, waits and breaks only add to it).

    A must-collect site left unserved is a violation unless it is proven impossible here,
    independently of the solver's reason."""
    out: dict[str, str] = {}
    if not problem.vehicles:
        return {s.site_id: "no trucks in the fleet" for s in sites}
    h = problem.horizon
    weekdays = {h.day_date(d).weekday() for d in range(h.days)}
    max_payload = max(v.vtype.payload_kg for v in problem.vehicles)
    widest = problem.widest_rules  # a necessary test: the loosest rules of the fleet
    day_drive_s = h.shift_s if widest is None else min(h.shift_s, widest.max_driving_s)
    budget_s = h.max_tour_days * day_drive_s
    homes = {v.home_hub_id for v in problem.vehicles}
    hubs = [problem.hub_by_id(x) for x in sorted(homes | {problem.end_hub_id(x) for x in homes})]
    points = [(x.lat, x.lon) for x in hubs] + [(s.lat, s.lon) for s in sites]
    m = travel.matrices(points)
    index = {x.hub_id: i for i, x in enumerate(hubs)}
    for k, s in enumerate(sites, start=len(hubs)):
        if s.gross_weight_kg > max_payload:
            out[s.site_id] = f"{grouped(s.gross_weight_kg, 0)} kg, more than any truck's payload"
        elif not (s.hours.days & weekdays):
            out[s.site_id] = "closed on every day of the plan"
        else:
            drive = min(int(m.duration_s[index[home], k]) +
                        int(m.duration_s[k, index[problem.end_hub_id(home)]]) for home in homes)
            if drive > budget_s:
                out[s.site_id] = (f"{drive / 3600:.1f} h of driving out and back, more than "
                                  f"{budget_s / 3600:.0f} h in the longest tour")
    return out


class LegTable:
    """Travel between the plan's stops, from one matrix call over all of them (one call
    instead of one per leg: a road-graph source builds its graph per call)."""

    def __init__(self, travel: TravelSource, points: list[tuple[float, float]]) -> None:
        self.index = {p: i for i, p in enumerate(dict.fromkeys(points))}
        self.m = travel.matrices(list(self.index)) if self.index else None

    def leg(self, a: tuple[float, float], b: tuple[float, float]) -> tuple[int, int]:
        i, j = self.index[a], self.index[b]
        assert self.m is not None  # a and b are in the index, so there was a matrix call
        return int(self.m.distance_m[i, j]), int(self.m.duration_s[i, j])


def _check_route(problem: Problem, route: Route, travel: LegTable) -> list[Violation]:
    out: list[Violation] = []

    def bad(rule: str, msg: str, seq: int | None = None, site: str = "") -> None:
        out.append(Violation(rule, msg, route.route_id, seq, site))

    vehicle = next((v for v in problem.vehicles if v.vehicle_id == route.vehicle_id), None)
    if vehicle is None:
        bad("fleet", f"unknown truck {route.vehicle_id}")
        return out
    if route.vehicle_type != vehicle.vtype.type_id:
        bad("fleet", f"type {route.vehicle_type} but {vehicle.vehicle_id} is {vehicle.vtype.type_id}")
    if route.capacity_kg != vehicle.vtype.payload_kg:
        bad("fleet", f"capacity {route.capacity_kg} != payload {vehicle.vtype.payload_kg}")
    ev = route.events
    kinds = [e.kind for e in ev]
    if len(ev) < 3 or kinds[0] != "start" or kinds[-2:] != ["unload", "end"] \
            or "start" in kinds[1:] or kinds.count("end") != 1:
        bad("structure", "a tour is start, then trips of pickups/rests ending in an unload, "
                         f"then end; got {kinds}")
        return out
    home = problem.hub_by_id(vehicle.home_hub_id)
    hub = problem.hub_by_id(problem.end_hub_id(vehicle.home_hub_id))
    _at(bad, ev[0], 0, home.lat, home.lon, home.hub_id)
    _check_trips(bad, route, vehicle)
    _at(bad, ev[-1], len(ev) - 1, hub.lat, hub.lon, hub.hub_id)

    h = problem.horizon
    min_rest = h.rest_s if problem.driver_rules is None else problem.driver_rules.min_rest_s
    sites = {s.site_id: s for s in problem.sites}
    load = 0.0
    prev_stop: Event = ev[0]
    legs_since_stop = 0
    leg_s: dict[int, int] = {}  # driving time of the leg into each stop, as driven
    for seq, e in enumerate(ev):
        if not (e.arrival <= e.service_start <= e.departure):
            bad("time-order", "arrival <= service_start <= departure fails", seq, e.site_id)
        if seq and ev[seq - 1].departure > e.arrival:
            bad("time-order", "arrives before leaving the previous event", seq, e.site_id)
        if e.leg_m < 0:
            bad("distance", "negative leg", seq, e.site_id)
        legs_since_stop += e.leg_m
        if e.kind in PAUSE_KINDS:
            need = (min_rest if e.kind == "rest" else problem.driver_rules.break_s
                    if problem.driver_rules else 0)
            if (e.departure - e.service_start).total_seconds() < need - SECOND_TOL:
                bad(e.kind, f"{e.kind} shorter than {need / 3600:.2f} h", seq)
            if abs(e.load_kg - load) > 0.05:
                bad("load", f"load changes during a {e.kind} ({e.load_kg} vs {load})", seq)
            continue
        if e.kind == "start":
            continue
        # A real stop: the truck moved here from prev_stop.
        dist_m, dur_s = _driven_leg(problem, vehicle.vtype.vehicle_class, travel, prev_stop, e,
                                    legs_since_stop, seq, bad)
        leg_s[seq] = dur_s
        drive_window = working_seconds(h, prev_stop.departure, e.arrival)
        if drive_window + SECOND_TOL < dur_s:
            bad("travel-time", f"{drive_window:.0f} s of shift time to drive a {dur_s} s leg",
                seq, e.site_id)
        for t in (e.arrival, e.service_start, e.departure):
            if not inside_shift(h, t, t):
                bad("shift", f"activity at {t:%a %H:%M} outside the daily shift", seq, e.site_id)
                break
        if e.kind == "pickup":
            site = sites.get(e.site_id)
            if site is None:
                bad("site", "unknown site", seq, e.site_id)
            else:
                _at(bad, e, seq, site.lat, site.lon, site.site_id)
                _window(bad, problem, e, seq, site.hours, problem.service.service_s(site),
                        "opening hours")
                zone = bans_at(problem.bans, site.lat, site.lon)
                hit = ban_during(zone, vehicle.vtype.vehicle_class, e.arrival, e.departure)
                if hit is not None:
                    bad("truck-ban", f"a {vehicle.vtype.vehicle_class} is in the zone "
                                     f"{e.arrival:%a %H:%M}-{e.departure:%H:%M} during the ban "
                                     f"{hit[0]}", seq, e.site_id)
                admitted = problem.access_classes(site)
                if admitted is not None and vehicle.vtype.vehicle_class not in admitted:
                    bad("access", f"a {vehicle.vtype.vehicle_class} serves a site that admits "
                                  f"{problem.access_note(site)}", seq, e.site_id)
                load += site.gross_weight_kg
        elif e.kind == "unload":
            _at(bad, e, seq, hub.lat, hub.lon, hub.hub_id)
            _window(bad, problem, e, seq, hub.receiving, hub.unload_s, "hub receiving hours")
            load = 0.0
        if abs(e.load_kg - load) > 0.05:
            bad("load", f"load {e.load_kg} kg, expected {load:.1f} kg", seq, e.site_id)
        if load > route.capacity_kg + 1e-6:
            bad("capacity", f"{load:.1f} kg on board > {route.capacity_kg} kg payload", seq)
        prev_stop, legs_since_stop = e, 0

    # Every night between leaving and coming back is spent resting.
    start, end = route.start, route.end
    rests = [(e.service_start, e.departure) for e in ev if e.kind == "rest"]
    day = h.day_of(start)
    while h.shift_end(day) < end:
        night = (h.shift_end(day), h.shift_start(day + 1))
        if not any(a <= night[0] and b >= night[1] for a, b in rests):
            bad("rest", f"no overnight rest in the night after {night[0]:%a %d %b}")
        day += 1
    if start < h.start or end > h.end:
        bad("horizon", f"tour {start:%a %H:%M}-{end:%a %H:%M} leaves the plan's horizon")
    # The tour limit holds for every trip: from leaving home, or from the end of the previous
    # unload, to the end of the trip's own unload.
    trip_start = start
    own_days = vehicle.vtype.max_tour_days  # a hired local vehicle's shorter limit
    tour_days = h.max_tour_days if own_days is None else min(own_days, h.max_tour_days)
    for seq, e in enumerate(ev):
        if e.kind != "unload":
            continue
        duty = working_seconds(h, trip_start, e.departure)
        if duty > tour_days * h.shift_s + SECOND_TOL:
            bad("tour-length", f"trip {e.trip}: {duty / h.shift_s:.2f} shift-days > "
                               f"{tour_days}", seq)
        trip_start = e.departure
    rules = problem.rules_for(vehicle.vtype)  # a two-driver crew's are wider
    if rules is not None:
        _check_driver_hours(rules, h, route, leg_s, bad)
        _check_duty(rules, h, route, bad)
    return out


def _driven_leg(problem: Problem, vehicle_class: str, travel: LegTable, a: Event, b: Event,
                driven_m: int, seq: int, bad: _Bad) -> tuple[int, int]:
    """The (distance, time) of the leg a -> b as the plan drove it (`driven_m` metres): round
    the ban zones of the truck's class that it passes (travel/detours.py) if that is what it
    drove, else straight. Straight through a zone while its ban is on is a violation; a
    distance that is neither is another."""
    pa, pb = (a.lat, a.lon), (b.lat, b.lon)
    dist_m, dur_s = travel.leg(pa, pb)
    zones = zones_crossed(problem.bans, vehicle_class, pa, pb)
    if zones:
        legs = detoured(zones, vehicle_class, [pa, pb],
                        np.array([[0, dist_m], [0, 0]], dtype=np.int64),
                        np.array([[0, dur_s], [0, 0]], dtype=np.int64))
        if legs is not None and abs(driven_m - int(legs[0][0, 1])) <= METRE_TOL:
            return int(legs[0][0, 1]), int(legs[1][0, 1])  # went round
    if abs(driven_m - dist_m) > METRE_TOL:
        bad("distance", f"legs add up to {driven_m} m, travel gives {dist_m} m"
            + (" (or more around the ban zones it passes)" if zones else ""), seq, b.site_id)
    elif zones:  # straight through: allowed only while no ban of its class is on
        ids = {z.zone_id for z in zones}
        hit = ban_during(tuple(x for x in problem.bans if x.zone_id in ids), vehicle_class,
                         a.departure, b.arrival)
        if hit is not None:
            bad("truck-ban", f"a {vehicle_class} drives through {hit[0].city} "
                             f"{a.departure:%a %H:%M}-{b.arrival:%H:%M} during the ban {hit[0]} "
                             "instead of around it", seq, b.site_id)
    return dist_m, dur_s


def _check_duty(rules: DriverRules, h: Horizon, route: Route, bad: _Bad) -> None:
    """Each day's work spread over at most the rules' hours, and each week of the plan (days
    0-6, 7-13, ...) at most the weekly duty: working time from leaving home to the end."""
    start, end = route.start, route.end
    # Real time of every event by calendar day; a rest's night lies between its evening
    # (arrival) and its morning (departure), so each day's spread is its first to last moment.
    moments: dict[date, list[datetime]] = {}
    for e in route.events:
        times = (e.arrival, e.service_start) if e.kind == "rest" else \
            (e.arrival, e.service_start, e.departure)
        if e.kind == "rest":
            moments.setdefault(e.departure.date(), []).append(e.departure)
        for t in times:
            moments.setdefault(t.date(), []).append(t)
    for _, ts in sorted(moments.items()):
        spread = (max(ts) - min(ts)).total_seconds()
        if spread > rules.spread_over_s + SECOND_TOL:
            bad("spread-over", f"{min(ts):%a %d %b}: work spread over {spread / 3600:.1f} h "
                               f"> {rules.max_spread_over_h:g} h")
    for week in range(h.day_of(start) // 7, h.day_of(end) // 7 + 1):
        duty = working_seconds(h, max(start, h.shift_start(7 * week)),
                               min(end, h.shift_start(7 * week + 7)))
        if duty > rules.week_duty_s + SECOND_TOL:
            bad("weekly-duty", f"week {week + 1} of the plan: {duty / 3600:.1f} h of duty > "
                               f"{rules.max_duty_h_per_week:g} h")


def _check_trips(bad: _Bad, route: Route, vehicle: Vehicle) -> None:
    """Trips numbered 1, 2, ... in order, each with at least one pickup and ending in one unload
    at the truck's unloading hub; no more trips than the truck may make."""
    ev = route.events
    trip, picked = 1, 0
    for seq, e in enumerate(ev):
        if e.trip != trip:
            bad("trip", f"event of trip {e.trip} inside trip {trip}", seq, e.site_id)
            return
        if e.kind == "pickup":
            picked += 1
        elif e.kind == "unload":
            if not picked:
                bad("trip", f"trip {trip} has no pickups", seq)
            if seq + 1 < len(ev) and ev[seq + 1].kind != "end":
                trip, picked = trip + 1, 0
    if vehicle.max_trips is not None and trip > vehicle.max_trips:
        bad("trip", f"{trip} trips; {vehicle.vehicle_id} may make {vehicle.max_trips}")


def _check_line_haul(problem: Problem, plan: Plan) -> list[Violation]:
    """Every kg unloaded at a consolidation hub ships on to the plant in enough full-truck
    trips, or by the part-load carrier where that is cheaper, on a scheduled departure after
    the last unload, at the line-haul's price."""
    out = []
    weights = {s.site_id: s.gross_weight_kg for s in problem.sites}
    unloaded: dict[str, list] = {}
    for r in plan.routes:
        for u in r.unloads:
            if problem.line_haul_from(u.site_id) is not None:
                unloaded.setdefault(u.site_id, []).append(
                    (u.departure, sum(weights.get(s, 0.0) for s in r.trip_site_ids(u.trip))))
    shipped = {s.hub_id: s for s in plan.line_haul}
    for hub_id in sorted(set(unloaded) - set(shipped)):
        out.append(Violation("line-haul", f"scrap unloaded at {hub_id} is never shipped on"))
    for hub_id, s in shipped.items():
        lh = problem.line_haul_from(hub_id)
        if lh is None or hub_id not in unloaded or s.to_hub_id != problem.hub_id:
            out.append(Violation("line-haul", f"shipment from {hub_id} to {s.to_hub_id} "
                                              "matches no consolidation hub's unloads"))
            continue
        kg = sum(w for _, w in unloaded[hub_id])
        last = max(t for t, _ in unloaded[hub_id])
        need = math.ceil(kg / lh.payload_kg - 1e-9)
        full = (kg * lh.cost_inr_per_trip / lh.payload_kg if lh.charge == "pro_rata"
                else need * lh.cost_inr_per_trip)
        part = None if lh.ptl_inr_per_kg is None else max(lh.ptl_min_inr, kg * lh.ptl_inr_per_kg)
        mode = "ptl" if part is not None and part < full - MONEY_TOL else "ftl"
        trips = need if mode == "ftl" else 0
        if abs(s.load_kg - kg) > 0.1 or s.trips != trips or s.mode != mode:
            out.append(Violation("line-haul", f"{hub_id}: {s.trips} trips ({s.mode}) for "
                                              f"{s.load_kg} kg; {kg:.1f} kg were unloaded and "
                                              f"need {trips} ({mode})"))
        expected = full if mode == "ftl" else part
        assert expected is not None
        if abs(s.cost_inr - expected) > MONEY_TOL:
            out.append(Violation("line-haul", f"{hub_id}: cost {s.cost_inr} for {s.trips} trips "
                                              f"({s.mode}); {lh} gives {expected:.2f}"))
        local = s.departure.astimezone(problem.horizon.tz)
        if local.weekday() not in lh.days or local.hour * 60 + local.minute != lh.departure_min \
                or not last <= s.departure < last + timedelta(days=7):
            out.append(Violation("line-haul", f"{hub_id}: departure {local:%a %d %b %H:%M} is "
                                              f"not the first scheduled one ({lh}) after the "
                                              f"last unload {last:%a %H:%M}"))
    return out


def _check_driver_hours(rules: DriverRules, h: Horizon, route: Route, leg_s: dict[int, int],
                        bad: _Bad) -> None:
    """Daily driving limit and breaks, from the events alone.

    The driving of a stop-to-stop leg (its travel time as driven, `leg_s` by the index of the
    stop it reaches) is shared among the pieces between
    pauses by their metres; a piece's driving starts when the truck leaves the previous event,
    and the rest of the piece's time is waiting before arriving (outside a closed zone).
    A break is any stretch without driving or loading of at least the break's length.
    """
    ev = route.events
    stops = [i for i, e in enumerate(ev) if e.kind not in PAUSE_KINDS]
    per_day: dict[int, float] = {}
    since_break = 0.0
    for i, j in zip(stops, stops[1:], strict=False):
        a, b = ev[i], ev[j]
        total_m = sum(e.leg_m for e in ev[i + 1:j + 1])
        dur_s = leg_s[j]
        if _waited(a.service_start - a.arrival, rules):
            since_break = 0.0
        for k in range(i + 1, j + 1):
            e, prev = ev[k], ev[k - 1]
            driving = dur_s * e.leg_m / total_m if total_m else 0.0
            day = h.day_of(prev.departure)
            per_day[day] = per_day.get(day, 0.0) + driving
            if per_day[day] > rules.max_driving_s + SECOND_TOL * 10:
                bad("driving-hours", f"{per_day[day] / 3600:.2f} h of driving on "
                                     f"{prev.departure:%a %d %b} > {rules.max_driving_h_per_day:g} h",
                    k, e.site_id)
                per_day[day] = float("-inf")  # report a day once
            since_break += driving
            if since_break > rules.break_after_s + SECOND_TOL * 10:
                bad("break", f"{since_break / 3600:.2f} h of driving without a "
                             f"{rules.break_minutes:g}-minute break", k, e.site_id)
                since_break = 0.0
            slack = (e.arrival - prev.departure).total_seconds() - driving
            paused = e.kind in PAUSE_KINDS and _waited(e.departure - e.service_start, rules)
            if paused or slack >= rules.break_s - SECOND_TOL:
                since_break = 0.0
        if _waited(b.service_start - b.arrival, rules):
            since_break = 0.0


def _waited(gap: timedelta, rules: DriverRules) -> bool:
    return gap.total_seconds() >= rules.break_s - SECOND_TOL


def _at(bad: _Bad, e: Event, seq: int, lat: float, lon: float, place: str) -> None:
    if e.site_id != place or abs(e.lat - lat) > COORD_TOL or abs(e.lon - lon) > COORD_TOL:
        bad("location", f"expected {place} at ({lat}, {lon}), got {e.site_id} at "
                        f"({e.lat}, {e.lon})", seq, e.site_id)


def _window(bad: _Bad, problem: Problem, e: Event, seq: int, hours: WeeklyHours, needed_s: int,
            what: str) -> None:
    h = problem.horizon
    day = h.day_of(e.service_start)
    date = h.day_date(day)
    opens, closes = h.at(day, hours.open_min), h.at(day, hours.close_min)
    if not hours.is_open_on(date.weekday()):
        bad("window", f"closed on {date:%a %d %b} ({what} {hours})", seq, e.site_id)
    elif e.service_start < opens or e.departure > closes:
        bad("window", f"served {e.service_start:%H:%M}-{e.departure:%H:%M} outside {what} "
                      f"{opens:%H:%M}-{closes:%H:%M}", seq, e.site_id)
    if e.window_open != opens or e.window_close != closes:
        bad("window", "window_open/window_close do not match the site's hours that day",
            seq, e.site_id)
    if (e.departure - e.service_start) < timedelta(seconds=needed_s):
        bad("service", f"{(e.departure - e.service_start).total_seconds():.0f} s of service, "
                       f"{needed_s} s needed", seq, e.site_id)


def _check_reported(problem: Problem, plan: Plan, reported: dict) -> list[Violation]:
    k = compute_kpis(problem, plan)
    out = []
    pairs = [
        ("cost_inr.total", k.cost_inr["total"], reported.get("cost_inr", {}).get("total")),
        ("distance_km", k.distance_km, reported.get("distance_km")),
        ("value_inr.expected", k.value_inr["expected"],
         reported.get("value_inr", {}).get("expected")),
        ("net_value_inr", k.net_value_inr, reported.get("net_value_inr")),
        ("sites_served", k.sites_served, reported.get("sites_served")),
    ]
    for name, mine, theirs in pairs:
        if theirs is None or abs(float(theirs) - mine) > MONEY_TOL:
            out.append(Violation("summary", f"{name}: summary.json says {theirs}, "
                                            f"recomputed {mine}"))
    return out
