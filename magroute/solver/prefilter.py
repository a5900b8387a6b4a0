"""Sites no truck could serve even alone, found before the search, each with a plain reason.

A site passes if some truck can leave its home, serve the site inside its opening hours and the
shift, and unload at the hub within receiving hours, the tour limit and the horizon.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from magroute import units
from magroute.domain.hours import format_clock
from magroute.domain.problem import Problem
from magroute.domain.site import Site
from magroute.formatting import grouped
from magroute.solver.clock import WorkClock, earliest_in
from magroute.solver.model_data import class_service_starts, effective_drive_s, tour_days_of
from magroute.travel.matrices import TravelMatrices

# Per home hub: (node, receiving windows, unload seconds) of the hub where its trucks unload.
_UnloadAt = dict[str, tuple[int, list[tuple[int, int]], int]]
# Per home hub: a fresh driver's working-clock seconds to every node, and from every node back.
_Legs = tuple[dict[str, np.ndarray], dict[str, np.ndarray]]


class Blocked(NamedTuple):
    binding: str  # as in domain.explanation.BINDINGS
    reason: str


def unservable_sites(problem: Problem, matrices: TravelMatrices) -> dict[int, Blocked]:
    """Map site index -> (binding rule, reason) for every site no single truck could serve."""
    clock = WorkClock(problem.horizon)
    hub = problem.hub
    hub_windows = clock.service_starts(hub.receiving, hub.unload_s)
    unload_at: _UnloadAt = {}  # home hub -> where its trucks unload
    for home in {v.home_hub_id for v in problem.vehicles}:
        end = problem.hub_by_id(problem.end_hub_id(home))
        unload_at[home] = (problem.hub_node(end.hub_id),
                           clock.service_starts(end.receiving, end.unload_s), end.unload_s)
    max_span = problem.horizon.max_tour_days * clock.day_s
    max_payload = problem.max_payload_kg
    # (home, class, its own shorter tour limit in seconds or 0: the scenario's); a hired local
    # vehicle's tours may be shorter
    days = problem.horizon.max_tour_days
    combos = sorted({(v.home_hub_id, v.vtype.vehicle_class,
                      0 if tour_days_of(v, days) == days else tour_days_of(v, days) * clock.day_s)
                     for v in problem.vehicles})
    classes = sorted({c for _, c, _ in combos})
    payload = {c: max(v.vtype.payload_kg for v in problem.vehicles if v.vtype.vehicle_class == c)
               for c in classes}
    reasons: dict[int, Blocked] = {}
    if not problem.vehicles:
        return {i: Blocked("capacity", "no trucks in the fleet") for i in range(len(problem.sites))}
    if not hub_windows:
        why = Blocked("hours", f"the hub {hub.hub_id} receives on no day of the plan")
        return dict.fromkeys(range(len(problem.sites)), why)
    # A necessary test: the widest rules of any truck (a two-driver crew's, if the fleet has one)
    rules = problem.widest_rules
    # The weekly duty cap, where the plan is one week at most (a longer plan's tours may
    # straddle two weeks: the search's exact schedule checks them).
    week_cap = rules.week_duty_s if rules is not None and problem.horizon.days <= 7 \
        else max_span
    rule_s = None if rules is None else (rules.max_driving_s, rules.break_after_s, rules.break_s)

    out_s_of, back_s_of = _legs(problem, matrices, unload_at, clock, rule_s)
    free_legs = None  # the same without drivers' hours, when a site needs them

    for i, site in enumerate(problem.sites):
        if site.gross_weight_kg > max_payload:
            reasons[i] = Blocked(
                "capacity",
                f"heavier than the largest truck ({grouped(site.gross_weight_kg, 0)} kg > "
                f"{grouped(max_payload, 0)} kg payload)"
            )
            continue
        service_s = problem.service.service_s(site)
        windows = clock.service_starts(site.hours, service_s)
        if not windows:
            reasons[i] = Blocked("hours", _closed_reason(problem, site, service_s))
            continue
        admitted = problem.access_classes(site)
        if admitted is not None:
            fits = [c for c in classes if c in admitted]
            if not fits:
                reasons[i] = Blocked("access", f"access: {problem.access_note(site)}, and the "
                                     f"fleet has none ({', '.join(classes)})")
                continue
            carry = max(payload[c] for c in fits)
            if site.gross_weight_kg > carry:
                reasons[i] = Blocked("access", f"access: {problem.access_note(site)}, and "
                                     f"{grouped(site.gross_weight_kg, 0)} kg is more than they "
                                     f"carry in one visit ({grouped(carry, 0)} kg); split the "
                                     "pickup or let a larger vehicle in")
                continue
        per_class = class_service_starts(problem, i, service_s, classes, clock)
        if per_class is not None and admitted is not None:
            per_class = {c: w if c in admitted else [] for c, w in per_class.items()}
        elif admitted is not None:
            per_class = {c: windows if c in admitted else [] for c in classes}
        if per_class is not None and problem.bans_for_site(i):
            allowed = [c for c in classes if per_class[c]]
            bans = "; ".join(str(b) for b in problem.bans_for_site(i))
            if not allowed:
                reasons[i] = Blocked("ban", f"truck-entry ban ({bans}): no vehicle class of "
                                     f"the fleet ({', '.join(classes)}) may be there during its "
                                     f"opening hours {site.hours}")
                continue
            carry = max(payload[c] for c in allowed)
            if site.gross_weight_kg > carry:
                reasons[i] = Blocked("ban", f"truck-entry ban ({bans}): only {', '.join(allowed)} "
                                     f"may be there during its opening hours, and "
                                     f"{grouped(site.gross_weight_kg, 0)} kg is more than they carry "
                                     f"({grouped(carry, 0)} kg)")
                continue
        node = problem.site_node(i)
        legs = (out_s_of, back_s_of)
        best = _shortest_span(node, site, combos, payload, per_class, windows, unload_at, legs,
                              service_s, min(max_span, week_cap))
        if best is not None and best <= week_cap and best <= max_span:
            continue
        if best is not None and best <= max_span:  # only the weekly duty cap binds
            assert rules is not None
            reasons[i] = Blocked("driver_hours", (
                f"drivers' hours: a round trip needs {units.hours(best):.1f} h of duty, more "
                f"than the {rules.max_duty_h_per_week:g} h a driver may work in a week "
                "(fleet [driver_hours] max_duty_h_per_week)"))
            continue
        if rules is not None:  # would it fit but for the drivers' hours? (rule_s is set too)
            if free_legs is None:
                free_legs = _legs(problem, matrices, unload_at, clock, None)
            free = _shortest_span(node, site, combos, payload, per_class, windows, unload_at,
                                  free_legs, service_s, max_span)
            if free is not None and free <= max_span:
                limits = (f"drivers' hours: with at most {rules.max_driving_h_per_day:g} h of "
                          "driving a day and breaks")
                reasons[i] = Blocked("driver_hours", (
                    f"{limits}, no round trip fits in the plan's {problem.horizon.days} day(s)"
                    if best is None else
                    f"{limits}, a round trip needs "
                    f"{units.hours(best) / units.hours(clock.day_s):.1f} shift-days but tours "
                    f"are limited to {problem.horizon.max_tour_days}") +
                    "; without those limits it would fit")
                continue
        if best is None:
            reasons[i] = Blocked(
                "hours",
                "cannot be visited and brought to the hub within the plan's "
                f"{problem.horizon.days} day(s)"
            )
        else:
            reasons[i] = Blocked(
                "hours",
                f"too far: a round trip needs {units.hours(best) / units.hours(clock.day_s):.1f} "
                f"shift-days but tours are limited to {problem.horizon.max_tour_days}"
            )
    return reasons


def _legs(problem: Problem, matrices: TravelMatrices, unload_at: _UnloadAt, clock: WorkClock,
          rule_s: tuple[int, int, int] | None) -> _Legs:
    """Legs out of each home hub and back to where its trucks unload, with the breaks and
    overnight stops a fresh driver needs: one vectorised pass per hub, not one per site."""
    out_s_of = {home: effective_drive_s(matrices.duration_s[problem.hub_node(home), :],
                                        clock.day_s, rule_s) for home in unload_at}
    back_s_of = {home: effective_drive_s(matrices.duration_s[:, unload_at[home][0]],
                                         clock.day_s, rule_s) for home in unload_at}
    return out_s_of, back_s_of


def _shortest_span(node: int, site: Site, combos: list[tuple[str, str, int]],
                   payload: dict[str, float],
                   per_class: dict[str, list[tuple[int, int]]] | None,
                   windows: list[tuple[int, int]], unload_at: _UnloadAt, legs: _Legs,
                   service_s: int, max_span: int) -> int | None:
    """The shortest tour (working clock) that serves the site alone, over every home and
    vehicle class; stops at the first within `max_span`. None: no window works at all."""
    out_s_of, back_s_of = legs
    best: int | None = None
    for home, cls, longest in combos:
        if per_class is not None:
            if site.gross_weight_kg > payload[cls]:
                continue
            windows = per_class[cls]
        _, end_windows, end_unload_s = unload_at[home]
        out_s = int(out_s_of[home][node])
        back_s = int(back_s_of[home][node])
        for lo, hi in windows:
            start_service = max(lo, out_s)
            if start_service > hi:
                continue
            unload = earliest_in(end_windows, start_service + service_s + back_s)
            if unload is None:
                continue
            span = unload + end_unload_s - (start_service - out_s)
            if longest and span > longest:  # beyond this truck type's own tour limit
                continue
            best = span if best is None else min(best, span)
            if span <= max_span:
                return best
    return best


def _closed_reason(problem: Problem, site: Site, service_s: int) -> str:
    h = problem.horizon
    days = [h.day_date(d) for d in range(h.days)]
    if not any(site.hours.is_open_on(d.weekday()) for d in days):
        first, last = days[0], days[-1]
        span = first.strftime("%a %d %b") + (
            "" if first == last else " to " + last.strftime("%a %d %b")
        )
        return f"closed on every day of the plan (open {site.hours}; plan covers {span})"
    return (
        f"outside every shift: opening hours {format_clock(site.hours.open_min)}-"
        f"{format_clock(site.hours.close_min)} leave no room for the {service_s // 60}-minute "
        f"pickup within the driving shift {format_clock(h.shift_start_min)}-"
        f"{format_clock(h.shift_end_min)}"
    )
