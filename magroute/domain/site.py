"""A collection site: a scrap yard, e-waste dismantler, motor-rewinding shop or EV service centre."""

from __future__ import annotations

from dataclasses import dataclass

from magroute.domain.hours import WeeklyHours

SITE_TYPES = ("informal_ewaste", "ewaste_dismantler", "scrap_yard", "motor_rewinding", "ev_service")

# India's extent (mainland and islands) with a small margin; a cheap first test of coordinates.
INDIA_LAT = (6.0, 37.5)
INDIA_LON = (68.0, 97.6)


def check_lat_lon(lat: float, lon: float, what: str) -> None:
    if not (INDIA_LAT[0] <= lat <= INDIA_LAT[1] and INDIA_LON[0] <= lon <= INDIA_LON[1]):
        raise ValueError(
            f"{what}: ({lat}, {lon}) is outside India "
            f"(lat {INDIA_LAT[0]}..{INDIA_LAT[1]}, lon {INDIA_LON[0]}..{INDIA_LON[1]})"
        )


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

    def __post_init__(self) -> None:
        if not self.site_id:
            raise ValueError("site needs an id")
        if self.site_type not in SITE_TYPES:
            raise ValueError(f"site {self.site_id}: unknown site_type {self.site_type!r}")
        check_lat_lon(self.lat, self.lon, f"site {self.site_id}")
        if self.gross_weight_kg < 0:
            raise ValueError(f"site {self.site_id}: negative gross weight {self.gross_weight_kg}")
        for item, count in self.inventory:
            if count < 0:
                raise ValueError(f"site {self.site_id}: negative count {count} of {item}")

    @property
    def items(self) -> dict[str, int]:
        return dict(self.inventory)
