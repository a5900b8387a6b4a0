"""A scenario: which inputs, which horizon, how to measure travel and how long to search."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

# auto = hybrid: PyVRP iterated local search on every core, checked against the full model with
# OR-Tools (docs/engine.md); the ortools-* strategies search with OR-Tools alone.
STRATEGIES = ("auto", "hybrid", "ortools-gls", "ortools-tabu", "ortools-sa")


TRAVEL_SOURCES = ("great_circle", "road_graph")

# Truck speeds by road class of the bundled national-highway network (km/h). The legal limit for
# goods vehicles is 80 on expressways and 60 elsewhere; observed long-haul days of 400-450 km in
# 9 hours of driving put the NH average near 45 (domain.md section 5).
DEFAULT_ROAD_SPEEDS = (("expressway", 60.0), ("nh", 45.0), ("link", 30.0))


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
    default_kmh: float = 40.0  # road classes not in speeds_kmh
    access_circuity: float = 1.3
    access_kmh: float = 25.0
    max_access_km: float = 50.0
    local_estimate_km: float = 100.0
    cache_dir: Path | None = None  # None: $MAGROUTE_CACHE_DIR, else ~/.cache/magroute

    def __post_init__(self) -> None:
        if self.access_circuity < 1:
            raise ValueError("access_circuity must be >= 1")
        if not self.access_kmh > 0 or not self.default_kmh > 0:
            raise ValueError("speeds must be positive")
        if any(not v > 0 for _, v in self.speeds_kmh):
            raise ValueError("speeds must be positive")
        if not self.max_access_km > 0:
            raise ValueError("max_access_km must be positive")
        if self.local_estimate_km < 0:
            raise ValueError("local_estimate_km must be >= 0")


@dataclass(frozen=True, slots=True)
class TravelSettings:
    """How travel is measured: `great_circle`, or `road_graph` (see RoadSettings).

    The great-circle estimate is also the road graph's fallback and local-road estimate.

    Road distance = great-circle x `circuity_short` up to `short_hop_km`, and x `circuity_intercity`
    beyond (continuous at the joint). Driving time fills `speed_bands` like tax brackets: the first
    km of a leg at the first band's speed, and so on, so longer legs are never quicker.
    """

    source: str = "great_circle"
    circuity_short: float = 1.4
    circuity_intercity: float = 1.25
    short_hop_km: float = 50.0
    # (upper bound of the band in road km, speed km/h); the last bound may be inf.
    speed_bands: tuple[tuple[float, float], ...] = (
        (10.0, 20.0),
        (50.0, 30.0),
        (200.0, 40.0),
        (float("inf"), 50.0),
    )
    road: RoadSettings = field(default_factory=RoadSettings)

    def __post_init__(self) -> None:
        if self.source not in TRAVEL_SOURCES:
            raise ValueError(f"unknown travel source {self.source!r}; "
                             f"valid: {', '.join(TRAVEL_SOURCES)}")
        if self.circuity_short < 1 or self.circuity_intercity < 1:
            raise ValueError("circuity factors must be >= 1")
        if self.short_hop_km < 0:
            raise ValueError("short_hop_km must be >= 0")
        if not self.speed_bands:
            raise ValueError("speed_bands must not be empty")
        bounds = [b for b, _ in self.speed_bands]
        if bounds != sorted(bounds) or bounds[-1] != float("inf"):
            raise ValueError("speed_bands must be increasing and end with an unbounded band")
        if any(v <= 0 for _, v in self.speed_bands):
            raise ValueError("speeds must be positive")


@dataclass(frozen=True, slots=True)
class SolveSettings:
    time_limit_s: float = 60.0
    seed: int = 0
    strategy: str = "auto"
    # Reproducible runs: the same seed and limit give the same plan when the time limit does not
    # bind first. solution_limit counts OR-Tools' improving solutions (ortools-* strategies),
    # iteration_limit the hybrid's local-search iterations per worker and phase.
    solution_limit: int | None = None
    iteration_limit: int | None = None
    workers: int | None = None  # parallel search processes; None = every core (at most 8)

    def __post_init__(self) -> None:
        if self.time_limit_s <= 0:
            raise ValueError("time_limit_s must be positive")
        if self.workers is not None and self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {self.strategy!r}; valid: {', '.join(STRATEGIES)}")


@dataclass(frozen=True, slots=True)
class SiteFilter:
    """Which sites of the register this scenario plans for."""

    within_km_of_hub: float | None = None
    states: tuple[str, ...] = ()
    site_types: tuple[str, ...] = ()


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

    every_days: int = 7
    stock_days: int = 7

    def __post_init__(self) -> None:
        if self.every_days < 1 or self.stock_days < 1:
            raise ValueError("every_days and stock_days must be at least 1")

    @property
    def stock_factor(self) -> float:
        """What one visit collects, as a multiple of the register's counts and weight."""
        return self.every_days / self.stock_days


@dataclass(frozen=True, slots=True)
class CollectionTarget:
    """A yearly collection target, in tonnes of NdFeB magnet (all ndfeb_* magnet types)."""

    ndfeb_t_per_year: float
    note: str = ""

    def __post_init__(self) -> None:
        if not self.ndfeb_t_per_year > 0:
            raise ValueError("ndfeb_t_per_year must be positive")


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
    site_filter: SiteFilter = field(default_factory=SiteFilter)
    travel: TravelSettings = field(default_factory=TravelSettings)
    solve: SolveSettings = field(default_factory=SolveSettings)
    consolidation: Consolidation = field(default_factory=Consolidation)
    prices: PriceShock = field(default_factory=PriceShock)
    visits: VisitFrequency = field(default_factory=VisitFrequency)
    target: CollectionTarget | None = None
    # Trips per truck in one plan, for every truck (caps the fleet file's max_trips): 1 plans
    # one tour per truck, as before trips existed. None: the fleet file decides.
    max_trips: int | None = None
