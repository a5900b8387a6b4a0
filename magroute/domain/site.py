"""A collection site: a scrap yard, e-waste dismantler, motor-rewinding shop or EV service centre."""

from __future__ import annotations

import math
from dataclasses import dataclass

from magroute.domain.fleet import VEHICLE_CLASSES
from magroute.domain.hours import WeeklyHours

SITE_TYPES = ("informal_ewaste", "ewaste_dismantler", "scrap_yard", "motor_rewinding", "ev_service")

# India's extent (mainland and islands) with a small margin: the readers' first, cheap test of
# coordinates before India's outline (inputs/region.py); a user's own region may lie elsewhere.
INDIA_LAT = (6.0, 37.5)
INDIA_LON = (68.0, 97.6)


def check_lat_lon(lat: float, lon: float, what: str) -> None:
    """Coordinates on the globe (WGS84 degrees); whether they are in the network's region is
    the readers' check."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{what}: ({lat}, {lon}) is not a point in decimal degrees "
                         "(lat -90..90, lon -180..180)")


@dataclass(frozen=True, slots=True)
class Site:
    """What a site holds (item counts by category) and when it can be visited."""

    site_id: str
    name: str
    site_type: str
    lat: float
    lon: float
    hours: WeeklyHours
    inventory: tuple[tuple[str, int], ...]  # (item_id, count), only non-zero counts
    gross_weight_kg: float
    pincode: str = ""
    city: str = ""
    state: str = ""
    must_collect: bool = False
    contact: str = ""
    # The largest vehicle class its lanes and gate admit ("": the default of its site type,
    # scenario [access]).
    max_vehicle_class: str = ""

    def __post_init__(self) -> None:
        if not self.site_id:
            raise ValueError("site needs an id")
        if self.site_type not in SITE_TYPES:
            raise ValueError(f"site {self.site_id}: unknown site_type {self.site_type!r}")
        check_lat_lon(self.lat, self.lon, f"site {self.site_id}")
        if not math.isfinite(self.gross_weight_kg):
            raise ValueError(f"site {self.site_id}: gross weight {self.gross_weight_kg} is not "
                             "a finite number")
        if self.gross_weight_kg < 0:
            raise ValueError(f"site {self.site_id}: negative gross weight {self.gross_weight_kg}")
        if self.max_vehicle_class and self.max_vehicle_class not in VEHICLE_CLASSES:
            raise ValueError(f"site {self.site_id}: unknown vehicle class "
                             f"{self.max_vehicle_class!r}")
        for item, count in self.inventory:
            if count < 0:
                raise ValueError(f"site {self.site_id}: negative count {count} of {item}")

    @property
    def items(self) -> dict[str, int]:
        return dict(self.inventory)
