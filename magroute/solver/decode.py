"""Sequences on the working clock -> timed events in local time, with overnight rests placed
where the truck actually is when the shift ends (on the road, or waiting at a stop)."""

from __future__ import annotations

from datetime import datetime

from magroute.domain.bans import entry_time
from magroute.domain.plan import Event, Route
from magroute.domain.problem import Problem
from magroute.solver.model_data import ModelData, VehicleData
from magroute.solver.schedule import TauSchedule


def decode_route(
    problem: Problem, data: ModelData, v: VehicleData, nodes: list[int], s: TauSchedule, route_id: str
) -> Route:
    clock = data.clock
    vehicle = next(x for x in problem.vehicles if x.vehicle_id == v.vehicle_id)
    home = problem.hub_by_id(vehicle.home_hub_id)
    hub = problem.hub
    events: list[Event] = []
    t0 = clock.to_start_time(s.start)
    events.append(Event("start", home.lat, home.lon, t0, t0, t0, 0.0, 0, site_id=home.hub_id))

    load = 0.0
    prev, prev_pt, dep_tau, first = v.start_node, (home.lat, home.lon), s.start, True
    for k, node in enumerate(nodes):
        site = problem.sites[int(data.site_index[node - data.n_hubs])]
        pt = (site.lat, site.lon)
        arrival, leg_m = _drive(
            events, clock, prev_pt, pt, int(data.distance_m[prev, node]),
            dep_tau, s.arrival[k], s.service[k], first, load,
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
            )
        )
        prev, prev_pt, dep_tau, first = node, pt, s.departure[k], False

    hub_pt = (hub.lat, hub.lon)
    arrival, leg_m = _drive(
        events, clock, prev_pt, hub_pt, int(data.distance_m[prev, v.end_node]),
        dep_tau, s.hub_arrival, s.unload, first, load,
    )
    unload_start = clock.to_start_time(s.unload)
    unload_end = _departure(clock, s.unload + hub.unload_s, s.unload)
    day = clock.day_of(s.unload)
    events.append(
        Event(
            "unload", hub.lat, hub.lon, arrival, unload_start, unload_end, 0.0, leg_m,
            site_id=hub.hub_id,
            window_open=problem.horizon.at(day, hub.receiving.open_min),
            window_close=problem.horizon.at(day, hub.receiving.close_min),
        )
    )
    events.append(Event("end", hub.lat, hub.lon, unload_end, unload_end, unload_end, 0.0, 0,
                        site_id=hub.hub_id))
    return Route(route_id, v.vehicle_id, v.type_id, float(v.capacity_kg), tuple(events))


def _departure(clock, tau_dep: int, tau_service: int) -> datetime:
    """A departure at a day boundary happened the evening before, unless nothing took time."""
    return clock.to_start_time(tau_dep) if tau_dep == tau_service else clock.to_end_time(tau_dep)


def _drive(events, clock, a, b, leg_m, tau_dep, tau_arr, tau_service, from_start, load):
    """Append a rest event for every night between leaving `a` and serving at `b`; return the
    arrival time of the truck at `b` and the metres still to report on the event at `b`."""
    L = clock.day_s
    travel = tau_arr - tau_dep
    driven = 0
    at_b_since: datetime | None = None
    for k in range(tau_dep // L, tau_service // L + 1):
        b_tau = k * L
        if b_tau == 0 or b_tau < tau_dep or b_tau > tau_service:
            continue
        if b_tau == tau_dep and from_start:
            continue  # the tour starts in the morning; no night before it
        if b_tau == tau_service == tau_dep:
            continue
        rest_start = clock.to_end_time(b_tau)
        rest_end = clock.to_start_time(b_tau)
        if b_tau < tau_arr:  # on the road
            frac = (b_tau - tau_dep) / travel if travel else 1.0
            m = round(leg_m * frac)
            lat = a[0] + (b[0] - a[0]) * frac
            lon = a[1] + (b[1] - a[1]) * frac
            events.append(Event("rest", round(lat, 5), round(lon, 5), rest_start, rest_start,
                                rest_end, load, m - driven))
            driven = m
        else:  # waiting at b
            arrival = at_b_since or clock.to_end_time(tau_arr)
            events.append(Event("rest", b[0], b[1], arrival, rest_start, rest_end, load,
                                leg_m - driven))
            driven = leg_m
            at_b_since = rest_end
    arrival = at_b_since or clock.to_end_time(tau_arr)
    return arrival, leg_m - driven
