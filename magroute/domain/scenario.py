"""A scenario: which inputs, which horizon, how to measure travel and how long to search."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from magroute.domain import limits
from magroute.domain.fleet import VEHICLE_CLASSES
from magroute.domain.limits import Limit
from magroute.domain.site import SITE_TYPES

# auto = hybrid: PyVRP iterated local search on every core, checked against the full model with
# OR-Tools (docs/engine.md); the ortools-* strategies search with OR-Tools alone.
STRATEGIES = ("auto", "hybrid", "ortools-gls", "ortools-tabu", "ortools-sa")


TRAVEL_SOURCES = ("great_circle", "road_graph")

# Truck speeds by road class of the bundled national-highway network (km/h). The legal limit for
# goods vehicles is 80 on expressways and 60 elsewhere; observed long-haul days of 400-450 km in
# 9 hours of driving put the NH average near 45 (domain.md section 5).
DEFAULT_ROAD_SPEEDS = (("expressway", 60.0), ("nh", 45.0), ("link", 30.0))


def setting(default: Any = dataclasses.MISSING, *, minimum: float | None = None, positive: bool = False,
            choices: tuple[str, ...] = (), limit: Limit | None = None) -> Any:
    """A settings field and the values it may take. The scenario file's reader and writer
    (`inputs/scenario_read.py`, `scenario_write.py`) derive each section's keys, types and
    defaults from the fields, and check these bounds with a problem naming the key;
    `check_settings` checks them for objects built in code. `limit` is the value's physical
    range (`domain.limits`), in place of minimum/positive. A new setting is one field here,
    one line in README's scenario example and one test."""
    if limit is not None:
        minimum, positive = limit.low, positive or not limit.low_inclusive
    bounds = {"minimum": minimum, "positive": positive, "choices": choices, "limit": limit}
    return field(default=default, metadata=bounds)


def check_settings(obj: Any) -> None:
    """Raise ValueError for the first field of a settings object outside its `setting` bounds
    (None is always allowed: an unset optional setting)."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if value is None or not f.metadata:
            continue
        low, positive, choices = (f.metadata["minimum"], f.metadata["positive"],
                                  f.metadata["choices"])
        if positive and not value > 0:  # (positive and minimum are for numbers only)
            raise ValueError(f"{f.name} must be positive")
        if low is not None and not value >= low:
            raise ValueError(f"{f.name} must be >= {low:g}")
        limit = f.metadata["limit"]
        if limit is not None and not limit.holds(value):
            raise ValueError(f"{f.name} must be {limit.expected()}, got {value!r}")
        values = value if isinstance(value, tuple) else (value,)
        if choices and any(v not in choices for v in values):
            raise ValueError(f"unknown {f.name} {value!r}; valid: {', '.join(choices)}")


@dataclass(frozen=True, slots=True)
class RoadSettings:
    """The road-graph source: a line network, how sites reach it, and speeds by road class.

    `network` None means the bundled national highways (data/geo). A site reaches its nearest
    network vertex by an access leg of straight line x `access_circuity` at `access_kmh`; a site
    more than `max_access_km` (straight line) from the network is routed by the great-circle
    estimate instead, with a warning. A leg of at most `local_estimate_km` (straight line) takes
    the great-circle estimate where that is shorter than the highway route: the bundled network
    has no state or district roads, which short hops between neighbouring sites use (0: never).
    """

    network: Path | None = None
    class_column: str = "highway"  # for user line files (OpenStreetMap: highway=trunk, ...)
    ref_column: str = "ref"
    speeds_kmh: tuple[tuple[str, float], ...] = DEFAULT_ROAD_SPEEDS
    default_kmh: float = setting(40.0, limit=limits.SPEED_KMH)  # road classes not in speeds_kmh
    access_circuity: float = setting(1.3, limit=limits.CIRCUITY)
    access_kmh: float = setting(25.0, limit=limits.SPEED_KMH)
    max_access_km: float = setting(50.0, positive=True, limit=limits.DISTANCE_KM)
    local_estimate_km: float = setting(100.0, limit=limits.DISTANCE_KM)
    cache_dir: Path | None = None  # None: $MAGROUTE_CACHE_DIR, else ~/.cache/magroute

    def __post_init__(self) -> None:
        check_settings(self)
        if any(not v > 0 for _, v in self.speeds_kmh):
            raise ValueError("speeds must be positive")


@dataclass(frozen=True, slots=True)
class TravelSettings:
    """How travel is measured: `great_circle`, or `road_graph` (see RoadSettings).

    The great-circle estimate is also the road graph's fallback and local-road estimate.

    Road distance = great-circle x `circuity_short` up to `short_hop_km`, and x `circuity_intercity`
    beyond (continuous at the joint). Driving time fills `speed_bands` like tax brackets: the first
    km of a leg at the first band's speed, and so on, so longer legs are never quicker.
    """

    source: str = setting("great_circle", choices=TRAVEL_SOURCES)
    circuity_short: float = setting(1.4, limit=limits.CIRCUITY)
    circuity_intercity: float = setting(1.25, limit=limits.CIRCUITY)
    short_hop_km: float = setting(50.0, limit=limits.DISTANCE_KM)
    # (upper bound of the band in road km, speed km/h); the last bound may be inf.
    speed_bands: tuple[tuple[float, float], ...] = (
        (10.0, 20.0),
        (50.0, 30.0),
        (200.0, 40.0),
        (float("inf"), 50.0),
    )
    road: RoadSettings = field(default_factory=RoadSettings)

    def __post_init__(self) -> None:
        check_settings(self)
        if not self.speed_bands:
            raise ValueError("speed_bands must not be empty")
        bounds = [b for b, _ in self.speed_bands]
        if bounds != sorted(bounds) or bounds[-1] != float("inf"):
            raise ValueError("speed_bands must be increasing and end with an unbounded band")
        if any(v <= 0 for _, v in self.speed_bands):
            raise ValueError("speeds must be positive")


@dataclass(frozen=True, slots=True)
class SolveSettings:
    time_limit_s: float = setting(60.0, limit=limits.TIME_LIMIT_S)
    seed: int = setting(0, limit=limits.SEED)
    strategy: str = setting("auto", choices=STRATEGIES)
    # Reproducible runs: the same seed and limit give the same plan when the time limit does not
    # bind first. solution_limit counts OR-Tools' improving solutions (ortools-* strategies),
    # iteration_limit the hybrid's local-search iterations per worker and phase.
    solution_limit: int | None = setting(None, limit=limits.SEARCH_COUNT)
    iteration_limit: int | None = setting(None, limit=limits.SEARCH_COUNT)
    # parallel search processes; None = every core (at most 8)
    workers: int | None = setting(None, limit=limits.WORKERS)

    def __post_init__(self) -> None:
        check_settings(self)


@dataclass(frozen=True, slots=True)
class SiteFilter:
    """Which sites of the register this scenario plans for."""

    within_km_of_hub: float | None = setting(None, limit=limits.WITHIN_KM_OF_HUB)
    states: tuple[str, ...] = ()
    site_types: tuple[str, ...] = setting((), choices=SITE_TYPES)


@dataclass(frozen=True, slots=True)
class RegionSettings:
    """Where sites, hubs and ban zones may lie: the polygons of `outline` (a GeoJSON or
    GeoPackage of the user's own network area; None: India's bundled state outlines), grown by
    `buffer_km` so that a yard on the shore or at a border crossing still counts."""

    outline: Path | None = None
    buffer_km: float = setting(10.0, limit=limits.REGION_BUFFER_KM)

    def __post_init__(self) -> None:
        check_settings(self)


@dataclass(frozen=True, slots=True)
class LineHaulSettings:
    """A scenario's line-haul from a consolidation hub to the plant: its schedule and rate.

    The cost of a trip is `cost_inr_per_trip`, or `rate_inr_per_km` x the road distance from the
    hub to the plant by the scenario's travel source.
    """

    hub_id: str
    days: str  # "Sat", "Mon,Thu", "daily"
    payload_kg: float
    departure: str = "18:00"
    rate_inr_per_km: float | None = None
    cost_inr_per_trip: float | None = None
    source: str = ""
    charge: str = "per_trip"  # or "pro_rata" (see domain/linehaul.py)
    ptl_inr_per_kg: float | None = None  # a part-load carrier to the plant, INR a kg
    ptl_min_inr: float = 0.0  # its minimum charge per consignment


@dataclass(frozen=True, slots=True)
class Consolidation:
    """Regional hubs whose trucks unload there, and the line-haul from each to the plant."""

    line_hauls: tuple[LineHaulSettings, ...] = ()
    compare_with: Path | None = None  # a baseline scenario the summary is compared with


@dataclass(frozen=True, slots=True)
class PriceShock:
    """Multipliers on the value per kg of magnet types of the yields file (expected, low and
    high alike), e.g. ex-China prices after an export control. Types not named keep their value.
    """

    factors: tuple[tuple[str, float], ...] = ()  # (magnet_type, factor > 0)
    note: str = ""

    def __post_init__(self) -> None:
        for magnet_type, factor in self.factors:
            if not factor > 0:
                raise ValueError(f"price factor of {magnet_type} must be positive, got {factor}")

    def factor(self, magnet_type: str) -> float:
        return dict(self.factors).get(magnet_type, 1.0)


@dataclass(frozen=True, slots=True)
class VisitFrequency:
    """How often each site is visited, against how long its register entry took to accumulate.

    The counts and gross weight of sites.csv are what a site holds after `stock_days` (the
    register is a weekly snapshot); a visit every `every_days` days finds every_days /
    stock_days times that. One plan covers one visit cycle.
    """

    every_days: int = setting(7, limit=limits.VISIT_DAYS)
    stock_days: int = setting(7, limit=limits.VISIT_DAYS)

    def __post_init__(self) -> None:
        check_settings(self)

    @property
    def stock_factor(self) -> float:
        """What one visit collects, as a multiple of the register's counts and weight."""
        return self.every_days / self.stock_days


@dataclass(frozen=True, slots=True)
class CollectionTarget:
    """A yearly collection target, in tonnes of NdFeB magnet (all ndfeb_* magnet types)."""

    ndfeb_t_per_year: float = setting(limit=limits.TARGET_T_PER_YEAR)
    note: str = ""

    def __post_init__(self) -> None:
        check_settings(self)


@dataclass(frozen=True, slots=True)
class AccessSettings:
    """The largest vehicle class that reaches a site of each type, where sites.csv's
    `max_vehicle_class` is blank. Informal e-waste clusters (Seelampur, Mustafabad, Mandoli,
    Dharavi) sit in lanes that only handcarts, e-rickshaw loaders and Tata Ace-class vehicles
    enter (data/README.md); the other types take any truck unless sites.csv says otherwise."""

    informal_ewaste: str = setting("scv", choices=VEHICLE_CLASSES)
    ewaste_dismantler: str = setting("hcv", choices=VEHICLE_CLASSES)
    scrap_yard: str = setting("hcv", choices=VEHICLE_CLASSES)
    motor_rewinding: str = setting("hcv", choices=VEHICLE_CLASSES)
    ev_service: str = setting("hcv", choices=VEHICLE_CLASSES)

    def __post_init__(self) -> None:
        check_settings(self)

    def by_site_type(self) -> tuple[tuple[str, str], ...]:
        return tuple((t, getattr(self, t)) for t in SITE_TYPES)


SUPPLY_RISKS = ("expected", "p10")


@dataclass(frozen=True, slots=True)
class SupplySettings:
    """Learnt supply: each site's prize from its recorded visits (docs/supply.md).

    `history` is the run history database that `magroute receive` records visits in; each
    visited site's expected value is multiplied by its learnt reliability x kg ratio (their
    means, or with risk = "p10" their cautious 10th percentiles). `estimates` is a file of such
    estimates (what a plan folder keeps, so it checks on its own). Without either, or for a
    site never visited, the plan values what the site declares.
    """

    history: Path | None = None
    estimates: Path | None = None
    risk: str = setting("expected", choices=SUPPLY_RISKS)
    prior_visits: float = setting(2.0, limit=limits.PRIOR_VISITS)  # the site type's weight in visits

    def __post_init__(self) -> None:
        check_settings(self)

    @property
    def learns(self) -> bool:
        return self.history is not None or self.estimates is not None


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    path: Path  # the scenario file; input paths are absolute after loading
    sites_path: Path
    fleet_path: Path
    yields_path: Path
    hubs_path: Path
    hub_id: str
    start_date: date
    horizon_days: int
    max_tour_days: int
    shift_start: str
    shift_end: str
    service_minutes_by_site_type: tuple[tuple[str, float], ...]
    service_minutes_per_tonne: float
    description: str = ""
    bans_path: Path | None = None  # truck-entry bans (truck_bans.csv); None: no bans
    entry_charges_path: Path | None = None  # city entry charges (entry_charges.csv); None: none
    site_filter: SiteFilter = field(default_factory=SiteFilter)
    travel: TravelSettings = field(default_factory=TravelSettings)
    solve: SolveSettings = field(default_factory=SolveSettings)
    consolidation: Consolidation = field(default_factory=Consolidation)
    prices: PriceShock = field(default_factory=PriceShock)
    visits: VisitFrequency = field(default_factory=VisitFrequency)
    target: CollectionTarget | None = None
    supply: SupplySettings = field(default_factory=SupplySettings)
    region: RegionSettings = field(default_factory=RegionSettings)
    access: AccessSettings = field(default_factory=AccessSettings)
    # Trips per truck in one plan, for every truck (caps the fleet file's max_trips): 1 plans
    # one tour per truck, as before trips existed. None: the fleet file decides.
    max_trips: int | None = None
