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
    """Times of one truck's tour. The per-position tuples cover every entry of the sequence,
    unloads between trips included (arrival at the hub, unload start, departure)."""

    start: int  # departure from home
    arrival: tuple[int, ...]  # per position of the sequence
    service: tuple[int, ...]
    departure: tuple[int, ...]
    hub_arrival: int
    unload: int  # start of the final unloading at the hub
    pauses: tuple[tuple[Pause, ...], ...] = ()  # per leg: into each position, then into the hub
    # Every trip: (its start: leaving home, or the end of the previous unload; the start of its
    # unload). One entry for a single tour.
    trips: tuple[tuple[int, int], ...] = ()

    @property
    def span(self) -> int:
        return self.unload - self.start


class _Driver:
    """Where the truck is in its driver's day: driving since the last break and today."""

    __slots__ = ("day", "since_break", "today")

    def __init__(self) -> None:
        self.day, self.since_break, self.today = -1, 0, 0

    def drive(self, t: int, leg: int, day_s: int, rules: tuple[int, int, int] | None
              ) -> tuple[int, tuple[Pause, ...]]:
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
            # Without rules `can` is positive until the leg is driven (t < day_end always).
            assert rules is not None
            if self.today >= rules[0] or t + rules[2] > day_end:
                pauses.append(Pause("rest", t, day_end, driven))
                t = day_end
            else:
                pauses.append(Pause("break", t, t + rules[2], driven))
                t += rules[2]
                self.since_break = 0

    def wait(self, t: int, until: int, rules: tuple[int, int, int] | None) -> None:
        if rules is not None and until - t >= rules[2]:
            self.since_break = 0


def _forward(data: ModelData, v: VehicleData, nodes: list[int], start: int,
             hold: list[int] | None = None) -> TauSchedule | None:
    """Earliest times from `start`; `hold[i]` (if given) is the earliest departure after an
    unload at position i (so that a later trip also starts as late as it can)."""
    rules = data.rule_seconds_of(v)
    day_s = data.day_s
    n_hubs = data.n_hubs
    travel = data.travel_for(v.vehicle_class)
    release = _trip_releases(data, nodes)
    driver = _Driver()
    t = max(start, release[0], v.earliest_start_s)
    trip_start, prev = t, v.start_node
    arr: list[int] = []
    svc: list[int] = []
    dep: list[int] = []
    pauses: list[tuple[Pause, ...]] = []
    trips: list[tuple[int, int]] = []
    for i, node in enumerate(nodes):
        a, p = driver.drive(t, int(travel[prev, node]), day_s, rules)
        reload = node < n_hubs
        s = earliest_in(data.windows[node] if reload else data.windows_for(v, node), a)
        if s is None:
            return None
        driver.wait(a, s, rules)
        arr.append(a)
        svc.append(s)
        pauses.append(p)
        if reload:
            trips.append((trip_start, s))
            ready = s + data.unload_s_at(node)
            t = max(ready, release[len(trips)], hold[i] if hold is not None else 0)
            driver.wait(ready, t, rules)
            # The next trip's tour limit counts from the end of this unload, however long the
            # truck then waits at the hub (what the checker can see from the events).
            trip_start = ready
        else:
            t = s + int(data.service_s[node])
        dep.append(t)
        prev = node
    hub_arrival, p = driver.drive(t, int(travel[prev, v.end_node]), day_s, rules)
    pauses.append(p)
    unload = earliest_in(data.windows[v.end_node], hub_arrival)
    if unload is None:
        return None
    trips.append((trip_start, unload))
    return TauSchedule(trips[0][0], tuple(arr), tuple(svc), tuple(dep), hub_arrival, unload,
                       tuple(pauses), tuple(trips))


def _trip_releases(data: ModelData, nodes: list[int]) -> list[int]:
    """The earliest departure of every trip from its release dates (0 without them)."""
    n_hubs = data.n_hubs
    out = [0]
    for n in nodes:
        if n < n_hubs:
            out.append(0)
        elif data.release_s is not None:
            out[-1] = max(out[-1], int(data.release_s[n]))
    return out


def _fits_vehicle(data: ModelData, v: VehicleData, nodes: list[int]) -> bool:
    """Capacity per trip, and unloads only at the truck's own hub, within its trip limit."""
    n_hubs = data.n_hubs
    load, reloads, prev_reload = 0, 0, True
    for n in nodes:
        if n < n_hubs:
            if n != v.end_node or prev_reload:
                return False
            reloads += 1
            load, prev_reload = 0, True
        else:
            load += int(data.demand_kg[n])
            if load > v.capacity_kg:
                return False
            prev_reload = False
    return (not nodes or not prev_reload) and reloads < v.max_trips


def tau_schedule(data: ModelData, v: VehicleData, nodes: list[int]) -> TauSchedule | None:
    """Earliest-finish schedule with the latest start, or None if the sequence is infeasible
    (time windows, horizon, tour length or capacity, on every trip; the weekly duty cap)."""
    if not _fits_vehicle(data, v, nodes):
        return None
    early = _forward(data, v, nodes, 0)
    if early is None:
        return None
    # Backward pass: the latest service starts that still unload at the earliest unload time
    # (with the drive times a fresh driver needs; the forward pass below has the last word).
    # Every trip then leaves as late as that allows: its first one from home, later ones from
    # the hub after unloading.
    travel = data.search_travel_for(v.vehicle_class, v.crew)
    latest_next = early.unload
    nxt = v.end_node
    hold = [0] * len(nodes)
    for i in range(len(nodes) - 1, -1, -1):
        node = nodes[i]
        if node < data.n_hubs:
            hold[i] = latest_next - int(travel[node, nxt])
            bound = hold[i] - data.unload_s_at(node)
            s = latest_in(data.windows[node], bound)
        else:
            bound = latest_next - int(travel[node, nxt]) - int(data.service_s[node])
            s = latest_in(data.windows_for(v, node), bound)
        if s is None:  # cannot happen when the forward pass succeeded; be safe
            return _checked(data, early, v)
        latest_next, nxt = s, node
    start = max(v.earliest_start_s, latest_next - int(travel[v.start_node, nxt]))
    late = _forward(data, v, nodes, start, hold)
    if late is None or late.unload > early.unload:
        late = _forward(data, v, nodes, start)
        if late is None or late.unload > early.unload:
            late = early
    return _checked(data, late, v) or _checked(data, early, v)


def _checked(data: ModelData, s: TauSchedule, v: VehicleData) -> TauSchedule | None:
    """The schedule if every trip keeps the tour limit and every week the drivers' duty cap
    (duty: leaving home to the end of the last unload)."""
    if not all(end - begin <= v.max_span_s for begin, end in s.trips):
        return None
    cap = data.week_duty_of(v)
    if cap is not None and any(
            d > cap for d in data.week_duties(s.start, s.unload + data.unload_s_at(v.end_node))):
        return None
    return s


def route_cost_units(data: ModelData, v: VehicleData, nodes: list[int], s: TauSchedule) -> int:
    """The solver's objective contribution of one used truck (without penalties)."""
    path = [v.start_node, *nodes, v.end_node]  # unloads between trips are hub nodes
    d = data.distance_for(v.vehicle_class)
    dist = sum(int(d[a, b]) for a, b in zip(path, path[1:], strict=False))
    entry = data.entry_units_for(v.vehicle_class)  # city entry charges
    entries = 0 if entry is None else \
        sum(int(entry[a, b]) for a, b in zip(path, path[1:], strict=False))
    load = sum(int(data.demand_kg[n]) for n in nodes) if v.linehaul_units_per_kg else 0
    return (
        v.fixed_units
        + entries
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
