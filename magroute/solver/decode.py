"""Sequences on the working clock -> timed events in local time, with overnight rests placed
where the truck actually is when the shift ends (on the road, or waiting at a stop)."""

from __future__ import annotations

from datetime import datetime

from magroute.domain.bans import entry_time
from magroute.domain.hub import Hub
from magroute.domain.plan import Event, Route
from magroute.domain.problem import Problem
from magroute.solver.clock import WorkClock
from magroute.solver.model_data import ModelData, VehicleData
from magroute.solver.schedule import Pause, TauSchedule


def decode_route(
    problem: Problem, data: ModelData, v: VehicleData, nodes: list[int], s: TauSchedule, route_id: str
) -> Route:
    clock = data.clock
    # Only compile_model's data is decoded, and it always has a clock (abstract benchmark
    # instances, the only ones without, are never decoded).
    assert clock is not None
    dist, travel = data.distance_for(v.vehicle_class), data.travel_for(v.vehicle_class)
    vehicle = next(x for x in problem.vehicles if x.vehicle_id == v.vehicle_id)
    home = problem.hub_by_id(vehicle.home_hub_id)
    hub = problem.hub_by_id(problem.end_hub_id(vehicle.home_hub_id))
    events: list[Event] = []
    t0 = clock.to_start_time(s.start)
    events.append(Event("start", home.lat, home.lon, t0, t0, t0, 0.0, 0, site_id=home.hub_id))

    load, trip = 0.0, 1
    prev, prev_pt, dep_tau, first = v.start_node, (home.lat, home.lon), s.start, True
    for k, node in enumerate(nodes):
        if node < data.n_hubs:  # an unload between two trips
            stop = problem.hubs[node]
            pt = (stop.lat, stop.lon)
            arrival, leg_m = _drive(
                events, clock, prev_pt, pt, int(dist[prev, node]),
                int(travel[prev, node]), dep_tau, s.arrival[k], s.service[k],
                s.pauses[k], first, load, trip,
            )
            events.append(_unload(problem, clock, stop, arrival, s.service[k], leg_m, trip))
            load, trip = 0.0, trip + 1
            # Waiting at the hub for the next trip: every night until it leaves is a rest there
            # (one at the moment it leaves, if that is a morning, comes with the next leg).
            ready = s.service[k] + data.unload_s_at(node)
            L = clock.day_s
            waiting_from = ready
            for b in range(-(-ready // L) * L, s.departure[k], L):
                if b > 0:
                    events.append(Event("rest", stop.lat, stop.lon, clock.to_end_time(b),
                                        clock.to_end_time(b), clock.to_start_time(b), 0.0, 0,
                                        trip=trip))
                    waiting_from = b
            # Waiting there long enough during the day is a break (the schedule's driver
            # counts it as one); written so that the events show the truck waits first and
            # then drives.
            need = data.rule_seconds[2] if data.rule_seconds else 1
            if s.departure[k] % L and s.departure[k] - waiting_from >= need:
                t0 = clock.to_start_time(waiting_from)
                events.append(Event("break", stop.lat, stop.lon, t0, t0,
                                    clock.to_start_time(s.departure[k]), 0.0, 0, trip=trip))
            prev, prev_pt, dep_tau, first = node, pt, s.departure[k], False
            continue
        site = problem.sites[int(data.site_index[node - data.n_hubs])]
        pt = (site.lat, site.lon)
        arrival, leg_m = _drive(
            events, clock, prev_pt, pt, int(dist[prev, node]),
            int(travel[prev, node]), dep_tau, s.arrival[k], s.service[k], s.pauses[k],
            first, load, trip,
        )
        load = round(load + site.gross_weight_kg, 3)  # no float noise in outputs
        service_start = clock.to_start_time(s.service[k])
        bans = problem.bans_for_site(int(data.site_index[node - data.n_hubs]))
        if bans:  # reached the zone during a ban: waits outside it until the ban lifts
            arrival = entry_time(bans, v.vehicle_class, arrival, service_start)
        day = clock.day_of(s.service[k])
        events.append(
            Event(
                "pickup", site.lat, site.lon, arrival, service_start,
                _departure(clock, s.departure[k], s.service[k]), load, leg_m,
                site_id=site.site_id,
                window_open=problem.horizon.at(day, site.hours.open_min),
                window_close=problem.horizon.at(day, site.hours.close_min),
                trip=trip,
            )
        )
        prev, prev_pt, dep_tau, first = node, pt, s.departure[k], False

    hub_pt = (hub.lat, hub.lon)
    arrival, leg_m = _drive(
        events, clock, prev_pt, hub_pt, int(dist[prev, v.end_node]),
        int(travel[prev, v.end_node]), dep_tau, s.hub_arrival, s.unload, s.pauses[-1],
        first, load, trip,
    )
    last = _unload(problem, clock, hub, arrival, s.unload, leg_m, trip)
    events.append(last)
    events.append(Event("end", hub.lat, hub.lon, last.departure, last.departure, last.departure,
                        0.0, 0, site_id=hub.hub_id, trip=trip))
    return Route(route_id, v.vehicle_id, v.type_id, float(v.capacity_kg), tuple(events))


def _unload(problem: Problem, clock: WorkClock, hub: Hub, arrival: datetime, tau_unload: int,
            leg_m: int, trip: int) -> Event:
    unload_start = clock.to_start_time(tau_unload)
    unload_end = _departure(clock, tau_unload + hub.unload_s, tau_unload)
    day = clock.day_of(tau_unload)
    return Event(
        "unload", hub.lat, hub.lon, arrival, unload_start, unload_end, 0.0, leg_m,
        site_id=hub.hub_id,
        window_open=problem.horizon.at(day, hub.receiving.open_min),
        window_close=problem.horizon.at(day, hub.receiving.close_min),
        trip=trip,
    )


def _departure(clock: WorkClock, tau_dep: int, tau_service: int) -> datetime:
    """A departure at a day boundary happened the evening before, unless nothing took time."""
    return clock.to_start_time(tau_dep) if tau_dep == tau_service else clock.to_end_time(tau_dep)


def _drive(events: list[Event], clock: WorkClock, a: tuple[float, float], b: tuple[float, float],
           leg_m: int, leg_s: int, tau_dep: int, tau_arr: int, tau_service: int,
           pauses: tuple[Pause, ...], from_start: bool, load: float, trip: int = 1
           ) -> tuple[datetime, int]:
    """Append the breaks and rests on the road (the schedule's pauses, placed at the share of the
    leg driven before them) and a rest for every night spent waiting at b; return the arrival
    time of the truck at b and the metres still to report on the event at b."""
    L = clock.day_s
    driven = 0

    def on_road(share: float, kind: str, start: datetime, end: datetime) -> None:
        nonlocal driven
        m = round(leg_m * share)
        lat = a[0] + (b[0] - a[0]) * share
        lon = a[1] + (b[1] - a[1]) * share
        events.append(Event(kind, round(lat, 5), round(lon, 5), start, start, end, load,
                            m - driven, trip=trip))
        driven = m

    # A departure exactly at a day boundary after work that ended the evening before: the
    # night is spent at a.
    if tau_dep % L == 0 and 0 < tau_dep < tau_arr and not from_start:
        on_road(0.0, "rest", clock.to_end_time(tau_dep), clock.to_start_time(tau_dep))
    for p in pauses:
        share = p.driven / leg_s if leg_s else 1.0
        if p.kind == "break":
            on_road(share, "break", clock.to_start_time(p.start), clock.to_end_time(p.end))
        else:  # rest until the next shift: from now, or from the evening if driven until then
            start = clock.to_start_time(p.start) if p.start < p.end else clock.to_end_time(p.start)
            on_road(share, "rest", start, clock.to_start_time(p.end))
    at_b_since: datetime | None = None
    for k in range(tau_arr // L, tau_service // L + 1):
        b_tau = k * L
        if b_tau == 0 or b_tau < tau_arr or b_tau > tau_service:
            continue
        if b_tau == tau_dep and (from_start or b_tau == tau_service):
            continue  # nothing took time since a morning departure: no night here
        arrival = at_b_since or clock.to_end_time(tau_arr)
        rest_start, rest_end = clock.to_end_time(b_tau), clock.to_start_time(b_tau)
        events.append(Event("rest", b[0], b[1], arrival, rest_start, rest_end, load,
                            leg_m - driven, trip=trip))
        driven = leg_m
        at_b_since = rest_end
    arrival = at_b_since or clock.to_end_time(tau_arr)
    return arrival, leg_m - driven
