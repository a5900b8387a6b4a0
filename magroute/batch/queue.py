"""Which queued requests are offered to tonight's plan, as what sites, and what becomes of them.

A night offers every request that is ready by the plan's last day. Requests of one site are
merged into one pickup (one visit collects everything the site declared). The pickup may
happen only on the plan's days between the requests' ready dates and their earliest latest
date: with a plan of at most 7 days each weekday is one date, so this is written as the site's
opening days for the night. A request whose latest date is the plan's first day or already
past (this night is its last chance) makes its site must-collect, on any day. After the plan,
each request is either served (its site's pickup) or deferred with the site's reason, and
deferred and held requests form the queue handed to the next night.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from magroute.domain.plan import Plan
from magroute.domain.request import PickupRequest
from magroute.domain.site import Site
from magroute.domain.yields import YieldParams

SERVED, DEFERRED, HELD = "served", "deferred", "held"


@dataclass(frozen=True, slots=True)
class Offer:
    """Tonight's sites (register rows with the requests' declared items) and the requests
    behind each; `held` requests are not offered tonight, each with the reason."""

    sites: tuple[Site, ...]
    requests_of: tuple[tuple[str, tuple[str, ...]], ...]  # (site_id, request ids)
    held: tuple[tuple[PickupRequest, str], ...]
    # Sites whose request was confirmed by phone for tonight (learnt supply: material there).
    confirmed: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Outcome:
    request: PickupRequest
    status: str  # served | deferred | held
    reason: str = ""  # why not served
    route_id: str = ""
    vehicle_id: str = ""


def offer_requests(requests: Iterable[PickupRequest], register: dict[str, Site],
                   params: YieldParams, first_day: date, last_day: date) -> Offer:
    """Merge the ready requests into one site per site id (register order kept)."""
    by_site: dict[str, list[PickupRequest]] = {}
    held: list[tuple[PickupRequest, str]] = []
    for r in requests:
        if r.ready_date > last_day:
            held.append((r, f"not ready until {r.ready_date.isoformat()}, after this plan's "
                            f"last day {last_day.isoformat()}"))
        else:
            by_site.setdefault(r.site_id, []).append(r)
    sites, requests_of = [], []
    for site_id in (s for s in register if s in by_site):
        site, why = _merged(register[site_id], by_site[site_id], params, first_day, last_day)
        if site is None:
            held += [(r, why) for r in by_site[site_id]]
        else:
            sites.append(site)
            requests_of.append((site_id, tuple(r.request_id for r in by_site[site_id])))
    confirmed = frozenset(s.site_id for s in sites
                          if any(r.confirmed for r in by_site[s.site_id]))
    return Offer(tuple(sites), tuple(requests_of), tuple(held), confirmed)


def _merged(site: Site, requests: list[PickupRequest], params: YieldParams, first_day: date,
            last_day: date) -> tuple[Site | None, str]:
    declared = [r for r in requests if r.items or r.gross_kg is not None]
    items: dict[str, int]
    if not declared:  # nobody said what they hold: the register's inventory stands
        items, gross = dict(site.inventory), site.gross_weight_kg
    else:
        items = {}
        gross = 0.0
        for r in declared:
            for item, n in r.items:
                items[item] = items.get(item, 0) + n
            gross += r.gross_kg if r.gross_kg is not None else \
                sum(n * params.item(i).gross_kg_per_item for i, n in r.items)
    must = site.must_collect or any(r.must_collect or r.passing(first_day) for r in requests)
    hours = site.hours
    if not must and (last_day - first_day).days < 7:
        lo = max(max(r.ready_date for r in requests), first_day)
        hi = min([r.latest_date for r in requests if r.latest_date] + [last_day])
        if lo > hi:  # the readiest and the most urgent disagree: urgency wins
            lo = max(min(r.ready_date for r in requests), first_day)
        days = hours.days & {(lo + timedelta(days=k)).weekday()
                             for k in range((hi - lo).days + 1)}
        if not days:
            return None, (f"the site opens on none of the days {lo.isoformat()} to "
                          f"{hi.isoformat()} its request allows")
        hours = dataclasses.replace(hours, days=frozenset(days))
    return dataclasses.replace(site, inventory=tuple(sorted((i, n) for i, n in items.items() if n)),
                               gross_weight_kg=round(gross, 1), must_collect=must,
                               hours=hours), ""


def outcomes(offer: Offer, requests: Iterable[PickupRequest], plan: Plan) -> tuple[Outcome, ...]:
    """Every request's fate tonight, in queue order."""
    on_route = {s: (r.route_id, r.vehicle_id) for r in plan.routes for s in r.site_ids}
    reasons = {u.site_id: u.reason for u in plan.unserved}
    held = {r.request_id: why for r, why in offer.held}
    out = []
    for r in requests:
        if r.request_id in held:
            out.append(Outcome(r, HELD, held[r.request_id]))
        elif r.site_id in on_route:
            route_id, vehicle_id = on_route[r.site_id]
            out.append(Outcome(r, SERVED, route_id=route_id, vehicle_id=vehicle_id))
        else:
            out.append(Outcome(r, DEFERRED, reasons.get(r.site_id, "not planned tonight")))
    return tuple(out)


def next_queue(results: Iterable[Outcome]) -> tuple[PickupRequest, ...]:
    """The requests handed to the next night: deferred ones count one more deferral and carry
    tonight's reason; held ones carry theirs."""
    out = []
    for o in results:
        if o.status == SERVED:
            continue
        deferrals = o.request.deferrals + (1 if o.status == DEFERRED else 0)
        out.append(dataclasses.replace(o.request, deferrals=deferrals, last_reason=o.reason))
    return tuple(out)
