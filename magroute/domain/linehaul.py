"""Consolidation hubs and the line-haul that takes their scrap to the plant.

Trucks based at a consolidation hub unload there instead of driving to the plant; the scrap
then goes on to the plant by full-truck-load line-haul, leaving on set weekdays at a price per
trip (a documented market rate). The search charges each kg its share of a full truck
(cost per trip / payload); the plan reports the trips its scrap needs, charged either as whole
trips (`per_trip`: everything leaves on the next departure, however full) or as its share of
full trucks (`pro_rata`: the yard holds scrap until a truck is full, the steady state).

A part-load (PTL, less-than-truckload) carrier may be offered too: INR per kg with a minimum
charge per consignment. Each shipment then goes the cheaper way, and the search charges each kg
the cheaper of the full truck's share and the part-load rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from magroute.domain.hours import format_clock, format_days
from magroute.formatting import grouped

CHARGES = ("per_trip", "pro_rata")
MODES = ("ftl", "ptl")  # full truck, part-load carrier


@dataclass(frozen=True, slots=True)
class LineHaul:
    hub_id: str  # the consolidation hub it leaves from
    days: frozenset[int]  # weekdays it leaves (Mon=0)
    departure_min: int  # local time of departure, minutes after midnight
    payload_kg: float
    cost_inr_per_trip: float  # one full-truck trip to the plant
    road_km: float | None = None  # hub to plant, when the cost was derived from a rate per km
    source: str = ""
    charge: str = "per_trip"
    ptl_inr_per_kg: float | None = None  # a part-load carrier's rate; None: full trucks only
    ptl_min_inr: float = 0.0  # its minimum charge per consignment

    def __post_init__(self) -> None:
        if self.charge not in CHARGES:
            raise ValueError(f"line-haul {self.hub_id}: charge must be one of {', '.join(CHARGES)}")
        if not self.hub_id:
            raise ValueError("a line-haul needs the hub it leaves from")
        if not self.days:
            raise ValueError(f"line-haul {self.hub_id}: no departure days")
        if not self.payload_kg > 0 or self.cost_inr_per_trip < 0:
            raise ValueError(f"line-haul {self.hub_id}: payload must be positive, cost >= 0")
        if (self.ptl_inr_per_kg is not None and self.ptl_inr_per_kg < 0) or self.ptl_min_inr < 0:
            raise ValueError(f"line-haul {self.hub_id}: part-load rate and minimum must be >= 0")

    @property
    def cost_inr_per_kg(self) -> float:
        """What the search charges a kg unloaded at the hub: its share of a full truck, or the
        part-load rate where that is lower."""
        ftl = self.cost_inr_per_trip / self.payload_kg
        return ftl if self.ptl_inr_per_kg is None else min(ftl, self.ptl_inr_per_kg)

    def ftl_cost_inr(self, load_kg: float, trips: int) -> float:
        if self.charge == "pro_rata":
            return round(load_kg * self.cost_inr_per_trip / self.payload_kg, 2)
        return round(trips * self.cost_inr_per_trip, 2)

    def ptl_cost_inr(self, load_kg: float) -> float | None:
        if self.ptl_inr_per_kg is None:
            return None
        return round(max(self.ptl_min_inr, load_kg * self.ptl_inr_per_kg), 2)

    def mode(self, load_kg: float, trips: int) -> str:
        """How a shipment of `load_kg` goes: "ptl" where the part-load carrier is cheaper."""
        ptl = self.ptl_cost_inr(load_kg)
        return "ptl" if ptl is not None and ptl < self.ftl_cost_inr(load_kg, trips) else "ftl"

    def cost_inr(self, load_kg: float, trips: int) -> float:
        if self.mode(load_kg, trips) == "ptl":
            cost = self.ptl_cost_inr(load_kg)
            assert cost is not None
            return cost
        return self.ftl_cost_inr(load_kg, trips)

    def __str__(self) -> str:
        ptl = "" if self.ptl_inr_per_kg is None else (
            f", or part-load at INR {self.ptl_inr_per_kg:g} a kg (at least "
            f"{grouped(self.ptl_min_inr, 0)})")
        return (f"{self.hub_id}: {format_days(self.days)} {format_clock(self.departure_min)}, "
                f"{grouped(self.payload_kg, 0)} kg, INR {grouped(self.cost_inr_per_trip, 0)} per "
                f"trip{ptl}")


@dataclass(frozen=True, slots=True)
class LineHaulShipment:
    """What one hub sends to the plant in the plan: `trips` full-truck trips leaving together,
    or (mode "ptl") one consignment with a part-load carrier (trips 0)."""

    hub_id: str
    to_hub_id: str
    departure: datetime
    load_kg: float
    trips: int
    cost_inr: float
    road_km: float | None
    mode: str = "ftl"

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"shipment from {self.hub_id}: mode must be one of {', '.join(MODES)}")
