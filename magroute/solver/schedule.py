"""Timing of one truck's tour on the working clock, and its cost in solver units.

The search returns only sequences; the schedule (earliest service at every stop, with the start
pushed as late as possible so that no duty time is wasted) is derived here, the same way for
decoding a plan and for trying insertions when explaining unserved sites.

Driving follows the drivers' rules exactly (model_data.ModelData.rules): driving stops for a
break after `break_after` seconds of driving without one, and for the rest of the day once the
day's driving limit is reached. Waiting at a stop for at least a break's length counts as a
break; loading does not. Every night (a day boundary of the working clock) is a rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from magroute.solver.clock import earliest_in, latest_in
from magroute.solver.model_data import ModelData, VehicleData


@dataclass(frozen=True, slots=True)
class Pause:
    """A stop on the road within a leg: a break, or a rest until the next shift."""

    kind: str  # "break" | "rest"
    start: int  # working clock
    end: int  # a rest ends at the day boundary (its night is not on the working clock)
    driven: int  # seconds of the leg driven before it


@dataclass(frozen=True, slots=True)
class TauSchedule:
    start: int  # departure from home
    arrival: tuple[int, ...]  # per site node
    service: tuple[int, ...]
    departure: tuple[int, ...]
    hub_arrival: int
    unload: int  # start of unloading at the hub
    pauses: tuple[tuple[Pause, ...], ...] = ()  # per leg: into each site node, then into the hub

    @property
    def span(self) -> int:
        return self.unload - self.start


class _Driver:
    """Where the truck is in its driver's day: driving since the last break and today."""

    __slots__ = ("day", "since_break", "today")

    def __init__(self) -> None:
        self.day, self.since_break, self.today = -1, 0, 0

    def drive(self, t: int, leg: int, day_s: int, rules) -> tuple[int, tuple[Pause, ...]]:
        """Drive `leg` seconds from time t: (arrival, pauses on the way)."""
        pauses: list[Pause] = []
        driven = 0
        while True:
            day = t // day_s
            if day != self.day:
                self.day, self.since_break, self.today = day, 0, 0
            if driven == leg:
                return t, tuple(pauses)
            day_end = (day + 1) * day_s
            can = min(leg - driven, day_end - t)
            if rules is not None:
                can = min(can, rules[1] - self.since_break, rules[0] - self.today)
            if can > 0:
                t += can
                driven += can
                self.since_break += can
                self.today += can
                if t == day_end and driven < leg:
                    pauses.append(Pause("rest", t, t, driven))  # the night, on the road
                continue
            if self.today >= rules[0] or t + rules[2] > day_end:
                pauses.append(Pause("rest", t, day_end, driven))
                t = day_end
            else:
                pauses.append(Pause("break", t, t + rules[2], driven))
                t += rules[2]
                self.since_break = 0

    def wait(self, t: int, until: int, rules) -> None:
        if rules is not None and until - t >= rules[2]:
            self.since_break = 0


def _forward(data: ModelData, v: VehicleData, nodes: list[int], start: int):
    rules = data.rule_seconds
    day_s = data.day_s
    driver = _Driver()
    t, prev = start, v.start_node
    arr, svc, dep, pauses = [], [], [], []
    for node in nodes:
        a, p = driver.drive(t, int(data.travel_s[prev, node]), day_s, rules)
        s = earliest_in(data.windows_for(v, node), a)
        if s is None:
            return None
        driver.wait(a, s, rules)
        arr.append(a)
        svc.append(s)
        pauses.append(p)
        t = s + int(data.service_s[node])
        dep.append(t)
        prev = node
    hub_arrival, p = driver.drive(t, int(data.travel_s[prev, v.end_node]), day_s, rules)
    pauses.append(p)
    unload = earliest_in(data.windows[v.end_node], hub_arrival)
    if unload is None:
        return None
    return TauSchedule(start, tuple(arr), tuple(svc), tuple(dep), hub_arrival, unload,
                       tuple(pauses))


def tau_schedule(data: ModelData, v: VehicleData, nodes: list[int]) -> TauSchedule | None:
    """Earliest-finish schedule with the latest start, or None if the sequence is infeasible
    (time windows, horizon, tour length or capacity)."""
    if sum(int(data.demand_kg[n]) for n in nodes) > v.capacity_kg:
        return None
    early = _forward(data, v, nodes, 0)
    if early is None:
        return None
    # Backward pass: the latest service starts that still unload at the earliest unload time
    # (with the drive times a fresh driver needs; the forward pass below has the last word).
    travel = data.search_travel_s
    latest_next = early.unload
    nxt = v.end_node
    for node in reversed(nodes):
        bound = latest_next - int(travel[node, nxt]) - int(data.service_s[node])
        s = latest_in(data.windows_for(v, node), bound)
        if s is None:  # cannot happen when the forward pass succeeded; be safe
            return _checked(early, v)
        latest_next, nxt = s, node
    start = max(0, latest_next - int(travel[v.start_node, nxt]))
    late = _forward(data, v, nodes, start)
    if late is None or late.unload > early.unload:
        late = early
    return _checked(late, v)


def _checked(s: TauSchedule, v: VehicleData) -> TauSchedule | None:
    return s if s.span <= v.max_span_s else None


def route_cost_units(data: ModelData, v: VehicleData, nodes: list[int], s: TauSchedule) -> int:
    """The solver's objective contribution of one used truck (without penalties)."""
    path = [v.start_node, *nodes, v.end_node]
    dist = sum(int(data.distance_m[a, b]) for a, b in zip(path, path[1:], strict=False))
    load = sum(int(data.demand_kg[n]) for n in nodes) if v.linehaul_units_per_kg else 0
    return (
        v.fixed_units
        + load * v.linehaul_units_per_kg
        + dist * v.cost_units_per_m
        + s.span * v.span_units_per_s
        + max(0, s.span - v.one_day_span_s) * v.day_units_per_s
    )


def plan_cost_units(data: ModelData, sequences: list[list[int]]) -> float:
    """The search objective of a whole plan: used trucks' costs plus the penalties of the sites
    left out; inf if any tour breaks the rules or a required site is left out."""
    total = 0
    visited = set()
    for k, nodes in enumerate(sequences):
        if not nodes:
            continue
        v = data.vehicles[k]
        s = tau_schedule(data, v, nodes)
        if s is None:
            return float("inf")
        total += route_cost_units(data, v, nodes, s)
        visited.update(nodes)
    for node in range(data.n_hubs, data.n_nodes):
        if node not in visited:
            if data.required[node]:
                return float("inf")
            total += int(data.penalty_units[node])
    return total
