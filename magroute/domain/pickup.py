"""Pickups as the hub sees them: what the plan promised (the ledger) and what was weighed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

RECEIPT_STATUSES = ("ok", "short", "over", "missing", "unexpected")
RECEIVED_STATUSES = ("ok", "short", "over")  # the pickups the hub weighed in


@dataclass(frozen=True, slots=True)
class PlannedPickup:
    """One row of pickups.csv: a pickup the plan expects, by its pickup ID."""

    pickup_id: str
    route_id: str
    vehicle_id: str
    site_id: str
    site_name: str
    planned_date: date
    expected_kg: float  # gross scrap weight
    expected_magnet_kg: float
    # The route's trip that brings it in (1, 2, ...): each trip ends with its own unload and
    # weighbridge slip at the hub. A ledger written before trips existed has one trip a route.
    trip: int = 1
    site_type: str = ""  # as pickups.csv gives it (older ledgers have none)
    # For the material passport: where the lot comes from and what it should hold.
    pincode: str = ""
    city: str = ""
    state: str = ""
    expected_items: tuple[tuple[str, int], ...] = ()
    expected_value_inr: float = 0.0  # the magnets' expected value
    # What the seller is paid: the consignment's invoice value, what the e-way bill goes by
    # (0 in a ledger written before purchase prices).
    expected_purchase_inr: float = 0.0
    magnet_kg_by_type: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        if not self.pickup_id:
            raise ValueError("a planned pickup needs a pickup_id")
        if self.expected_kg < 0 or self.expected_magnet_kg < 0:
            raise ValueError(f"pickup {self.pickup_id}: negative expected weight")
        if self.trip < 1:
            raise ValueError(f"pickup {self.pickup_id}: trip must be >= 1, not {self.trip}")


@dataclass(frozen=True, slots=True)
class WeighIn:
    """One weighbridge record at the hub: the gross weight received for a pickup ID."""

    pickup_id: str
    received_kg: float
    row: int  # where it is in the weighbridge file, for people to find it
    vehicle_id: str = ""
    weighed_at: str = ""
    note: str = ""
    # The hub's sorting report, where it has one: magnet kg by type sorted out of the lot.
    sorted_magnet_kg: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        if self.received_kg < 0:
            raise ValueError(f"pickup {self.pickup_id}: negative received weight")
