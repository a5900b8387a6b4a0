"""The plan is data: routes of timed events, and every site not served with the reason why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from magroute.domain.linehaul import LineHaulShipment

EVENT_KINDS = ("start", "pickup", "break", "rest", "unload", "end")
# Stops on the road between two places (a driver's break, a rest until the next shift).
PAUSE_KINDS = ("break", "rest")


@dataclass(frozen=True, slots=True)
class Event:
    """One row of routes.csv. Times are local (tz-aware); `leg_m` is driven since the last event."""

    kind: str
    lat: float
    lon: float
    arrival: datetime
    service_start: datetime
    departure: datetime
    load_kg: float  # on board after the event
    leg_m: int
    site_id: str = ""  # site or hub id; empty for a rest on the road
    window_open: datetime | None = None
    window_close: datetime | None = None
    # Which trip of the truck's tour (1, 2, ...): a trip ends with its unload, and the truck
    # sets out again from there with an empty body.
    trip: int = 1

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}")
        if self.trip < 1:
            raise ValueError(f"trip must be >= 1, not {self.trip}")


@dataclass(frozen=True, slots=True)
class Route:
    route_id: str
    vehicle_id: str
    vehicle_type: str
    capacity_kg: float
    events: tuple[Event, ...]

    @property
    def site_ids(self) -> tuple[str, ...]:
        return tuple(e.site_id for e in self.events if e.kind == "pickup")

    @property
    def n_trips(self) -> int:
        return max((e.trip for e in self.events), default=1)

    @property
    def unloads(self) -> tuple[Event, ...]:
        """Every unload, one per trip, the last one before `end`."""
        return tuple(e for e in self.events if e.kind == "unload")

    def trip_site_ids(self, trip: int) -> tuple[str, ...]:
        return tuple(e.site_id for e in self.events if e.kind == "pickup" and e.trip == trip)

    @property
    def distance_m(self) -> int:
        return sum(e.leg_m for e in self.events)

    @property
    def start(self) -> datetime:
        return self.events[0].departure

    @property
    def end(self) -> datetime:
        return self.events[-1].arrival


@dataclass(frozen=True, slots=True)
class Unserved:
    site_id: str
    reason: str
    # The prize lost: the site's expected contribution (magnets + by-products - purchase, at
    # least 0), what the search weighed against the cost of serving it.
    expected_value_inr: float
    # From trying to insert it (domain/explanation.py): the binding rule, the cheapest way to
    # serve it and the value from which it would be served (None: not at any value alone).
    binding: str = ""
    marginal_cost_inr: float | None = None
    break_even_value_inr: float | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    routes: tuple[Route, ...]
    unserved: tuple[Unserved, ...]
    status: str  # e.g. "feasible", "optimal-not-proven", "no-sites"
    runtime_s: float
    objective_inr: float | None = None  # the solver's own objective, for reference only
    solver: str = "ortools"
    seed: int = 0
    notes: tuple[str, ...] = field(default=())
    line_haul: tuple[LineHaulShipment, ...] = field(default=())  # from consolidation hubs

    @property
    def served_site_ids(self) -> tuple[str, ...]:
        return tuple(s for r in self.routes for s in r.site_ids)
